"""Runs as the public finds them: who holds a seat, what is left, which runs and centres are visible, the
run finder's queries and the other runs of a course nearby."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from skillsnet.catalogue.models import Course, CourseMode
from skillsnet.catalogue.selectors import show_example_content, visible_courses
from skillsnet.centres.models import SEAT_STATUSES, Booking, BookingStatus, Centre, CourseRun, RunSession, RunStatus

BOOKABLE_MODES = (CourseMode.ON_SITE, CourseMode.BLENDED)
EARTH_RADIUS_KM = 6371.0


def holds_seat(now: datetime) -> Q:
    """Bookings that take a seat at `now`: confirmed, pending approval, attended, or a live offer."""
    return Q(status__in=SEAT_STATUSES) | Q(status=BookingStatus.OFFERED, offer_expires_at__gt=now)


@dataclass(frozen=True)
class Availability:
    capacity: int
    held: int
    waiting: int

    @property
    def seats_free(self) -> int:
        """Seats nobody holds (they may still be owed to the waiting list)."""
        return max(0, self.capacity - self.held)

    @property
    def seats_left(self) -> int:
        """Seats a newcomer could take: none while anyone is waiting, so nobody jumps the queue."""
        return 0 if self.waiting else self.seats_free


def availability(run: CourseRun, *, now: datetime | None = None) -> Availability:
    """Recompute a run's availability from its bookings (one query). Call it with the run locked to act on it."""
    now = now or timezone.now()
    counts = Booking.objects.filter(run_id=run.pk).aggregate(
        held=Count("id", filter=holds_seat(now)),
        waiting=Count("id", filter=Q(status=BookingStatus.WAITLISTED)),
    )
    return Availability(capacity=run.capacity, held=counts["held"], waiting=counts["waiting"])


@dataclass
class RunRow:
    """A run with its dates and seats, as lists and the API show it."""

    run: CourseRun
    starts_at: datetime | None
    ends_at: datetime | None
    availability: Availability

    @property
    def seats_left(self) -> int:
        return self.availability.seats_left

    @property
    def is_open(self) -> bool:
        return booking_window_open(self.run)


def booking_window_open(run: CourseRun, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return run.status == RunStatus.SCHEDULED and run.booking_opens_at <= now < run.booking_closes_at


def _count_bookings(condition: Q) -> Coalesce:
    rows = (
        Booking.objects.filter(run_id=OuterRef("pk"))
        .filter(condition)
        .order_by()
        .values("run_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def with_seats(runs: QuerySet[CourseRun], *, now: datetime) -> QuerySet[Any]:
    """Annotate first start, last end, seats held and people waiting, with subqueries (no row multiplication)."""
    sessions = RunSession.objects.filter(run_id=OuterRef("pk")).order_by()
    return runs.annotate(
        first_starts_at=Subquery(sessions.order_by("starts_at").values("starts_at")[:1]),
        last_ends_at=Subquery(sessions.order_by("-ends_at").values("ends_at")[:1]),
        held_count=_count_bookings(holds_seat(now)),
        waiting_count=_count_bookings(Q(status=BookingStatus.WAITLISTED)),
    )


def _row(run: Any) -> RunRow:
    return RunRow(
        run=run,
        starts_at=run.first_starts_at,
        ends_at=run.last_ends_at,
        availability=Availability(capacity=run.capacity, held=run.held_count, waiting=run.waiting_count),
    )


def visible_centres() -> QuerySet[Centre]:
    """Centres the public may see: without the example (fictional) centres while example content is hidden."""
    centres = Centre.objects.all()
    return centres if show_example_content() else centres.filter(example=False)


def visible_runs(runs: QuerySet[CourseRun]) -> QuerySet[CourseRun]:
    """Runs of courses the public may see, at centres the public may see."""
    runs = runs.filter(course__in=visible_courses())
    return runs if show_example_content() else runs.filter(centre__example=False)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def upcoming_runs_query(
    *,
    centre: str | None = None,
    region: str | None = None,
    course: str | None = None,
    start: date | None = None,
    until: date | None = None,
    now: datetime | None = None,
) -> QuerySet[Any]:
    """Scheduled runs whose first session is still ahead, soonest first, with their seats (`as_rows` turns a
    page of them into RunRows): page it in the database rather than loading every upcoming run."""
    now = now or timezone.now()
    runs = with_seats(
        visible_runs(CourseRun.objects.filter(status=RunStatus.SCHEDULED)).select_related("course", "centre"), now=now
    ).filter(first_starts_at__gt=now)
    if centre:
        runs = runs.filter(centre__slug=centre)
    if region:
        runs = runs.filter(centre__region=region)
    if course:
        runs = runs.filter(course__slug=course)
    if start:
        runs = runs.filter(first_starts_at__gte=_day_start(start))
    if until:
        runs = runs.filter(first_starts_at__lt=_day_start(until + timedelta(days=1)))
    return runs.order_by("first_starts_at", "id")


def as_rows(runs: Iterable[Any]) -> list[RunRow]:
    return [_row(run) for run in runs]


def upcoming_runs(
    *,
    centre: str | None = None,
    region: str | None = None,
    course: str | None = None,
    start: date | None = None,
    until: date | None = None,
    now: datetime | None = None,
) -> list[RunRow]:
    """Scheduled runs whose first session is still ahead, soonest first; filters are slugs, a region and dates."""
    return as_rows(upcoming_runs_query(centre=centre, region=region, course=course, start=start, until=until, now=now))


def run_row(pk: int, *, now: datetime | None = None) -> RunRow | None:
    now = now or timezone.now()
    run = (
        with_seats(visible_runs(CourseRun.objects.select_related("course", "course__provider", "centre")), now=now)
        .prefetch_related("sessions", Prefetch("course__prerequisites", Course.objects.order_by("title")))
        .filter(pk=pk)
        .first()
    )
    return _row(run) if run is not None else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass
class Alternative:
    row: RunRow
    distance_km: float


def alternatives(run: CourseRun, *, limit: int = 3, now: datetime | None = None) -> list[Alternative]:
    """Other open runs of the same course with seats left: nearest centre first, then soonest."""
    now = now or timezone.now()
    rows = [
        row
        for row in upcoming_runs(course=run.course.slug, now=now)
        if row.run.pk != run.pk and row.seats_left > 0 and booking_window_open(row.run, now=now)
    ]
    here = run.centre
    found = [
        Alternative(row, haversine_km(here.latitude, here.longitude, row.run.centre.latitude, row.run.centre.longitude))
        for row in rows
    ]
    found.sort(key=lambda alt: (round(alt.distance_km, 1), alt.row.starts_at or now, alt.row.run.pk))
    return found[:limit]


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Centres, regions and courses that have runs, for the finder's select boxes."""
    runs = visible_runs(CourseRun.objects.all())
    centres = visible_centres().filter(runs__in=runs).distinct().order_by("name")
    courses = visible_courses().filter(runs__in=runs).distinct().order_by("title")
    regions = sorted({c.region for c in centres})
    return {
        "centre": [(c.slug, c.name) for c in centres],
        "region": [(r, r) for r in regions],
        "course": [(c.slug, c.title) for c in courses],
    }
