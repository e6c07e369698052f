"""A run's seats under its row lock: the helpers every write about runs, seats and attendance shares.

Capacity the pretix way: each change that can take or free a seat opens one transaction, locks the
run's row (`SELECT … FOR UPDATE`; on SQLite the settings make every transaction `BEGIN IMMEDIATE`, which
serialises writers), recomputes availability from the bookings, writes, and commits. There is no seat
counter to drift, and two people can never both take the last seat.

A booking waiting for approval holds its seat for at most `CENTRES_APPROVAL_HOURS` (settings, default 120):
then it expires (`approval_expired`) and the seat goes to the waiting list, like an offer nobody took up.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from skillsnet.accounts.services import audit_log
from skillsnet.centres import selectors
from skillsnet.centres.models import Booking, BookingStatus, CourseRun, RunStatus
from skillsnet.centres.notifications import send_booking_email
from skillsnet.tasks import enqueue_on_commit

LOCK_TIMEOUT = "5s"


class BookingError(Exception):
    """A booking request that cannot be carried out; the message is for the person who asked.

    `code` says what kind of refusal it is, so the API can pick a status: `closed`, `duplicate`,
    `prerequisites`, `invalid`, `state`, `forbidden`, `busy`.
    """

    def __init__(self, message: str, *, code: str = "state") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def checked_now(now: datetime | None) -> datetime:
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be timezone-aware")
    return moment


def lock_run(run_id: int) -> CourseRun:
    """Lock one run's row for the rest of the transaction, waiting at most LOCK_TIMEOUT for it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    try:
        return CourseRun.objects.select_for_update(of=("self",)).select_related("course", "centre").get(pk=run_id)
    except OperationalError:
        raise BookingError(
            "Many people are booking this course right now. Please try again in a moment.", code="busy"
        ) from None


def notify(booking: Booking, event: str, *, session_id: int | None = None) -> None:
    # Each event happens once per booking (per session for reminders), so its key says which; attendance
    # can be corrected, and each correction is worth its own email.
    key = f"centres.booking.{booking.pk}.{event}" + (f".{session_id}" if session_id else "")
    if event == "attendance":
        key += f".{uuid.uuid4().hex[:12]}"
    enqueue_on_commit(
        send_booking_email, booking_id=booking.pk, event=event, session_id=session_id, idempotency_key=key
    )


def set_status(booking: Booking, status: BookingStatus, now: datetime, **fields: Any) -> None:
    booking.status = status
    booking.updated_at = now
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", "updated_at", *fields])


def approval_hours() -> int:
    return int(getattr(settings, "CENTRES_APPROVAL_HOURS", 120))


def stale_approvals(now: datetime) -> Any:
    """Bookings that have waited for approval longer than CENTRES_APPROVAL_HOURS (since they became pending)."""
    return Booking.objects.filter(
        status=BookingStatus.PENDING_APPROVAL, updated_at__lte=now - timedelta(hours=approval_hours())
    )


def first_start(run: CourseRun) -> datetime | None:
    first = run.sessions.order_by("starts_at").first()
    return first.starts_at if first else None


def settle(run: CourseRun, now: datetime) -> selectors.Availability:
    """With the run locked: expire stale offers, then offer every free seat to the queue, in order.

    Returns the run's availability after settling."""
    for booking in Booking.objects.filter(run=run, status=BookingStatus.OFFERED, offer_expires_at__lte=now):
        set_status(booking, BookingStatus.EXPIRED, now)
        audit_log(action="centres.booking.expired", subject=booking.learner, obj=booking, data={"run": run.pk})
        notify(booking, "expired")
    for booking in stale_approvals(now).filter(run=run):
        set_status(booking, BookingStatus.APPROVAL_EXPIRED, now)
        audit_log(action="centres.booking.approval_expired", subject=booking.learner, obj=booking, data={"run": run.pk})
        notify(booking, "approval_expired")
    seats = selectors.availability(run, now=now)
    if run.status != RunStatus.SCHEDULED or seats.seats_free <= 0 or seats.waiting == 0:
        return seats
    starts = first_start(run)
    if starts is None or starts <= now:
        return seats
    expires = min(now + timedelta(hours=run.offer_window_hours), starts)
    queue = Booking.objects.filter(run=run, status=BookingStatus.WAITLISTED).select_related("learner")
    offered = 0
    for booking in queue.order_by("id")[: seats.seats_free]:
        set_status(booking, BookingStatus.OFFERED, now, offer_expires_at=expires)
        audit_log(
            action="centres.booking.offered",
            subject=booking.learner,
            obj=booking,
            data={"run": run.pk, "expires_at": expires.isoformat()},
        )
        notify(booking, "offered")
        offered += 1
    return selectors.Availability(capacity=run.capacity, held=seats.held + offered, waiting=seats.waiting - offered)


def check_open(run: CourseRun, now: datetime, *, dates: bool = True) -> None:
    if run.status == RunStatus.CANCELLED:
        raise BookingError("This course run has been cancelled. Choose another date.", code="closed")
    if now < run.booking_opens_at:
        opens = timezone.localtime(run.booking_opens_at)
        raise BookingError(f"Booking for this run opens on {opens:%-d %B %Y at %H:%M}.", code="closed")
    if now >= run.booking_closes_at:
        raise BookingError("Booking for this run has closed. Choose another date.", code="closed")
    if not dates:
        return
    starts = first_start(run)
    if starts is None:
        raise BookingError("This run has no dates yet, so it cannot be booked.", code="closed")
    if starts <= now:
        raise BookingError("This run has already started. Choose another date.", code="closed")
