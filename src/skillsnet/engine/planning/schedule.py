"""Scheduling and validation: dating the online courses around the chosen runs and checking every rule."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from .problem import _EPS, _Offering, _Problem


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
