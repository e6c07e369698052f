"""The sweeps (cron or the task worker): expire offers and stale approvals, warn about offers ending, remind
seat-holders of sessions and qualification holders of renewals. Each is idempotent.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from skillsnet.centres.models import (
    Booking,
    BookingNotice,
    BookingStatus,
    Notice,
    PracticalQualification,
    RunSession,
    RunStatus,
)
from skillsnet.centres.notifications import send_renewal_email
from skillsnet.centres.seats import checked_now, lock_run, notify, settle, stale_approvals
from skillsnet.tasks import enqueue_on_commit

OFFER_WARNING_HOURS = 12
SESSION_REMINDER_HOURS = 48
RENEWAL_REMINDER_DAYS = 30
# ---------------------------------------------------------------- sweeps (cron or the task worker)


def offers_expire(*, now: datetime | None = None) -> int:
    """Expire every offer past its time and pass the seats on. Idempotent; returns offers expired."""
    now = checked_now(now)
    run_ids = sorted(
        set(
            Booking.objects.filter(status=BookingStatus.OFFERED, offer_expires_at__lte=now).values_list(
                "run_id", flat=True
            )
        )
    )
    expired = 0
    for run_id in run_ids:  # one short transaction per run, locked in id order
        with transaction.atomic():
            run = lock_run(run_id)
            expired += Booking.objects.filter(run=run, status=BookingStatus.OFFERED, offer_expires_at__lte=now).count()
            settle(run, now)
    return expired


def approvals_expire(*, now: datetime | None = None) -> int:
    """Expire every booking that has waited too long for approval and pass the seats on. Idempotent; returns
    how many expired."""
    now = checked_now(now)
    run_ids = sorted(set(stale_approvals(now).values_list("run_id", flat=True)))
    expired = 0
    for run_id in run_ids:  # one short transaction per run, locked in id order
        with transaction.atomic():
            run = lock_run(run_id)
            expired += stale_approvals(now).filter(run=run).count()
            settle(run, now)
    return expired


def _send_notice_once(booking: Booking, kind: Notice, ref: str, now: datetime, **email: Any) -> bool:
    with transaction.atomic():
        _, created = BookingNotice.objects.get_or_create(booking=booking, kind=kind, ref=ref, defaults={"sent_at": now})
        if created:
            notify(booking, **email)
    return created


def offer_expiry_warnings_send(*, now: datetime | None = None) -> int:
    """Warn people whose offers end within OFFER_WARNING_HOURS; each offer is warned about once."""
    now = checked_now(now)
    offers = Booking.objects.filter(
        status=BookingStatus.OFFERED,
        offer_expires_at__gt=now,
        offer_expires_at__lte=now + timedelta(hours=OFFER_WARNING_HOURS),
    )
    sent = 0
    for booking in offers:
        assert booking.offer_expires_at is not None
        ref = booking.offer_expires_at.isoformat()
        sent += _send_notice_once(booking, Notice.OFFER_EXPIRING, ref, now, event="offer_expiring")
    return sent


def session_reminders_send(*, now: datetime | None = None) -> int:
    """Remind seat-holders of each session starting within SESSION_REMINDER_HOURS, once per session."""
    now = checked_now(now)
    sessions = RunSession.objects.filter(
        run__status=RunStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=SESSION_REMINDER_HOURS),
    )
    sent = 0
    for session in sessions:
        for booking in Booking.objects.filter(run_id=session.run_id, status=BookingStatus.CONFIRMED):
            sent += _send_notice_once(
                booking, Notice.SESSION_REMINDER, str(session.pk), now, event="reminder", session_id=session.pk
            )
    return sent


def renewal_reminders_send(*, now: datetime | None = None) -> int:
    """Email holders of qualifications expiring within RENEWAL_REMINDER_DAYS, once per qualification."""
    now = checked_now(now)
    today = timezone.localdate(now)
    due = PracticalQualification.objects.filter(
        renewal_reminded_at__isnull=True,
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=RENEWAL_REMINDER_DAYS),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            # The conditional update claims the reminder, so two sweeps at once still send one email.
            claimed = PracticalQualification.objects.filter(pk=pk, renewal_reminded_at__isnull=True).update(
                renewal_reminded_at=now
            )
            if claimed:
                enqueue_on_commit(send_renewal_email, qualification_id=pk)
                sent += 1
    return sent


# ---------------------------------------------------------------- the sweeps, as tasks
# The same sweeps as `skillsnet expire_offers` and the reminder commands, for a worker or a scheduler.
# Safe to run as often as anyone likes: each records what it did, so a second run does nothing.


@task()
def expire_offers() -> dict[str, int]:
    """Pass expired offers and unapproved bookings on, and warn holders whose offers end within 12 hours."""
    now = timezone.now()
    return {
        "expired": offers_expire(now=now),
        "unapproved": approvals_expire(now=now),
        "warned": offer_expiry_warnings_send(now=now),
    }


@task()
def send_session_reminders() -> int:
    return session_reminders_send(now=timezone.now())


@task()
def send_renewal_reminders() -> int:
    return renewal_reminders_send(now=timezone.now())
