"""The optional embedding matcher behind `SemanticMatcher`, with a fake deterministic encoder (no model, so
these run where the `semantic` extra is not installed), and one real-model check skipped without the extra."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np
import pytest

from skillsnet.engine import SkillSpec, build_lexicon, extract

from . import semantic_matcher as semantic
from .semantic_matcher import EmbeddingMatcher, SkillText

# One axis per concept word: a text's vector counts the concept words it holds, so similarity is predictable.
AXES = ("blood", "vein", "needle", "yeast", "wort", "brew", "team", "cheerful", "pipette", "wash")


def fake_encode(texts: Sequence[str]) -> np.ndarray:
    rows = []
    for text in texts:
        words = text.lower()
        row = np.array([words.count(axis) for axis in AXES], dtype=np.float32)
        row[-1] += 0.01  # never the zero vector
        rows.append(row / np.linalg.norm(row))
    return np.stack(rows)


SKILLS = [
    SkillText("venepuncture", ("Venepuncture", "taking blood from a vein with a needle")),
    SkillText("brewing", ("Brewing", "making beer: yeast, wort and the brew")),
    SkillText("pipetting", ("Pipetting", "pipette work")),
    SkillText("washing", ("Glassware washing", "wash glassware")),
    SkillText("teamwork", ("Teamwork", "working in a cheerful team"), generic=True),
]


def matcher(**options: object) -> EmbeddingMatcher:
    return EmbeddingMatcher(SKILLS, fake_encode, **options)  # type: ignore[arg-type]


def test_a_paraphrase_finds_its_skill_with_a_level_reason_and_the_sentence() -> None:
    text = "Ward nurse since 2015. Every day I take blood from a vein with a needle on the ward."
    (found,) = matcher(threshold=0.8, margin=0.1)(text)
    assert found.skill == "venepuncture"
    assert found.level == 3
    assert "11 years" in found.level_reason
    assert found.evidence == "Every day I take blood from a vein with a needle on the ward"
    assert text[found.start : found.end].startswith("Every day I take blood")


def test_below_the_threshold_nothing_is_found() -> None:
    text = "I handled blood products at the bank for the unit."  # one concept word of three
    assert [f.skill for f in matcher(threshold=0.5, margin=0.0)(text)] == ["venepuncture"]
    assert matcher(threshold=0.9, margin=0.0)(text) == []


def test_a_clause_close_to_two_skills_finds_neither_without_the_margin() -> None:
    text = "I wash every pipette in the lab each morning."  # as near to pipetting as to washing
    assert matcher(threshold=0.5, margin=0.1)(text) == []
    assert len(matcher(threshold=0.5, margin=0.0)(text)) == 1


def test_negated_hoped_for_and_pastime_clauses_are_skipped() -> None:
    m = matcher(threshold=0.5, margin=0.0)
    assert m("I have never taken blood from a vein with a needle myself.") == []
    assert m("I am hoping to learn to take blood from a vein with a needle.") == []
    assert m("In my spare time I brew beer with my own yeast and wort.") == []


def test_generic_skills_are_left_to_the_lexical_reader_unless_asked_for() -> None:
    text = "A cheerful member of every team I join."
    assert matcher(threshold=0.5, margin=0.0)(text) == []
    assert [f.skill for f in matcher(threshold=0.5, margin=0.0, include_generic=True)(text)] == ["teamwork"]


def test_the_lexical_find_wins_and_the_matcher_only_adds() -> None:
    lexicon = build_lexicon([SkillSpec("venepuncture", "Venepuncture"), SkillSpec("brewing", "Brewing")])
    text = "Venepuncture on the ward since 2024. At home I keep yeast and wort for the brew, 3 years."
    found = {f.skill: f for f in extract(text, lexicon, semantic=matcher(threshold=0.8, margin=0.1))}
    assert found["venepuncture"].evidence.startswith("Venepuncture on the ward")  # the lexical mention
    assert found["venepuncture"].start == 0
    assert "yeast and wort" in found["brewing"].evidence  # added by the matcher


def test_given_the_lexicon_it_leaves_clauses_the_reader_has_read() -> None:
    lexicon = build_lexicon([SkillSpec("venepuncture", "Venepuncture")])
    text = "Venepuncture daily for the blood clinic. Blood from a vein with a needle, for the clinic."
    read_too = matcher(threshold=0.0, margin=0.0).candidates(text)
    unread = matcher(threshold=0.0, margin=0.0, lexicon=lexicon).candidates(text)
    assert read_too[0].first == 0
    assert read_too[0].skill == "venepuncture"
    assert [c.first for c in unread] == [c.first for c in read_too[1:]]  # only the clause the reader left
    assert unread[0].skill == "venepuncture"
    assert unread[0].score > 0.9


def test_with_neighbours_a_skill_scores_the_mean_of_its_nearest_texts() -> None:
    skills = [
        SkillText("venepuncture", ("blood vein", "blood needle", "brew")),
        SkillText("brewing", ("yeast wort",)),
    ]
    clause = "blood from a vein with a needle, then more"
    (nearest,) = EmbeddingMatcher(skills, fake_encode).candidates(clause)
    (mean_of_two,) = EmbeddingMatcher(skills, fake_encode, neighbours=2).candidates(clause)
    (mean_of_all,) = EmbeddingMatcher(skills, fake_encode, neighbours=5).candidates(clause)
    vectors = fake_encode([clause, "blood vein", "blood needle", "brew"])
    similarity = vectors[1:] @ vectors[0]
    assert nearest.score == pytest.approx(similarity.max())
    assert mean_of_two.score == pytest.approx(similarity[:2].mean())  # the two nearest
    assert mean_of_all.score == pytest.approx(similarity.mean())  # fewer texts than k: all of them
    assert mean_of_two.skill == "venepuncture"


def test_without_the_extra_the_loader_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, semantic.MODEL_PACKAGE, None)  # importing it now raises ImportError
    with pytest.raises(ImportError, match=r"skillsnet\[semantic\]"):
        semantic.load_encoder()


def test_the_packaged_model_loads_offline_and_ranks_a_paraphrase_first() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip(semantic.MODEL_PACKAGE)
    encode = semantic.load_encoder()
    vectors = encode(["took blood samples from patients", "phlebotomy", "brewing beer"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
