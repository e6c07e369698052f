"""Writes of the insights app: a learner's rating of a course."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.models import Course
from skillsnet.insights.feedback import may_give_feedback
from skillsnet.insights.models import CourseFeedback

MAX_COMMENT = 2000


class FeedbackError(Exception):
    """Feedback that cannot be recorded; the message is for the learner."""


@transaction.atomic
def feedback_save(*, learner: User, course: Course, rating: int, comment: str = "") -> CourseFeedback:
    """Record (or change) the learner's rating of a course they enrolled on or attended: one per course."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise FeedbackError("Choose a rating from 1 to 5.")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise FeedbackError(f"Your comment must be {MAX_COMMENT} characters or fewer.")
    if not may_give_feedback(learner, course):
        raise FeedbackError("You can rate a course once you have enrolled on it or attended it.")
    now = timezone.now()
    feedback = CourseFeedback.objects.select_for_update().filter(learner=learner, course=course).first()
    if feedback is None:
        try:
            with transaction.atomic():
                feedback = CourseFeedback.objects.create(
                    learner=learner, course=course, rating=rating, comment=comment, created_at=now, updated_at=now
                )
        except IntegrityError:
            feedback = CourseFeedback.objects.get(learner=learner, course=course)
    if (feedback.rating, feedback.comment) != (rating, comment):
        feedback.rating, feedback.comment, feedback.updated_at = rating, comment, now
        feedback.save(update_fields=["rating", "comment", "updated_at"])
    audit_log(
        action="insights.feedback.saved",
        actor=learner,
        subject=learner,
        obj=feedback,
        data={"course": course.slug, "rating": rating},
    )
    return feedback
