"""Shape checks for the second labellings (tests/eval/agreement/) and the adviser's job labels of the CV
paragraphs (tests/eval/cvs/jobs.yaml). They check only that the files are well formed and refer to real
items; they never run the Converter."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
import yaml

from .metrics import split_of

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "eval"


def load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path.name} must be a list"
    return data


@pytest.fixture(scope="module")
def role_slugs() -> set[str]:
    return {r["slug"] for r in load(ROOT / "data" / "roles.yaml")}


@pytest.fixture(scope="module")
def skill_slugs() -> set[str]:
    return {s["slug"] for s in load(ROOT / "data" / "skills.yaml")}


def test_the_second_labelling_of_jobs_is_well_formed(role_slugs: set[str]) -> None:
    first = {job["esco_uri"]: job for job in load(EVAL / "converter" / "jobs.yaml")}
    second = load(EVAL / "agreement" / "jobs_second.yaml")
    assert len(second) >= 100
    assert len({item["esco_uri"] for item in second}) == len(second)
    for item in second:
        uri = item["esco_uri"]
        assert uri in first, uri
        assert item["title"] == first[uri]["title"], uri
        top3, plausible, wrong = item["top3"], item["plausible"], item["wrong"]
        assert len(top3) == len(set(top3)) == 3, uri
        assert set(top3) <= set(plausible), uri
        assert not set(plausible) & set(wrong), uri
        assert set(plausible) | set(wrong) <= role_slugs, uri
        assert str(item.get("rationale") or "").strip(), uri


@pytest.mark.parametrize("name", ["cv_second.yaml", "cv_second_b.yaml", "cv_third.yaml"])
def test_the_second_labelling_of_cv_paragraphs_is_well_formed(name: str, skill_slugs: set[str]) -> None:
    first = {p["id"] for p in load(EVAL / "cvs" / "paragraphs.yaml")}
    second = load(EVAL / "agreement" / name)
    assert len(second) >= 60
    assert len({item["id"] for item in second}) == len(second)
    for item in second:
        assert item["id"] in first, item["id"]
        accepted = [s["skill"] for s in item.get("skills") or []]
        assert len(accepted) == len(set(accepted)), item["id"]
        assert all(s["level"] in (1, 2, 3, 4) for s in item.get("skills") or []), item["id"]
        assert set(accepted) | {w["skill"] for w in item.get("wrong") or []} <= skill_slugs, item["id"]
        assert not set(accepted) & {w["skill"] for w in item.get("wrong") or []}, item["id"]


def test_the_two_second_labellings_share_no_paragraph_and_cover_the_test_part() -> None:
    a, b = ({item["id"] for item in load(EVAL / "agreement" / name)} for name in ("cv_second.yaml", "cv_second_b.yaml"))
    assert not a & b
    test_ids = {p["id"] for p in load(EVAL / "cvs" / "paragraphs.yaml") if split_of(p["id"]) == "test"}
    assert test_ids <= a | b
    assert all(split_of(i) == "test" for i in b)


def test_the_third_labelling_covers_exactly_the_test_part() -> None:
    third = [item["id"] for item in load(EVAL / "agreement" / "cv_third.yaml")]
    test_ids = {p["id"] for p in load(EVAL / "cvs" / "paragraphs.yaml") if split_of(p["id"]) == "test"}
    assert len(third) == len(set(third))
    assert set(third) == test_ids


def test_every_cv_paragraph_has_an_advisers_job_label() -> None:
    texts = {
        p["id"]: p["text"] for name in ("paragraphs.yaml", "paragraphs_dev2.yaml") for p in load(EVAL / "cvs" / name)
    }
    labels = load(EVAL / "cvs" / "jobs.yaml")
    assert sorted(item["id"] for item in labels) == sorted(texts)
    esco = ROOT / "data" / "esco" / "occupations_en.csv.gz"
    with gzip.open(esco, "rt", encoding="utf-8") as f:
        occupations = {row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(f)}
    for item in labels:
        assert item["title"] in texts[item["id"]], item["id"]  # the title as the text writes it
        assert bool(item["title"]) == bool(item["expected"]), item["id"]
        assert len(item["expected"]) <= 3, item["id"]
        assert [occupations.get(uri) for uri in item["expected"]] == item["labels"], item["id"]
