"""The training centres' personal data, for export and erasure (see `accounts/privacy.py`).

A deleted account's live bookings are cancelled through `services.booking_cancel`, so each freed seat is
offered to the next person waiting. Bookings that still hold a seat (attended, or on a run that has
already started) move to the erased account with their attendance marks, so seat counts, utilisation
and attendance totals stay; every other booking of the person is deleted. Practical qualifications are
the person's own and are deleted.
"""

from __future__ import annotations

from typing import Any

from skillsnet.accounts.models import User
from skillsnet.accounts.privacy import Erasure, not_personal, register
from skillsnet.centres import services
from skillsnet.centres.models import (
    SEAT_STATUSES,
    Attendance,
    Booking,
    BookingNotice,
    BookingStatus,
    Centre,
    CourseRun,
    PracticalQualification,
)

CANCELLABLE = (
    BookingStatus.CONFIRMED,
    BookingStatus.PENDING_APPROVAL,
    BookingStatus.WAITLISTED,
    BookingStatus.OFFERED,
)


def _erase_qualifications(erasure: Erasure) -> None:
    gone = PracticalQualification.objects.filter(learner=erasure.user).delete()[0]
    erasure.count("qualifications", "deleted", gone)


def _erase_notices(erasure: Erasure) -> None:
    gone = BookingNotice.objects.filter(booking__learner=erasure.user).delete()[0]
    erasure.count("booking_notices", "deleted", gone)


def _erase_attendance(erasure: Erasure) -> None:
    user = erasure.user
    Attendance.objects.filter(recorded_by=user).update(recorded_by=None)
    kept = Attendance.objects.filter(booking__learner=user, booking__status__in=SEAT_STATUSES).count()
    erasure.count("attendance", "anonymised", kept)


def _erase_bookings(erasure: Erasure) -> None:
    user = erasure.user
    for booking in Booking.objects.filter(learner=user, status__in=CANCELLABLE).order_by("id"):
        try:
            services.booking_cancel(booking=booking, actor=user, now=erasure.now)
        except services.BookingError:
            continue  # the run has started: the seat stays taken, and the booking is anonymised below
        erasure.count("bookings", "cancelled", 1)
    Booking.objects.filter(decided_by=user).update(decided_by=None)
    mine = Booking.objects.filter(learner=user)
    kept = mine.filter(status__in=SEAT_STATUSES).update(learner=erasure.placeholder, employer="")
    erasure.count("bookings", "anonymised", kept)
    # Closed bookings (including those just cancelled) go; the cancellation emails then find nothing to send
    # to, and the confirmation of the deletion says what was cancelled instead.
    erasure.count("bookings", "deleted", mine.exclude(status__in=SEAT_STATUSES).delete()[0])


def _run(obj: Any, user: User) -> dict[str, Any]:
    run = obj.run
    return {"course_slug": run.course.slug, "course_title": run.course.title, "centre": run.centre.name}


register(
    key="qualifications",
    model=PracticalQualification,
    title="Practical qualifications (such as gowning)",
    rows=lambda user: PracticalQualification.objects.filter(learner=user).select_related("course").order_by("id"),
    erase=_erase_qualifications,
    erasure="deleted",
    order=20,
    exclude=["learner"],
    columns=lambda obj, user: {"course_slug": obj.course.slug, "course_title": obj.course.title},
)
register(
    key="booking_notices",
    model=BookingNotice,
    title="Reminders sent to you about bookings",
    rows=lambda user: BookingNotice.objects.filter(booking__learner=user).order_by("sent_at", "id"),
    erase=_erase_notices,
    erasure="deleted",
    order=21,
)
register(
    key="attendance",
    model=Attendance,
    title="Your attendance at centre sessions",
    rows=lambda user: (
        Attendance.objects.filter(booking__learner=user).select_related("session").order_by("session__starts_at", "id")
    ),
    erase=_erase_attendance,
    erasure="kept without you (with the anonymised booking), so attendance totals stay; deleted with other bookings",
    order=22,
    exclude=["recorded_by"],
    columns=lambda obj, user: {"session_starts_at": obj.session.starts_at},
)
register(
    key="bookings",
    model=Booking,
    title="Bookings at training centres",
    rows=lambda user: (
        Booking.objects.filter(learner=user).select_related("run__course", "run__centre").order_by("created_at", "id")
    ),
    erase=_erase_bookings,
    erasure=(
        "live bookings cancelled (the place goes to the next person waiting); attended ones and places on runs "
        "already under way kept without you, so seat and attendance counts stay; the rest deleted"
    ),
    order=23,
    exclude=["learner", "decided_by"],
    columns=_run,
)

not_personal(Centre, reason="a training centre; linked to a person only through a course's reviewer")
not_personal(CourseRun, reason="a dated run of a course; linked to a person only through the course's reviewer")
