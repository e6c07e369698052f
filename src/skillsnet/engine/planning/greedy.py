"""The greedy planner: the fallback when the solver fails, and the baseline the optimum is compared with."""

from __future__ import annotations

import functools

from .problem import _Offering, _Problem
from .schedule import _covered, _schedule


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
