"""Training plans: the cheapest set of online courses and dated on-site runs that closes a skills gap.

A mixed-integer programme (scipy.optimize.milp, i.e. HiGHS) chooses the courses and runs; a scheduler
then dates the online courses (sequentially, at `hours_per_week`, paused during on-site runs, earliest
deadline first) and checks every rule. A greedy planner is always run too: it is the fallback when the
solver fails, and its totals are reported so callers can show what the optimum saves.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from .catalogue import CourseSpec, EngineCatalogue, RunSpec

MILP_TIME_LIMIT = 2.0  # seconds per solve; on time-out the greedy plan is used
# A real schedule offers each on-site course every few weeks at several centres: dozens of interchangeable
# runs with the same hours and cost. Past this many usable runs, each course keeps only its earliest
# runs that the learner could reach (after the online prerequisites they still need), which shrinks the
# programme tenfold without changing its optimum in practice.
PRUNE_ABOVE_RUNS = 60
RUNS_KEPT_PER_COURSE = 4
_EPS = 1e-6

Method = Literal["milp", "greedy"]


@dataclass(frozen=True)
class PlanStep:
    course: str
    title: str
    mode: str
    run_id: str | None
    centre: str | None
    starts: date
    ends: date
    hours: float
    cost: float
    closes: tuple[str, ...]  # gap skills this course takes to the required level
    reason: str
    # on-site steps: the last day to book, and the first day booking is possible (every prerequisite done)
    book_by: date | None = None
    book_from: date | None = None


@dataclass(frozen=True)
class Travel:
    """Where a person will go for on-site runs: any centre in one of `regions`, and each of `centres`.

    Both empty (the default) means anywhere. A run's centre and region come from its `RunSpec`.
    """

    regions: frozenset[str] = frozenset()
    centres: frozenset[str] = frozenset()

    @property
    def anywhere(self) -> bool:
        return not self.regions and not self.centres

    def allows(self, run: RunSpec) -> bool:
        return self.anywhere or run.centre in self.centres or (bool(run.region) and run.region in self.regions)


ANYWHERE = Travel()

UncoveredKind = Literal["untaught", "completed", "level", "no-run", "travel", "deadline", "prerequisites"]


@dataclass(frozen=True)
class Uncovered:
    skill: str
    required_level: int
    reason: str
    kind: UncoveredKind  # the reason as a code, for callers that word it their own way
    # kind "travel": (centre slug, centre name, region) of each centre beyond the person's travel that has a
    # usable run of a course closing this gap; allowing travel to one of them may close it
    centres: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    total_hours: float
    total_cost: float
    finish_date: date | None
    uncovered: tuple[Uncovered, ...]
    method: Method
    greedy_hours: float
    greedy_cost: float


@dataclass(frozen=True)
class _Offering:
    course: CourseSpec
    run: RunSpec | None  # None for an online course, taken any time

    @property
    def key(self) -> tuple[str, str, str]:
        run = self.run
        return (self.course.slug, run.starts.isoformat() if run else "", run.id if run else "")


class _Problem:
    """Everything the solver, the greedy planner and the scheduler share, precomputed once."""

    def _open_chain(self, slug: str) -> frozenset[str]:
        seen: set[str] = set()
        stack = [p for p in self.courses[slug].prerequisites if p not in self.held]
        while stack:
            p = stack.pop()
            if p not in seen:
                seen.add(p)
                stack.extend(q for q in self.courses[p].prerequisites if q not in self.held)
        return frozenset(seen)

    def __init__(
        self,
        catalogue: EngineCatalogue,
        gaps: Mapping[str, tuple[int, int]],
        held: set[str],
        runs: Sequence[RunSpec],
        start: date,
        hours_per_week: float,
        deadline: date | None,
        travel: Travel,
    ) -> None:
        if hours_per_week <= 0:
            raise ValueError("hours_per_week must be positive")
        self.catalogue = catalogue
        self.start = start
        self.deadline = deadline
        self.travel = travel
        self.rate = hours_per_week / 7.0  # study hours per day
        self.held = held
        self.gaps = {s: (int(c), int(r)) for s, (c, r) in sorted(gaps.items()) if r > c}
        courses = {c.slug: c for c in catalogue.courses}
        self.courses = courses
        # What each course still needs: its prerequisite chain, stopping at courses already held (the
        # prerequisites of a held course are behind the learner, not ahead).
        self.closure = (
            catalogue.prerequisite_closure if not held else {slug: self._open_chain(slug) for slug in courses}
        )

        # A course can close gap g if it teaches g to the required level from what the learner has:
        # their current level, or a level taught by a course in its prerequisite chain or already held.
        self.eligible: dict[str, list[str]] = {}
        self.teaches_at_all: dict[str, bool] = {}
        self.eligible_but_held: dict[str, bool] = {}
        for skill, (current, required) in self.gaps.items():
            self.teaches_at_all[skill] = False
            eligible = []
            for slug, course in courses.items():
                for cs in course.raises:
                    if cs.skill != skill or cs.to_level < required:
                        continue
                    self.teaches_at_all[skill] = True
                    if cs.assumes_level <= current or any(
                        self._teaches(p, skill, cs.assumes_level) for p in self.closure[slug] | held
                    ):
                        eligible.append(slug)
                        break
            self.eligible[skill] = sorted(set(eligible) - held)
            self.eligible_but_held[skill] = bool(eligible) and not self.eligible[skill]

        relevant: set[str] = set()
        for slugs in self.eligible.values():
            for slug in slugs:
                relevant |= {slug} | self.closure[slug]
        relevant -= held
        by_course: dict[str, list[RunSpec]] = {}
        # runs that only the person's travel rules out, by course: centre slug -> (name, region)
        self.beyond_travel: dict[str, dict[str, tuple[str, str]]] = {}
        for run in runs:
            if not (self._run_usable(run) and run.course in relevant):
                continue
            if travel.allows(run):
                by_course.setdefault(run.course, []).append(run)
            else:
                where = self.beyond_travel.setdefault(run.course, {})
                where[run.centre] = (run.centre_name or run.centre, run.region)
        if sum(map(len, by_course.values())) > PRUNE_ABOVE_RUNS:
            by_course = {slug: self._reachable_runs(slug, found) for slug, found in by_course.items()}
        offerings: list[_Offering] = []
        for slug in sorted(relevant):
            course = courses[slug]
            if course.mode == "online":
                offerings.append(_Offering(course, None))
            else:
                for run in sorted(by_course.get(slug, []), key=lambda r: (r.starts, r.id)):
                    offerings.append(_Offering(course, run))
        self.offerings = offerings
        self.offerings_of: dict[str, list[_Offering]] = {}
        for o in offerings:
            self.offerings_of.setdefault(o.course.slug, []).append(o)
        self.closes = {slug: tuple(s for s, el in self.eligible.items() if slug in el) for slug in courses}

    def _reachable_runs(self, slug: str, runs: list[RunSpec]) -> list[RunSpec]:
        """The earliest runs of a course that start after the online prerequisites could be studied."""
        online_hours = sum(
            self.courses[p].hours for p in self.closure[slug] if p not in self.held and self.courses[p].mode == "online"
        )
        earliest = self.start + timedelta(days=int(online_hours / self.rate))
        ordered = sorted(runs, key=lambda r: (r.starts, r.id))
        reachable = [r for r in ordered if self.need_by(r) >= earliest]
        return reachable[:RUNS_KEPT_PER_COURSE] or ordered[-RUNS_KEPT_PER_COURSE:]

    def _teaches(self, slug: str, skill: str, level: int) -> bool:
        course = self.courses.get(slug)
        return course is not None and any(cs.skill == skill and cs.to_level >= level for cs in course.raises)

    def _run_usable(self, run: RunSpec) -> bool:
        course = self.courses.get(run.course)
        return (
            course is not None
            and course.mode != "online"
            and run.seats_free > 0
            and run.starts >= self.start
            and run.ends >= run.starts
            and (run.booking_closes is None or run.booking_closes >= self.start)
            and (self.deadline is None or run.ends <= self.deadline)
        )

    def day(self, d: date) -> int:
        return (d - self.start).days

    def need_by(self, run: RunSpec) -> date:
        """The day by whose start a run's prerequisites must be complete: it starts, or booking closes.

        A booking is refused until the prerequisites are done, so they finish the day before booking
        closes at the latest (booking on the closing day itself is then still possible).
        """
        if run.booking_closes is None or run.booking_closes > run.starts:
            return run.starts
        return run.booking_closes

    def need_day(self, run: RunSpec) -> int:
        return self.day(self.need_by(run))

    def skill_name(self, slug: str) -> str:
        j = self.catalogue.skill_index.get(slug)
        return self.catalogue.skills[j].name if j is not None else slug

    def uncovered(self, skill: str) -> Uncovered:
        current, required = self.gaps[skill]
        name = self.skill_name(skill)

        def why(kind: UncoveredKind, reason: str) -> Uncovered:
            return Uncovered(skill, required, reason, kind)

        if not self.teaches_at_all[skill]:
            return why("untaught", f"no course teaches {name} to level {required}")
        if self.eligible_but_held[skill]:
            return why("completed", f"every course that teaches {name} to level {required} is already completed")
        if not self.eligible[skill]:
            return why("level", f"no course teaches {name} to level {required} from level {current}")
        offered = {o.course.slug for o in self.offerings}
        if not any(slug in offered for slug in self.eligible[skill]):
            when = " before the deadline" if self.deadline is not None else ""
            beyond = {
                centre: where
                for slug in self.eligible[skill]
                for centre, where in self.beyond_travel.get(slug, {}).items()
            }
            if beyond:
                centres = tuple(sorted((c, name, region) for c, (name, region) in beyond.items()))
                places = " or ".join(f"{name} ({region})" if region else name for _, name, region in centres)
                reason = f"no run with free seats{when} where you can travel; there are runs at {places}"
                return Uncovered(skill, required, reason, "travel", centres)
            return why("no-run", f"no run with free seats{when}")
        if self.deadline is not None:
            return why("deadline", "not enough study weeks before the deadline")
        return why("prerequisites", "its prerequisites cannot be scheduled")


# --- scheduling and validation ------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    offering: _Offering
    begin: float  # days since the plan start (fractional for online study)
    finish: float


def _schedule(problem: _Problem, chosen: Iterable[_Offering]) -> list[_Slot] | None:
    """Date the chosen offerings, or None if they break a rule (prerequisites, overlaps, deadline).

    Runs keep their dates. Online courses are studied one after another at the weekly rate, paused
    during runs, earliest deadline first (the deadline of an online course is the start of the first
    chosen run that needs it), never before their own prerequisites are finished.
    """
    chosen = sorted(chosen, key=lambda o: o.key)
    by_course = {o.course.slug: o for o in chosen}
    if len(by_course) != len(chosen):
        return None
    held = problem.held
    runs = sorted((o for o in chosen if o.run is not None), key=lambda o: o.key)
    run_slots = {
        o.course.slug: _Slot(o, float(problem.day(o.run.starts)), float(problem.day(o.run.ends) + 1))
        for o in runs
        if o.run is not None
    }
    intervals = sorted((s.begin, s.finish) for s in run_slots.values())
    for (_, f1), (b2, _) in itertools.pairwise(intervals):
        if b2 < f1:
            return None  # two runs overlap

    online = [o for o in chosen if o.run is None]
    need = {slug: float(problem.need_day(s.offering.run)) for slug, s in run_slots.items() if s.offering.run}
    due: dict[str, float] = {o.course.slug: math.inf for o in online}
    for slug, slot in run_slots.items():
        for p in problem.closure[slot.offering.course.slug]:
            if p in due:
                due[p] = min(due[p], need[slug])

    def skip_runs(t: float) -> float:
        for b, f in intervals:
            if b <= t < f:
                t = f
        return t

    def study(t: float, hours: float) -> float:
        left = hours / problem.rate
        t = skip_runs(t)
        for b, f in intervals:
            if f <= t:
                continue
            if t + left <= b:
                break
            left -= b - t
            t = f
        return t + left

    done: dict[str, float] = {}
    slots: list[_Slot] = list(run_slots.values())
    pending = {o.course.slug: o for o in online}
    t = 0.0
    while pending:
        ready: list[str] = []
        waits: list[float] = []
        for slug, o in pending.items():
            release = 0.0
            ok = True
            for p in o.course.prerequisites:
                if p in held:
                    continue
                if p in done:
                    release = max(release, done[p])
                elif p in run_slots:
                    release = max(release, run_slots[p].finish)
                else:
                    ok = False  # an online prerequisite not yet studied, or not chosen at all
            if ok and release <= t:
                ready.append(slug)
            elif ok:
                waits.append(release)
        if not ready:
            if not waits:
                return None
            t = min(waits)
            continue
        slug = min(ready, key=lambda s: (due[s], s))
        o = pending.pop(slug)
        begin = skip_runs(t)
        finish = study(begin, o.course.hours)
        slots.append(_Slot(o, begin, finish))
        done[slug] = finish
        t = finish

    finish_of = {s.offering.course.slug: s.finish for s in slots}
    for slug, slot in run_slots.items():
        for p in slot.offering.course.prerequisites:
            if p not in held and not (p in finish_of and finish_of[p] <= need[slug] + _EPS):
                return None
        for p in problem.closure[slot.offering.course.slug]:
            if p in done and done[p] > need[slug] + _EPS:
                return None
    if problem.deadline is not None:
        limit = problem.day(problem.deadline) + 1
        if any(s.finish > limit + _EPS for s in slots):
            return None
    return slots


def _covered(problem: _Problem, chosen: Iterable[_Offering]) -> set[str]:
    slugs = {o.course.slug for o in chosen}
    return {g for g, eligible in problem.eligible.items() if slugs.intersection(eligible)}


def _prefer_earlier_runs(problem: _Problem, chosen: list[_Offering]) -> list[_Offering]:
    """Swap each chosen run for the earliest run of the same course that keeps the plan valid.

    Runs of one course cost the same hours and money, so this never changes the totals; it only
    finishes the plan sooner and makes the choice among equal optima deterministic and sensible.
    """
    current = sorted(chosen, key=lambda o: o.key)
    for o in sorted((o for o in current if o.run is not None), key=lambda o: o.key[1:]):
        run = o.run
        assert run is not None
        for alt in problem.offerings_of.get(o.course.slug, []):
            if alt.run is None or (alt.run.starts, alt.run.id) >= (run.starts, run.id):
                continue
            trial = [alt if x is o else x for x in current]
            if _schedule(problem, trial) is not None:
                current = trial
                break
    return current


# --- greedy -------------------------------------------------------------------------------------


def _preference(problem: _Problem, latest_first: bool, x: _Offering) -> tuple[bool, int]:
    """Online first (no seat, no date); then the latest run that fits before a run, else the earliest."""
    if x.run is None:
        return (False, 0)
    day = problem.day(x.run.starts)
    return (True, -day if latest_first else day)


def _bundle(problem: _Problem, offering: _Offering, taken: dict[str, _Offering]) -> list[_Offering] | None:
    """The offering plus whatever of its prerequisite chain is not held or taken yet, or None."""
    bundle: dict[str, _Offering] = {}

    def add(o: _Offering) -> bool:
        bundle[o.course.slug] = o
        for p in o.course.prerequisites:
            if p in problem.held or p in taken or p in bundle:
                continue
            options = problem.offerings_of.get(p, [])
            run = o.run
            if run is not None:
                need = problem.need_by(run)
                options = [x for x in options if x.run is None or x.run.ends < need]
            if not options:
                return False
            choice = min(options, key=functools.partial(_preference, problem, run is not None))
            if not add(choice):
                return False
        return True

    return list(bundle.values()) if add(offering) else None


def _greedy(problem: _Problem) -> list[_Offering]:
    """Repeatedly add the offering (with its missing prerequisites) that closes gaps for the fewest
    hours per gap closed; ties by cost, then course slug and run date. Every step keeps the plan valid."""
    taken: dict[str, _Offering] = {}
    covered: set[str] = set()
    while True:
        scored = []
        for o in problem.offerings:
            if o.course.slug in taken:
                continue
            new = set(problem.closes[o.course.slug]) - covered
            if not new:
                continue
            bundle = _bundle(problem, o, taken)
            if bundle is None:
                continue
            gained = _covered(problem, bundle) - covered
            hours = sum(b.course.hours for b in bundle)
            cost = sum(b.course.cost for b in bundle)
            scored.append(((hours / len(gained), cost, o.key), bundle))
        scored.sort(key=lambda item: item[0])
        for _, bundle in scored:
            trial = list(taken.values()) + bundle
            if _schedule(problem, trial) is not None:
                for b in bundle:
                    taken[b.course.slug] = b
                covered = _covered(problem, taken.values())
                break
        else:
            return list(taken.values())


# --- MILP ---------------------------------------------------------------------------------------


class _Rows:
    """The constraint rows of a MILP, collected as a sparse matrix with lower and upper bounds."""

    def __init__(self) -> None:
        self.data: list[float] = []
        self.row_ids: list[int] = []
        self.col_ids: list[int] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def add(self, coeffs: Mapping[int, float], lo: float, hi: float) -> None:
        row = len(self.lower)
        for col, value in coeffs.items():
            self.row_ids.append(row)
            self.col_ids.append(col)
            self.data.append(value)
        self.lower.append(lo)
        self.upper.append(hi)

    def constraints(self, n_var: int) -> list[LinearConstraint]:
        if not self.lower:
            return []
        a = sp.csr_matrix((self.data, (self.row_ids, self.col_ids)), shape=(len(self.lower), n_var))
        return [LinearConstraint(a, np.array(self.lower), np.array(self.upper))]


@dataclass
class _Model:
    """The variables of the MILP: one binary per offering, one binary slack per coverable gap, and continuous
    z[c, t] >= y_r for each online course c that a run r needed by day t requires (its prerequisite chain),
    so the study days before every chosen run can be counted linearly."""

    problem: _Problem
    offerings: list[_Offering]
    gap_list: list[str]
    index_of_course: dict[str, list[int]]
    runs: list[tuple[int, int, int]]  # (index, first day, last day) of every run offering
    run_days: dict[int, float]
    needs: dict[int, list[str]]  # run index -> online courses of its prerequisite chain still to study
    need_day: dict[int, int]  # run index -> the day its online prerequisites must be finished by
    z_index: dict[tuple[str, int], int]

    @property
    def n_off(self) -> int:
        return len(self.offerings)

    @property
    def n_gap(self) -> int:
        return len(self.gap_list)

    @property
    def n_var(self) -> int:
        return self.n_off + self.n_gap + len(self.z_index)


def _model(problem: _Problem) -> _Model:
    offerings = problem.offerings
    index_of_course: dict[str, list[int]] = {}
    for k, o in enumerate(offerings):
        index_of_course.setdefault(o.course.slug, []).append(k)
    runs = [(k, problem.day(o.run.starts), problem.day(o.run.ends)) for k, o in enumerate(offerings) if o.run]
    needs = {
        k: sorted(
            p
            for p in problem.closure[offerings[k].course.slug]
            if p not in problem.held and problem.courses[p].mode == "online"
        )
        for k, _, _ in runs
    }
    # a run's online prerequisites must be studied before it starts or its booking closes, if sooner
    need_day = {k: problem.need_day(run) for k, o in enumerate(offerings) if (run := o.run) is not None}
    gap_list = [g for g in problem.gaps if problem.eligible[g]]
    z_keys: list[tuple[str, int]] = []
    for t in sorted(set(need_day.values())):
        needed_by_t = {p for k, pre in needs.items() if need_day[k] <= t for p in pre}
        z_keys.extend((p, t) for p in sorted(needed_by_t))
    first_z = len(offerings) + len(gap_list)
    return _Model(
        problem=problem,
        offerings=offerings,
        gap_list=gap_list,
        index_of_course=index_of_course,
        runs=runs,
        run_days={k: float(last - first + 1) for k, first, last in runs},
        needs=needs,
        need_day=need_day,
        z_index={key: first_z + i for i, key in enumerate(z_keys)},
    )


def _one_offering_per_course(m: _Model, rows: _Rows) -> None:
    """At most one run (or the online course) per course."""
    for ks in m.index_of_course.values():
        if len(ks) > 1:
            rows.add(dict.fromkeys(ks, 1.0), -np.inf, 1.0)


def _cover_gaps(m: _Model, rows: _Rows) -> None:
    """Cover every gap, or pay for its slack."""
    for gi, g in enumerate(m.gap_list):
        coeffs = {k: 1.0 for slug in m.problem.eligible[g] for k in m.index_of_course.get(slug, [])}
        coeffs[m.n_off + gi] = 1.0
        rows.add(coeffs, 1.0, np.inf)


def _prerequisites_chosen(m: _Model, rows: _Rows) -> None:
    """Each prerequisite held or chosen; an on-site prerequisite of a run ends before that run needs it."""
    problem = m.problem
    for k, o in enumerate(m.offerings):
        for p in o.course.prerequisites:
            if p in problem.held:
                continue
            options = m.index_of_course.get(p, [])
            if o.run is not None and problem.courses[p].mode != "online":
                need = problem.need_by(o.run)
                options = [q for q in options if (r := m.offerings[q].run) is not None and r.ends < need]
            coeffs = dict.fromkeys(options, -1.0)
            coeffs[k] = 1.0
            rows.add(coeffs, -np.inf, 0.0)


def _runs_never_overlap(m: _Model, rows: _Rows) -> None:
    """At most one chosen run covers each run's first day."""
    for t in sorted({first for _, first, _ in m.runs}):
        covering = [k for k, first, last in m.runs if first <= t <= last]
        if len(covering) > 1:
            rows.add(dict.fromkeys(covering, 1.0), -np.inf, 1.0)


