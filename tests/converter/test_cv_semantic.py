"""The CV reader's optional embedding matcher in the service: off by default, and with the setting on a
missing extra (or a failing model) leaves the lexical reader reading alone, never an error."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pytest

from skillsnet.converter import profiles
from skillsnet.engine.extraction import semantic

pytestmark = pytest.mark.django_db

TEXT = "I led qPCR testing. Every day I take blood from patients on the ward."  # the second: no label


@pytest.fixture(autouse=True)
def _fresh_matchers():
    profiles._matchers.clear()
    yield
    profiles._matchers.clear()


def _missing_extra() -> semantic.Encoder:
    raise ImportError("The semantic CV matcher needs the optional extra: pip install 'skillsnet[semantic]'")


def test_it_is_off_by_default(catalogue, monkeypatch):
    monkeypatch.setattr(semantic, "load_encoder", _missing_extra)
    assert profiles.cv_semantic_matcher(profiles.engine_snapshot()) is None
    assert {f.skill for f in profiles.skills_extract(text=TEXT)} >= {"pcr"}


def test_without_the_extra_the_lexical_reader_carries_on_with_a_warning(catalogue, settings, monkeypatch, caplog):
    settings.SKILLSNET_CV_SEMANTIC = True
    monkeypatch.setattr(semantic, "load_encoder", _missing_extra)
    lexical = profiles.skills_extract(text=TEXT)
    settings.SKILLSNET_CV_SEMANTIC = False
    assert lexical == profiles.skills_extract(text=TEXT)
    assert any("did not load" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


def test_a_failing_encoder_leaves_the_text_to_the_lexical_reader(catalogue, settings, monkeypatch):
    settings.SKILLSNET_CV_SEMANTIC = True
    calls: list[int] = []

    def fails_on_cv_text(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        if len(calls) > 1:  # the skill side encodes; the CV's clauses fail
            raise RuntimeError("model broke")
        return np.eye(len(texts), 8, dtype=np.float32) + 0.01

    monkeypatch.setattr(semantic, "load_encoder", lambda: fails_on_cv_text)
    assert "pcr" in {f.skill for f in profiles.skills_extract(text=TEXT)}
    assert len(calls) == 2


def test_the_matcher_loads_once_per_catalogue_version(catalogue, settings, monkeypatch):
    settings.SKILLSNET_CV_SEMANTIC = True
    loads: list[int] = []

    def encoder() -> semantic.Encoder:
        loads.append(1)
        return lambda texts: np.ones((len(texts), 4), dtype=np.float32) / 2

    monkeypatch.setattr(semantic, "load_encoder", encoder)
    snap = profiles.engine_snapshot()
    assert profiles.cv_semantic_matcher(snap) is profiles.cv_semantic_matcher(snap)
    assert loads == [1]
