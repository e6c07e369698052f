"""Background tasks for the centres: emails about bookings, and the sweeps cron (or a worker) runs.

Tasks are thin: they take primary keys and call a service or build a message. The sweeps are safe to
run as often as anyone likes: each records what it did, so a second run does nothing.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from skillsnet.centres import notifications
from skillsnet.tasks import send_once


@task()
def send_booking_email(
    *, booking_id: int, event: str, session_id: int | None = None, idempotency_key: str | None = None
) -> int:
    # The key makes a retried task (its worker died) send nothing the second time; see skillsnet/tasks.py.
    message = notifications.booking_email(booking_id=booking_id, event=event, session_id=session_id)
    return send_once(message, idempotency_key=idempotency_key) if message is not None else 0


@task()
def send_renewal_email(*, qualification_id: int) -> int:
    # One renewal reminder per qualification (the sweep claims it), so the key can follow from the id.
    message = notifications.renewal_email(qualification_id=qualification_id)
    key = f"centres.qualification.{qualification_id}.renewal"
    return send_once(message, idempotency_key=key) if message is not None else 0


@task()
def expire_offers() -> dict[str, int]:
    """Pass expired offers and unapproved bookings on, and warn holders whose offers end within 12 hours."""
    from skillsnet.centres import services

    now = timezone.now()
    return {
        "expired": services.offers_expire(now=now),
        "unapproved": services.approvals_expire(now=now),
        "warned": services.offer_expiry_warnings_send(now=now),
    }


@task()
def send_session_reminders() -> int:
    from skillsnet.centres import services

    return services.session_reminders_send(now=timezone.now())


@task()
def send_renewal_reminders() -> int:
    from skillsnet.centres import services

    return services.renewal_reminders_send(now=timezone.now())