def _study_fits_before_runs(m: _Model, rows: _Rows) -> None:
    """The online prerequisites needed by day t fit in the study days before t that runs do not take."""
    problem = m.problem
    online_days = sum(o.course.hours for o in m.offerings if o.run is None) / problem.rate
    total_days = online_days + sum(m.run_days.values())
    for t in sorted(set(m.need_day.values())):
        z_here = {key: i for key, i in m.z_index.items() if key[1] == t}
        if not z_here:
            continue
        for k, pre in m.needs.items():
            if m.need_day[k] <= t:
                for p in pre:
                    rows.add({z_here[(p, t)]: 1.0, k: -1.0}, 0.0, np.inf)
        big = total_days + t
        coeffs = {i: problem.courses[p].hours / problem.rate for (p, _), i in z_here.items()}
        for q, _first, last in m.runs:
            if last + 1 <= t:
                coeffs[q] = m.run_days[q]
            elif m.need_day[q] == t:
                coeffs[q] = big  # the constraint binds only when a run needing them by day t is chosen
        # The scheduler accepts study that ends exactly as the run starts (within _EPS); so must the MILP,
        # or hours / rate rounding up by one ulp (20 h at 5 h a week: 28.000000000000004 days) hides a plan.
        rows.add(coeffs, -np.inf, t + big + _EPS)


