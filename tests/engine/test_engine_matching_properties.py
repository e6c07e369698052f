"""Properties of role fit on small generated catalogues, checked against a plain-Python reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillsnet.engine import (
    ESSENTIAL_WEIGHT,
    OPTIONAL_WEIGHT,
    CareerRoute,
    CourseSkill,
    CourseSpec,
    EngineCatalogue,
    Profile,
    Requirement,
    RoleSpec,
    SkillSpec,
    TransferSpec,
    build_catalogue,
    fit_all,
    match,
    rank_key,
    score_batch,
    score_matrix,
)
from skillsnet.engine.matching import (
    ROUTE_BONUS,
    ROUTE_ORDER_MAX_PLACE,
    ROUTE_ORDER_STEP,
    SPECIALIST_PENALTY,
    STEP_DOWN_PENALTY,
    STEP_UP_PENALTY,
)

CREDITS = st.sampled_from([0.25, 0.3, 0.5, 0.75, 1.0])


@st.composite
def catalogues(draw: st.DrawFn) -> EngineCatalogue:
    n_skills = draw(st.integers(2, 8))
    slugs = [f"s{i}" for i in range(n_skills)]
    skill_ids = st.integers(0, n_skills - 1)
    roles = []
    for r in range(draw(st.integers(1, 6))):
        chosen = draw(st.lists(skill_ids, min_size=1, max_size=n_skills, unique=True))
        reqs = tuple(Requirement(slugs[j], draw(st.integers(1, 4)), draw(st.booleans())) for j in chosen)
        roles.append(RoleSpec(f"r{r}", f"Role {r}", draw(st.sampled_from(["a", "b"])), draw(st.integers(1, 7)), reqs))
    transfers = [
        TransferSpec(slugs[i], slugs[j], c, f"{i}->{j}")
        for i, j, c in draw(st.lists(st.tuples(skill_ids, skill_ids, CREDITS), max_size=12))
    ]
    courses = [
        CourseSpec(
            f"c{k}",
            f"Course {k}",
            "online",
            draw(st.sampled_from([1.0, 4.0, 10.0, 40.0, 200.0])),
            0.0,
            (CourseSkill(slugs[draw(skill_ids)], draw(st.integers(1, 4))),),
        )
        for k in range(draw(st.integers(0, 4)))
    ]
    return build_catalogue([SkillSpec(s, s.upper()) for s in slugs], roles, transfers, courses)


@st.composite
def cases(draw: st.DrawFn) -> tuple[EngineCatalogue, dict[str, int]]:
    cat = draw(catalogues())
    levels = draw(st.dictionaries(st.sampled_from(cat.skill_slugs), st.integers(0, 4), max_size=cat.n_skills))
    return cat, levels


def reference_fit(cat: EngineCatalogue, levels: dict[str, int], role: RoleSpec) -> tuple[float, float]:
    """The formula written out in plain Python, one requirement at a time."""
    credit: dict[tuple[int, int], float] = {}
    for (i, j), _ in cat.transfer_rationale.items():
        credit[(i, j)] = float(cat.transfer[i, j])

    def effective(skill: str) -> float:
        j = cat.skill_index[skill]
        best = float(levels.get(skill, 0))
        for (i, jj), c in credit.items():
            if jj == j:
                best = max(best, c * levels.get(cat.skills[i].slug, 0))
        return best

    merged: dict[str, tuple[int, bool]] = {}
    for q in role.requirements:
        level, essential = merged.get(q.skill, (0, False))
        merged[q.skill] = (max(level, q.level), essential or q.essential)
    num = den = ess_num = ess_den = 0.0
    for skill, (level, essential) in merged.items():
        w = ESSENTIAL_WEIGHT if essential else OPTIONAL_WEIGHT
        cov = min(effective(skill), level) / level
        num += w * cov
        den += w
        if essential:
            ess_num += cov
            ess_den += 1
    return num / den, (ess_num / ess_den if ess_den else 1.0)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_fit_matches_the_reference_and_stays_in_unit_range(
    case: tuple[EngineCatalogue, dict[str, int]],
) -> None:
    cat, levels = case
    fits = fit_all(cat, Profile.from_levels(levels))
    for r, role in enumerate(cat.roles):
        score, essential = reference_fit(cat, levels, role)
        assert fits.score[r] == pytest.approx(score, abs=1e-12)
        assert fits.essential_coverage[r] == pytest.approx(essential, abs=1e-12)
    assert np.all((fits.score >= 0) & (fits.score <= 1))
    assert np.all((fits.essential_coverage >= 0) & (fits.essential_coverage <= 1))


@settings(max_examples=150, deadline=None)
@given(cases(), st.data())
def test_adding_a_skill_or_raising_a_level_never_lowers_any_fit(
    case: tuple[EngineCatalogue, dict[str, int]], data: st.DataObject
) -> None:
    cat, levels = case
    skill = data.draw(st.sampled_from(cat.skill_slugs))
    raised = dict(levels)
    raised[skill] = data.draw(st.integers(levels.get(skill, 0), 4))
    before = fit_all(cat, Profile.from_levels(levels))
    after = fit_all(cat, Profile.from_levels(raised))
    assert np.all(after.score >= before.score - 1e-12)
    assert np.all(after.essential_coverage >= before.essential_coverage - 1e-12)
    assert np.all(after.gap_hours <= before.gap_hours)


@settings(max_examples=100, deadline=None)
@given(catalogues(), st.data())
def test_a_profile_equal_to_a_role_scores_exactly_one(cat: EngineCatalogue, data: st.DataObject) -> None:
    role = data.draw(st.sampled_from(cat.roles))
    levels: dict[str, int] = {}
    for q in role.requirements:
        levels[q.skill] = max(levels.get(q.skill, 0), q.level)
    [m] = [m for m in match(cat, Profile.from_levels(levels)) if m.role == role.slug]
    assert m.score == 1.0
    assert m.essential_coverage == 1.0
    assert m.gaps == ()
    assert m.readiness == "ready-now"
    assert m.gap_hours == 0


@settings(max_examples=150, deadline=None)
@given(cases())
def test_every_requirement_is_explained_once(case: tuple[EngineCatalogue, dict[str, int]]) -> None:
    cat, levels = case
    for m in match(cat, Profile.from_levels(levels)):
        required = {q.skill for q in cat.role(m.role).requirements}
        met = {x.skill for x in m.met}
        transferred = {x.skill for x in m.transferred}
        gaps = {x.skill for x in m.gaps}
        assert met | transferred | gaps == required
        assert not met & (transferred | gaps)
        assert len(met) == len(m.met)
        assert len(gaps) == len(m.gaps)
        assert len(transferred) == len(m.transferred)
        for t in m.transferred:
            # a transfer that falls short is also a gap, at the transferred level
            assert (t.skill in gaps) == (not t.fully_met)
            assert t.level_gained == pytest.approx(t.credit * levels.get(t.from_skill, 0))
        for g in m.gaps:
            assert g.current_level < g.required_level


@settings(max_examples=100, deadline=None)
@given(cases(), st.integers(1, 4), st.data())
def test_ranking_is_ordered_deterministic_and_agrees_with_batch_scoring(
    case: tuple[EngineCatalogue, dict[str, int]], k: int, data: st.DataObject
) -> None:
    cat, levels = case
    slugs = [role.slug for role in cat.roles]
    on_route = data.draw(st.lists(st.sampled_from(slugs), unique=True, max_size=len(slugs)))
    routes = [CareerRoute("Some work", tuple(on_route))] if on_route else []
    profile = Profile.from_evidence(Profile.from_levels(levels).evidence, routes=routes)
    ranked = match(cat, profile)
    assert ranked == match(cat, profile)
    assert ranked == match(cat, profile, fits=fit_all(cat, profile))  # precomputed fits change nothing
    # The order spelled out from the named penalties, independently of the engine's lexsort keys.
    keys = [
        (
            not m.within_reach,
            -(
                m.score
                - STEP_UP_PENALTY * m.step_up
                - SPECIALIST_PENALTY * m.specialist_unproven
                - STEP_DOWN_PENALTY * m.step_down
                + (
                    ROUTE_BONUS - ROUTE_ORDER_STEP * min(m.route.roles.index(m.role), ROUTE_ORDER_MAX_PLACE)
                    if m.route is not None
                    else 0.0
                )
            ),
            -m.essential_coverage,
            float("inf") if m.gap_hours is None else m.gap_hours,
            m.role,
        )
        for m in ranked
    ]
    assert [key[:-1] for key in keys] == [rank_key(m) for m in ranked]
    assert keys == sorted(keys)
    assert [m.role for m in match(cat, profile, limit=k)] == [m.role for m in ranked[:k]]
    # Bulk scoring ranks by fit alone (ties by slug); with nothing out of reach and no route it agrees on
    # the scores, and on the roles wherever the fit alone decides.
    indices, scores = score_batch(cat, np.vstack([cat.levels_vector(levels)] * 3), k=k, chunk_rows=2)
    top = match(cat, Profile.from_levels(levels))[: min(k, cat.n_roles)]
    by_fit = sorted(ranked, key=lambda m: (-m.score, m.role))[: min(k, cat.n_roles)]
    for row in range(3):
        assert [cat.roles[i].slug for i in indices[row]] == [m.role for m in by_fit]
        assert scores[row] == pytest.approx([m.score for m in top], abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(cases())
def test_filters_keep_only_matching_roles(case: tuple[EngineCatalogue, dict[str, int]]) -> None:
    cat, levels = case
    profile = Profile.from_levels(levels)
    only_a = match(cat, profile, families={"a"}, max_entry_level=4)
    assert all(m.family == "a" and m.entry_level <= 4 for m in only_a)
    expected = [m.role for m in match(cat, profile) if m.family == "a" and m.entry_level <= 4]
    assert [m.role for m in only_a] == expected


def test_score_matrix_handles_many_profiles_at_once() -> None:
    rng = np.random.default_rng(7)
    cat = build_catalogue(
        [SkillSpec(f"s{i}", f"S{i}") for i in range(5)],
        [RoleSpec("r", "R", "f", 1, (Requirement("s0", 2), Requirement("s1", 4, essential=False)))],
        [TransferSpec("s2", "s0", 0.5)],
    )
    levels = rng.integers(0, 5, size=(50, 5)).astype(float)
    scores = score_matrix(cat, levels)
    for row in range(50):
        expected = fit_all(cat, Profile.from_levels({f"s{i}": int(v) for i, v in enumerate(levels[row])}))
        assert scores[row, 0] == pytest.approx(expected.score[0])


@settings(max_examples=150, deadline=None)
@given(cases())
def test_short_training_needs_half_the_essentials_and_one_held(case: tuple[EngineCatalogue, dict[str, int]]) -> None:
    cat, levels = case
    for m in match(cat, Profile.from_levels(levels)):
        if m.readiness == "stretch":
            continue
        essential_gaps = {g.skill for g in m.gaps if g.essential}
        essential = {q.skill for q in cat.role(m.role).requirements if q.essential}
        assert m.essential_coverage >= 0.5
        assert not essential or essential - essential_gaps  # at least one essential skill fully held
        assert not m.missing_requirements


@settings(max_examples=100, deadline=None)
@given(cases(), st.data())
def test_a_career_route_changes_only_the_order_and_only_lifts_its_roles(
    case: tuple[EngineCatalogue, dict[str, int]], data: st.DataObject
) -> None:
    cat, levels = case
    slugs = [role.slug for role in cat.roles]
    on_route = data.draw(st.lists(st.sampled_from(slugs), unique=True, max_size=len(slugs)))
    plain = Profile.from_levels(levels)
    routed = Profile.from_evidence(plain.evidence, routes=[CareerRoute("Some work", tuple(on_route), "why")])
    before = match(cat, plain, min_score=0.0)
    after = match(cat, routed, min_score=0.0)
    assert {m.role for m in after} == {m.role for m in before}  # a role the person shows nothing for stays out
    unrouted = {m.role: m for m in before}
    for m in after:
        same = unrouted[m.role]
        assert (m.score, m.essential_coverage, m.readiness, m.gaps) == (
            same.score,
            same.essential_coverage,
            same.readiness,
            same.gaps,
        )
        assert (m.route is not None) == (m.role in on_route)
        if m.route is not None:
            assert m.route.rationale == "why"
    order_before = [m.role for m in before]
    order_after = [m.role for m in after]
    for role in on_route:
        if role in order_after:
            # Lifted past roles off the route, never below one it was above; among themselves, route roles
            # may swap (the more usual one leads between close fits).
            above_after = {r for r in order_after[: order_after.index(role)] if r not in on_route}
            above_before = {r for r in order_before[: order_before.index(role)] if r not in on_route}
            assert above_after <= above_before
    # Roles off the route keep their order among themselves.
    assert [r for r in order_after if r not in on_route] == [r for r in order_before if r not in on_route]
