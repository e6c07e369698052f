"""What centre staff see of their runs: the dashboard's runs, pending approvals and a run's roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from skillsnet.centres.learner_bookings import waitlist_positions
from skillsnet.centres.models import SEAT_STATUSES, Booking, BookingStatus, Centre, CourseRun
from skillsnet.centres.runs import RunRow, _count_bookings, _row, with_seats


@dataclass
class DashboardRun:
    row: RunRow
    pending: int


def centre_runs(centre: Centre, *, now: datetime | None = None) -> list[DashboardRun]:
    """Every run at the centre that has not finished long ago, with seats and pending approvals."""
    now = now or timezone.now()
    runs = (
        with_seats(CourseRun.objects.filter(centre=centre).select_related("course", "centre"), now=now)
        .annotate(pending_count=_count_bookings(Q(status=BookingStatus.PENDING_APPROVAL)))
        .filter(Q(last_ends_at__gte=now - timedelta(days=30)) | Q(last_ends_at__isnull=True))
        .order_by(F("first_starts_at").asc(nulls_last=True), "id")
    )
    return [DashboardRun(row=_row(run), pending=run.pending_count) for run in runs]


def pending_approvals(centre: Centre) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(run__centre=centre, status=BookingStatus.PENDING_APPROVAL)
        .select_related("learner", "run__course")
        .order_by("created_at", "id")
    )


@dataclass
class RosterLine:
    booking: Booking
    position: int | None
    marks: dict[int, str]  # session id → mark


def run_roster(run: CourseRun) -> list[RosterLine]:
    """Everyone booked or waiting on the run, seat-holders first, with their attendance per session."""
    bookings = list(
        Booking.objects.filter(run=run)
        .exclude(status__in=[BookingStatus.CANCELLED, BookingStatus.DECLINED, BookingStatus.EXPIRED])
        .select_related("learner")
        .prefetch_related("attendance")
        .order_by("created_at", "id")
    )
    positions = waitlist_positions([run.pk])
    order = {s: i for i, s in enumerate([*SEAT_STATUSES, BookingStatus.OFFERED, BookingStatus.WAITLISTED])}
    bookings.sort(key=lambda b: (order.get(BookingStatus(b.status), 99), positions.get(b.pk, 0)))
    return [RosterLine(b, positions.get(b.pk), {a.session_id: a.mark for a in b.attendance.all()}) for b in bookings]
