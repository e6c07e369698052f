"""Every write about runs, seats and attendance goes through here.

Capacity the pretix way: each change that can take or free a seat opens one transaction, locks the
run's row (`SELECT … FOR UPDATE`; on SQLite the settings make every transaction `BEGIN IMMEDIATE`, which
serialises writers), recomputes availability from the bookings, writes, and commits. There is no seat
counter to drift, and two people can never both take the last seat.

Services take `now` as an optional keyword so tests can pass time explicitly.

A booking waiting for approval holds its seat for at most `CENTRES_APPROVAL_HOURS` (settings, default 120):
then it expires (`approval_expired`) and the seat goes to the waiting list, like an offer nobody took up.
"""

from __future__ import annotations

import calendar
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django_tasks import task

from skillsnet.accounts.models import Role
from skillsnet.accounts.selectors import has_role, is_programme_admin
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.models import Course
from skillsnet.centres import selectors
from skillsnet.centres.holidays import is_closed
from skillsnet.centres.models import (
    ACTIVE_STATUSES,
    Approval,
    Attendance,
    AttendanceMark,
    Booking,
    BookingNotice,
    BookingStatus,
    Centre,
    CourseRun,
    Notice,
    PracticalQualification,
    RunSession,
    RunStatus,
)
from skillsnet.centres.notifications import send_booking_email, send_renewal_email
from skillsnet.learning import services as learning_services
from skillsnet.learning import xapi
from skillsnet.learning.models import Verb
from skillsnet.learning.selectors import missing_prerequisites
from skillsnet.organisations import is_employer
from skillsnet.tasks import enqueue_on_commit

if TYPE_CHECKING:
    from skillsnet.accounts.models import User

OFFER_WARNING_HOURS = 12
SESSION_REMINDER_HOURS = 48
RENEWAL_REMINDER_DAYS = 30
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


def _now(now: datetime | None) -> datetime:
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be timezone-aware")
    return moment


def _lock_run(run_id: int) -> CourseRun:
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


def _notify(booking: Booking, event: str, *, session_id: int | None = None) -> None:
    # Each event happens once per booking (per session for reminders), so its key says which; attendance
    # can be corrected, and each correction is worth its own email.
    key = f"centres.booking.{booking.pk}.{event}" + (f".{session_id}" if session_id else "")
    if event == "attendance":
        key += f".{uuid.uuid4().hex[:12]}"
    enqueue_on_commit(
        send_booking_email, booking_id=booking.pk, event=event, session_id=session_id, idempotency_key=key
    )


def _set_status(booking: Booking, status: BookingStatus, now: datetime, **fields: Any) -> None:
    booking.status = status
    booking.updated_at = now
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", "updated_at", *fields])


def approval_hours() -> int:
    return int(getattr(settings, "CENTRES_APPROVAL_HOURS", 120))


def _stale_approvals(now: datetime) -> Any:
    """Bookings that have waited for approval longer than CENTRES_APPROVAL_HOURS (since they became pending)."""
    return Booking.objects.filter(
        status=BookingStatus.PENDING_APPROVAL, updated_at__lte=now - timedelta(hours=approval_hours())
    )


def _first_start(run: CourseRun) -> datetime | None:
    first = run.sessions.order_by("starts_at").first()
    return first.starts_at if first else None


def _settle(run: CourseRun, now: datetime) -> selectors.Availability:
    """With the run locked: expire stale offers, then offer every free seat to the queue, in order.

    Returns the run's availability after settling."""
    for booking in Booking.objects.filter(run=run, status=BookingStatus.OFFERED, offer_expires_at__lte=now):
        _set_status(booking, BookingStatus.EXPIRED, now)
        audit_log(action="centres.booking.expired", subject=booking.learner, obj=booking, data={"run": run.pk})
        _notify(booking, "expired")
    for booking in _stale_approvals(now).filter(run=run):
        _set_status(booking, BookingStatus.APPROVAL_EXPIRED, now)
        audit_log(action="centres.booking.approval_expired", subject=booking.learner, obj=booking, data={"run": run.pk})
        _notify(booking, "approval_expired")
    seats = selectors.availability(run, now=now)
    if run.status != RunStatus.SCHEDULED or seats.seats_free <= 0 or seats.waiting == 0:
        return seats
    starts = _first_start(run)
    if starts is None or starts <= now:
        return seats
    expires = min(now + timedelta(hours=run.offer_window_hours), starts)
    queue = Booking.objects.filter(run=run, status=BookingStatus.WAITLISTED).select_related("learner")
    offered = 0
    for booking in queue.order_by("id")[: seats.seats_free]:
        _set_status(booking, BookingStatus.OFFERED, now, offer_expires_at=expires)
        audit_log(
            action="centres.booking.offered",
            subject=booking.learner,
            obj=booking,
            data={"run": run.pk, "expires_at": expires.isoformat()},
        )
        _notify(booking, "offered")
        offered += 1
    return selectors.Availability(capacity=run.capacity, held=seats.held + offered, waiting=seats.waiting - offered)


