"""The CV reader's sentence model (`engine.extraction.sentences`): features, fitting, saving, and how `extract` uses
its suggestions: only for skills no phrase found, through the same gates as a phrase, marked with the words that
weighed. Small models trained here on made-up sentences; the shipped model has its own checks in tests/eval."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skillsnet.engine import Lexicon, SkillSpec, build_lexicon, extract
from skillsnet.engine.extraction import (
    SentenceModel,
    fit_sentence_model,
    labelled_sentences,
    load_sentence_model,
    save_sentence_model,
)
from skillsnet.engine.extraction.sentences import grams

SKILLS_FILE = Path(__file__).resolve().parents[2] / "data" / "skills.yaml"

# Sentences about keeping stock, worded without any phrase of inventory management, and sentences about other things.
STOCK = [
    "Rotated the chilled lines every morning so nothing went out of date on the shelves",
    "Kept the pallets rotated and counted the cages before every delivery went out",
    "Counted the cages and rotated the chilled lines before the weekly delivery",
    "Rotated the pallets in the back room and recorded what was short on each count",
    "Every Friday I counted the cages and rotated older pallets to the front",
    "Rotated stock on the chilled lines and counted what was left at close",
]
OTHER = [
    "Answered customer phone calls and booked appointments for the practice",
    "Drove the minibus for the day centre and helped clients on and off",
    "Painted the hallway and hung wallpaper in the upstairs bedrooms",
    "Wrote the monthly newsletter for the residents association",
    "Coached the under-twelves football team on Saturday mornings",
    "Walked dogs for neighbours and looked after their cats during holidays",
    "Served drinks behind the bar and cashed up the till at the end of the night",
    "Sang in the choir and helped organise the summer concert",
]


@cache
def _lexicon() -> Lexicon:
    skills = yaml.safe_load(SKILLS_FILE.read_text(encoding="utf-8"))
    return build_lexicon(SkillSpec(s["slug"], s["name"], tuple(s.get("alt_labels") or ())) for s in skills)


@cache
def _model() -> SentenceModel:
    sentences = STOCK + OTHER
    skills = [{"inventory-management"}] * len(STOCK) + [set()] * len(OTHER)
    return fit_sentence_model(sentences, skills, min_positives=3, min_document_frequency=1, prune_below=0.0)


def test_grams_are_words_and_pairs_with_their_spans() -> None:
    sentence = "Rotated the Chilled lines"
    found = grams(sentence)
    assert [g[0] for g in found] == [
        "rotated",
        "the",
        "chilled",
        "lines",
        "rotated the",
        "the chilled",
        "chilled lines",
    ]
    for text, start, end in found:
        assert sentence[start:end].lower() == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc DEF_1é,.-'"), max_size=60))
def test_a_sentences_features_are_the_known_texts_of_its_grams(sentence: str) -> None:
    model = _model()
    # every gram of the alphabet above is known to this vocabulary, so nothing is filtered out by chance
    vocabulary = {text: j for j, (text, _s, _e) in enumerate(grams(sentence))}
    known = SentenceModel((), vocabulary, np.ones(len(vocabulary)), model.weights, model.intercepts)
    assert known.features(sentence) == [vocabulary[text] for text, _s, _e in grams(sentence)]
    assert model.features(sentence) == [model.vocabulary[t] for t, _s, _e in grams(sentence) if t in model.vocabulary]


def test_labelled_sentences_split_as_the_reader_does_and_take_joined_quotes() -> None:
    text = "Counted the cages every night. I trained two new starters; they now run the counts."
    examples = labelled_sentences(
        text, [("inventory-management", "Counted the cages"), ("training-delivery", "trained two...run the counts")]
    )
    # the reader ends a sentence at a semicolon too; each part of a joined quote marks the sentence holding it
    assert [skills for _, skills in examples] == [
        {"inventory-management"},
        {"training-delivery"},
        {"training-delivery"},
    ]
    assert examples[0][0].startswith("Counted the cages")


def test_a_fitted_model_scores_its_kind_of_sentence_high_and_others_low() -> None:
    model = _model()
    assert model.slugs == ("inventory-management",)
    p = model.probabilities(
        ["We rotated the pallets and counted the cages", "I painted the bar and sang in the choir", ""]
    )
    assert p.shape == (3, 1)
    assert p[0, 0] > 0.6 > p[1, 0]
    assert np.isclose(p[2, 0], 1 / (1 + np.exp(-model.intercepts[0])))  # no known word: the intercept alone


def test_fit_refuses_mismatched_inputs() -> None:
    with pytest.raises(ValueError, match="one set of skills per sentence"):
        fit_sentence_model(["a sentence"], [])


def test_saved_and_loaded_model_scores_the_same(tmp_path: Path) -> None:
    model = _model()
    path = tmp_path / "model.npz"
    save_sentence_model(model, path)
    loaded = load_sentence_model(path)
    sentences = ["We rotated the pallets and counted the cages", "Coached the football team"]
    assert loaded.slugs == model.slugs
    assert np.allclose(loaded.probabilities(sentences), model.probabilities(sentences), atol=1e-5)


def test_loading_a_file_that_is_not_a_model_says_so(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match="not a sentence model"):
        load_sentence_model(path)
    with pytest.raises(ValueError, match="not a sentence model"):
        load_sentence_model(tmp_path / "missing.npz")


def test_loading_a_model_of_another_format_says_which(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    save_sentence_model(_model(), path)
    with np.load(path) as npz:
        arrays = {name: npz[name] for name in npz.files}
    np.savez(path, **{**arrays, "format": np.array(99)})
    with pytest.raises(ValueError, match="sentence model format 99, expected 1"):
        load_sentence_model(path)


def test_extract_offers_a_skill_no_phrase_names_with_the_words_that_weighed() -> None:
    text = "Retail assistant, 2019 to 2023. Every week I rotated the pallets and counted the cages."
    assert "inventory-management" not in {f.skill for f in extract(text, _lexicon())}
    found = {f.skill: f for f in extract(text, _lexicon(), model=_model())}
    suggestion = found["inventory-management"]
    assert suggestion.suggested_by.startswith("“")
    assert suggestion.evidence in text or suggestion.evidence.strip("…") in text
    assert "rotated the pallets" in suggestion.evidence
    assert suggestion.level in (1, 2, 3, 4)
    assert suggestion.level_reason


def test_a_suggestion_passes_the_same_negation_gate_as_a_phrase() -> None:
    text = "I have never rotated the pallets or counted the cages."
    assert "inventory-management" not in {f.skill for f in extract(text, _lexicon(), model=_model())}


def test_a_phrase_find_wins_and_is_not_moved_by_the_model() -> None:
    text = "Stock control for the shop floor since 2015; I rotated the pallets and counted the cages."
    plain = {f.skill: f for f in extract(text, _lexicon())}
    with_model = {f.skill: f for f in extract(text, _lexicon(), model=_model())}
    assert "inventory-management" in plain or "stock-control" in plain
    for slug, found in plain.items():
        assert with_model[slug] == found
    assert all(f.suggested_by for slug, f in with_model.items() if slug not in plain)


def test_a_threshold_of_one_suggests_nothing() -> None:
    import dataclasses

    model = dataclasses.replace(_model(), threshold=1.0)
    text = "Every week I rotated the pallets and counted the cages."
    assert [f for f in extract(text, _lexicon(), model=model) if f.suggested_by] == []


_WORDS = [w for s in STOCK + OTHER for w in s.split()] + ["never", "not", "GMP", "cleanroom", "HPLC", "2015", "."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=40))
def test_the_model_only_adds_marked_finds_and_never_changes_a_phrase_find(words: list[str]) -> None:
    text = " ".join(words)
    plain = {f.skill: f for f in extract(text, _lexicon())}
    with_model = {f.skill: f for f in extract(text, _lexicon(), model=_model())}
    for slug, found in plain.items():
        assert with_model[slug] == found
    for slug, found in with_model.items():
        if slug not in plain:
            assert found.suggested_by
            assert text[found.start : found.end]
