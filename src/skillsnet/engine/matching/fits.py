"""Fit of one profile against every role: effective levels, coverage, gap hours, readiness and reach."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..catalogue import LEVELS, BoolArray, CareerRoute, EngineCatalogue, FloatArray
from ..profile import Profile
from .results import RoleFits
from .rules import (
    MIN_SPECIALIST_COVERAGE,
    ON_THE_JOB_ENTRY_LEVEL,
    OVERQUALIFIED_EXCEED_SHARE,
    OVERQUALIFIED_MIN_ESSENTIAL,
    OVERQUALIFIED_SENIORITY_GAP,
    REACH_MAX_STEP_UP,
    READY_NOW,
    READY_NOW_MAX_HOURS,
    READY_NOW_MIN_ESSENTIAL,
    SHORT_TRAINING,
    SHORT_TRAINING_MAX_HOURS,
    SHORT_TRAINING_MIN_ESSENTIAL,
    STEP_DOWN_LEVELS,
    STRETCH,
    UNPROVEN_MAX_SENIORITY,
    Readiness,
)


def effective_levels(catalogue: EngineCatalogue, levels: FloatArray) -> FloatArray:
    """e = max(l, max_i T_ij * l_i) for a level vector (n_skills) or matrix (n_profiles x n_skills)."""
    out = np.array(levels, dtype=np.float64, copy=True)
    if catalogue.edge_src.size:
        gained = out[..., catalogue.edge_src] * catalogue.edge_credit
        best = np.maximum.reduceat(gained, catalogue.edge_dst_start, axis=-1)
        targets = catalogue.edge_dst_unique
        out[..., targets] = np.maximum(out[..., targets], best)
    return out


def _readiness(gap_hours: float, essential_coverage: float, essential_held: bool, eligible: bool) -> Readiness:
    if not eligible:
        return STRETCH
    if gap_hours <= READY_NOW_MAX_HOURS and essential_coverage >= READY_NOW_MIN_ESSENTIAL:
        return READY_NOW
    if gap_hours <= SHORT_TRAINING_MAX_HOURS and essential_coverage >= SHORT_TRAINING_MIN_ESSENTIAL and essential_held:
        return SHORT_TRAINING
    return STRETCH


def _missing(cat: EngineCatalogue, credentials: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c for c in role.entry_requirements if c not in credentials) for role in cat.roles)


def _fits(
    catalogue: EngineCatalogue,
    own: FloatArray,
    seniority: int | None,
    credentials: frozenset[str] = frozenset(),
    routes: tuple[CareerRoute, ...] = (),
) -> tuple[RoleFits, FloatArray]:
    cat = catalogue
    n_roles = cat.n_roles
    eff = effective_levels(cat, own)
    held = eff[cat.req_skill]
    coverage = np.minimum(held, cat.req_level) / cat.req_level  # exactly 1.0 when met
    weighted = np.bincount(cat.req_role, weights=coverage * cat.req_weight, minlength=n_roles)
    # Dividing the same-order bincount sums keeps a perfect profile at exactly 1.0.
    wsum = cat.role_weight_sum
    score = np.divide(weighted, wsum, out=np.zeros(n_roles), where=wsum > 0)
    np.minimum(score, 1.0, out=score)
    ess_cov = np.bincount(cat.req_role, weights=coverage * cat.req_essential, minlength=n_roles)
    esum = cat.role_essential_sum
    essential = np.divide(ess_cov, esum, out=np.ones(n_roles), where=esum > 0)
    np.minimum(essential, 1.0, out=essential)

    gap_hours = _gap_hours(cat, (held < cat.req_level) & cat.req_essential)

    exceeds = own[cat.req_skill] >= cat.req_level + 1
    exceed_w = np.bincount(cat.req_role, weights=exceeds * cat.req_weight, minlength=n_roles)
    exceed_share = np.divide(exceed_w, wsum, out=np.zeros(n_roles), where=wsum > 0)
    over = exceed_share >= OVERQUALIFIED_EXCEED_SHARE
    if seniority is not None:
        over |= seniority - cat.role_entry_level >= OVERQUALIFIED_SENIORITY_GAP
    over &= essential >= OVERQUALIFIED_MIN_ESSENTIAL

    # Roles with no essential requirement count as holding one, so they are judged on hours alone.
    held_essential = np.bincount(cat.req_role, weights=(held >= cat.req_level) & cat.req_essential, minlength=n_roles)
    essential_held = (held_essential > 0) | (esum == 0)
    missing = _missing(cat, credentials)
    eligible = np.fromiter((not m for m in missing), dtype=bool, count=n_roles)
    tier = np.where(eligible, 0, 2).astype(np.int64)
    if seniority is not None:
        tier[eligible & (cat.role_entry_level > seniority)] = 1
        tier[cat.role_entry_level > seniority + REACH_MAX_STEP_UP] = 2

    readiness = tuple(
        _readiness(float(h), float(c), bool(e), bool(ok))
        for h, c, e, ok in zip(gap_hours, essential, essential_held, eligible, strict=True)
    )
    specialist = ~cat.req_generic
    spec_w = np.bincount(cat.req_role, weights=cat.req_weight * specialist, minlength=n_roles)
    spec_cov = np.bincount(cat.req_role, weights=coverage * cat.req_weight * specialist, minlength=n_roles)
    specialist_coverage = np.divide(spec_cov, spec_w, out=np.ones(n_roles), where=spec_w > 0)
    step_down = np.zeros(n_roles, dtype=bool)
    if seniority is not None:
        step_down = cat.role_entry_level <= seniority - STEP_DOWN_LEVELS
    unproven = (cat.role_entry_level > ON_THE_JOB_ENTRY_LEVEL) & (specialist_coverage < MIN_SPECIALIST_COVERAGE)
    if seniority is None or seniority > UNPROVEN_MAX_SENIORITY:
        unproven[:] = False
    # A role on several of the person's routes takes its best (smallest) place.
    route_place = np.full(n_roles, -1, dtype=np.int64)
    for route in routes:
        for place, slug in enumerate(route.roles):
            r = cat.role_index.get(slug)
            if r is not None and (route_place[r] < 0 or place < route_place[r]):
                route_place[r] = place
    # A route says people from this work usually start in the role: that overrides the level rule's guess
    # (at most one level up), never a missing hard requirement. Such a role ranks as one level up.
    tier[(route_place >= 0) & eligible & (tier == 2)] = 1
    fits = RoleFits(
        score,
        essential,
        gap_hours,
        over,
        readiness,
        missing,
        tier,
        specialist_coverage,
        unproven,
        step_down,
        route_place,
    )
    return fits, eff


def _gap_hours(cat: EngineCatalogue, essential_gap: BoolArray) -> FloatArray:
    """Hours of training each role's essential gaps need: the union of the courses (with their
    prerequisites) that the best route to each gap takes, so a course shared by several gaps counts
    once. inf when some essential gap has no course teaching it to the required level."""
    n_roles = cat.n_roles
    gap = np.flatnonzero(essential_gap)
    if gap.size == 0:
        return np.zeros(n_roles)
    roles = cat.req_role[gap]
    levels = cat.req_level[gap].astype(np.int64)
    untaught = np.isinf(cat.teach_hours[cat.req_skill[gap], levels])
    hours = np.zeros(n_roles)
    if cat.course_hours.size:
        routes = sp.csr_matrix(
            (np.ones(gap.size), (roles, cat.req_skill[gap] * LEVELS + levels)),
            shape=(n_roles, cat.n_skills * LEVELS),
        )
        taken = (routes @ cat.teach_bundle).tocsr()
        taken.data[:] = 1.0
        hours = np.asarray(taken @ cat.course_hours, dtype=np.float64).ravel()
    hours[np.bincount(roles, weights=untaught, minlength=n_roles) > 0] = np.inf
    return hours


def fit_all(catalogue: EngineCatalogue, profile: Profile) -> RoleFits:
    """Scores of one profile against every role (catalogue order), without explanations."""
    levels = catalogue.levels_vector(profile.levels)
    return _fits(catalogue, levels, profile.seniority, profile.credentials, profile.routes)[0]
