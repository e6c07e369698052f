"""Course feedback: who may rate a course, and their rating.

The ratings (`CourseFeedback`) are the insights app's: the learning app sits below it and cannot read them.
"""

from __future__ import annotations

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course
from skillsnet.centres.models import Booking, BookingStatus
from skillsnet.insights.models import CourseFeedback
from skillsnet.learning.models import Enrolment


def may_give_feedback(user: User, course: Course) -> bool:
    """Learners who enrolled on the course online, or attended it at a centre, may rate it."""
    if Enrolment.objects.filter(learner_id=user.pk, course=course).exists():
        return True
    return Booking.objects.filter(learner_id=user.pk, run__course=course, status=BookingStatus.ATTENDED).exists()


def feedback_of(user: User, course: Course) -> CourseFeedback | None:
    return CourseFeedback.objects.filter(learner_id=user.pk, course=course).first()
