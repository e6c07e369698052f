"""Properties of training plans on small generated course catalogues with dated runs.

Every plan is checked by an independent validator (prerequisites, seats, dates, centres), and its
coverage and hours against a brute force over every subset of offerings when there are few.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from skillsnet.engine import (
    CourseSkill,
    CourseSpec,
    EngineCatalogue,
    Plan,
    RunSpec,
    SkillSpec,
    Travel,
    Uncovered,
    build_catalogue,
    plan,
    plan_greedy,
)
from skillsnet.engine.planning import _Problem, _schedule

START = date(2026, 1, 5)
CENTRES = ["nhc", "roslinct", "birmingham", "edinburgh"]
REGION_OF = {"nhc": "North East", "roslinct": "Scotland", "birmingham": "West Midlands", "edinburgh": "Scotland"}


@dataclass
class Case:
    catalogue: EngineCatalogue
    gaps: dict[str, tuple[int, int]]
    held: set[str]
    runs: list[RunSpec]
    hours_per_week: float
    deadline: date | None
    travel: Travel


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n_skills = draw(st.integers(2, 5))
    slugs = [f"s{i}" for i in range(n_skills)]
    courses = []
    for k in range(draw(st.integers(1, 7))):
        raises = []
        for j in draw(st.lists(st.integers(0, n_skills - 1), min_size=1, max_size=2, unique=True)):
            to = draw(st.integers(1, 4))
            raises.append(CourseSkill(slugs[j], to, draw(st.integers(0, to - 1)) if draw(st.booleans()) else 0))
        prereqs = tuple(f"c{p}" for p in range(k) if draw(st.integers(0, 3)) == 0)  # acyclic by index
        courses.append(
            CourseSpec(
                f"c{k}",
                f"Course {k}",
                draw(st.sampled_from(["online", "online", "on-site", "blended"])),
                draw(st.sampled_from([2.0, 4.0, 6.0, 10.0, 14.0, 20.0])),
                draw(st.sampled_from([0.0, 50.0, 100.0, 300.0])),
                tuple(raises),
                prereqs,
            )
        )
    runs = []
    for course in courses:
        if course.mode == "online":
            continue
        for n in range(draw(st.integers(0, 3))):
            first = START + timedelta(days=draw(st.integers(-5, 60)))
            centre = draw(st.sampled_from(CENTRES))
            runs.append(
                RunSpec(
                    f"{course.slug}-{n}",
                    course.slug,
                    centre,
                    first,
                    first + timedelta(days=draw(st.integers(0, 3))),
                    draw(st.sampled_from([0, 1, 3])),
                    # booking closes up to 12 days before the start (sometimes already closed), or never
                    draw(st.none() | st.integers(0, 12).map(lambda d, first=first: first - timedelta(days=d))),
                    centre_name=centre.title(),
                    region=REGION_OF[centre],
                )
            )
    gaps = {}
    for j in draw(st.lists(st.integers(0, n_skills - 1), min_size=1, max_size=n_skills, unique=True)):
        current = draw(st.integers(0, 2))
        gaps[slugs[j]] = (current, draw(st.integers(current + 1, 4)))
    held = {c.slug for c in courses if draw(st.integers(0, 5)) == 0}
    deadline = draw(st.none() | st.integers(10, 90).map(lambda d: START + timedelta(days=d)))
    # where the person will travel: anywhere, or some regions and/or some named centres
    travel = Travel(
        regions=frozenset(draw(st.sets(st.sampled_from(sorted(set(REGION_OF.values()))), max_size=1))),
        centres=frozenset(draw(st.sets(st.sampled_from(CENTRES), max_size=2))),
    )
    catalogue = build_catalogue([SkillSpec(s, s.upper()) for s in slugs], [], [], courses)
    return Case(catalogue, gaps, held, runs, draw(st.sampled_from([5.0, 10.0, 20.0])), deadline, travel)


def reachable(case: Case, run: RunSpec) -> bool:
    """The travel rule, written out again: anywhere, or a named centre, or a centre in a chosen region."""
    travel = case.travel
    if not travel.regions and not travel.centres:
        return True
    return run.centre in travel.centres or REGION_OF[run.centre] in travel.regions


def _plan(case: Case, *, greedy: bool = False) -> Plan:
    planner = plan_greedy if greedy else plan
    return planner(
        case.catalogue,
        gaps=case.gaps,
        held_courses=case.held,
        runs=case.runs,
        start=START,
        hours_per_week=case.hours_per_week,
        deadline=case.deadline,
        travel=case.travel,
    )


def assert_valid(case: Case, result: Plan) -> set[str]:
    """Check a plan against the rules without using the planner's code; returns the gaps it closes."""
    runs = {r.id: r for r in case.runs}
    steps = {s.course: s for s in result.steps}
    assert len(steps) == len(result.steps), "a course is taken twice"
    assert list(result.steps) == sorted(result.steps, key=lambda s: (s.starts, s.ends, s.course))
    closed: set[str] = set()
    for step in result.steps:
        course = case.catalogue.course(step.course)
        assert step.course not in case.held
        assert START <= step.starts <= step.ends
        if case.deadline is not None:
            assert step.ends <= case.deadline
        if course.mode == "online":
            assert step.run_id is None
        else:
            run = runs[step.run_id or ""]
            assert run.course == step.course
            assert run.seats_free > 0
            assert (run.starts, run.ends, run.centre) == (step.starts, step.ends, step.centre)
            assert reachable(case, run), "a run the person cannot travel to"
            assert run.booking_closes is None or run.booking_closes >= START, "booking already closed"
            assert step.book_by == (run.booking_closes or run.starts)
        for p in course.prerequisites:
            if p in case.held:
                continue
            assert p in steps, f"{step.course} needs {p}"
            before = steps[p]
            if course.mode == "online" and before.run_id is None:
                assert before.ends <= step.starts
            else:
                assert before.ends < step.starts
        for skill in step.closes:
            _current, required = case.gaps[skill]
            assert any(cs.skill == skill and cs.to_level >= required for cs in course.raises)
            closed.add(skill)
    assert_followable(case, result)
    for a, b in itertools.combinations([s for s in result.steps if s.run_id], 2):
        assert a.ends < b.starts or b.ends < a.starts, "two runs overlap"
    uncovered = {u.skill for u in result.uncovered}
    assert closed | uncovered == set(case.gaps)
    assert not closed & uncovered
    assert result.total_hours == sum(s.hours for s in result.steps)
    return closed


