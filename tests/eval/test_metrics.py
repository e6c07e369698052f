"""The evaluation's scoring rules, on hand-made cases."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from .metrics import (
    accepted_levels,
    judge,
    judge_skills,
    majority_labels,
    overlap_ranking,
    rates,
    skill_rates,
    split_of,
    two_labeller_rates,
)


def test_splits_are_fixed_by_the_key_and_roughly_forty_sixty() -> None:
    keys = [f"http://example.org/{i}" for i in range(2000)]
    dev = sum(split_of(k) == "dev" for k in keys)
    assert split_of(keys[0]) == split_of(keys[0])
    assert 700 < dev < 900


def test_sensible_needs_the_top_role_and_two_of_three() -> None:
    plausible, wrong = ["a", "b", "c"], ["x"]
    assert judge(["a", "b", "z"], plausible, wrong).sensible
    assert not judge(["z", "a", "b"], plausible, wrong).sensible  # top role not plausible
    assert not judge(["a", "z", "y"], plausible, wrong).sensible  # only one of three
    assert judge(["z", "y", "x"], plausible, wrong).wrong
    assert judge([], plausible, wrong).wrong  # no answer counts as wrong
    assert judge(["a", "x"], plausible, wrong).shows_wrong
    assert rates([judge(["a", "b"], plausible, wrong), judge([], plausible, wrong)])["sensible@3"] == 0.5


def test_the_baseline_ranks_by_jaccard_and_gives_no_answer_on_no_overlap() -> None:
    roles = {"r1": {"s1", "s2"}, "r2": {"s1", "s2", "s3", "s4"}, "r3": {"s9"}}
    assert overlap_ranking({"s1", "s2"}, roles) == ["r1", "r2"]
    assert overlap_ranking({"s7"}, roles) == []


def test_skill_scores_count_levels_only_on_correct_finds() -> None:
    counts = judge_skills({"a": 2, "b": 3, "z": 2}, {"a": 2, "b": 1, "c": 3})
    assert (counts.true_positive, counts.false_positive, counts.false_negative) == (2, 1, 1)
    assert (counts.level_exact, counts.level_within_one) == (1, 1)
    summary = skill_rates([counts])
    assert summary["precision"] == 2 / 3
    assert summary["recall"] == 2 / 3


def test_the_cv_tuning_aid_loads_dev_paragraphs_only():
    from tests.eval.cv_dev import dev_paragraphs

    ids = [p["id"] for p in dev_paragraphs()]
    assert ids
    assert all(split_of(i) == "dev" for i in ids)


def test_with_two_labellers_a_find_either_accepts_is_right_and_a_miss_needs_both() -> None:
    found = {"a": 2, "b": 3, "z": 1}
    first, second = {"a": 2, "c": 3, "d": 1}, {"a": 3, "b": 2, "d": 1}
    figures = two_labeller_rates([(found, first, second)])
    assert figures["precision"] == 2 / 3  # a (both) and b (second only) right, z neither
    assert figures["recall"] == 1 / 2  # of a and d, which both accepted, a was found; c is first's alone
    assert figures["level exact"] == 1.0  # a, by the first labeller's level


def test_the_majority_of_three_labellings_keeps_what_two_accepted_at_the_middle_level() -> None:
    first = {"gmp": 3, "biology": 2, "teaching": 1}
    second = {"gmp": 2, "biology": 4}
    third = {"gmp": 4, "spreadsheets": 2}
    assert majority_labels([first, second, third]) == {"gmp": 3, "biology": 2}


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.integers(min_value=1, max_value=4)),
        min_size=3,
        max_size=3,
    )
)
def test_a_majority_skill_was_accepted_by_two_labellers_at_a_level_one_of_them_gave(
    labellings: list[dict[str, int]],
) -> None:
    for skill, level in majority_labels(labellings).items():
        givers = [labels[skill] for labels in labellings if skill in labels]
        assert len(givers) >= 2
        assert min(givers) <= level <= max(givers)


def test_an_entrys_accepted_levels_come_from_its_skills_list() -> None:
    entry = {"skills": [{"skill": "gmp", "level": 3, "why": "x"}], "wrong": [{"skill": "qa", "why": "y"}]}
    assert accepted_levels(entry) == {"gmp": 3}
    assert accepted_levels({"skills": None}) == {}
