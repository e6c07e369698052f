"""Reads for online learning, by the module that does them (this module keeps the old import path):

- `learning.course_reads`: the catalogue search, published modules and lessons, a course's skills and runs;
- `learning.progress_reads`: courses done, missing prerequisites, enrolments and progress;
- `learning.plan_reads`: verified skills, learning plans and plan percents;
- here: the learner's dashboard and records, and a provider's courses.

Other apps call `completed_course_slugs(user)` (online completions), `done_course_slugs(user)` and
`missing_prerequisites(user, course)` (online or attended: the centres check these before booking) and
`verified_skills(user)` (the Career Converter reads a learner's verified skills).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import LEVEL_LABELS, Course
from skillsnet.learning.course_reads import (
    PUBLISHED,
    CourseFilters,
    ModuleOutline,
    course_has_content,
    course_search,
    courses_with_content_ids,
    published_lessons,
    published_modules,
    skill_levels,
    upcoming_bookings,
    upcoming_runs,
)
from skillsnet.learning.models import Credential, Enrolment, Statement
from skillsnet.learning.onsite import RunSummary
from skillsnet.learning.plan_reads import (
    PLAN_STATUSES,
    PlanStep,
    PlanView,
    active_plan,
    plan_percents,
    plan_view,
    verified_skills,
    verified_skills_of,
)
from skillsnet.learning.progress_reads import (
    Progress,
    completed_course_slugs,
    done_course_slugs,
    enrolment_for,
    enrolments_of,
    last_attempt,
    missing_prerequisites,
    progress_of,
    progress_of_many,
)

__all__ = [
    "PLAN_STATUSES",
    "PUBLISHED",
    "CourseFilters",
    "Dashboard",
    "ModuleOutline",
    "PlanStep",
    "PlanView",
    "Progress",
    "active_plan",
    "completed_course_slugs",
    "course_has_content",
    "course_search",
    "courses_with_content_ids",
    "dashboard",
    "done_course_slugs",
    "enrolment_for",
    "enrolments_of",
    "last_attempt",
    "missing_prerequisites",
    "plan_percents",
    "plan_view",
    "progress_of",
    "progress_of_many",
    "provider_courses",
    "published_lessons",
    "published_modules",
    "skill_levels",
    "statements_of",
    "upcoming_bookings",
    "upcoming_runs",
    "verified_skills",
    "verified_skills_of",
]


# ---------------------------------------------------------------- dashboard and records


@dataclass
class Dashboard:
    current: list[Progress]
    completed: list[Enrolment]
    plan: PlanView | None
    credentials: list[Credential]
    skills: list[tuple[str, str, int, str, str]]  # slug, name, level, level label, detail
    bookings: list[RunSummary]


def dashboard(user: User) -> Dashboard:
    from skillsnet.catalogue.models import Skill

    enrolments = list(enrolments_of(user))
    verified = verified_skills(user)
    names = dict(Skill.objects.filter(slug__in=[s for s, _, _ in verified]).values_list("slug", "name"))
    progress = progress_of_many(e for e in enrolments if e.completed_at is None)
    return Dashboard(
        current=[progress[e.pk] for e in enrolments if e.completed_at is None],
        completed=[e for e in enrolments if e.completed_at is not None],
        plan=plan_view(user),
        credentials=list(Credential.objects.filter(learner=user).order_by("-issued_at")),
        skills=[(slug, names.get(slug, slug), level, LEVEL_LABELS[level], d) for slug, level, d in verified],
        bookings=upcoming_bookings(user),
    )


def statements_of(user: User) -> list[dict[str, Any]]:
    return [s.data for s in Statement.objects.filter(learner=user).order_by("timestamp", "id")]


def provider_courses(slugs: Iterable[str]) -> QuerySet[Course]:
    return (
        Course.objects.filter(provider__slug__in=list(slugs))
        .select_related("provider")
        .annotate(
            module_count=Count("modules", distinct=True),
            published_lessons=Count("modules__lessons", filter=Q(modules__lessons__status=PUBLISHED), distinct=True),
        )
        .order_by("provider__name", "title")
    )
