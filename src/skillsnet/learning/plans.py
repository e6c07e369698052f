"""Learning plans: create one, add, remove and reorder its courses, or make one from the Career Converter's
plan steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.models import Course, Role
from skillsnet.learning.models import LearningPlan, PlanItem
from skillsnet.learning.records import LearningError


def _renumber(plan: LearningPlan, ordered: list[PlanItem]) -> None:
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def plan_create(*, learner: User, target_role: Role | None = None, target_date: date | None = None) -> LearningPlan:
    """Start a new active plan; the learner's previous active plan (if any) is kept, inactive."""
    if target_date is not None and target_date < timezone.localdate():
        raise LearningError("The target date must be today or later.")
    LearningPlan.objects.filter(learner=learner, is_active=True).update(is_active=False)
    plan = LearningPlan.objects.create(learner=learner, target_role=target_role, target_date=target_date)
    audit_log(
        action="learning.plan.created",
        actor=learner,
        subject=learner,
        obj=plan,
        data={"role": target_role.slug if target_role else ""},
    )
    return plan


@transaction.atomic
def plan_item_add(
    *, plan: LearningPlan, course: Course, run_id: int | None = None, starts: date | None = None
) -> PlanItem:
    if plan.items.filter(course=course).exists():
        raise LearningError(f"‘{course.title}’ is already in your plan.")
    last = plan.items.aggregate(last=Max("position"))["last"]
    return PlanItem.objects.create(
        plan=plan, course=course, run_id=run_id, starts=starts, position=0 if last is None else last + 1
    )


@transaction.atomic
def plan_item_remove(*, item: PlanItem) -> None:
    plan = item.plan
    item.delete()
    _renumber(plan, list(plan.items.order_by("position", "id")))


@transaction.atomic
def plan_item_move(*, item: PlanItem, direction: str) -> PlanItem:
    """Swap `item` with its neighbour above (`up`) or below (`down`); a move past either end is a no-op."""
    if direction not in {"up", "down"}:
        raise LearningError("Move a step up or down.")
    ordered = list(item.plan.items.select_for_update().order_by("position", "id"))
    index = next(i for i, row in enumerate(ordered) if row.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(item.plan, ordered)
    return next(row for row in ordered if row.pk == item.pk)


@transaction.atomic
def learning_plan_from_steps(
    *, learner: User, role_slug: str, steps: Sequence[Mapping[str, Any] | Any], target_date: date | None = None
) -> LearningPlan:
    """Create the learner's active plan from a Career Converter plan in one go.

    `steps` are dicts (or objects with these attributes) with `course` (a course slug), optional `run_id`
    (an on-site run) and optional `starts` (a date), in the order to take them. Unknown roles or courses
    raise `LearningError`.
    """
    role = Role.objects.filter(slug=role_slug).first()
    if role is None:
        raise LearningError(f"There is no role with the slug ‘{role_slug}’.")
    slugs = [str(_step_value(step, "course") or "") for step in steps]
    courses = {c.slug: c for c in Course.objects.filter(slug__in=slugs)}
    unknown = [s or "(no course)" for s in slugs if s not in courses]
    if unknown:
        raise LearningError(f"These courses do not exist: {', '.join(unknown)}.")
    plan = plan_create(learner=learner, target_role=role, target_date=target_date)
    seen: set[str] = set()
    for step, slug in zip(steps, slugs, strict=True):
        if slug in seen:
            continue
        seen.add(slug)
        starts = _step_value(step, "starts")
        if starts is not None and not isinstance(starts, date):
            raise LearningError(f"The start of ‘{slug}’ must be a date.")
        run_id = _step_value(step, "run_id")
        try:
            run = int(run_id) if run_id not in (None, "") else None
        except (TypeError, ValueError):
            raise LearningError(f"The run chosen for ‘{slug}’ is not a run id.") from None
        plan_item_add(plan=plan, course=courses[slug], run_id=run, starts=starts)
    return plan


def _step_value(step: Mapping[str, Any] | Any, key: str) -> Any:
    # The Converter hands over its engine's plan steps (objects); other callers pass dicts.
    return step.get(key) if isinstance(step, Mapping) else getattr(step, key, None)
