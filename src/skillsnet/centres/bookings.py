"""Bookings and the waiting list: book, cancel, take up or turn down an offer, approve or reject, settle
or cancel a run. Each write locks the run (`centres.seats`).

Services take `now` as an optional keyword so tests can pass time explicitly.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from skillsnet.accounts.models import Role
from skillsnet.accounts.selectors import has_role, is_programme_admin
from skillsnet.accounts.services import audit_log
from skillsnet.centres import selectors
from skillsnet.centres.models import ACTIVE_STATUSES, Approval, Booking, BookingStatus, CourseRun, RunStatus
from skillsnet.centres.seats import (
    BookingError,
    check_open,
    checked_now,
    first_start,
    lock_run,
    notify,
    set_status,
    settle,
)
from skillsnet.learning.selectors import missing_prerequisites
from skillsnet.organisations import is_employer

if TYPE_CHECKING:
    from skillsnet.accounts.models import User


@transaction.atomic
def booking_create(*, run: CourseRun, learner: User, employer: str = "", now: datetime | None = None) -> Booking:
    """Book `learner` a seat on `run`, or a place on its waiting list when it is full.

    Refuses (BookingError) a closed or cancelled run, a second booking by the same person, missing
    prerequisites, and an employer-approved run without the employer named. Overlaps with the learner's
    other bookings are not refused: `selectors.clashes_for` reports them as warnings.
    """
    now = checked_now(now)
    # Refusals that do not depend on seats come first, before the lock, to keep the locked part short.
    unlocked = CourseRun.objects.select_related("course").get(pk=run.pk)
    check_open(unlocked, now)
    missing = missing_prerequisites(learner, unlocked.course)
    if missing:
        titles = ", ".join(f"“{c.title}”" for c in missing)
        raise BookingError(
            f"Complete {titles} first: {'it is a prerequisite' if len(missing) == 1 else 'they are prerequisites'}"
            f" of {unlocked.course.title}.",
            code="prerequisites",
        )
    employer = employer.strip().lower()
    if unlocked.requires_approval == Approval.EMPLOYER:
        if not employer:
            raise BookingError("Name your employer: they approve places on this run.", code="invalid")
        # Only a real organisation can approve: an invented code would hold a seat no one can release.
        if not is_employer(employer):
            raise BookingError(
                f"There is no employer with the code ‘{employer[:100]}’: choose your employer from the list.",
                code="invalid",
            )
    run = lock_run(run.pk)
    check_open(run, now, dates=False)  # it may have been cancelled or closed while we waited for the lock
    if Booking.objects.filter(run=run, learner=learner, status__in=ACTIVE_STATUSES).exists():
        raise BookingError("You already have a place or a waiting-list entry on this run.", code="duplicate")
    # Stale offers and freed seats go to the queue first, so a newcomer never jumps it.
    if settle(run, now).seats_left > 0:
        status = BookingStatus.CONFIRMED if run.requires_approval == Approval.NONE else BookingStatus.PENDING_APPROVAL
    else:
        status = BookingStatus.WAITLISTED
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                run=run,
                learner=learner,
                status=status,
                employer=employer if run.requires_approval == Approval.EMPLOYER else "",
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        raise BookingError("You already have a place or a waiting-list entry on this run.", code="duplicate") from None
    action = "centres.booking.waitlisted" if status == BookingStatus.WAITLISTED else "centres.booking.created"
    audit_log(action=action, actor=learner, subject=learner, obj=booking, data={"run": run.pk, "status": status})
    notify(booking, {"confirmed": "confirmed", "pending_approval": "pending", "waitlisted": "waitlisted"}[status])
    return booking


def _relock(booking: Booking) -> tuple[CourseRun, Booking]:
    run = lock_run(booking.run_id)
    fresh = Booking.objects.select_related("learner").get(pk=booking.pk)
    return run, fresh


@transaction.atomic
def booking_cancel(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Give up a place (or a waiting-list entry, or an offer); a freed seat is offered to the next person."""
    now = checked_now(now)
    run, booking = _relock(booking)
    if booking.status == BookingStatus.OFFERED:
        return _decline(run, booking, actor, now)
    if booking.status not in (BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL, BookingStatus.WAITLISTED):
        raise BookingError(f"This booking is {booking.get_status_display().lower()}: there is nothing to cancel.")
    starts = first_start(run)
    if starts is not None and starts <= now and booking.status != BookingStatus.WAITLISTED:
        raise BookingError("The course has started. Contact the centre if you cannot continue.")
    previous = booking.status
    set_status(booking, BookingStatus.CANCELLED, now)
    audit_log(
        action="centres.booking.cancelled",
        actor=actor,
        subject=booking.learner,
        obj=booking,
        data={"run": run.pk, "was": previous},
    )
    notify(booking, "cancelled")
    settle(run, now)
    return booking


