"""Reads of verified skills and learning plans: a learner's verified skills (online completions and, through
`learning.onsite`, attendance), the active plan with each step's status, and plan percents for many learners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course, CoursePrerequisite
from skillsnet.learning.models import (
    Enrolment,
    LearningPlan,
    PlanItem,
    SkillEvidence,
)
from skillsnet.learning.onsite import onsite
from skillsnet.learning.progress_reads import done_course_slugs

# ---------------------------------------------------------------- skills evidence


def verified_skills(user: User | AnonymousUser) -> list[tuple[str, int, str]]:
    """(skill slug, level, how it was verified) for each skill the platform has verified for `user`.

    One row per skill, at the highest verified level. Online completions come from here; attendance
    evidence comes from the centres app (`learning.onsite`).
    """
    if not user.is_authenticated:
        return []
    return verified_skills_of([user.pk]).get(user.pk, [])


def verified_skills_of(user_ids: Iterable[int]) -> dict[int, list[tuple[str, int, str]]]:
    """`verified_skills` for many learners in a fixed number of queries: learner id -> rows."""
    ids = list(user_ids)
    rows: dict[int, list[tuple[str, int, str]]] = {}
    for learner_id, slug, level, detail in (
        SkillEvidence.objects.filter(learner_id__in=ids)
        .order_by("-level", "-at")
        .values_list("learner_id", "skill__slug", "level", "detail")
    ):
        rows.setdefault(learner_id, []).append((slug, level, detail))
    for learner_id, found in onsite().verified_skills_of(ids).items():
        rows.setdefault(learner_id, []).extend((str(s), int(level), str(d)) for s, level, d in found)
    result: dict[int, list[tuple[str, int, str]]] = {}
    for learner_id, mine in rows.items():
        best: dict[str, tuple[str, int, str]] = {}
        for row in mine:
            if row[0] not in best or row[1] > best[row[0]][1]:
                best[row[0]] = row
        result[learner_id] = sorted(best.values(), key=lambda r: (-r[1], r[0]))
    return result


# ---------------------------------------------------------------- plans


PLAN_STATUSES = {
    "completed": ("Completed", "tag--green"),
    "booked": ("Booked", ""),
    "in progress": ("In progress", "tag--yellow"),
    "not started": ("Not started", "tag--grey"),
    "cannot start yet": ("Cannot start yet", "tag--red"),
}


@dataclass
class PlanStep:
    item: PlanItem
    status: str
    missing: list[Course] = field(default_factory=list)
    booking: str = ""  # the status of the learner's booking of this step's run ("On the waiting list"…)

    @property
    def label(self) -> str:
        if self.status == "booked" and self.booking:
            return self.booking
        return PLAN_STATUSES[self.status][0]

    @property
    def url(self) -> str:
        """Where to act on the step: the chosen run's page for an on-site step, else the course page."""
        if self.item.run_id is not None and self.item.course.mode != "online":
            return onsite().run_url(self.item.run_id)
        return reverse("learning:course", args=[self.item.course.slug])

    @property
    def tag_class(self) -> str:
        return PLAN_STATUSES[self.status][1]


@dataclass
class PlanView:
    plan: LearningPlan
    steps: list[PlanStep]

    @property
    def completed(self) -> int:
        return sum(1 for step in self.steps if step.status == "completed")

    @property
    def next_step(self) -> PlanStep | None:
        """What is due next: the first step, in the plan's order, neither completed nor booked."""
        due = [s for s in self.steps if s.status not in {"completed", "booked"}]
        return due[0] if due else None


def active_plan(user: User) -> LearningPlan | None:
    return LearningPlan.objects.filter(learner=user, is_active=True).select_related("target_role").first()


def plan_view(user: User) -> PlanView | None:
    """The learner's active plan with each step's status worked out (a fixed number of queries)."""
    plan = active_plan(user)
    if plan is None:
        return None
    items = list(plan.items.select_related("course", "course__provider").order_by("position", "id"))
    completed = done_course_slugs(user)
    enrolled = set(
        Enrolment.objects.filter(learner=user, completed_at__isnull=True).values_list("course_id", flat=True)
    )
    # the learner's live bookings of the runs their plan chose (run id -> status label)
    booked = onsite().booking_statuses(user)
    prerequisites: dict[int, list[Course]] = {}
    for link in CoursePrerequisite.objects.filter(course__in=[i.course_id for i in items]).select_related("requires"):
        prerequisites.setdefault(link.course_id, []).append(link.requires)
    steps = []
    for item in items:
        missing = [c for c in prerequisites.get(item.course_id, []) if c.slug not in completed]
        booking = ""
        if item.course.slug in completed:
            status = "completed"
        elif item.run_id is not None and item.run_id in booked:
            status, booking = "booked", booked[item.run_id]
        elif item.course_id in enrolled:
            status = "in progress"
        elif missing:
            status = "cannot start yet"
        else:
            status = "not started"
        steps.append(PlanStep(item=item, status=status, missing=missing, booking=booking))
    return PlanView(plan=plan, steps=steps)


def plan_percents(user_ids: Iterable[int]) -> dict[int, int | None]:
    """For each learner, the share of their active plan's steps done (None without a plan or steps), as
    `plan_view(user).completed / len(steps)` gives it, for many learners in four queries."""
    ids = list(user_ids)
    plans = dict(LearningPlan.objects.filter(learner_id__in=ids, is_active=True).values_list("pk", "learner_id"))
    steps: dict[int, list[str]] = {}
    for plan_id, slug in PlanItem.objects.filter(plan_id__in=list(plans)).values_list("plan_id", "course__slug"):
        steps.setdefault(plans[plan_id], []).append(slug)
    done: dict[int, set[str]] = {}
    for learner_id, slug in Enrolment.objects.filter(learner_id__in=ids, completed_at__isnull=False).values_list(
        "learner_id", "course__slug"
    ):
        done.setdefault(learner_id, set()).add(slug)
    for learner_id, attended in onsite().attended_course_slugs_of(ids).items():
        done.setdefault(learner_id, set()).update(attended)
    percents: dict[int, int | None] = {}
    for learner_id in ids:
        planned = steps.get(learner_id, [])
        finished = sum(1 for slug in planned if slug in done.get(learner_id, set()))
        percents[learner_id] = round(100 * finished / len(planned)) if planned else None
    return percents
