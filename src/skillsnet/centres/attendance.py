"""Attendance and completion: marks per session, and what attending every session gives (the booking
becomes `attended`, the xAPI statement, a practical qualification).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.services import audit_log
from skillsnet.centres.models import (
    Attendance,
    AttendanceMark,
    Booking,
    BookingStatus,
    CourseRun,
    PracticalQualification,
    RunSession,
)
from skillsnet.centres.seats import BookingError, checked_now, lock_run, notify, set_status
from skillsnet.learning import services as learning_services
from skillsnet.learning import xapi
from skillsnet.learning.models import Verb

if TYPE_CHECKING:
    from skillsnet.accounts.models import User


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
        set_status(booking, BookingStatus.ATTENDED, now)
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
        set_status(booking, BookingStatus.CONFIRMED, now)
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
    now = checked_now(now)
    run = lock_run(session.run_id)
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
        notify(booking, "attendance", session_id=session.pk)
        changed += 1
    return changed