def _decline(run: CourseRun, booking: Booking, actor: User, now: datetime) -> Booking:
    set_status(booking, BookingStatus.DECLINED, now)
    audit_log(
        action="centres.booking.declined", actor=actor, subject=booking.learner, obj=booking, data={"run": run.pk}
    )
    notify(booking, "declined")
    settle(run, now)
    return booking


def _offer_expired(booking: Booking) -> BookingError:
    return BookingError("This offer has expired and the place has passed to the next person.", code="state")


def offer_accept(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Take up an offered place before it expires (pending approval if the run needs approval)."""
    now = checked_now(now)
    with transaction.atomic():
        run, booking = _relock(booking)
        if booking.status != BookingStatus.OFFERED:
            raise BookingError(f"There is no open offer on this booking: it is {booking.get_status_display().lower()}.")
        live = booking.offer_expires_at is not None and booking.offer_expires_at > now
        if live:
            status = (
                BookingStatus.CONFIRMED if run.requires_approval == Approval.NONE else BookingStatus.PENDING_APPROVAL
            )
            set_status(booking, status, now, offer_expires_at=None)
            audit_log(
                action="centres.booking.accepted",
                actor=actor,
                subject=booking.learner,
                obj=booking,
                data={"run": run.pk},
            )
            notify(booking, "confirmed" if status == BookingStatus.CONFIRMED else "pending")
            return booking
        # Commit the expiry (and the offer to the next person) before refusing.
        settle(run, now)
    raise _offer_expired(booking)


def offer_decline(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Turn down an offered place; it goes to the next person waiting."""
    now = checked_now(now)
    with transaction.atomic():
        run, booking = _relock(booking)
        if booking.status != BookingStatus.OFFERED:
            raise BookingError(f"There is no open offer on this booking: it is {booking.get_status_display().lower()}.")
        if booking.offer_expires_at is not None and booking.offer_expires_at > now:
            return _decline(run, booking, actor, now)
        settle(run, now)
    raise _offer_expired(booking)


def can_approve(user: User, booking: Booking) -> bool:
    """Centre staff of the run's centre and programme admins; the named employer for employer-approved runs."""
    if is_programme_admin(user):
        return True
    if has_role(user, Role.CENTRE_STAFF, scope=booking.run.centre.slug):
        return True
    return bool(booking.employer) and has_role(user, Role.EMPLOYER, scope=booking.employer)


def _decide(booking: Booking, actor: User, now: datetime, *, approve: bool) -> Booking:
    run, booking = _relock(booking)
    if not can_approve(actor, booking):
        raise BookingError("You cannot approve bookings for this run.", code="forbidden")
    if booking.status != BookingStatus.PENDING_APPROVAL:
        raise BookingError(f"This booking is not waiting for approval: it is {booking.get_status_display().lower()}.")
    status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
    set_status(booking, status, now, decided_by=actor)
    audit_log(
        action="centres.booking.approved" if approve else "centres.booking.rejected",
        actor=actor,
        subject=booking.learner,
        obj=booking,
        data={"run": run.pk},
    )
    notify(booking, "confirmed" if approve else "rejected")
    if not approve:
        settle(run, now)
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    return _decide(booking, actor, checked_now(now), approve=True)


@transaction.atomic
def booking_reject(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Refuse a pending booking; its seat goes to the next person waiting."""
    return _decide(booking, actor, checked_now(now), approve=False)


@transaction.atomic
def run_settle(*, run: CourseRun, now: datetime | None = None) -> selectors.Availability:
    """Expire stale offers and offer free seats to the queue: after an admin raises a run's capacity, say."""
    now = checked_now(now)
    return settle(lock_run(run.pk), now)


@transaction.atomic
def run_cancel(*, run: CourseRun, actor: User, now: datetime | None = None) -> int:
    """Cancel a run and every live booking on it; returns how many bookings were cancelled."""
    now = checked_now(now)
    run = lock_run(run.pk)
    if run.status == RunStatus.CANCELLED:
        return 0
    run.status = RunStatus.CANCELLED
    run.save(update_fields=["status"])
    live = Booking.objects.filter(run=run, status__in=ACTIVE_STATUSES).exclude(status=BookingStatus.ATTENDED)
    count = 0
    for booking in live.select_related("learner"):
        set_status(booking, BookingStatus.CANCELLED, now)
        audit_log(
            action="centres.booking.cancelled",
            actor=actor,
            subject=booking.learner,
            obj=booking,
            data={"run": run.pk, "reason": "run cancelled"},
        )
        notify(booking, "run_cancelled")
        count += 1
    return count
