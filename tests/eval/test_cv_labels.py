"""Shape checks for the labelled CV evaluation sets (tests/eval/cvs/paragraphs.yaml and the dev-only
paragraphs_devN.yaml sets).

These check only that the labels are well formed; they never run the CV reader.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from tests.eval.cv_dev import WHOLE_DEV_SETS

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPHS = ROOT / "tests" / "eval" / "cvs" / "paragraphs.yaml"
SKILLS = ROOT / "data" / "skills.yaml"


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    data = yaml.safe_load(PARAGRAPHS.read_text(encoding="utf-8"))
    assert isinstance(data, list), "paragraphs.yaml must be a list of entries"
    return data


@pytest.fixture(scope="module")
def slugs() -> set[str]:
    return {s["slug"] for s in yaml.safe_load(SKILLS.read_text(encoding="utf-8"))}


def test_enough_paragraphs_and_sectors(entries: list[dict]) -> None:
    assert len(entries) >= 150
    assert len({e["sector"] for e in entries}) >= 30


def test_ids_unique_and_fields_present(entries: list[dict]) -> None:
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for e in entries:
        assert set(e) <= {"id", "sector", "text", "skills", "wrong"}, e["id"]
        assert "split" not in e, f"{e['id']}: the harness assigns the split"
        assert isinstance(e["text"], str), e["id"]
        assert e["text"].strip(), e["id"]
        assert isinstance(e.get("skills") or [], list), e["id"]
        assert isinstance(e.get("wrong") or [], list), e["id"]


def test_slugs_exist_and_levels_in_range(entries: list[dict], slugs: set[str]) -> None:
    for e in entries:
        accepted = [s["skill"] for s in e.get("skills") or []]
        assert len(accepted) == len(set(accepted)), f"{e['id']}: skill listed twice"
        for s in e.get("skills") or []:
            assert s["skill"] in slugs, f"{e['id']}: unknown slug {s['skill']}"
            assert s["level"] in (1, 2, 3, 4), f"{e['id']}: level {s['level']}"
            assert str(s.get("why") or "").strip(), f"{e['id']}: {s['skill']} has no why"
        for w in e.get("wrong") or []:
            assert w["skill"] in slugs, f"{e['id']}: unknown slug {w['skill']}"
            assert w["skill"] not in accepted, f"{e['id']}: {w['skill']} both accepted and wrong"
            assert str(w.get("why") or "").strip(), f"{e['id']}: {w['skill']} has no why"


# The further, dev-only sets (every tests/eval/cvs/paragraphs_devN.yaml, as `cv_dev` lists them; each written by
# another labeller after or during a tuning round): the same shape checks, plus each set's own id prefix (cvN), no text
# shared with another set, and the check that every `why` quotes the paragraph.
DEV_SETS = {f"cv{name.removeprefix('dev')}": file for name, file in WHOLE_DEV_SETS.items()}


def test_every_further_set_is_checked() -> None:
    assert "cv2" in DEV_SETS, "the further sets are read from tests/eval/cvs"
    assert len(DEV_SETS) >= 32


@cache
def _load(name: str) -> list[dict]:
    """One set's entries, read once per test run (the checks only read them)."""
    data = yaml.safe_load((ROOT / "tests" / "eval" / "cvs" / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must be a list of entries"
    return data


@pytest.fixture(scope="module", params=sorted(DEV_SETS))
def dev_set(request: pytest.FixtureRequest) -> tuple[str, list[dict]]:
    return request.param, _load(DEV_SETS[request.param])


@pytest.fixture(scope="module")
def dev2_entries(dev_set: tuple[str, list[dict]]) -> list[dict]:
    return dev_set[1]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_dev2_enough_paragraphs_and_sectors(dev2_entries: list[dict]) -> None:
    assert len(dev2_entries) >= 120
    assert len({e["sector"] for e in dev2_entries}) >= 35


def test_dev2_ids_unique_prefixed_and_apart_from_the_first_set(
    dev_set: tuple[str, list[dict]], entries: list[dict]
) -> None:
    prefix, dev2_entries = dev_set
    ids = [e["id"] for e in dev2_entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(re.fullmatch(rf"{prefix}-\d{{3}}", i) for i in ids), f"ids are {prefix}-NNN"
    others = [e for name in DEV_SETS.values() if name != DEV_SETS[prefix] for e in _load(name)] + entries
    assert not set(ids) & {e["id"] for e in others}
    first_texts = {_normalise(e["text"]) for e in others}
    for e in dev2_entries:
        assert set(e) <= {"id", "sector", "text", "skills", "wrong"}, e["id"]
        assert isinstance(e["text"], str), e["id"]
        assert e["text"].strip(), e["id"]
        assert _normalise(e["text"]) not in first_texts, f"{e['id']}: copied from another set"
        assert isinstance(e.get("skills") or [], list), e["id"]
        assert isinstance(e.get("wrong") or [], list), e["id"]


def test_dev2_slugs_levels_and_quotes(dev2_entries: list[dict], slugs: set[str]) -> None:
    for e in dev2_entries:
        text = _normalise(e["text"])
        accepted = [s["skill"] for s in e.get("skills") or []]
        assert len(accepted) == len(set(accepted)), f"{e['id']}: skill listed twice"
        for s in e.get("skills") or []:
            assert s["skill"] in slugs, f"{e['id']}: unknown slug {s['skill']}"
            assert s["level"] in (1, 2, 3, 4), f"{e['id']}: level {s['level']}"
            parts = [p for p in re.split(r"\s*\.\.\.\s*", str(s.get("why") or "")) if p.strip()]
            assert parts, f"{e['id']}: {s['skill']} has no why"
            for part in parts:
                assert _normalise(part) in text, f"{e['id']}: {s['skill']} why {part!r} is not in the text"
        wrong = [w["skill"] for w in e.get("wrong") or []]
        assert len(wrong) == len(set(wrong)), f"{e['id']}: wrong skill listed twice"
        for w in e.get("wrong") or []:
            assert w["skill"] in slugs, f"{e['id']}: unknown slug {w['skill']}"
            assert w["skill"] not in accepted, f"{e['id']}: {w['skill']} both accepted and wrong"
            assert str(w.get("why") or "").strip(), f"{e['id']}: {w['skill']} has no why"
