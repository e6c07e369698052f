"""The shipped sentence model of the CV reader (data/cv_sentence_model.npz, written by `tests.eval.sentence_model`):
it loads, it learnt from dev paragraphs only (so `make eval`'s test figures are out of sample), it names only curated
skills, and it is what the product's reader consults."""

from __future__ import annotations

from pathlib import Path

import yaml
from tests.eval.cv_dev import WHOLE_DEV_SETS, dev_paragraphs, whole_dev_set
from tests.eval.metrics import split_of
from tests.eval.sentence_model import MODEL, check

from skillsnet.engine import load_sentence_model

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_model_learnt_from_dev_paragraphs_only() -> None:
    model = load_sentence_model(MODEL)
    items = yaml.safe_load((ROOT / "tests/eval/cvs/paragraphs.yaml").read_text(encoding="utf-8"))
    test_ids = {p["id"] for p in items if split_of(p["id"]) == "test"}
    assert test_ids, "the labelled set has a test part"
    assert not test_ids & set(model.trained_ids)
    dev_ids = {p["id"] for p in dev_paragraphs()} | {p["id"] for name in WHOLE_DEV_SETS for p in whole_dev_set(name)}
    assert set(model.trained_ids) <= dev_ids
    assert check(MODEL) == 0


def test_the_shipped_model_names_curated_skills_and_has_a_sensible_threshold() -> None:
    model = load_sentence_model(MODEL)
    curated = {s["slug"] for s in yaml.safe_load((ROOT / "data/skills.yaml").read_text(encoding="utf-8"))}
    assert model.slugs
    assert set(model.slugs) <= curated
    assert 0.5 <= model.threshold < 1.0
    assert model.weights.shape == (len(model.vocabulary), len(model.slugs))
    assert "never the test part" in model.about
