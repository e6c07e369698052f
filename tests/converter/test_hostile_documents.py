"""Hostile uploads (issue 16): each is refused quickly with a sentence, and the reading happens in a limited
child process whatever the file does. The files are built in memory here: nothing big is committed."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from skillsnet.converter import documents, sandbox
from skillsnet.converter.documents import DocumentError

from . import files

BASE = "/career-converter"
CV = "Brewery operator: ran fermenters and CIP to HACCP for five years"
TOO_COMPLEX = "is too complex to read — paste the text instead"


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    return {
        "paragraphs.docx": files.paragraphs_docx(24),
        "lying.docx": files.lying_docx(1024, declared=1000),
        "heavy.pdf": files.heavy_pdf(5),
    }


def test_the_hostile_files_are_what_the_issue_describes(hostile):
    import io
    import zipfile

    assert len(hostile["paragraphs.docx"]) < 100_000
    with zipfile.ZipFile(io.BytesIO(hostile["paragraphs.docx"])) as archive:
        assert archive.getinfo("word/document.xml").file_size > 24 * 1024 * 1024
    assert len(hostile["lying.docx"]) < 1_200_000
    with zipfile.ZipFile(io.BytesIO(hostile["lying.docx"])) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000  # the lie
    assert len(hostile["heavy.pdf"]) < 12_000


@pytest.mark.parametrize("name", ["paragraphs.docx", "lying.docx", "heavy.pdf"])
def test_each_hostile_file_is_refused_in_process_within_the_limits(hostile, name):
    started = time.monotonic()
    with pytest.raises(DocumentError, match=TOO_COMPLEX):
        documents.read_document(data=hostile[name], filename=name)
    # Well under a second on an idle machine; the bound is the issue's 15 s, so a busy CI box cannot flake it.
    assert time.monotonic() - started < 15


def test_a_docx_member_is_inflated_only_as_far_as_the_cap_whatever_its_header_says(monkeypatch):
    # 64 MB really inside, 1000 bytes declared: reading stops at the cap, having produced no more than it.
    produced = []
    real_inflate = documents._inflate

    def counting(data, member, name):
        for chunk in real_inflate(data, member, name):
            produced.append(len(chunk))
            yield chunk

    monkeypatch.setattr(documents, "_inflate", counting)
    with pytest.raises(DocumentError, match=TOO_COMPLEX):
        documents.read_document(data=files.lying_docx(64, declared=1000), filename="cv.docx")
    assert sum(produced) <= documents.DOCX_MAX_XML_BYTES
    assert max(produced) <= documents.CHUNK


def test_a_docx_with_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "DOCX_MAX_ELEMENTS", 50)
    with pytest.raises(DocumentError, match=TOO_COMPLEX):
        documents.read_document(data=files.docx([CV] * 30), filename="cv.docx")


def test_docx_text_stops_at_the_character_budget(monkeypatch):
    monkeypatch.setattr(documents, "MAX_CHARS", 200)
    document = documents.read_document(data=files.docx([CV] * 50), filename="cv.docx")
    assert document.truncated
    assert len(document.text) == 200


def test_a_docx_reads_paragraphs_and_table_rows_in_order():
    data = files.docx([CV, "Team leader"], table=[["Skill", "Years"], ["PCR", "3"]])
    text = documents.read_document(data=data, filename="cv.docx").text
    assert text.splitlines() == [CV, "Team leader", "Skill  Years", "PCR  3"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.pdf", files.text_pdf([CV, "Team leader on nights"])),
        ("cv.docx", files.docx([CV], table=[["PCR", "3"]])),
        ("cv.txt", CV.encode()),
    ],
)
def test_the_sandbox_gives_the_same_answer_as_reading_in_process(name, data):
    assert sandbox.read_document(data=data, filename=name) == documents.read_document(data=data, filename=name)


def test_the_sandbox_passes_refusals_on():
    with pytest.raises(DocumentError, match="is not a PDF"):
        sandbox.read_document(data=b"just text", filename="cv.pdf")


@pytest.mark.parametrize("name", ["paragraphs.docx", "lying.docx", "heavy.pdf"])
def test_each_hostile_file_is_refused_by_the_sandbox_in_under_15_seconds(hostile, name):
    started = time.monotonic()
    with pytest.raises(DocumentError, match=TOO_COMPLEX):
        sandbox.read_document(data=hostile[name], filename=name)
    assert time.monotonic() - started < 15


def test_the_wall_clock_limit_kills_a_slow_child(settings, monkeypatch):
    # A child that never answers stands for a parser stuck in a loop.
    monkeypatch.setattr(sandbox, "COMMAND", [sys.executable, "-c", "import time; time.sleep(60)"])
    settings.SKILLSNET_DOCUMENT_SECONDS = 0.5
    started = time.monotonic()
    with pytest.raises(DocumentError, match=TOO_COMPLEX):
        sandbox.read_document(data=files.docx([CV]), filename="cv.docx")
    assert time.monotonic() - started < 5


def test_a_child_that_dies_gives_a_sentence(monkeypatch):
    monkeypatch.setattr(sandbox, "COMMAND", [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), 9)"])
    with pytest.raises(DocumentError, match=TOO_COMPLEX):
        sandbox.read_document(data=files.docx([CV]), filename="cv.docx")


def test_the_memory_cap_stops_a_child_that_allocates_too_much(settings):
    # 24 MB of address space is far below what the parsers need to read the file: the child fails inside.
    settings.SKILLSNET_DOCUMENT_MEMORY_MB = 24
    with pytest.raises(DocumentError, match=r"too complex|damaged"):
        sandbox.read_document(data=files.text_pdf([CV] * 20), filename="cv.pdf")


def test_the_child_runs_with_the_limits_set():
    import json
    import subprocess

    script = (
        "import resource, sys; from skillsnet.converter import sandbox; sandbox._set_limits(300, 4); "
        "print(resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_CPU)[0], "
        "resource.getrlimit(resource.RLIMIT_FSIZE)[0])"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    memory, cpu, fsize = (json.loads(v) for v in out)
    assert memory == 300 * 1024 * 1024
    assert 4 <= cpu <= 10
    assert fsize == 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["paragraphs.docx", "lying.docx", "heavy.pdf"])
def test_hostile_uploads_get_a_form_error_not_a_500(client, catalogue, hostile, name):
    started = time.monotonic()
    response = client.post(f"{BASE}/from/cv/", {"file": SimpleUploadedFile(name, hostile[name])})
    elapsed = time.monotonic() - started
    assert response.status_code == 422
    assert TOO_COMPLEX in response.content.decode()
    assert elapsed < 15


def test_four_hostile_files_at_once_are_each_refused_in_under_15_seconds(hostile):
    def one(name: str) -> tuple[str, float]:
        started = time.monotonic()
        try:
            sandbox.read_document(data=hostile[name], filename=name)
        except DocumentError as exc:
            return str(exc), time.monotonic() - started
        return "accepted", time.monotonic() - started

    names = ["paragraphs.docx", "lying.docx", "heavy.pdf", "paragraphs.docx"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, names))
    for message, elapsed in results:
        assert TOO_COMPLEX in message
        assert elapsed < 15
