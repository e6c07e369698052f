"""Runs and bookings as a learning plan needs them: open runs and a learner's live bookings, as engine
RunSpecs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from skillsnet.centres.models import ACTIVE_STATUSES, Booking, BookingStatus, CourseRun, RunSession, RunStatus
from skillsnet.centres.runs import Availability, _day_start, visible_runs, with_seats
from skillsnet.engine import RunSpec

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from skillsnet.accounts.models import User


def open_runs_for_planning(
    *, course_slugs: set[str] | None = None, start: date, until: date | None = None
) -> list[RunSpec]:
    """Scheduled runs starting within [start, until] whose booking window is open, as engine RunSpecs."""
    now = timezone.now()
    runs = with_seats(
        visible_runs(
            CourseRun.objects.filter(status=RunStatus.SCHEDULED, booking_opens_at__lte=now, booking_closes_at__gt=now)
        ),
        now=now,
    ).filter(first_starts_at__gte=_day_start(start), first_starts_at__gt=now)
    if until is not None:
        runs = runs.filter(first_starts_at__lt=_day_start(until + timedelta(days=1)))
    if course_slugs is not None:
        runs = runs.filter(course__slug__in=course_slugs)
    specs = []
    # Plain values, not model instances: a plan reads a few hundred runs (one query, no objects to build).
    fields = ("pk", "course__slug", "centre__slug", "centre__name", "centre__region", "capacity", "booking_closes_at")
    counts = ("first_starts_at", "last_ends_at", "held_count", "waiting_count")
    for run in runs.order_by("first_starts_at", "id").values(*fields, *counts):
        if run["first_starts_at"] is None or run["last_ends_at"] is None:
            continue
        seats = Availability(capacity=run["capacity"], held=run["held_count"], waiting=run["waiting_count"])
        specs.append(
            RunSpec(
                id=str(run["pk"]),
                course=run["course__slug"],
                centre=run["centre__slug"],
                starts=timezone.localdate(run["first_starts_at"]),
                ends=timezone.localdate(run["last_ends_at"]),
                seats_free=seats.seats_left,
                # the last day booking is open all day: the plan finishes prerequisites before it
                booking_closes=timezone.localdate(run["booking_closes_at"]) - timedelta(days=1),
                centre_name=run["centre__name"],
                region=run["centre__region"],
            )
        )
    return specs


@dataclass(frozen=True)
class PlannedBooking:
    """A learner's live booking, as a plan needs it: the run (as the engine sees it) and the status."""

    run: RunSpec
    status: str  # a BookingStatus value
    status_label: str


def bookings_for_planning(user: User | AnonymousUser) -> list[PlannedBooking]:
    """The learner's live bookings (confirmed, pending, waiting, offered) of runs not yet begun, as engine
    RunSpecs: a plan keeps the run a person has booked instead of choosing another one. Booking is done,
    so the run has a seat for them and no booking deadline."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    live = [s for s in ACTIVE_STATUSES if s != BookingStatus.ATTENDED]
    bookings = (
        Booking.objects.filter(learner_id=user.pk, status__in=live)
        .select_related("run__course", "run__centre")
        .annotate(
            first_starts_at=Subquery(
                RunSession.objects.filter(run_id=OuterRef("run_id")).order_by("starts_at").values("starts_at")[:1]
            ),
            last_ends_at=Subquery(
                RunSession.objects.filter(run_id=OuterRef("run_id")).order_by("-ends_at").values("ends_at")[:1]
            ),
        )
        .filter(first_starts_at__gt=now)
        .order_by("first_starts_at", "id")
    )
    found = []
    for booking in bookings:
        run = booking.run
        spec = RunSpec(
            id=str(run.pk),
            course=run.course.slug,
            centre=run.centre.slug,
            starts=timezone.localdate(booking.first_starts_at),
            ends=timezone.localdate(booking.last_ends_at),
            seats_free=1,
            centre_name=run.centre.name,
            region=run.centre.region,
        )
        found.append(PlannedBooking(spec, booking.status, booking.get_status_display()))
    return found
