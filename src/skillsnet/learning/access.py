"""One access helper per private object: each returns the object or raises Http404.

A person who may not see something gets the same 404 as for something that does not exist, so no one can
probe for other people's enrolments or other providers' drafts.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role, scopes_for
from skillsnet.catalogue.models import Course
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.learning.models import (
    ContentStatus,
    Enrolment,
    Lesson,
    LessonFile,
    Module,
    PlanItem,
    Question,
)

PUBLISHED = ContentStatus.PUBLISHED


def get_course(slug: str) -> Course:
    """A course the public may see (published; example content only while it is shown), or 404."""
    course = visible_courses(Course.objects.select_related("provider")).filter(slug=slug).first()
    if course is None:
        raise Http404("No such course.")
    return course


def get_course_for_provider_staff(user: User | AnonymousUser, slug: str) -> Course:
    """A course whose content `user` may author: staff of the course's own provider only."""
    course = Course.objects.select_related("provider").filter(slug=slug).first()
    if course is None:
        raise Http404("No such course.")
    if not has_role(user, Role.PROVIDER_STAFF, scope=course.provider.slug):
        raise Http404("No such course.")
    return course


def get_module_for_provider_staff(user: User | AnonymousUser, slug: str, pk: int) -> Module:
    course = get_course_for_provider_staff(user, slug)
    module = Module.objects.filter(course=course, pk=pk).select_related("course").first()
    if module is None:
        raise Http404("No such module.")
    return module


def get_lesson_for_provider_staff(user: User | AnonymousUser, slug: str, pk: int) -> Lesson:
    course = get_course_for_provider_staff(user, slug)
    lesson = Lesson.objects.filter(module__course=course, pk=pk).select_related("module", "module__course").first()
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


def get_question_for_provider_staff(user: User | AnonymousUser, slug: str, pk: int) -> Question:
    course = get_course_for_provider_staff(user, slug)
    question = Question.objects.filter(lesson__module__course=course, pk=pk).select_related("lesson").first()
    if question is None:
        raise Http404("No such question.")
    return question


def get_file_for_provider_staff(user: User | AnonymousUser, slug: str, pk: int) -> LessonFile:
    course = get_course_for_provider_staff(user, slug)
    lesson_file = LessonFile.objects.filter(lesson__module__course=course, pk=pk).select_related("lesson").first()
    if lesson_file is None:
        raise Http404("No such file.")
    return lesson_file


def get_enrolment_for_learner(user: User | AnonymousUser, slug: str) -> Enrolment:
    """The signed-in learner's own enrolment on the course `slug`."""
    if not user.is_authenticated:
        raise Http404("No such enrolment.")
    enrolment = Enrolment.objects.filter(learner_id=user.pk, course__slug=slug).select_related("course").first()
    if enrolment is None:
        raise Http404("No such enrolment.")
    return enrolment


def get_lesson_for_learner(user: User | AnonymousUser, slug: str, pk: int) -> tuple[Enrolment, Lesson]:
    """A published lesson of a course the signed-in learner is enrolled on, with that enrolment."""
    enrolment = get_enrolment_for_learner(user, slug)
    lesson = (
        Lesson.objects.filter(pk=pk, module__course=enrolment.course, status=PUBLISHED, module__status=PUBLISHED)
        .select_related("module")
        .first()
    )
    if lesson is None:
        raise Http404("No such lesson.")
    return enrolment, lesson


def get_file_for_user(user: User | AnonymousUser, pk: int) -> LessonFile:
    """A lesson file: for the course provider's staff, or for a learner enrolled on a published lesson."""
    lesson_file = LessonFile.objects.filter(pk=pk).select_related("lesson__module__course__provider").first()
    if lesson_file is None:
        raise Http404("No such file.")
    lesson = lesson_file.lesson
    course = lesson.module.course
    if has_role(user, Role.PROVIDER_STAFF, scope=course.provider.slug):
        return lesson_file
    if lesson.status != PUBLISHED or lesson.module.status != PUBLISHED:
        raise Http404("No such file.")
    if not user.is_authenticated:
        raise Http404("No such file.")
    if not Enrolment.objects.filter(learner_id=user.pk, course=course).exists():
        raise Http404("No such file.")
    return lesson_file


def get_plan_item_for_learner(user: User | AnonymousUser, pk: int) -> PlanItem:
    if not user.is_authenticated:
        raise Http404("No such step.")
    item = PlanItem.objects.filter(pk=pk, plan__learner_id=user.pk, plan__is_active=True).select_related("plan").first()
    if item is None:
        raise Http404("No such step.")
    return item


def provider_scopes(user: User | AnonymousUser) -> list[str]:
    return scopes_for(user, Role.PROVIDER_STAFF)
