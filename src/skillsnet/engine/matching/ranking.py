"""Ranking roles for a profile: `match()`, `match_one()` and the keys the order is built from."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from ..catalogue import BoolArray, EngineCatalogue, FloatArray, IntArray
from ..profile import Profile
from .explanations import explain
from .fits import _fits, effective_levels
from .results import RoleFits, RoleMatch
from .rules import (
    ROUTE_BONUS,
    ROUTE_ORDER_MAX_PLACE,
    ROUTE_ORDER_STEP,
    SPECIALIST_PENALTY,
    STEP_DOWN_PENALTY,
    STEP_UP_PENALTY,
)


def match(
    catalogue: EngineCatalogue,
    profile: Profile,
    *,
    limit: int | None = None,
    families: Collection[str] | None = None,
    max_entry_level: int | None = None,
    min_score: float | None = None,
    fits: RoleFits | None = None,
) -> list[RoleMatch]:
    """Rank roles for a profile, each with its full explanation.

    Roles within reach come first (no missing hard requirement, at most one entry level above the person's
    previous jobs, or any level for a role on their career route), then the rest. Within each group, by fit
    plus ROUTE_BONUS for a role on the career route of their previous jobs (where people from that work
    usually start; less ROUTE_ORDER_STEP for each place below the top of the route's list), less
    STEP_UP_PENALTY for a role one level up (a career changer is hired first at the level they come from),
    less SPECIALIST_PENALTY for a skilled role the person shows too little specialist
    skill for, and less STEP_DOWN_PENALTY for a role STEP_DOWN_LEVELS or more below their previous jobs;
    then essential coverage, then fewer gap hours; only exact ties fall back to the slug. `families` and
    `max_entry_level` filter roles; roles scoring `min_score` or less are left out; `limit` caps the list.
    `fits` is `fit_all(catalogue, profile)` when the caller has it already.
    """
    cat = catalogue
    own = cat.levels_vector(profile.levels)
    if fits is None:
        fits, eff = _fits(cat, own, profile.seniority, profile.credentials, profile.routes)
    else:
        eff = effective_levels(cat, own)
    candidates = np.arange(cat.n_roles)
    if families is not None:
        wanted = set(families)
        candidates = candidates[np.fromiter((cat.roles[r].family in wanted for r in candidates), bool)]
    if max_entry_level is not None:
        candidates = candidates[cat.role_entry_level[candidates] <= max_entry_level]
    if min_score is not None:
        candidates = candidates[fits.score[candidates] > min_score]
    order = candidates[np.lexsort(_rank_keys(fits, candidates))]
    if limit is not None:
        order = order[: max(limit, 0)]

    return [_role_match(cat, profile, r, own, eff, fits) for r in order.tolist()]


@overload
def ranked_fit(score: float, step_up: bool, unproven: bool, step_down: bool, route_place: int) -> float: ...
@overload
def ranked_fit(
    score: FloatArray, step_up: BoolArray, unproven: BoolArray, step_down: BoolArray, route_place: IntArray
) -> FloatArray: ...
def ranked_fit(score: Any, step_up: Any, unproven: Any, step_down: Any, route_place: Any) -> Any:
    """The fit a role is ranked by: its fit less the step-up, specialist and step-down penalties, plus the
    career-route bonus for a role on the person's route (`route_place` >= 0: its place in the route's list,
    most usual first; -1 off the route), less ROUTE_ORDER_STEP per place. Works on one role's numbers or on
    arrays of them; the one place the ranking's arithmetic is spelled."""
    on_route = np.asarray(route_place) >= 0
    place = np.minimum(np.maximum(route_place, 0), ROUTE_ORDER_MAX_PLACE)
    ranked = (
        score
        - STEP_UP_PENALTY * step_up
        - SPECIALIST_PENALTY * unproven
        - STEP_DOWN_PENALTY * step_down
        + (ROUTE_BONUS - ROUTE_ORDER_STEP * place) * on_route
    )
    return float(ranked) if np.ndim(ranked) == 0 else ranked


def _rank_keys(fits: RoleFits, candidates: IntArray) -> tuple[npt.NDArray[np.generic], ...]:
    """np.lexsort keys, least significant first: slug, gap hours, essential coverage, ranked fit, reach
    (the same order as `rank_key`, which the tests hold it to)."""
    return (
        candidates,
        fits.gap_hours[candidates],
        -fits.essential_coverage[candidates],
        -ranked_fit(
            fits.score[candidates],
            fits.tier[candidates] == 1,
            fits.unproven[candidates],
            fits.step_down[candidates],
            fits.route_place[candidates],
        ),
        ~fits.within_reach[candidates],
    )


def rank_key(m: RoleMatch) -> tuple[bool, float, float, float]:
    """What orders one match, most significant first, without the slug: roles within reach first, then
    ranked fit, essential coverage and gap hours (no course for a gap counts as endless hours)."""
    return (
        not m.within_reach,
        -ranked_fit(m.score, m.step_up, m.specialist_unproven, m.step_down, route_place(m)),
        -m.essential_coverage,
        float("inf") if m.gap_hours is None else m.gap_hours,
    )


def route_place(m: RoleMatch) -> int:
    """The role's place in the list of the route that leads to it (0 most usual), or -1 when none does."""
    return m.route.roles.index(m.role) if m.route is not None and m.role in m.route.roles else -1


def rank_ties(matches: Collection[RoleMatch]) -> list[bool]:
    """For a ranked list, whether each entry is tied with its predecessor on every ranking key: the
    order between them is the slug's, not a judgement, so a page should show them as joint."""
    keys = [rank_key(m) for m in matches]
    return [i > 0 and keys[i] == keys[i - 1] for i in range(len(keys))]


def match_one(catalogue: EngineCatalogue, profile: Profile, role: str) -> RoleMatch:
    """The explained match for one role (KeyError for an unknown slug): one explanation, not a family's."""
    own = catalogue.levels_vector(profile.levels)
    fits, eff = _fits(catalogue, own, profile.seniority, profile.credentials, profile.routes)
    return _role_match(catalogue, profile, catalogue.role_index[role], own, eff, fits)


def _role_match(
    cat: EngineCatalogue, profile: Profile, r: int, own: FloatArray, eff: FloatArray, fits: RoleFits
) -> RoleMatch:
    role = cat.roles[r]
    met, transferred, gaps = explain(cat, profile, r, own, eff)
    hours = float(fits.gap_hours[r])
    return RoleMatch(
        role=role.slug,
        title=role.title,
        family=role.family,
        entry_level=role.entry_level,
        score=float(fits.score[r]),
        essential_coverage=float(fits.essential_coverage[r]),
        readiness=fits.readiness[r],
        gap_hours=hours if np.isfinite(hours) else None,
        overqualified=bool(fits.overqualified[r]),
        met=met,
        transferred=transferred,
        gaps=gaps,
        missing_requirements=fits.missing[r],
        within_reach=bool(fits.within_reach[r]),
        step_up=int(fits.tier[r]) == 1,
        specialist_unproven=bool(fits.unproven[r]),
        step_down=bool(fits.step_down[r]),
        route=profile.route_to(role.slug) if fits.on_route[r] else None,
    )
