"""Role fit: how well a person's skills cover each role, and why, requirement by requirement.

effective level   e_j = max(l_j, max_i T_ij * l_i)                    (transfers from related skills)
fit               sum_j w_rj * min(e_j, L_rj) / L_rj  /  sum_j w_rj    (importance-weighted coverage)
essential cover   the same sum over essential requirements only (1.0 when a role has none)

One profile against every role is a handful of vector operations over the flat requirement arrays;
explanations are built only for the roles returned. See docs/ENGINE.md for the reasoning.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .catalogue import LEVELS, BoolArray, EngineCatalogue, FloatArray, IntArray
from .profile import Profile, Provenance

Readiness = Literal["ready-now", "short-training", "stretch"]
READY_NOW: Readiness = "ready-now"
SHORT_TRAINING: Readiness = "short-training"
STRETCH: Readiness = "stretch"

# Readiness comes from the training hours the essential gaps need (see docs/ENGINE.md).
READY_NOW_MAX_HOURS = 8.0
READY_NOW_MIN_ESSENTIAL = 0.9
SHORT_TRAINING_MAX_HOURS = 120.0
# Cheap gaps are not enough for "short training": the person must already cover half of what the role
# needs on day one and fully hold at least one essential skill. A missing hard entry requirement (a
# degree, a registration) always reads "stretch".
SHORT_TRAINING_MIN_ESSENTIAL = 0.5
# A move is within reach when the role's entry level is at most one RQF level above the person's
# previous jobs (the job-zone rule of the career-causeways method) and no hard requirement is missing.
REACH_MAX_STEP_UP = 1
# Within reach, a role one level up is listed above a role at the person's level only when it fits by
# this much more: employers hire career changers first at the level they come from. (Measured on the
# dev part of the labelled jobs: 0.05–0.15 all help; see docs/EVALUATION.md.)
STEP_UP_PENALTY = 0.08
# Roles entered at RQF 2 train people on the job; a role above that hires for its specialist (non-generic)
# skills. A person from non-graduate work (previous jobs known, entered at RQF 4 or below) who shows less than
# MIN_SPECIALIST_COVERAGE of a skilled role's specialist requirement weight would be hired into it on
# behaviours alone, which employers do not do: it is listed as if one level up (less SPECIALIST_PENALTY).
# Graduates and managers are left out of the rule: the ESCO bridge reaches their specialist skills only in
# part, and the entry roles are not their route. (Measured on the dev part; see docs/EVALUATION.md.)
ON_THE_JOB_ENTRY_LEVEL = 2
# The same rule downwards: a role entered three or more RQF levels below the person's previous jobs (a
# chemistry graduate, RQF 6, and a QC technician, RQF 3) is listed below an equal fit nearer their level.
# Employers hesitate to hire far below a candidate's level, and the person would start far below their
# pay. It is a ranking penalty, not a filter: the role stays listed, and `overqualified` still flags it.
STEP_DOWN_LEVELS = 3
STEP_DOWN_PENALTY = 0.08
UNPROVEN_MAX_SENIORITY = 4
MIN_SPECIALIST_COVERAGE = 0.2
SPECIALIST_PENALTY = 0.08
# Over-qualified: can do the job (essential cover >= 0.9) and either exceeds most of it by a full level
# on their own skills, or comes from occupations at least two entry levels above the role's.
OVERQUALIFIED_MIN_ESSENTIAL = 0.9
OVERQUALIFIED_EXCEED_SHARE = 0.8
OVERQUALIFIED_SENIORITY_GAP = 2

_Source = tuple[int, float, float]  # source skill index, credit, level gained

BATCH_ELEMENTS = 4_000_000  # working-set bound for score_batch: profiles-per-chunk x requirements


@dataclass(frozen=True)
class MetSkill:
    skill: str
    required_level: int
    level: int
    provenance: Provenance | None  # primary evidence of the person's level
    essential: bool


@dataclass(frozen=True)
class TransferredSkill:
    """A requirement (partly) met through another skill the person holds."""

    skill: str
    from_skill: str
    credit: float
    level_gained: float  # credit * level of from_skill
    required_level: int
    rationale: str
    essential: bool

    @property
    def fully_met(self) -> bool:
        return self.level_gained >= self.required_level


@dataclass(frozen=True)
class Gap:
    skill: str
    required_level: int
    current_level: float  # effective level, which may come (partly) from a transfer
    essential: bool


@dataclass(frozen=True)
class RoleMatch:
    role: str
    title: str
    family: str
    entry_level: int
    score: float
    essential_coverage: float
    readiness: Readiness
    gap_hours: float | None  # hours to close the essential gaps; None when a gap has no course
    overqualified: bool
    met: tuple[MetSkill, ...]
    transferred: tuple[TransferredSkill, ...]
    gaps: tuple[Gap, ...]
    missing_requirements: tuple[str, ...] = ()  # hard entry requirements the person has not shown
    within_reach: bool = True  # no missing requirement and at most one entry level up (see match())
    step_up: bool = False  # within reach, but one entry level above the person's previous jobs
    specialist_unproven: bool = False  # a skilled role the person shows little of its specialist skills for
    step_down: bool = False  # entered STEP_DOWN_LEVELS or more below the person's previous jobs

    def plan_gaps(self, *, essential_only: bool = False) -> dict[str, tuple[int, int]]:
        """The gaps in the form `plan()` takes: skill -> (current level rounded down, required level)."""
        wanted = [g for g in self.gaps if g.essential or not essential_only]
        return {g.skill: (int(g.current_level), g.required_level) for g in wanted}


@dataclass(frozen=True)
class RoleFits:
    """Fit of one profile against every role, in catalogue role order."""

    score: FloatArray
    essential_coverage: FloatArray
    gap_hours: FloatArray  # inf when an essential gap has no teaching course
    overqualified: npt.NDArray[np.bool_]
    readiness: tuple[Readiness, ...]
    missing: tuple[tuple[str, ...], ...]  # per role: hard entry requirements not in the profile
    tier: IntArray  # 0 at the person's level or below, 1 one level up, 2 out of reach (see match())
    specialist_coverage: FloatArray  # fit over the role's non-generic requirements only (1.0 when none)
    unproven: npt.NDArray[np.bool_]  # a skilled role the person shows too little specialist skill for (see match())
    step_down: npt.NDArray[np.bool_]  # entered STEP_DOWN_LEVELS or more below the person's previous jobs

    @property
    def within_reach(self) -> npt.NDArray[np.bool_]:
        """No missing hard requirement and at most REACH_MAX_STEP_UP entry levels up: tiers 0 and 1."""
        return self.tier < 2


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
    return _fits(catalogue, catalogue.levels_vector(profile.levels), profile.seniority, profile.credentials)[0]


def _transfer_source(catalogue: EngineCatalogue, own: FloatArray, skill: int) -> _Source | None:
    """(source skill, credit, level gained) of the best transfer into `skill`; ties go to the lower slug."""
    t_in = catalogue.transfer_in
    lo, hi = t_in.indptr[skill], t_in.indptr[skill + 1]
    if lo == hi:
        return None
    sources = t_in.indices[lo:hi]  # sorted, i.e. slug order
    credits = t_in.data[lo:hi]
    gained = credits * own[sources]
    k = int(np.argmax(gained))  # first maximum = lowest slug
    if gained[k] <= 0:
        return None
    return int(sources[k]), float(credits[k]), float(gained[k])


def explain(
    catalogue: EngineCatalogue, profile: Profile, role_idx: int, own: FloatArray, eff: FloatArray
) -> tuple[tuple[MetSkill, ...], tuple[TransferredSkill, ...], tuple[Gap, ...]]:
    """Every requirement of a role as met, transferred (from a named skill) and/or gap.

    A requirement the person's own level meets is `met`. Otherwise, when a transfer raised it, it is
    `transferred`; if the transfer falls short it is also a `gap` (current_level = the transferred
    level). Otherwise it is a `gap`. `met` never overlaps the other two.
    """
    cat = catalogue
    met: list[MetSkill] = []
    transferred: list[TransferredSkill] = []
    gaps: list[Gap] = []
    slugs = cat.skills
    for k in range(int(cat.req_start[role_idx]), int(cat.req_start[role_idx + 1])):
        j = int(cat.req_skill[k])
        slug = slugs[j].slug
        required = int(cat.req_level[k])
        essential = bool(cat.req_essential[k])
        mine, effective = float(own[j]), float(eff[j])
        if mine >= required:
            primary = profile.primary(slug)
            provenance = primary.provenance if primary else None
            met.append(MetSkill(slug, required, int(mine), provenance, essential))
            continue
        if effective > mine:
            source = _transfer_source(cat, own, j)
            if source is not None:
                i, credit, gained = source
                rationale = cat.transfer_rationale.get((i, j), "")
                transferred.append(
                    TransferredSkill(slug, slugs[i].slug, credit, gained, required, rationale, essential)
                )
        if effective < required:
            gaps.append(Gap(slug, required, effective, essential))
    return tuple(met), tuple(transferred), tuple(gaps)


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

    Roles within reach come first (no missing hard requirement, at most one entry level above the
    person's previous jobs), then the rest; within each group by fit, less STEP_UP_PENALTY for a role
    one level up (a career changer is hired first at the level they come from) and less
    SPECIALIST_PENALTY for a skilled role the person shows too little specialist skill for, less
    STEP_DOWN_PENALTY for a role STEP_DOWN_LEVELS or more below their previous jobs, then essential
    coverage, then fewer gap hours; only exact ties fall back to the slug. `families` and
    `max_entry_level` filter roles; roles scoring `min_score` or less are left out; `limit` caps the list.
    `fits` is `fit_all(catalogue, profile)` when the caller has it already.
    """
    cat = catalogue
    own = cat.levels_vector(profile.levels)
    if fits is None:
        fits, eff = _fits(cat, own, profile.seniority, profile.credentials)
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
def ranked_fit(score: float, step_up: bool, unproven: bool, step_down: bool) -> float: ...
@overload
def ranked_fit(score: FloatArray, step_up: BoolArray, unproven: BoolArray, step_down: BoolArray) -> FloatArray: ...
def ranked_fit(score: Any, step_up: Any, unproven: Any, step_down: Any) -> Any:
    """The fit a role is ranked by: its fit less the step-up, specialist and step-down penalties. Works on
    one role's numbers or on arrays of them; the one place the ranking's arithmetic is spelled."""
    return score - STEP_UP_PENALTY * step_up - SPECIALIST_PENALTY * unproven - STEP_DOWN_PENALTY * step_down


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
        ),
        ~fits.within_reach[candidates],
    )


