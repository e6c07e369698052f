"""The centres' webhook events (booking changes), declared to orgkeys from `CentresConfig.ready`."""

from __future__ import annotations

from skillsnet.centres.models import Booking
from skillsnet.orgkeys.signals import Described, webhook_event

ACTIONS = {
    "centres.booking.created": "booking.created",
    "centres.booking.waitlisted": "booking.waitlisted",
    "centres.booking.cancelled": "booking.cancelled",
    "centres.booking.offered": "booking.offered",
    "centres.booking.attended": "booking.attended",
}


def describe_booking(object_id: str) -> Described | None:
    booking = Booking.objects.select_related("run__course__provider", "run__centre").filter(pk=object_id).first()
    if booking is None:
        return None
    run = booking.run
    data = {"booking": booking.pk, "run": run.pk, "course": run.course.slug, "centre": run.centre.slug,
            "status": booking.status}  # fmt: skip
    return data, [("centre", run.centre.slug), ("provider", run.course.provider.slug)]


for _action, _event in ACTIONS.items():
    webhook_event(action=_action, event=_event, describe=describe_booking)