def _check_open(run: CourseRun, now: datetime, *, dates: bool = True) -> None:
    if run.status == RunStatus.CANCELLED:
        raise BookingError("This course run has been cancelled. Choose another date.", code="closed")
    if now < run.booking_opens_at:
        opens = timezone.localtime(run.booking_opens_at)
        raise BookingError(f"Booking for this run opens on {opens:%-d %B %Y at %H:%M}.", code="closed")
    if now >= run.booking_closes_at:
        raise BookingError("Booking for this run has closed. Choose another date.", code="closed")
    if not dates:
        return
    starts = _first_start(run)
    if starts is None:
        raise BookingError("This run has no dates yet, so it cannot be booked.", code="closed")
    if starts <= now:
        raise BookingError("This run has already started. Choose another date.", code="closed")


@transaction.atomic
def booking_create(*, run: CourseRun, learner: User, employer: str = "", now: datetime | None = None) -> Booking:
    """Book `learner` a seat on `run`, or a place on its waiting list when it is full.

    Refuses (BookingError) a closed or cancelled run, a second booking by the same person, missing
    prerequisites, and an employer-approved run without the employer named. Overlaps with the learner's
    other bookings are not refused: `selectors.clashes_for` reports them as warnings.
    """
    now = _now(now)
    # Refusals that do not depend on seats come first, before the lock, to keep the locked part short.
    unlocked = CourseRun.objects.select_related("course").get(pk=run.pk)
    _check_open(unlocked, now)
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
    run = _lock_run(run.pk)
    _check_open(run, now, dates=False)  # it may have been cancelled or closed while we waited for the lock
    if Booking.objects.filter(run=run, learner=learner, status__in=ACTIVE_STATUSES).exists():
        raise BookingError("You already have a place or a waiting-list entry on this run.", code="duplicate")
    # Stale offers and freed seats go to the queue first, so a newcomer never jumps it.
    if _settle(run, now).seats_left > 0:
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
    _notify(booking, {"confirmed": "confirmed", "pending_approval": "pending", "waitlisted": "waitlisted"}[status])
    return booking


def _relock(booking: Booking) -> tuple[CourseRun, Booking]:
    run = _lock_run(booking.run_id)
    fresh = Booking.objects.select_related("learner").get(pk=booking.pk)
    return run, fresh


