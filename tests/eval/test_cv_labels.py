"""Shape checks for the labelled CV evaluation set (tests/eval/cvs/paragraphs.yaml).

These check only that the labels are well formed; they never run the CV reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
