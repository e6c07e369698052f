"""The journey object's own rules for self-rated skills (the skills page only calls them)."""

from __future__ import annotations

from skillsnet.converter.journey import Journey


def test_a_new_rating_replaces_a_level_set_or_removal_on_the_review_page():
    state = Journey(skills={"gmp": 1}, adjusted={"gmp": 3, "pcr": 2}, removed=["gmp", "pcr"])
    state.rate("gmp", 2)
    assert state.skills == {"gmp": 2}
    assert state.adjusted == {"pcr": 2}
    assert state.removed == ["pcr"]


def test_zero_removes_a_rating_and_none_leaves_it():
    state = Journey(skills={"gmp": 2, "pcr": 3})
    state.rate("gmp", 0)
    state.rate("pcr", None)
    assert state.skills == {"pcr": 3}
    state.unrate("pcr")
    assert state.skills == {}


def test_rated_skills_are_listed_by_name():
    state = Journey(skills={"pcr": 3, "gmp": 2, "teamwork": 0})
    names = {"pcr": "PCR", "gmp": "Good manufacturing practice"}
    assert state.rated(names) == [("gmp", "Good manufacturing practice", 2), ("pcr", "PCR", 3)]