@transaction.atomic
def booking_cancel(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Give up a place (or a waiting-list entry, or an offer); a freed seat is offered to the next person."""
    now = _now(now)
    run, booking = _relock(booking)
    if booking.status == BookingStatus.OFFERED:
        return _decline(run, booking, actor, now)
    if booking.status not in (BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL, BookingStatus.WAITLISTED):
        raise BookingError(f"This booking is {booking.get_status_display().lower()}: there is nothing to cancel.")
    starts = _first_start(run)
    if starts is not None and starts <= now and booking.status != BookingStatus.WAITLISTED:
        raise BookingError("The course has started. Contact the centre if you cannot continue.")
    previous = booking.status
    _set_status(booking, BookingStatus.CANCELLED, now)
    audit_log(
        action="centres.booking.cancelled",
        actor=actor,
        subject=booking.learner,
        obj=booking,
        data={"run": run.pk, "was": previous},
    )
    _notify(booking, "cancelled")
    _settle(run, now)
    return booking


def _decline(run: CourseRun, booking: Booking, actor: User, now: datetime) -> Booking:
    _set_status(booking, BookingStatus.DECLINED, now)
    audit_log(
        action="centres.booking.declined", actor=actor, subject=booking.learner, obj=booking, data={"run": run.pk}
    )
    _notify(booking, "declined")
    _settle(run, now)
    return booking


def _offer_expired(booking: Booking) -> BookingError:
    return BookingError("This offer has expired and the place has passed to the next person.", code="state")


def offer_accept(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Take up an offered place before it expires (pending approval if the run needs approval)."""
    now = _now(now)
    with transaction.atomic():
        run, booking = _relock(booking)
        if booking.status != BookingStatus.OFFERED:
            raise BookingError(f"There is no open offer on this booking: it is {booking.get_status_display().lower()}.")
        live = booking.offer_expires_at is not None and booking.offer_expires_at > now
        if live:
            status = (
                BookingStatus.CONFIRMED if run.requires_approval == Approval.NONE else BookingStatus.PENDING_APPROVAL
            )
            _set_status(booking, status, now, offer_expires_at=None)
            audit_log(
                action="centres.booking.accepted",
                actor=actor,
                subject=booking.learner,
                obj=booking,
                data={"run": run.pk},
            )
            _notify(booking, "confirmed" if status == BookingStatus.CONFIRMED else "pending")
            return booking
        # Commit the expiry (and the offer to the next person) before refusing.
        _settle(run, now)
    raise _offer_expired(booking)


def offer_decline(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Turn down an offered place; it goes to the next person waiting."""
    now = _now(now)
    with transaction.atomic():
        run, booking = _relock(booking)
        if booking.status != BookingStatus.OFFERED:
            raise BookingError(f"There is no open offer on this booking: it is {booking.get_status_display().lower()}.")
        if booking.offer_expires_at is not None and booking.offer_expires_at > now:
            return _decline(run, booking, actor, now)
        _settle(run, now)
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
    _set_status(booking, status, now, decided_by=actor)
    audit_log(
        action="centres.booking.approved" if approve else "centres.booking.rejected",
        actor=actor,
        subject=booking.learner,
        obj=booking,
        data={"run": run.pk},
    )
    _notify(booking, "confirmed" if approve else "rejected")
    if not approve:
        _settle(run, now)
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    return _decide(booking, actor, _now(now), approve=True)


@transaction.atomic
def booking_reject(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Refuse a pending booking; its seat goes to the next person waiting."""
    return _decide(booking, actor, _now(now), approve=False)


@transaction.atomic
def run_settle(*, run: CourseRun, now: datetime | None = None) -> selectors.Availability:
    """Expire stale offers and offer free seats to the queue: after an admin raises a run's capacity, say."""
    now = _now(now)
    return _settle(_lock_run(run.pk), now)


@transaction.atomic
def run_cancel(*, run: CourseRun, actor: User, now: datetime | None = None) -> int:
    """Cancel a run and every live booking on it; returns how many bookings were cancelled."""
    now = _now(now)
    run = _lock_run(run.pk)
    if run.status == RunStatus.CANCELLED:
        return 0
    run.status = RunStatus.CANCELLED
    run.save(update_fields=["status"])
    live = Booking.objects.filter(run=run, status__in=ACTIVE_STATUSES).exclude(status=BookingStatus.ATTENDED)
    count = 0
    for booking in live.select_related("learner"):
        _set_status(booking, BookingStatus.CANCELLED, now)
        audit_log(
            action="centres.booking.cancelled",
            actor=actor,
            subject=booking.learner,
            obj=booking,
            data={"run": run.pk, "reason": "run cancelled"},
        )
        _notify(booking, "run_cancelled")
        count += 1
    return count


# ---------------------------------------------------------------- sweeps (cron or the task worker)


def offers_expire(*, now: datetime | None = None) -> int:
    """Expire every offer past its time and pass the seats on. Idempotent; returns offers expired."""
    now = _now(now)
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
            run = _lock_run(run_id)
            expired += Booking.objects.filter(run=run, status=BookingStatus.OFFERED, offer_expires_at__lte=now).count()
            _settle(run, now)
    return expired


def approvals_expire(*, now: datetime | None = None) -> int:
    """Expire every booking that has waited too long for approval and pass the seats on. Idempotent; returns
    how many expired."""
    now = _now(now)
    run_ids = sorted(set(_stale_approvals(now).values_list("run_id", flat=True)))
    expired = 0
    for run_id in run_ids:  # one short transaction per run, locked in id order
        with transaction.atomic():
            run = _lock_run(run_id)
            expired += _stale_approvals(now).filter(run=run).count()
            _settle(run, now)
    return expired


def _send_notice_once(booking: Booking, kind: Notice, ref: str, now: datetime, **email: Any) -> bool:
    with transaction.atomic():
        _, created = BookingNotice.objects.get_or_create(booking=booking, kind=kind, ref=ref, defaults={"sent_at": now})
        if created:
            _notify(booking, **email)
    return created


def offer_expiry_warnings_send(*, now: datetime | None = None) -> int:
    """Warn people whose offers end within OFFER_WARNING_HOURS; each offer is warned about once."""
    now = _now(now)
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
    now = _now(now)
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
    now = _now(now)
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


# ---------------------------------------------------------------- attendance and completion


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


GOOD_MARKS = (AttendanceMark.PRESENT, AttendanceMark.LATE)


def _update_completion(run: CourseRun, booking: Booking, actor: User, now: datetime) -> None:
    sessions = list(run.sessions.order_by("starts_at"))
    good = Attendance.objects.filter(booking=booking, mark__in=GOOD_MARKS).count()
    complete = bool(sessions) and good == len(sessions)
    if complete and booking.status == BookingStatus.CONFIRMED:
        _set_status(booking, BookingStatus.ATTENDED, now)
        audit_log(
            action="centres.booking.attended", actor=actor, subject=booking.learner, obj=booking, data={"run": run.pk}
        )
        # The learner's xAPI record: attended the course, when its last session ended (or now, if earlier).
        learning_services.statement_record(
            learner=booking.learner,
            verb=Verb.ATTENDED,
            activity=xapi.course_activity(run.course),
            timestamp=min(sessions[-1].ends_at, now),
        )
        # An example course (invented, for demonstrations) qualifies nobody for anything.
        if run.qualification_valid_months and not run.course.example:
            issued = timezone.localdate(sessions[-1].ends_at)
            qualification = PracticalQualification.objects.create(
                learner=booking.learner,
                course=run.course,
                booking=booking,
                issued_on=issued,
                expires_on=add_months(issued, run.qualification_valid_months),
            )
            audit_log(
                action="centres.qualification.issued",
                actor=actor,
                subject=booking.learner,
                obj=qualification,
                data={"course": run.course.slug, "expires_on": qualification.expires_on.isoformat()},
            )
    elif not complete and booking.status == BookingStatus.ATTENDED:
        # A correction (present → absent) undoes the completion and whatever it issued.
        _set_status(booking, BookingStatus.CONFIRMED, now)
        withdrawn = PracticalQualification.objects.filter(booking=booking).delete()[0]
        if withdrawn:
            audit_log(
                action="centres.qualification.withdrawn",
                actor=actor,
                subject=booking.learner,
                obj=booking,
                data={"course": run.course.slug},
            )


@transaction.atomic
def attendance_record(
    *, session: RunSession, marks: Mapping[int, str], actor: User, now: datetime | None = None
) -> int:
    """Record present / late / absent per booking for one session; returns how many marks changed.

    Someone present or late at every session of the run has attended it: the booking becomes
    `attended` and, for a practical qualification, a `PracticalQualification` is issued.
    """
    now = _now(now)
    run = _lock_run(session.run_id)
    if session.starts_at > now:
        raise BookingError("You can record attendance once the session has started.", code="invalid")
    bookings = {
        b.pk: b
        for b in Booking.objects.filter(
            run=run, pk__in=list(marks), status__in=(BookingStatus.CONFIRMED, BookingStatus.ATTENDED)
        ).select_related("learner")
    }
    unknown = [pk for pk in marks if pk not in bookings]
    if unknown:
        raise BookingError("Attendance can only be recorded for people with a confirmed place on this run.")
    changed = 0
    for pk, mark in marks.items():
        if mark not in AttendanceMark.values:
            raise BookingError(f"“{mark}” is not an attendance mark: use present, late or absent.", code="invalid")
        booking = bookings[pk]
        existing = Attendance.objects.filter(booking=booking, session=session).first()
        if existing is not None and existing.mark == mark:
            continue
        if existing is None:
            Attendance.objects.create(booking=booking, session=session, mark=mark, recorded_by=actor, recorded_at=now)
        else:
            existing.mark, existing.recorded_by, existing.recorded_at = mark, actor, now
            existing.save(update_fields=["mark", "recorded_by", "recorded_at"])
        audit_log(
            action="centres.attendance.recorded",
            actor=actor,
            subject=booking.learner,
            obj=booking,
            data={"session": session.pk, "mark": mark},
        )
        _update_completion(run, booking, actor, now)
        _notify(booking, "attendance", session_id=session.pk)
        changed += 1
    return changed


# ---------------------------------------------------------------- demo schedule


@dataclass
class ScheduleReport:
    created: int = 0
    existing: int = 0


def _stable(text: str) -> int:
    return zlib.crc32(text.encode())  # the same on every machine and run, unlike hash()


def _weekday_on_or_after(day: date) -> date:
    """The first day from `day` on which a centre is open: no weekend, UK bank holiday or Christmas week."""
    while is_closed(day):
        day += timedelta(days=1)
    return day


def _weekday_on_or_before(day: date) -> date:
    while is_closed(day):
        day -= timedelta(days=1)
    return day


def _days_for(hours: float) -> int:
    return max(1, min(5, round(hours / 7)))


@transaction.atomic
def demo_schedule_create(*, start: date, months: int = 6, history: bool = True) -> ScheduleReport:
    """Schedule runs at every centre for its on-site and blended courses over `months` from `start`.

    Deterministic and idempotent: each (centre, course) pair repeats every 4–6 weeks from an offset that
    depends only on the slugs, on open days (no weekend, UK bank holiday or Christmas week), 09:30–16:30
    local time, capacity 8–16; a run that already starts on a planned date at that centre is left alone.
    With `history`, each pair also gets a finished run (4–6 weeks before `start`) and one that began on the
    open day before `start` (still in progress on `start` when it lasts more than a day), so staff can try
    attendance and completion at once.
    """
    if months < 1 or months > 24:
        raise BookingError("Schedule between 1 and 24 months.", code="invalid")
    tz = ZoneInfo(settings.TIME_ZONE)
    until = add_months(start, months)
    opens = datetime.combine(start, time.min, tzinfo=tz)
    report = ScheduleReport()
    for centre in Centre.objects.order_by("slug"):
        for course in centre.courses.filter(mode__in=selectors.BOOKABLE_MODES).order_by("slug"):
            seed = _stable(f"{centre.slug}/{course.slug}")
            every = timedelta(weeks=4 + seed % 3)
            if history:
                finished = _weekday_on_or_before(start - timedelta(weeks=4 + seed % 3))
                _ensure_run(centre, course, finished, seed, opens, tz, report)
                _ensure_run(centre, course, _weekday_on_or_before(start - timedelta(days=1)), seed, opens, tz, report)
            day = start + timedelta(days=7 + seed % 21)
            while True:
                day = _weekday_on_or_after(day)
                if day >= until:
                    break
                _ensure_run(centre, course, day, seed, opens, tz, report)
                day += every
    return report


def _ensure_run(
    centre: Centre, course: Course, day: date, seed: int, opens: datetime, tz: ZoneInfo, report: ScheduleReport
) -> None:
    first = datetime.combine(day, time(9, 30), tzinfo=tz)
    taken = CourseRun.objects.filter(
        centre=centre,
        course=course,
        sessions__starts_at__gte=first - timedelta(hours=12),
        sessions__starts_at__lt=first + timedelta(hours=12),
    )
    if taken.exists():
        report.existing += 1
        return
    days: list[date] = []
    current = day
    while len(days) < _days_for(float(course.hours)):
        current = _weekday_on_or_after(current)
        days.append(current)
        current += timedelta(days=1)
    gowning = "gowning" in course.slug or "qualification" in course.title.lower()
    run = CourseRun.objects.create(
        course=course,
        centre=centre,
        capacity=8 + seed % 9,
        booking_opens_at=min(opens, first - timedelta(days=60)),  # a past run's window opened before it
        booking_closes_at=first - timedelta(days=2),
        requires_approval=Approval.NONE,
        qualification_valid_months=12 if gowning else None,
    )
    RunSession.objects.bulk_create(
        RunSession(
            run=run,
            starts_at=datetime.combine(d, time(9, 30), tzinfo=tz),
            ends_at=datetime.combine(d, time(16, 30), tzinfo=tz),
        )
        for d in days
    )
    report.created += 1


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