def assert_followable(case: Case, result: Plan) -> None:
    """Follow the plan day by day as a person would: enrol in each online course on the day it starts,
    book each run on the day the plan says booking is possible. Every action must be allowed that day:
    its prerequisites complete (a centre refuses a booking before), booking still open, the run not begun."""
    runs = {r.id: r for r in case.runs}
    completed_on: dict[str, date] = {}  # course -> last day of study or attendance
    actions = []
    for step in result.steps:
        if step.run_id is None:
            assert step.book_by is None
            assert step.book_from is None
            actions.append((step.starts, step))
        else:
            assert step.book_from is not None
            assert step.book_by is not None
            actions.append((step.book_from, step))
        completed_on[step.course] = step.ends
    for day, step in sorted(actions, key=lambda a: (a[0], a[1].course)):
        assert day >= START
        course = case.catalogue.course(step.course)
        for p in course.prerequisites:
            if p in case.held:
                continue
            if step.run_id is None and p in completed_on and steps_online(result, p):
                assert completed_on[p] <= day, f"{step.course}: {p} not finished when studying starts"
            else:
                assert completed_on[p] < day, f"{step.course}: {p} not complete on the day of booking"
        if step.run_id is not None:
            run = runs[step.run_id]
            assert day <= step.starts, "booked after the run began"
            assert run.booking_closes is None or day <= run.booking_closes, "booked after booking closed"


def steps_online(result: Plan, course: str) -> bool:
    return any(s.course == course and s.run_id is None for s in result.steps)


@settings(max_examples=120, deadline=None)
@given(cases())
def test_plans_are_valid_optimal_and_deterministic(case: Case) -> None:
    result = _plan(case)
    closed = assert_valid(case, result)
    greedy = _plan(case, greedy=True)
    greedy_closed = assert_valid(case, greedy)
    assert (greedy.total_hours, greedy.total_cost) == (result.greedy_hours, result.greedy_cost)
    assert len(closed) >= len(greedy_closed)
    if closed == greedy_closed:
        assert result.total_hours <= result.greedy_hours
    assert result == _plan(case)
    for u in result.uncovered:
        _current, required = case.gaps[u.skill]
        teaches = any(
            cs.skill == u.skill and cs.to_level >= required for c in case.catalogue.courses for cs in c.raises
        )
        assert (u.reason == f"no course teaches {u.skill.upper()} to level {required}") == (not teaches)
        assert_travel_reason_is_true(case, u)
    suggested = {centre for u in result.uncovered for centre, _name, _region in u.centres}
    if suggested and result.method == "milp":
        wider = Travel(regions=case.travel.regions, centres=case.travel.centres | suggested)
        widened = _plan(dataclasses.replace(case, travel=wider))
        assert len(assert_valid(dataclasses.replace(case, travel=wider), widened)) >= len(closed)

    # Brute force: no valid set of offerings closes more gaps, or the same number in fewer hours.
    problem = _Problem(
        case.catalogue,
        case.gaps,
        case.held,
        case.runs,
        START,
        case.hours_per_week,
        case.deadline,
        case.travel,
    )
    offerings = problem.offerings
    if len(offerings) > 10:
        return
    best = (0, 0.0)
    for n in range(1, len(offerings) + 1):
        for subset in itertools.combinations(offerings, n):
            slots = _schedule(problem, subset)
            if slots is None:
                continue
            slugs = {o.course.slug for o in subset}
            covered = sum(1 for g in problem.gaps if slugs.intersection(problem.eligible[g]))
            best = max(best, (covered, -sum(o.course.hours for o in subset)))
    assert len(closed) == best[0]
    if result.method == "milp":
        assert result.total_hours == -best[1] or best[0] == 0


def assert_travel_reason_is_true(case: Case, u: Uncovered) -> None:
    """A gap left open because of travel names only centres beyond it, each with a run of a course that
    teaches the gap, and allowing travel to them plans at least as many gaps (the optimum only widens)."""
    if u.kind != "travel":
        assert not u.centres
        return
    assert u.centres
    _current, required = case.gaps[u.skill]
    teaching = {
        c.slug for c in case.catalogue.courses for cs in c.raises if cs.skill == u.skill and cs.to_level >= required
    }
    for centre, name, region in u.centres:
        assert (name, region) == (centre.title(), REGION_OF[centre])
        assert any(r.centre == centre and not reachable(case, r) and r.course in teaching for r in case.runs)
        assert name in u.reason
