"""`plan` and `plan_greedy`: build the problem, choose the courses and runs, date them, and assemble the
`Plan` with its steps, totals and uncovered gaps."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from ..catalogue import EngineCatalogue, RunSpec
from .greedy import _greedy
from .milp import _milp
from .problem import _EPS, _Offering, _Problem
from .results import ANYWHERE, Method, Plan, PlanStep, Travel
from .schedule import _covered, _prefer_earlier_runs, _schedule, _Slot


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
