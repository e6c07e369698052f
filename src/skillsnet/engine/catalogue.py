"""The engine's view of the catalogue: plain specs in, immutable numpy/scipy arrays out.

The Django adapter fills the frozen `*Spec` dataclasses from the database and calls `build_catalogue`.
Skills, roles and courses are sorted by slug, so array positions (and every tie-break) follow slug order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.4
# A generic skill (a behaviour, numeracy, customer service…) is held by people in almost any job, so it
# says little about fit for one role rather than another: it counts at this share of its weight.
GENERIC_WEIGHT = 0.5
LEVELS = 5  # proficiency 0..4

Mode = Literal["online", "on-site", "blended"]
MODES: frozenset[str] = frozenset({"online", "on-site", "blended"})

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class CatalogueError(ValueError):
    """The specs handed to `build_catalogue` are inconsistent (unknown slug, level out of range...)."""


@dataclass(frozen=True)
class SkillSpec:
    slug: str
    name: str
    labels: tuple[str, ...] = ()  # alternative labels, for reading free text
    generic: bool = False  # general-purpose: weighs GENERIC_WEIGHT in a role's fit


@dataclass(frozen=True)
class Requirement:
    skill: str
    level: int  # 1..4
    essential: bool = True


@dataclass(frozen=True)
class CareerRoute:
    """Where people from one group of previous jobs usually start in the industry: `roles` (slugs) are
    the ones a recruiter would put first for them, for the reason `rationale`. A previous job carries its
    group's route (`RoleSpec.route`); roles on it are ranked as if they fitted ROUTE_BONUS better, less
    ROUTE_ORDER_STEP for each place below the top of `roles` (most usual first)."""

    name: str
    roles: tuple[str, ...]
    rationale: str = ""


@dataclass(frozen=True)
class RoleSpec:
    """A target role, or (as a previous job) a source occupation.

    `entry_level` is on England's RQF scale (2 = GCSE-level operative, 6 = bachelor's). For a role,
    `entry_requirements` are the hard requirements an employer will not hire without (codes such as
    `science-degree`, `nmc-registration`); for a previous job they are the credentials holding it implies.
    `route` is, for a previous job, where people from that kind of work usually start (None for a role).
    """

    slug: str
    title: str
    family: str
    entry_level: int
    requirements: tuple[Requirement, ...]
    entry_requirements: tuple[str, ...] = ()
    route: CareerRoute | None = None


@dataclass(frozen=True)
class TransferSpec:
    from_skill: str
    to_skill: str
    credit: float  # 0..1: share of the source level that counts towards the target skill
    rationale: str = ""


@dataclass(frozen=True)
class CourseSkill:
    skill: str
    to_level: int
    assumes_level: int = 0


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    mode: Mode
    hours: float
    cost: float
    raises: tuple[CourseSkill, ...]
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunSpec:
    """A dated on-site (or blended) run of a course at a centre.

    `booking_closes` is the last day on which a place can be booked (None: until the run starts). A
    centre refuses a booking until the course's prerequisites are complete, so a plan finishes them
    before that day. `centre_name` is what a person reads (the slug when not given); `region` is where the
    centre is, which a plan's `Travel` may allow as a whole.
    """

    id: str
    course: str
    centre: str
    starts: date
    ends: date
    seats_free: int
    booking_closes: date | None = None
    centre_name: str = ""
    region: str = ""  # the centre's region, for `Travel`


_A = TypeVar("_A", bound="np.ndarray[Any, Any]")


def _frozen(a: _A) -> _A:
    a.flags.writeable = False
    return a


def _frozen_csr(m: sp.csr_matrix) -> sp.csr_matrix:
    for arr in (m.data, m.indices, m.indptr):
        arr.flags.writeable = False
    return m


@dataclass(frozen=True, eq=False)
class EngineCatalogue:
    """Immutable arrays for matching and the specs for planning. Build it with `build_catalogue`.

    Requirements are stored as flat arrays sorted by (role, skill): entry k says role `req_role[k]`
    needs skill `req_skill[k]` at `req_level[k]` with weight `req_weight[k]`.
    """

    skills: tuple[SkillSpec, ...]
    skill_index: Mapping[str, int]
    roles: tuple[RoleSpec, ...]
    role_index: Mapping[str, int]
    courses: tuple[CourseSpec, ...]
    course_index: Mapping[str, int]
    # requirements, flat (nnz)
    req_role: IntArray
    req_skill: IntArray
    req_level: FloatArray
    req_weight: FloatArray
    req_essential: BoolArray
    req_generic: BoolArray  # the requirement's skill is generic (see GENERIC_WEIGHT)
    req_start: IntArray  # (n_roles + 1) offsets of each role's slice in the flat arrays
    role_weight_sum: FloatArray
    role_essential_sum: FloatArray
    role_entry_level: IntArray
    # requirement k -> role, weighted: dense-by-sparse products give per-role sums in batch scoring
    req_to_role: sp.csr_matrix  # (nnz x n_roles), entry (k, role_k) = weight_k
    # transfers: T[i, j] = credit from skill i to skill j; edges sorted by target then source
    transfer: sp.csr_matrix
    transfer_in: sp.csr_matrix  # T transposed: row j lists the sources of skill j
    edge_src: IntArray
    edge_dst_unique: IntArray
    edge_dst_start: IntArray  # reduceat offsets into edge arrays, one per unique target
    edge_credit: FloatArray
    transfer_rationale: Mapping[tuple[int, int], str]
    # teach_hours[j, L]: fewest hours to take skill j to level >= L from scratch: the best course plus
    # every course in its prerequisite chain (inf if no course teaches it)
    teach_hours: FloatArray
    # teach_bundle row j * LEVELS + L: which courses that best route takes (the course and its
    # prerequisites), so a role's gap hours count a course shared by several gaps once
    teach_bundle: sp.csr_matrix
    course_hours: FloatArray
    # every course a course needs first, transitively (not itself)
    prerequisite_closure: Mapping[str, frozenset[str]]
    # skills that count towards some role: a role asks for them, or they transfer to a skill one asks for
    contributing_skills: frozenset[str]

    @property
    def n_skills(self) -> int:
        return len(self.skills)

    @property
    def n_roles(self) -> int:
        return len(self.roles)

    @property
    def skill_slugs(self) -> tuple[str, ...]:
        return tuple(s.slug for s in self.skills)

    def role(self, slug: str) -> RoleSpec:
        return self.roles[self.role_index[slug]]

    def course(self, slug: str) -> CourseSpec:
        return self.courses[self.course_index[slug]]

    def levels_vector(self, levels: Mapping[str, int]) -> FloatArray:
        """Dense level vector in catalogue skill order; unknown skills are ignored."""
        vec = np.zeros(self.n_skills, dtype=np.float64)
        index = self.skill_index
        for skill, level in levels.items():
            j = index.get(skill)
            if j is not None:
                vec[j] = level
        return vec


def _check_unique(kind: str, slugs: Iterable[str]) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            raise CatalogueError(f"duplicate {kind} slug {slug!r}")
        seen.add(slug)


def _prerequisite_closures(courses: Sequence[CourseSpec], index: Mapping[str, int]) -> list[frozenset[int]]:
    """For each course, itself and every course it needs first, transitively. Rejects cycles."""
    done: dict[int, frozenset[int]] = {}

    def visit(k: int, path: tuple[int, ...]) -> frozenset[int]:
        if k in done:
            return done[k]
        if k in path:
            cycle = " -> ".join(courses[i].slug for i in (*path[path.index(k) :], k))
            raise CatalogueError(f"prerequisite cycle: {cycle}")
        members = {k}
        for prereq in courses[k].prerequisites:
            members |= visit(index[prereq], (*path, k))
        done[k] = frozenset(members)
        return done[k]

    return [visit(k, ()) for k in range(len(courses))]


def build_catalogue(
    skills: Iterable[SkillSpec],
    roles: Iterable[RoleSpec],
    transfers: Iterable[TransferSpec] = (),
    courses: Iterable[CourseSpec] = (),
) -> EngineCatalogue:
    """Validate the specs and build the immutable arrays. Vectorised: thousands of roles in milliseconds.

    Duplicate requirements of one skill in a role merge (highest level, essential if any is).
    Duplicate transfer edges keep the highest credit. Unknown slugs raise `CatalogueError`.
    """
    skill_list = sorted(skills, key=lambda s: s.slug)
    role_list = sorted(roles, key=lambda r: r.slug)
    course_list = sorted(courses, key=lambda c: c.slug)
    _check_unique("skill", (s.slug for s in skill_list))
    _check_unique("role", (r.slug for r in role_list))
    _check_unique("course", (c.slug for c in course_list))
    skill_index = {s.slug: j for j, s in enumerate(skill_list)}
    n_skills, n_roles = len(skill_list), len(role_list)

    # --- requirements -------------------------------------------------------------------------
    counts = np.fromiter((len(r.requirements) for r in role_list), dtype=np.int64, count=n_roles)
    all_reqs = [req for role in role_list for req in role.requirements]
    try:
        cols = np.fromiter((skill_index[q.skill] for q in all_reqs), dtype=np.int64, count=len(all_reqs))
    except KeyError as exc:
        raise CatalogueError(f"a role requires unknown skill {exc.args[0]!r}") from None
    levels = np.fromiter((q.level for q in all_reqs), dtype=np.int64, count=len(all_reqs))
    essential = np.fromiter((q.essential for q in all_reqs), dtype=np.bool_, count=len(all_reqs))
    if levels.size and (levels.min() < 1 or levels.max() > 4):
        raise CatalogueError("requirement levels must be 1..4")
    rows = np.repeat(np.arange(n_roles, dtype=np.int64), counts)
    key = rows * max(n_skills, 1) + cols
    order = np.argsort(key, kind="stable")
    key, rows, cols, levels, essential = key[order], rows[order], cols[order], levels[order], essential[order]
    if key.size:
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        levels = np.maximum.reduceat(levels, first)
        essential = np.logical_or.reduceat(essential, first)
        rows, cols = rows[first], cols[first]
    req_level = levels.astype(np.float64)
    req_weight = np.where(essential, ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT)
    generic = np.array([spec.generic for spec in skill_list], dtype=bool)
    if generic.any():
        req_weight = req_weight * np.where(generic[cols], GENERIC_WEIGHT, 1.0)
    req_start = np.searchsorted(rows, np.arange(n_roles + 1)).astype(np.int64)
    role_weight_sum = np.bincount(rows, weights=req_weight, minlength=n_roles).astype(np.float64)
    ess_weights = essential.astype(np.float64)
    role_essential_sum = np.bincount(rows, weights=ess_weights, minlength=n_roles).astype(np.float64)
    nnz = rows.size
    req_to_role = sp.csr_matrix((req_weight, (np.arange(nnz), rows)), shape=(nnz, n_roles))

    # --- transfers ----------------------------------------------------------------------------
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for t in transfers:
        if t.from_skill not in skill_index or t.to_skill not in skill_index:
            raise CatalogueError(f"transfer {t.from_skill!r} -> {t.to_skill!r} names an unknown skill")
        if not 0.0 <= t.credit <= 1.0:
            raise CatalogueError(f"transfer credit must be in 0..1, got {t.credit}")
        if t.from_skill == t.to_skill or t.credit == 0.0:
            continue
        pair = (skill_index[t.from_skill], skill_index[t.to_skill])
        if pair not in best or (t.credit, t.rationale) > best[pair]:
            best[pair] = (t.credit, t.rationale)
    pairs = sorted(best, key=lambda p: (p[1], p[0]))
    edge_src = np.array([p[0] for p in pairs], dtype=np.int64)
    edge_dst = np.array([p[1] for p in pairs], dtype=np.int64)
    edge_credit = np.array([best[p][0] for p in pairs], dtype=np.float64)
    transfer = sp.csr_matrix((edge_credit, (edge_src, edge_dst)), shape=(n_skills, n_skills))
    transfer_in = sp.csr_matrix(transfer.T)
    transfer_in.sort_indices()
    if edge_dst.size:
        edge_dst_start = np.flatnonzero(np.r_[True, edge_dst[1:] != edge_dst[:-1]])
    else:
        edge_dst_start = np.zeros(0, dtype=np.int64)
    edge_dst_unique = edge_dst[edge_dst_start]

    # --- courses ------------------------------------------------------------------------------
    course_index = {c.slug: k for k, c in enumerate(course_list)}
    teach_hours = np.full((n_skills, LEVELS), np.inf)
    teach_hours[:, 0] = 0.0
    for course in course_list:
        if course.mode not in MODES:
            raise CatalogueError(f"course {course.slug!r}: mode must be one of {sorted(MODES)}")
        if course.hours < 0 or course.cost < 0:
            raise CatalogueError(f"course {course.slug!r}: hours and cost must be >= 0")
        for prereq in course.prerequisites:
            if prereq not in course_index or prereq == course.slug:
                raise CatalogueError(f"course {course.slug!r}: bad prerequisite {prereq!r}")
        for cs in course.raises:
            if cs.skill not in skill_index:
                raise CatalogueError(f"course {course.slug!r} raises unknown skill {cs.skill!r}")
            if not 0 <= cs.assumes_level < cs.to_level <= 4:
                raise CatalogueError(f"course {course.slug!r}: need 0 <= assumes_level < to_level <= 4")
    closures = _prerequisite_closures(course_list, course_index)
    course_hours = np.array([c.hours for c in course_list], dtype=np.float64)
    closure_hours = np.array([course_hours[sorted(closure)].sum() for closure in closures], dtype=np.float64)
    best_course = np.full((n_skills, LEVELS), -1, dtype=np.int64)
    for k, course in enumerate(course_list):
        for cs in course.raises:
            j = skill_index[cs.skill]
            for level in range(1, cs.to_level + 1):
                # Ties go to the earlier course by slug, so the estimate is deterministic.
                if closure_hours[k] < teach_hours[j, level]:
                    teach_hours[j, level] = closure_hours[k]
                    best_course[j, level] = k
    bundle_rows: list[int] = []
    bundle_cols: list[int] = []
    for j, level in zip(*np.nonzero(best_course >= 0), strict=True):
        for member in sorted(closures[int(best_course[j, level])]):
            bundle_rows.append(int(j) * LEVELS + int(level))
            bundle_cols.append(member)
    teach_bundle = sp.csr_matrix(
        (np.ones(len(bundle_rows)), (np.array(bundle_rows, dtype=np.int64), np.array(bundle_cols, dtype=np.int64))),
        shape=(n_skills * LEVELS, len(course_list)),
    )

    for arr in (rows, cols, req_level, req_weight, essential, req_start, role_weight_sum, role_essential_sum):
        _frozen(arr)
    for arr in (edge_src, edge_dst_unique, edge_dst_start, edge_credit, teach_hours, course_hours):
        _frozen(arr)
    return EngineCatalogue(
        skills=tuple(skill_list),
        skill_index=MappingProxyType(skill_index),
        roles=tuple(role_list),
        role_index=MappingProxyType({r.slug: i for i, r in enumerate(role_list)}),
        courses=tuple(course_list),
        course_index=MappingProxyType(course_index),
        req_role=rows,
        req_skill=cols,
        req_level=req_level,
        req_weight=req_weight,
        req_essential=essential,
        req_generic=_frozen(generic[cols] if generic.size else np.zeros(cols.size, dtype=bool)),
        req_start=req_start,
        role_weight_sum=role_weight_sum,
        role_essential_sum=role_essential_sum,
        role_entry_level=_frozen(np.array([r.entry_level for r in role_list], dtype=np.int64)),
        req_to_role=_frozen_csr(req_to_role),
        transfer=_frozen_csr(transfer),
        transfer_in=_frozen_csr(transfer_in),
        edge_src=edge_src,
        edge_dst_unique=edge_dst_unique,
        edge_dst_start=edge_dst_start,
        edge_credit=edge_credit,
        transfer_rationale=MappingProxyType({p: best[p][1] for p in pairs}),
        teach_hours=teach_hours,
        teach_bundle=_frozen_csr(teach_bundle),
        course_hours=course_hours,
        prerequisite_closure=MappingProxyType(
            {c.slug: frozenset(course_list[i].slug for i in closures[k] if i != k) for k, c in enumerate(course_list)}
        ),
        contributing_skills=_contributing(skill_list, cols, edge_src, edge_dst),
    )


def _contributing(skills: Sequence[SkillSpec], asked: IntArray, src: IntArray, dst: IntArray) -> frozenset[str]:
    wanted = np.zeros(len(skills), dtype=bool)
    wanted[asked] = True
    wanted[src[wanted[dst]]] = True
    return frozenset(skills[int(j)].slug for j in np.flatnonzero(wanted))
