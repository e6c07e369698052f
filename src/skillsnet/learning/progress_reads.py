"""Reads of a learner's online learning: courses done (online or attended), missing prerequisites, enrolments
and progress through a course's lessons and checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, QuerySet

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course
from skillsnet.learning.course_reads import PUBLISHED, published_lessons
from skillsnet.learning.models import (
    CheckAttempt,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
)
from skillsnet.learning.onsite import onsite

# ---------------------------------------------------------------- completion and prerequisites


def completed_course_slugs(user: User | AnonymousUser) -> set[str]:
    """Slugs of the online courses `user` has completed on this platform."""
    if not user.is_authenticated:
        return set()
    return set(
        Enrolment.objects.filter(learner_id=user.pk, completed_at__isnull=False).values_list("course__slug", flat=True)
    )


def done_course_slugs(user: User | AnonymousUser) -> set[str]:
    """Slugs of every course `user` has done: completed online here or attended at a training centre.

    The one answer to "has this person done that course?" for prerequisites (enrolling here, booking a
    centre run), the course page and learning plans.
    """
    if not user.is_authenticated:
        return set()
    return completed_course_slugs(user) | onsite().attended_course_slugs(user)


def missing_prerequisites(user: User | AnonymousUser, course: Course) -> list[Course]:
    """The prerequisites of `course` that `user` has not done (online or at a centre), by title."""
    required = list(Course.objects.filter(required_by_links__course=course).order_by("title"))
    if not required:
        return []
    done = done_course_slugs(user)
    return [c for c in required if c.slug not in done]


# ---------------------------------------------------------------- progress


@dataclass
class Progress:
    enrolment: Enrolment
    lessons: list[Lesson]
    completed_ids: set[int]
    passed_ids: set[int]
    started_ids: set[int]

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def done(self) -> int:
        return sum(1 for lesson in self.lessons if self.lesson_done(lesson))

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def lesson_done(self, lesson: Lesson) -> bool:
        if lesson.pk not in self.completed_ids:
            return False
        return not getattr(lesson, "question_count", 0) or lesson.pk in self.passed_ids

    @property
    def all_done(self) -> bool:
        return bool(self.lessons) and self.done == self.total

    @property
    def next_lesson(self) -> Lesson | None:
        return next((lesson for lesson in self.lessons if not self.lesson_done(lesson)), None)

    def status_of(self, lesson: Lesson) -> str:
        if self.lesson_done(lesson):
            return "completed"
        if lesson.pk in self.started_ids:
            return "in progress"
        return "not started"


def progress_of(enrolment: Enrolment) -> Progress:
    lessons = published_lessons(enrolment.course)
    rows = LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", "completed_at")
    passed = set(
        CheckAttempt.objects.filter(enrolment=enrolment, passed=True).values_list("lesson_id", flat=True).distinct()
    )
    return Progress(
        enrolment=enrolment,
        lessons=lessons,
        completed_ids={lesson_id for lesson_id, at in rows if at is not None},
        passed_ids=passed,
        started_ids={lesson_id for lesson_id, _ in rows},
    )


def progress_of_many(enrolments: Iterable[Enrolment]) -> dict[int, Progress]:
    """`progress_of` for many enrolments in a fixed number of queries (four), not four per enrolment."""
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    course_ids = {e.course_id for e in enrolments}
    lessons = Lesson.objects.filter(status=PUBLISHED).annotate(question_count=Count("questions"))
    modules = (
        Module.objects.filter(course_id__in=course_ids, status=PUBLISHED)
        .prefetch_related(Prefetch("lessons", queryset=lessons.order_by("position", "id")))
        .order_by("position", "id")
    )
    by_course: dict[int, list[Lesson]] = {}
    for module in modules:
        by_course.setdefault(module.course_id, []).extend(module.lessons.all())
    ids = [e.pk for e in enrolments]
    completed: dict[int, set[int]] = {}
    started: dict[int, set[int]] = {}
    for enrolment_id, lesson_id, at in LessonProgress.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "lesson_id", "completed_at"
    ):
        started.setdefault(enrolment_id, set()).add(lesson_id)
        if at is not None:
            completed.setdefault(enrolment_id, set()).add(lesson_id)
    passed: dict[int, set[int]] = {}
    attempts = CheckAttempt.objects.filter(enrolment_id__in=ids, passed=True)
    for enrolment_id, lesson_id in attempts.values_list("enrolment_id", "lesson_id").distinct():
        passed.setdefault(enrolment_id, set()).add(lesson_id)
    return {
        e.pk: Progress(
            enrolment=e,
            lessons=by_course.get(e.course_id, []),
            completed_ids=completed.get(e.pk, set()),
            passed_ids=passed.get(e.pk, set()),
            started_ids=started.get(e.pk, set()),
        )
        for e in enrolments
    }


def enrolment_for(user: User | AnonymousUser, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(learner_id=user.pk, course=course).first()


def enrolments_of(user: User) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(learner=user).select_related("course", "course__provider")


def last_attempt(enrolment: Enrolment, lesson: Lesson) -> CheckAttempt | None:
    return CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson).first()