def rank_key(m: RoleMatch) -> tuple[bool, float, float, float]:
    """What orders one match, most significant first, without the slug: roles within reach first, then
    ranked fit, essential coverage and gap hours (no course for a gap counts as endless hours)."""
    return (
        not m.within_reach,
        -ranked_fit(m.score, m.step_up, m.specialist_unproven, m.step_down),
        -m.essential_coverage,
        float("inf") if m.gap_hours is None else m.gap_hours,
    )


def rank_ties(matches: Collection[RoleMatch]) -> list[bool]:
    """For a ranked list, whether each entry is tied with its predecessor on every ranking key: the
    order between them is the slug's, not a judgement, so a page should show them as joint."""
    keys = [rank_key(m) for m in matches]
    return [i > 0 and keys[i] == keys[i - 1] for i in range(len(keys))]


def match_one(catalogue: EngineCatalogue, profile: Profile, role: str) -> RoleMatch:
    """The explained match for one role (KeyError for an unknown slug): one explanation, not a family's."""
    own = catalogue.levels_vector(profile.levels)
    fits, eff = _fits(catalogue, own, profile.seniority, profile.credentials)
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
    )


def _top_k(scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """Top k per row, score descending, ties by lower column index (slug order). Deterministic."""
    n_rows, n_cols = scores.shape
    k = min(k, n_cols)
    if k <= 0 or n_rows == 0:
        return np.zeros((n_rows, 0), dtype=np.int64), np.zeros((n_rows, 0))
    kth = np.partition(scores, n_cols - k, axis=1)[:, n_cols - k]
    above = scores > kth[:, None]
    equal = scores == kth[:, None]
    room = k - above.sum(axis=1)
    chosen = above | (equal & (np.cumsum(equal, axis=1) <= room[:, None]))
    cols = np.nonzero(chosen)[1].reshape(n_rows, k)  # each row has exactly k, in column order
    picked = np.take_along_axis(scores, cols, axis=1)
    order = np.argsort(-picked, axis=1, kind="stable")
    return np.take_along_axis(cols, order, axis=1), np.take_along_axis(picked, order, axis=1)


def score_matrix(catalogue: EngineCatalogue, levels: FloatArray) -> FloatArray:
    """Fit of each profile (row of `levels`, catalogue skill order) against every role."""
    cat = catalogue
    eff = effective_levels(cat, levels)
    coverage = np.minimum(eff[:, cat.req_skill], cat.req_level) / cat.req_level
    weighted: FloatArray = np.asarray(coverage @ cat.req_to_role, dtype=np.float64)
    wsum = cat.role_weight_sum
    scores = np.divide(weighted, wsum, out=np.zeros_like(weighted), where=wsum > 0)
    return np.minimum(scores, 1.0, out=scores)


def score_batch(
    catalogue: EngineCatalogue, levels: FloatArray, k: int = 5, *, chunk_rows: int | None = None
) -> tuple[IntArray, FloatArray]:
    """Top-k roles for each of many profiles: (role indices, scores), each n_profiles x k.

    `levels` is n_profiles x n_skills in catalogue skill order (see `EngineCatalogue.levels_vector`).
    Profiles are processed in chunks so the working set stays near `BATCH_ELEMENTS` floats.
    """
    cat = catalogue
    levels = np.asarray(levels, dtype=np.float64)
    if levels.ndim != 2 or levels.shape[1] != cat.n_skills:
        raise ValueError(f"levels must be n_profiles x {cat.n_skills}")
    n = levels.shape[0]
    k = min(k, cat.n_roles)
    if chunk_rows is None:
        width = max(cat.req_skill.size, cat.n_skills, cat.n_roles, 1)
        chunk_rows = max(1, BATCH_ELEMENTS // width)
    indices = np.zeros((n, k), dtype=np.int64)
    scores = np.zeros((n, k), dtype=np.float64)
    for lo in range(0, n, chunk_rows):
        hi = min(n, lo + chunk_rows)
        indices[lo:hi], scores[lo:hi] = _top_k(score_matrix(cat, levels[lo:hi]), k)
    return indices, scores
