"""The learning app's webhook event (a course completed), declared to orgkeys from `LearningConfig.ready`."""

from __future__ import annotations

from skillsnet.learning.models import Enrolment
from skillsnet.orgkeys.signals import Described, webhook_event


def describe_enrolment(object_id: str) -> Described | None:
    enrolment = Enrolment.objects.select_related("course__provider").filter(pk=object_id).first()
    if enrolment is None:
        return None
    return {"enrolment": enrolment.pk, "course": enrolment.course.slug}, [("provider", enrolment.course.provider.slug)]


webhook_event(action="learning.course.completed", event="course.completed", describe=describe_enrolment)
