"""A learner's bookings: waiting-list places, clash warnings, the live booking on a run, and the bookings an
employer has to approve."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from skillsnet.centres.models import ACTIVE_STATUSES, Approval, Booking, BookingStatus, CourseRun, RunSession

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from skillsnet.accounts.models import User


def waitlist_positions(run_ids: Iterable[int]) -> dict[int, int]:
    """booking id → 1-based place in its run's queue, for every waitlisted booking.

    The queue is in id order: ids are taken at insert time, under the run's lock, so they follow the order
    in which bookings were actually made, whatever clock the callers passed."""
    rows = (
        Booking.objects.filter(run_id__in=list(run_ids), status=BookingStatus.WAITLISTED)
        .annotate(position=Window(RowNumber(), partition_by=[F("run_id")], order_by=[F("id").asc()]))
        .values_list("id", "position")
    )
    return dict(rows)


def waitlist_position(booking: Booking) -> int | None:
    if booking.status != BookingStatus.WAITLISTED:
        return None
    return waitlist_positions([booking.run_id]).get(booking.pk)


@dataclass
class MyBooking:
    booking: Booking
    starts_at: datetime | None
    ends_at: datetime | None
    position: int | None
    clashes: list[str] = field(default_factory=list)

    @property
    def upcoming(self) -> bool:
        return self.starts_at is not None and self.starts_at > timezone.now()


def bookings_for_learner(user: User | AnonymousUser) -> list[MyBooking]:
    """The learner's bookings (newest run last), with waiting-list positions and clash warnings."""
    if not user.is_authenticated:
        return []
    bookings = list(
        Booking.objects.filter(learner_id=user.pk)
        .select_related("run", "run__course", "run__centre")
        .prefetch_related("run__sessions")
        .order_by("-created_at", "-id")
    )
    positions = waitlist_positions({b.run_id for b in bookings})
    clashes = _clashes_among(bookings)
    rows = []
    for booking in bookings:
        sessions = list(booking.run.sessions.all())
        rows.append(
            MyBooking(
                booking=booking,
                starts_at=sessions[0].starts_at if sessions else None,
                ends_at=sessions[-1].ends_at if sessions else None,
                position=positions.get(booking.pk),
                clashes=clashes.get(booking.pk, []),
            )
        )
    return rows


def _clashes_among(bookings: list[Booking]) -> dict[int, list[str]]:
    live = [b for b in bookings if b.status in ACTIVE_STATUSES and b.status != BookingStatus.ATTENDED]
    found: dict[int, list[str]] = {}
    for booking in live:
        for other in live:
            if other.pk == booking.pk or other.run_id == booking.run_id:
                continue
            if _overlaps(list(booking.run.sessions.all()), list(other.run.sessions.all())):
                found.setdefault(booking.pk, []).append(
                    f"It overlaps your booking for {other.run.course.title} at {other.run.centre.name}."
                )
    return found


def _overlaps(a: list[RunSession], b: list[RunSession]) -> bool:
    return any(x.starts_at < y.ends_at and y.starts_at < x.ends_at for x in a for y in b)


def clashes_for(*, learner: User, run: CourseRun) -> list[str]:
    """Warnings (not refusals) for the learner's other active bookings whose sessions overlap `run`'s."""
    sessions = list(run.sessions.all())
    others = (
        Booking.objects.filter(learner_id=learner.pk, status__in=ACTIVE_STATUSES)
        .exclude(run_id=run.pk)
        .exclude(status=BookingStatus.ATTENDED)
        .select_related("run__course", "run__centre")
        .prefetch_related("run__sessions")
    )
    return [
        f"It overlaps your booking for {other.run.course.title} at {other.run.centre.name}."
        for other in others
        if _overlaps(sessions, list(other.run.sessions.all()))
    ]


def active_booking(*, learner: User | AnonymousUser, run: CourseRun) -> Booking | None:
    if not learner.is_authenticated:
        return None
    return Booking.objects.filter(learner_id=learner.pk, run_id=run.pk, status__in=ACTIVE_STATUSES).first()


def pending_for_employer(scopes: list[str]) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(
            status=BookingStatus.PENDING_APPROVAL, run__requires_approval=Approval.EMPLOYER, employer__in=scopes
        )
        .exclude(employer="")
        .select_related("learner", "run__course", "run__centre")
        .order_by("created_at", "id")
    )
