"""Reading skills from free text: normalisation, abbreviations, case rules, evidence and level cues."""

from __future__ import annotations

import pytest

from skillsnet.engine import (
    ExtractedSkill,
    Provenance,
    SkillSpec,
    as_evidence,
    build_lexicon,
    extract,
    normalise,
)

LEXICON = build_lexicon(
    [
        SkillSpec("gmp", "Good manufacturing practice"),
        SkillSpec("qc", "Quality control testing", ("quality control",)),
        SkillSpec("qa", "Quality assurance"),
        SkillSpec("sop", "Standard operating procedures"),
        SkillSpec("cip", "Clean in place"),
        SkillSpec("aseptic", "Aseptic technique", ("aseptic processing",)),
        SkillSpec("cell-culture", "Cell culture", ("mammalian cell culture",)),
        SkillSpec("flow", "Flow cytometry"),
        SkillSpec("batch", "Batch record review", ("batch records",)),
        SkillSpec("sterilisation", "Sterilisation"),
        SkillSpec("r-lang", "R programming", ("R",)),
        SkillSpec("hplc", "HPLC"),
    ],
    extra_labels=[("cell-culture", "tissue culture")],
)


def _found(text: str) -> dict[str, ExtractedSkill]:
    return {e.skill: e for e in extract(text, LEXICON)}


def test_it_normalises_case_punctuation_hyphens_and_plurals() -> None:
    assert normalise("Cell-Cultures, batches & Processes; assays") == (
        "cell",
        "culture",
        "batch",
        "process",
        "assay",
    )
    assert normalise("Sterilization") == normalise("sterilisation")
    assert set(_found("Maintained mammalian cell cultures and reviewed batch records.")) == {
        "cell-culture",
        "batch",
    }
    assert set(_found("Sterilized equipment; sterilization cycles")) == {"sterilisation"}


def test_it_expands_abbreviations() -> None:
    found = _found("Worked to GMP, wrote SOPs, ran CIP and QC sampling, liaised with QA.")
    assert set(found) == {"gmp", "sop", "cip", "qc", "qa"}
    assert found["sop"].evidence.startswith("Worked to GMP, wrote SOPs")
    assert "hplc" in _found("Ran HPLC and hplc assays")


def test_short_labels_match_only_in_capitals_as_written() -> None:
    # "qc" in lower case is not the abbreviation; "R" only as a capital standing alone.
    assert "qc" not in _found("the qc samples went to a lab")
    assert "r-lang" in _found("Analysed data in R and Python.")
    assert "r-lang" not in _found("r is a letter; we r here")
    # never inside a word: "aQCb", "Rna", "QCs" plural is fine
    assert "qc" not in _found("aQCb values in mRNA")
    assert "qc" in _found("Reviewed QCs daily")


def test_it_does_not_match_inside_words() -> None:
    assert _found("Recipe: gmpx and sopping wet and cipher text") == {}
    assert "flow" not in _found("Overflow cytometryx")


def test_extra_labels_map_to_their_skill() -> None:
    assert set(_found("Tissue culture of fibroblasts")) == {"cell-culture"}


def test_the_evidence_quotes_the_original_phrase_with_context() -> None:
    text = "Profile\nI have 3 years in a brewery. Performed aseptic processing of yeast cultures daily.\nOther"
    [aseptic] = extract(text, LEXICON)
    assert aseptic.skill == "aseptic"
    assert text[aseptic.start : aseptic.end] == "aseptic processing"
    assert aseptic.evidence == "Performed aseptic processing of yeast cultures daily"
    long_text = "word " * 40 + "Flow cytometry" + " more" * 40
    [flow] = extract(long_text, LEXICON)
    assert flow.evidence.startswith("…")
    assert flow.evidence.endswith("…")
    assert "Flow cytometry" in flow.evidence
    assert len(flow.evidence) < 150


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("Performed flow cytometry.", 2),
        ("Familiar with flow cytometry.", 1),
        ("Some exposure to flow cytometry.", 1),
        ("Awareness of flow cytometry.", 1),
        ("Led the flow cytometry work.", 3),
        ("Managed flow cytometry for the team.", 3),
        ("Senior flow cytometry analyst.", 3),
        ("3 years of flow cytometry.", 2),
        ("Flow cytometry for 6 years.", 3),
        ("Expert in flow cytometry.", 4),
        ("Trained others in flow cytometry.", 3),
        # a cue in another sentence does not count
        ("Led a team of bakers. Flow cytometry.", 2),
        # the nearest cue wins
        ("Led the lab; familiar with flow cytometry.", 1),
    ],
)
def test_level_cues_near_the_mention(sentence: str, level: int) -> None:
    assert _found(sentence)["flow"].level == level


def test_one_result_per_skill_keeps_the_strongest_evidence() -> None:
    text = "Familiar with GMP. Later, as a senior scientist I led GMP inspections."
    [gmp] = extract(text, LEXICON)
    assert gmp.level == 3
    assert gmp.evidence == "Later, as a senior scientist I led GMP inspections"
    assert as_evidence([gmp])[0].provenance is Provenance.CV


def test_the_longest_label_wins() -> None:
    found = _found("Quality control testing of release samples")
    assert list(found) == ["qc"]
    assert found["qc"].end - found["qc"].start == len("Quality control testing")


def test_a_semantic_matcher_can_be_plugged_in_and_loses_to_lexical_matches() -> None:
    def fake(text: str) -> list[ExtractedSkill]:
        return [ExtractedSkill("flow", 1, "semantic", 0, 1), ExtractedSkill("qa", 2, "semantic", 0, 1)]

    found = {e.skill: e for e in extract("Flow cytometry daily.", LEXICON, semantic=fake)}
    assert found["flow"].evidence == "Flow cytometry daily"
    assert found["qa"].evidence == "semantic"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Statistics in R and Python.", True),
        ("R, Python and SQL (3 years).", True),
        ("Modelling in R.", True),
        # a letter glued into a longer written token is no word
        ("IR(ME)R checks on every patient.", False),
        ("Maintained X-bar/R charts on film build.", False),
        ("R&D liaison for the site.", False),
    ],
)
def test_a_one_letter_label_counts_only_as_a_word_of_its_own(text: str, read: bool) -> None:
    assert ("r-lang" in _found(text)) is read