def _fits_before_deadline(m: _Model, rows: _Rows) -> None:
    """Everything chosen, study and runs, fits before the deadline."""
    problem = m.problem
    if problem.deadline is None:
        return
    coeffs = {k: o.course.hours / problem.rate for k, o in enumerate(m.offerings) if o.run is None}
    coeffs.update(m.run_days)
    rows.add(coeffs, -np.inf, problem.day(problem.deadline) + 1.0 + _EPS)


_CONSTRAINTS = (
    _one_offering_per_course,
    _cover_gaps,
    _prerequisites_chosen,
    _runs_never_overlap,
    _study_fits_before_runs,
    _fits_before_deadline,
)


def _milp(problem: _Problem) -> list[_Offering] | None:
    """Optimal offerings: cover most gaps, then fewest hours, then lowest cost (two solves)."""
    if not problem.offerings:
        return []
    m = _model(problem)
    rows = _Rows()
    for build in _CONSTRAINTS:
        build(m, rows)
    constraints = rows.constraints(m.n_var)
    n_z = len(m.z_index)
    integrality = np.r_[np.ones(m.n_off + m.n_gap), np.zeros(n_z)]
    bounds = Bounds(np.zeros(m.n_var), np.ones(m.n_var))
    hours = np.array([o.course.hours for o in m.offerings])
    cost = np.array([o.course.cost for o in m.offerings])
    penalty = float(hours.sum()) + 1.0  # one uncovered gap outweighs every hour on offer
    c1 = np.r_[hours, np.full(m.n_gap, penalty), np.zeros(n_z)]
    solver_options = {"time_limit": MILP_TIME_LIMIT, "mip_rel_gap": 1e-9}
    first = milp(c1, constraints=constraints, integrality=integrality, bounds=bounds, options=solver_options)
    if first.x is None or first.status != 0:
        return None
    best = float(first.fun)
    hours_cap = LinearConstraint(c1.reshape(1, -1), -np.inf, best + 1e-6 * max(1.0, best))
    c2 = np.r_[cost, np.zeros(m.n_gap + n_z)]
    second = milp(
        c2,
        constraints=[*constraints, hours_cap],
        integrality=integrality,
        bounds=bounds,
        options=solver_options,
    )
    x = second.x if second.x is not None and second.status == 0 else first.x
    return [o for k, o in enumerate(m.offerings) if x[k] > 0.5]


