"""Reads of online courses: the catalogue search, published modules and lessons, the skills a course raises
and its on-site runs (from the centres app, through `learning.onsite`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import LEVEL_LABELS, Course, CourseSkill, RoleSkill
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.learning.models import (
    ContentStatus,
    Lesson,
    Module,
)
from skillsnet.learning.onsite import RunSummary, onsite

PUBLISHED = ContentStatus.PUBLISHED


# ---------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class CourseFilters:
    q: str = ""
    skill: str = ""
    role: str = ""
    mode: str = ""
    level: int | None = None
    max_hours: Decimal | None = None
    provider: str = ""
    price: str = ""  # "" | "free" | "paid"


def course_search(filters: CourseFilters) -> QuerySet[Course]:
    """Courses matching every filter given, with what the list shows prefetched (a fixed number of queries)."""
    courses = visible_courses(Course.objects.select_related("provider"))
    if filters.q.strip():
        for word in filters.q.split()[:8]:
            courses = courses.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(provider__name__icontains=word)
                | Q(skills_taught__skill__name__icontains=word)
            )
    if filters.skill:
        courses = courses.filter(skills_taught__skill__slug=filters.skill)
    if filters.role:
        role_skills = RoleSkill.objects.filter(role__slug=filters.role).values("skill_id")
        courses = courses.filter(skills_taught__skill_id__in=role_skills)
    if filters.mode:
        courses = courses.filter(mode=filters.mode)
    if filters.level is not None:
        courses = courses.filter(level=filters.level)
    if filters.max_hours is not None:
        courses = courses.filter(hours__lte=filters.max_hours)
    if filters.provider:
        courses = courses.filter(provider__slug=filters.provider)
    if filters.price == "free":
        courses = courses.filter(cost=0)
    elif filters.price == "paid":
        courses = courses.filter(cost__gt=0)
    published_lessons = Lesson.objects.filter(module__course=OuterRef("pk"), status=PUBLISHED, module__status=PUBLISHED)
    return (
        courses.distinct()
        .annotate(has_content=Exists(published_lessons))
        .prefetch_related(Prefetch("skills_taught", queryset=CourseSkill.objects.select_related("skill")))
        .order_by("title")
    )


# ---------------------------------------------------------------- content


@dataclass
class ModuleOutline:
    module: Module
    lessons: list[Lesson]


def published_modules(course: Course) -> list[ModuleOutline]:
    """The published modules of `course` and their published lessons, in order (two queries)."""
    lessons = Lesson.objects.filter(status=PUBLISHED).annotate(question_count=Count("questions"))
    modules = (
        Module.objects.filter(course=course, status=PUBLISHED)
        .prefetch_related(Prefetch("lessons", queryset=lessons.order_by("position", "id")))
        .order_by("position", "id")
    )
    return [ModuleOutline(module=m, lessons=list(m.lessons.all())) for m in modules if m.lessons.all()]


def published_lessons(course: Course) -> list[Lesson]:
    return [lesson for outline in published_modules(course) for lesson in outline.lessons]


def course_has_content(course: Course) -> bool:
    return Lesson.objects.filter(module__course=course, status=PUBLISHED, module__status=PUBLISHED).exists()


def courses_with_content_ids() -> set[int]:
    return set(
        Lesson.objects.filter(status=PUBLISHED, module__status=PUBLISHED).values_list("module__course_id", flat=True)
    )


def skill_levels(course: Course) -> list[dict[str, Any]]:
    """The skills `course` raises, with the levels in words."""
    return [
        {
            "skill": taught.skill,
            "from_level": taught.assumes_level,
            "to_level": taught.to_level,
            "from_label": LEVEL_LABELS[taught.assumes_level],
            "to_label": LEVEL_LABELS[taught.to_level],
        }
        for taught in course.skills_taught.select_related("skill").all()
    ]


def upcoming_runs(course: Course) -> list[RunSummary]:
    """Upcoming on-site runs of `course`, soonest first (from the centres app)."""
    return onsite().upcoming_runs(course)


def upcoming_bookings(user: User) -> list[RunSummary]:
    """The learner's active on-site bookings that have not started (from the centres app)."""
    return onsite().upcoming_bookings(user)
