"""The mixed-integer programme (scipy.optimize.milp, i.e. HiGHS): variables, one builder per rule, and the
solve (fewest uncovered gaps, then fewest hours, then lowest cost)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from .problem import _EPS, _Offering, _Problem

MILP_TIME_LIMIT = 2.0  # seconds per solve; on time-out the greedy plan is used


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
