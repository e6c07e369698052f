"""Reading uploaded CVs: good files give text; every bad file gives a sentence, never an exception."""

from __future__ import annotations

import re

import pytest

from skillsnet.converter import documents
from skillsnet.converter.documents import DocumentError, read_document

from . import files

CV = "Brewery operator: ran fermenters and CIP to HACCP for five years"


def test_it_reads_a_text_pdf():
    document = read_document(data=files.text_pdf([CV, "Team leader on nights"]), filename="cv.pdf")
    assert document.kind == "pdf"
    assert "fermenters" in document.text
    assert "Team leader" in document.text
    assert not document.truncated


def test_it_reads_a_docx_with_its_tables():
    data = files.docx([CV], table=[["Skill", "Years"], ["PCR", "3"]])
    document = read_document(data=data, filename="My CV.DOCX")
    assert document.kind == "docx"
    assert "fermenters" in document.text
    assert "PCR" in document.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_it_reads_plain_text_in_common_encodings(encoding):
    document = read_document(data=f"{CV} — café".encode(encoding), filename="cv.txt")
    assert document.text.strip().endswith("café")


def test_it_opens_a_pdf_locked_only_against_copying():
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(files.text_pdf([CV]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    assert "fermenters" in read_document(data=out.getvalue(), filename="cv.pdf").text


def test_long_text_is_cut_and_says_so(monkeypatch):
    monkeypatch.setattr(documents, "MAX_CHARS", 50)
    document = read_document(data=(CV * 10).encode(), filename="cv.txt")
    assert len(document.text) == 50
    assert document.truncated


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "cv.pdf", "is empty"),
        (b"x" * (documents.MAX_BYTES + 1), "cv.txt", "larger than 5 MB"),
        (b"hello", "cv.exe", "must be a PDF, a Word document"),
        (b"hello", "cv", "must be a PDF, a Word document"),
        (b"just some text", "cv.pdf", "is not a PDF"),
        (b"%PDF-1.4\n%garbage that is not a pdf at all", "cv.pdf", "could not be read as a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "cv.pdf", "is not a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "cv.txt", "is not a plain text file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "cv.docx", "password-protected or in the old"),
        (b"PK\x03\x04 this is no zip", "cv.docx", "is not a Word (.docx) document"),
        (b"%PDF-1.4 pretending", "cv.docx", "is not a Word (.docx) document"),
        (b"   \n\t  ", "cv.txt", "has no text we can read"),
        (b"\xff\xfe\x00\xd8", "cv.txt", "not a plain text file we can read"),
    ],
)
def test_bad_files_get_a_clear_message(data, filename, message):
    with pytest.raises(DocumentError, match=re.escape(message)):
        read_document(data=data, filename=filename)


def test_a_pdf_that_is_a_docx_by_name_is_refused():
    with pytest.raises(DocumentError, match="not a Word"):
        read_document(data=files.text_pdf([CV]), filename="cv.docx")


def test_a_docx_renamed_to_pdf_is_refused():
    with pytest.raises(DocumentError, match="is not a PDF"):
        read_document(data=files.docx([CV]), filename="cv.pdf")


def test_a_password_protected_pdf_is_refused():
    with pytest.raises(DocumentError, match="protected with a password"):
        read_document(data=files.encrypted_pdf(CV), filename="cv.pdf")


def test_an_image_only_pdf_is_refused():
    with pytest.raises(DocumentError, match="scan or a picture"):
        read_document(data=files.blank_pdf(), filename="scan.pdf")


def test_a_pdf_with_too_many_pages_is_refused():
    with pytest.raises(DocumentError, match="31 pages"):
        read_document(data=files.blank_pdf(pages=31), filename="book.pdf")


def test_a_truncated_pdf_is_refused_as_damaged():
    data = files.text_pdf([CV])
    with pytest.raises(DocumentError, match=r"damaged|no text"):
        read_document(data=data[: len(data) // 3], filename="cv.pdf")


def test_a_docx_zip_bomb_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(documents, "DOCX_MAX_UNCOMPRESSED", 1_000_000)
    data = files.zip_bomb_docx(2_000_000)
    assert len(data) < 20_000  # small on the wire
    with pytest.raises(DocumentError, match="too large once opened"):
        read_document(data=data, filename="cv.docx")


def test_a_docx_with_too_many_parts_is_refused():
    with pytest.raises(DocumentError, match="too many parts"):
        read_document(data=files.many_members_docx(documents.DOCX_MAX_MEMBERS + 1), filename="cv.docx")


def test_a_broken_docx_is_refused_as_damaged():
    with pytest.raises(DocumentError, match="damaged"):
        read_document(data=files.zip_bomb_docx(10), filename="cv.docx")


def test_a_slow_pdf_is_stopped(monkeypatch):
    monkeypatch.setattr(documents, "MAX_SECONDS", -1.0)
    with pytest.raises(DocumentError, match="too long"):
        read_document(data=files.text_pdf([CV, CV]), filename="cv.pdf")


def test_the_message_names_the_file_without_its_path():
    with pytest.raises(DocumentError) as caught:
        read_document(data=b"", filename="C:/Users/sam/secret folder/cv.pdf")
    assert str(caught.value) == "cv.pdf is empty."
