"""Training plans for one role: dated online modules and on-site runs the person can travel to, shared
between the role page, its print view and the API (`plan_for_role`), and turning a plan into a learning plan.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from skillsnet import engine
from skillsnet.accounts.models import User, region_label
from skillsnet.caching import cached_plan
from skillsnet.catalogue.selectors import show_example_content
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.centres.selectors import bookings_for_planning, open_runs_for_planning, visible_centres
from skillsnet.converter.bounds import plan_dates_refusal
from skillsnet.converter.matching import role_match
from skillsnet.converter.profiles import DEFAULT_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK, ConverterError, held_courses
from skillsnet.learning.models import LearningPlan
from skillsnet.learning.services import learning_plan_from_steps


@dataclass(frozen=True)
class PlanResult:
    match: engine.RoleMatch
    plan: engine.Plan
    start: date
    hours_per_week: float
    deadline: date | None
    centres: tuple[str, ...]  # the centres the person can travel to (in their region or ticked); empty = any
    centre_names: Mapping[str, str] = field(default_factory=dict)
    region: str = ""  # the region the person chose for on-site courses ("" = anywhere)
    # course slug -> status label of the person's live booking of the run this plan keeps for it
    booked: Mapping[str, str] = field(default_factory=dict)

    @property
    def saving_hours(self) -> float:
        return max(0.0, self.plan.greedy_hours - self.plan.total_hours) if self.plan.method == "milp" else 0.0


def centre_choices() -> list[tuple[str, str, str]]:
    """(slug, name, region) of every training centre the public may see (example centres only while
    example content is shown), by name."""
    return list(visible_centres().order_by("name").values_list("slug", "name", "region"))


def plan_for_role(
    *,
    profile: engine.Profile,
    role_slug: str,
    start: date,
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK,
    deadline: date | None = None,
    centres: Iterable[str] | None = None,
    region: str = "",
    essential_only: bool = False,
    user: User | None = None,
    today: date | None = None,
) -> PlanResult:
    """The training that closes a person's gaps for a role: dated online modules and on-site runs.

    Runs come from the centres app; a gap no reachable run with free seats can close is listed as
    uncovered, with the reason. Where on-site runs may be is the person's travel: any centre in `region`,
    plus each centre in `centres` (slugs); neither means anywhere. Courses the person has completed count as
    held, and a run they have booked is kept.
    """
    if today is not None and start < today:
        raise ConverterError("The start date must be today or later.", field="start_date")
    if not 1 <= hours_per_week <= MAX_HOURS_PER_WEEK:
        raise ConverterError(f"Hours per week must be between 1 and {MAX_HOURS_PER_WEEK}.", field="hours_per_week")
    if deadline is not None and deadline <= start:
        raise ConverterError("The deadline must be after the start date.", field="deadline")
    if (too_late := plan_dates_refusal(start=start, deadline=deadline, today=today)) is not None:
        raise ConverterError(too_late[1], field=too_late[0])
    choices = centre_choices()
    names = {slug: name for slug, name, _ in choices}
    chosen = tuple(dict.fromkeys(c.strip() for c in centres or () if c and c.strip()))
    unknown = [c for c in chosen if c not in names]
    if unknown:
        raise ConverterError(f"There is no training centre '{unknown[0]}'.", field="centres")
    if region and not any(where == region for _slug, _name, where in choices):
        raise ConverterError(f"There is no training centre in the region '{region}'.", field="region")
    travel = engine.Travel(regions=frozenset({region} if region else ()), centres=frozenset(chosen))
    region_of = {slug: where for slug, _name, where in choices}

    found = role_match(profile=profile, role_slug=role_slug)
    snap = engine_snapshot()
    on_site = {slug for slug, mode in snap.course_modes.items() if mode != "online"}
    runs = list(open_runs_for_planning(course_slugs=on_site, start=start, until=deadline))
    runs = [r if r.region else dataclasses.replace(r, region=region_of.get(r.centre, "")) for r in runs]
    held = held_courses(user) & set(snap.catalogue.course_index)
    # A run the person has booked stays their run for that course, wherever it is.
    booked = [b for b in _bookings_for_planning(user) if b.run.course not in held]
    if booked:
        kept = {b.run.course for b in booked}
        runs = [r for r in runs if r.course not in kept] + [b.run for b in booked]
        travel = dataclasses.replace(travel, centres=travel.centres | {b.run.centre for b in booked})
    gaps = found.plan_gaps(essential_only=essential_only)

    # The same inputs give the same plan: the role page, its print view and the API share it (skillsnet/caching.py).
    inputs = (
        "plan",
        snap.version,
        show_example_content(),
        tuple(sorted(gaps.items())),
        tuple(sorted(held)),
        tuple(runs),
        start,
        hours_per_week,
        deadline,
        travel,
    )
    result = cached_plan(
        inputs,
        lambda: engine.plan(
            snap.catalogue,
            gaps=gaps,
            held_courses=held,
            runs=runs,
            start=start,
            hours_per_week=hours_per_week,
            deadline=deadline,
            travel=travel,
        ),
    )
    return PlanResult(
        match=found,
        plan=result,
        start=start,
        hours_per_week=hours_per_week,
        deadline=deadline,
        centres=() if travel.anywhere else tuple(sorted(c for c in names if travel.allows(_at(c, region_of[c])))),
        centre_names=names,
        region=region,
        booked={b.run.course: b.status_label for b in booked},
    )


def _at(centre: str, region: str) -> engine.RunSpec:
    # a stand-in run at a centre, to ask the travel rule about the centre itself
    return engine.RunSpec("", "", centre, date.min, date.min, 0, region=region)


def _bookings_for_planning(user: User | None) -> list[Any]:
    if user is None or not user.is_authenticated:
        return []
    return list(bookings_for_planning(user))


def default_region(user: User | None) -> str:
    """The centres' region matching the region on a person's account ("" when none does): the plan's
    region starts there. Accounts hold ONS region codes; centres name their region in words."""
    if user is None or not user.is_authenticated or not user.region:
        return ""
    wanted = region_label(user.region).lower()
    for _slug, _name, where in centre_choices():
        words = where.lower()
        if words == wanted or words.removesuffix(" england") == wanted:
            return where
    return ""


def learning_plan_create(*, learner: User, result: PlanResult) -> LearningPlan:
    """Turn a plan into the learner's learning plan (the learning app does the writing)."""
    return learning_plan_from_steps(
        learner=learner, role_slug=result.match.role, steps=result.plan.steps, target_date=result.deadline
    )
