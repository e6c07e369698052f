"""Enrolment and progress: enrolling (prerequisites first), lessons started and finished, knowledge checks,
and completing a course (verified skill evidence, a credential, the xAPI statements).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.claims import is_practical, supported_level
from skillsnet.catalogue.models import Course
from skillsnet.learning import selectors, xapi
from skillsnet.learning.credentials import course_assessment, credential_issue
from skillsnet.learning.models import (
    CheckAttempt,
    Enrolment,
    EvidenceSource,
    Lesson,
    LessonProgress,
    SkillEvidence,
    Verb,
)
from skillsnet.learning.records import CredentialError, LearningError, statement_record

# The name it logged under before the services were split by area.
logger = logging.getLogger("skillsnet.learning.services")


def _titles(courses: Iterable[Course]) -> str:
    names = [f"‘{c.title}’" for c in courses]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------- enrolment and progress


@transaction.atomic
def enrolment_create(*, learner: User, course: Course) -> Enrolment:
    """Enrol `learner` on `course` (idempotent) once its prerequisites are complete."""
    existing = Enrolment.objects.filter(learner=learner, course=course).first()
    if existing is not None:
        return existing
    if not selectors.course_has_content(course):
        raise LearningError(f"‘{course.title}’ has no online content to study yet.")
    missing = selectors.missing_prerequisites(learner, course)
    if missing:
        raise LearningError(f"Complete {_titles(missing)} before you enrol on ‘{course.title}’.")
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(learner=learner, course=course)
    except IntegrityError:
        # A double click: the other request enrolled first.
        return Enrolment.objects.get(learner=learner, course=course)
    statement_record(learner=learner, verb=Verb.REGISTERED, activity=xapi.course_activity(course))
    audit_log(
        action="learning.enrolment.created", actor=learner, subject=learner, obj=enrolment, data={"course": course.slug}
    )
    return enrolment


@transaction.atomic
def lesson_start(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """Note that the learner opened `lesson`; the first time is recorded as `launched`."""
    progress, created = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if created:
        course = enrolment.course
        statement_record(
            learner=enrolment.learner,
            verb=Verb.LAUNCHED,
            activity=xapi.lesson_activity(course, lesson.pk, lesson.title),
            parent=xapi.course_activity(course),
        )
    return progress


def _lesson_finished(enrolment: Enrolment, lesson: Lesson) -> None:
    progress, _ = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if progress.completed_at is not None:
        return
    progress.completed_at = timezone.now()
    progress.save(update_fields=["completed_at"])
    course = enrolment.course
    course_activity = xapi.course_activity(course)
    statement_record(
        learner=enrolment.learner,
        verb=Verb.COMPLETED,
        activity=xapi.lesson_activity(course, lesson.pk, lesson.title),
        result={"completion": True},
        parent=course_activity,
    )
    state = selectors.progress_of(enrolment)
    statement_record(
        learner=enrolment.learner,
        verb=Verb.PROGRESSED,
        activity=course_activity,
        result={"completion": state.all_done, "extensions": {xapi.PROGRESS_EXTENSION: state.percent}},
    )
    if state.all_done and enrolment.completed_at is None:
        _course_completed(enrolment)


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """Mark `lesson` done. A lesson with a knowledge check is done when the check is passed instead."""
    has_check = lesson.questions.exists()
    if has_check and not CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson, passed=True).exists():
        raise LearningError("Pass the knowledge check to complete this lesson.")
    _lesson_finished(enrolment, lesson)
    return LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)


@transaction.atomic
def check_submit(*, enrolment: Enrolment, lesson: Lesson, answers: Mapping[int, int]) -> CheckAttempt:
    """Score one attempt at `lesson`'s knowledge check; passing it completes the lesson."""
    questions = list(lesson.questions.prefetch_related("choices"))
    if not questions:
        raise LearningError("This lesson has no knowledge check.")
    unanswered = [q for q in questions if q.pk not in answers]
    if unanswered:
        raise LearningError(f"Answer every question: {len(unanswered)} of {len(questions)} have no answer.")
    correct = 0
    for question in questions:
        choice = next((c for c in question.choices.all() if c.pk == answers[question.pk]), None)
        if choice is None:
            raise LearningError("One of the answers is not a choice of its question. Reload the page and try again.")
        correct += choice.is_correct
    total = len(questions)
    score = round(100 * correct / total)
    passed = score >= lesson.pass_mark
    attempt = CheckAttempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        answers={str(q): a for q, a in answers.items() if q in {x.pk for x in questions}},
        correct=correct,
        total=total,
        score=score,
        passed=passed,
    )
    course = enrolment.course
    statement_record(
        learner=enrolment.learner,
        verb=Verb.PASSED if passed else Verb.FAILED,
        activity=xapi.check_activity(course, lesson.pk, lesson.title),
        result=xapi.scored_result(correct=correct, total=total, passed=passed),
        parent=xapi.course_activity(course),
    )
    if passed:
        _lesson_finished(enrolment, lesson)
    return attempt


def _course_completed(enrolment: Enrolment) -> None:
    """Completion: the date, verified skill evidence, a credential and the `completed` statement."""
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    course, learner = enrolment.course, enrolment.learner
    when = timezone.localdate(enrolment.completed_at)
    taught = list(course.skills_taught.select_related("skill"))
    assessment = course_assessment(course)
    # The evidence records the level the assessment supports, never more than the course claims
    # (catalogue/claims.py); an example course evidences nothing.
    supported = {
        link.skill.slug: supported_level(
            to_level=link.to_level,
            practical=is_practical(link.skill.slug, link.skill.category, link.skill.kind),
            mode=course.mode,
            questions=assessment.questions,
            example=course.example,
        )
        for link in taught
    }
    for link in taught:
        if supported[link.skill.slug] < 1:
            continue
        SkillEvidence.objects.get_or_create(
            learner=learner,
            skill=link.skill,
            source=EvidenceSource.COURSE_COMPLETION,
            source_ref=f"enrolment:{enrolment.pk}",
            defaults={
                "level": supported[link.skill.slug],
                "detail": f"Completed the online course ‘{course.title}’ on {when:%-d %B %Y}",
            },
        )
    statement_record(
        learner=learner,
        verb=Verb.COMPLETED,
        activity=xapi.course_activity(course),
        result={"completion": True, "success": True},
    )
    audit_log(
        action="learning.course.completed", actor=learner, subject=learner, obj=enrolment, data={"course": course.slug}
    )
    if course.example:
        # Example content is invented: completing it is no evidence of competence, so no credential.
        return
    try:
        with transaction.atomic():
            credential_issue(
                learner=learner,
                achievement_name=course.title,
                description=course.description,
                criteria=assessment.narrative(course, supported),
                skills=[link.skill for link in taught if supported[link.skill.slug] >= 1],
                skill_levels=supported,
                achievement_id=xapi.absolute(reverse("learning:course", args=[course.slug])),
                source_object=enrolment,
            )
    except CredentialError as exc:
        # The completion and the evidence stand; the credential can be issued once a key is configured.
        logger.warning("No credential for enrolment %s: %s", enrolment.pk, exc)