# --- assembling the plan ------------------------------------------------------------------------


def _steps(problem: _Problem, slots: Sequence[_Slot]) -> tuple[PlanStep, ...]:
    chosen = {s.offering.course.slug for s in slots}
    finish_of = {s.offering.course.slug: s.finish for s in slots}
    covered = _covered(problem, (s.offering for s in slots))
    steps = []
    for slot in slots:
        o = slot.offering
        course = o.course
        closes = tuple(g for g in problem.closes[course.slug] if g in covered)
        parts = [f"takes {problem.skill_name(g)} to level {problem.gaps[g][1]}" for g in closes]
        dependants = [problem.courses[c] for c in chosen]
        needed_by = sorted(d.title for d in dependants if course.slug in d.prerequisites)
        parts += [f"prerequisite for {title}" for title in needed_by]
        book_by = book_from = None
        if o.run is not None:
            where = o.run.centre_name or o.run.centre
            seats = "1 seat" if o.run.seats_free == 1 else f"{o.run.seats_free} seats"
            parts.append(f"run at {where} with {seats} free")
            begin, end = o.run.starts, o.run.ends
            book_by = o.run.booking_closes or o.run.starts
            ready = [finish_of[p] for p in course.prerequisites if p in finish_of]
            book_from = problem.start + timedelta(days=math.ceil(max(ready, default=0.0) - _EPS))
        else:
            begin = problem.start + timedelta(days=math.floor(slot.begin + _EPS))
            last = max(math.floor(slot.begin + _EPS), math.ceil(slot.finish - _EPS) - 1)
            end = problem.start + timedelta(days=last)
        steps.append(
            PlanStep(
                course=course.slug,
                title=course.title,
                mode=course.mode,
                run_id=o.run.id if o.run else None,
                centre=o.run.centre if o.run else None,
                starts=begin,
                ends=end,
                hours=course.hours,
                cost=course.cost,
                closes=closes,
                reason="; ".join(parts),
                book_by=book_by,
                book_from=book_from,
            )
        )
    return tuple(sorted(steps, key=lambda s: (s.starts, s.ends, s.course)))


