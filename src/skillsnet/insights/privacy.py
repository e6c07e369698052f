"""Course feedback, for export and erasure (see `accounts/privacy.py`).

Ratings feed provider statistics and averages, so a deleted account's ratings stay, moved to the erased
account; the comments are the person's own words and are cleared.
"""

from __future__ import annotations

from skillsnet.accounts.privacy import Erasure, register
from skillsnet.insights.models import CourseFeedback


def _erase_feedback(erasure: Erasure) -> None:
    moved = CourseFeedback.objects.filter(learner=erasure.user).update(learner=erasure.placeholder, comment="")
    erasure.count("course_feedback", "anonymised", moved)


register(
    key="course_feedback",
    model=CourseFeedback,
    title="Your ratings and comments on courses",
    rows=lambda user: CourseFeedback.objects.filter(learner=user).select_related("course").order_by("created_at"),
    erase=_erase_feedback,
    erasure="ratings kept without you, so averages stay; comments deleted",
    order=40,
    exclude=["learner"],
    columns=lambda obj, user: {"course_slug": obj.course.slug, "course_title": obj.course.title},
)
