"""Background tasks for the centres: emails about bookings, and the sweeps cron (or a worker) runs.

Tasks are thin: they take primary keys and call a service or build a message. The sweeps are safe to
run as often as anyone likes: each records what it did, so a second run does nothing.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from skillsnet.centres import notifications


@task()
def send_booking_email(*, booking_id: int, event: str, session_id: int | None = None) -> int:
    message = notifications.booking_email(booking_id=booking_id, event=event, session_id=session_id)
    return message.send() if message is not None else 0


@task()
def send_renewal_email(*, qualification_id: int) -> int:
    message = notifications.renewal_email(qualification_id=qualification_id)
    return message.send() if message is not None else 0


@task()
def expire_offers() -> dict[str, int]:
    """Pass expired offers on and warn holders whose offers end within 12 hours."""
    from skillsnet.centres import services

    now = timezone.now()
    return {"expired": services.offers_expire(now=now), "warned": services.offer_expiry_warnings_send(now=now)}


@task()
def send_session_reminders() -> int:
    from skillsnet.centres import services

    return services.session_reminders_send(now=timezone.now())


@task()
def send_renewal_reminders() -> int:
    from skillsnet.centres import services

    return services.renewal_reminders_send(now=timezone.now())