def _totals(offerings: Iterable[_Offering]) -> tuple[float, float]:
    chosen = list(offerings)
    return sum(o.course.hours for o in chosen), sum(o.course.cost for o in chosen)


def plan(
    catalogue: EngineCatalogue,
    *,
    gaps: Mapping[str, tuple[int, int]],
    held_courses: set[str],
    runs: Sequence[RunSpec],
    start: date,
    hours_per_week: float = 10,
    deadline: date | None = None,
    travel: Travel = ANYWHERE,
    use_milp: bool = True,
) -> Plan:
    """Plan training that takes each gap skill from its current to its required level.

    `gaps` maps skill slug -> (current level, required level). Online courses can start any time;
    on-site and blended courses only through one of `runs` (free seats, a centre the person's `travel`
    allows, within start..deadline). Prerequisites are held or taken earlier. Minimises hours, then cost. Gaps that
    cannot be closed are listed in `uncovered` with the reason; the rest is still planned.
    """
    held = set(held_courses)
    problem = _Problem(catalogue, gaps, held, runs, start, hours_per_week, deadline, travel)
    greedy = _prefer_earlier_runs(problem, _greedy(problem))
    greedy_slots = _schedule(problem, greedy) or []
    greedy_hours, greedy_cost = _totals(greedy)
    method: Method = "greedy"
    slots = greedy_slots
    if use_milp:
        optimal = _milp(problem)
        if optimal is not None and _schedule(problem, optimal) is not None:
            optimal = _prefer_earlier_runs(problem, optimal)
        optimal_slots = _schedule(problem, optimal) if optimal is not None else None
        if optimal is not None and optimal_slots is not None:
            n_opt, n_greedy = len(_covered(problem, optimal)), len(_covered(problem, greedy))
            if (n_opt, -_totals(optimal)[0]) >= (n_greedy, -greedy_hours):
                method, slots = "milp", optimal_slots
    steps = _steps(problem, slots)
    covered = _covered(problem, (s.offering for s in slots))
    uncovered = tuple(problem.uncovered(g) for g, (_, required) in problem.gaps.items() if g not in covered)
    hours, cost = _totals(s.offering for s in slots)
    return Plan(
        steps=steps,
        total_hours=hours,
        total_cost=cost,
        finish_date=max((s.ends for s in steps), default=None),
        uncovered=uncovered,
        method=method,
        greedy_hours=greedy_hours,
        greedy_cost=greedy_cost,
    )


def plan_greedy(
    catalogue: EngineCatalogue,
    *,
    gaps: Mapping[str, tuple[int, int]],
    held_courses: set[str],
    runs: Sequence[RunSpec],
    start: date,
    hours_per_week: float = 10,
    deadline: date | None = None,
    travel: Travel = ANYWHERE,
) -> Plan:
    """The greedy plan alone (fewest hours per gap closed first). `plan` falls back to it."""
    return plan(
        catalogue,
        gaps=gaps,
        held_courses=held_courses,
        runs=runs,
        start=start,
        hours_per_week=hours_per_week,
        deadline=deadline,
        travel=travel,
        use_milp=False,
    )
