"""Webhook events come from the audit log: every booking change and course completion is audited already."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from skillsnet.accounts.models import AuditEntry

EVENTS = {
    "centres.booking.created": "booking.created",
    "centres.booking.waitlisted": "booking.waitlisted",
    "centres.booking.cancelled": "booking.cancelled",
    "centres.booking.offered": "booking.offered",
    "centres.booking.attended": "booking.attended",
    "learning.course.completed": "course.completed",
}


@receiver(post_save, sender=AuditEntry, dispatch_uid="orgkeys-webhook-events")
def _audited(sender: Any, instance: AuditEntry, created: bool, **kwargs: Any) -> None:
    event = EVENTS.get(instance.action)
    if not created or event is None or not instance.object_id:
        return
    from skillsnet.orgkeys.models import WebhookEndpoint

    if not WebhookEndpoint.objects.filter(active=True).exists():
        return
    from skillsnet.orgkeys.webhooks import emit

    if event == "course.completed":
        from skillsnet.learning.models import Enrolment

        enrolment = Enrolment.objects.select_related("course__provider").filter(pk=instance.object_id).first()
        if enrolment is not None:
            data = {"enrolment": enrolment.pk, "course": enrolment.course.slug}
            emit(event, data, [("provider", enrolment.course.provider.slug)])
        return
    from skillsnet.centres.models import Booking

    booking = (
        Booking.objects.select_related("run__course__provider", "run__centre").filter(pk=instance.object_id).first()
    )
    if booking is None:
        return
    run = booking.run
    data = {"booking": booking.pk, "run": run.pk, "course": run.course.slug, "centre": run.centre.slug,
            "status": booking.status}  # fmt: skip
    emit(event, data, [("centre", run.centre.slug), ("provider", run.course.provider.slug)])
