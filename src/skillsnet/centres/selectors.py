"""Reads about centres, runs and bookings. Other apps (the Career Converter, learning) call these."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from skillsnet.catalogue.models import Course, CourseMode, CourseSkill
from skillsnet.catalogue.selectors import show_example_content, visible_courses
from skillsnet.centres.models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    Approval,
    Booking,
    BookingStatus,
    Centre,
    CourseRun,
    RunSession,
    RunStatus,
)
from skillsnet.engine import RunSpec

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from skillsnet.accounts.models import User

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


# ---------------------------------------------------------------- runs


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


# ---------------------------------------------------------------- bookings


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


# ---------------------------------------------------------------- centre staff


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


# ---------------------------------------------------------------- for the Career Converter and learning


def attended_course_slugs(user: User | AnonymousUser) -> set[str]:
    """Courses the user completed here: present or late at every session of a run."""
    if not user.is_authenticated:
        return set()
    return set(
        Booking.objects.filter(learner_id=user.pk, status=BookingStatus.ATTENDED).values_list(
            "run__course__slug", flat=True
        )
    )


def attended_course_slugs_of(user_ids: Iterable[int]) -> dict[int, set[str]]:
    """`attended_course_slugs` for many learners in one query: learner id -> course slugs."""
    found: dict[int, set[str]] = {}
    rows = Booking.objects.filter(learner_id__in=list(user_ids), status=BookingStatus.ATTENDED)
    for learner_id, slug in rows.values_list("learner_id", "run__course__slug"):
        found.setdefault(learner_id, set()).add(slug)
    return found


def verified_skills(user: User | AnonymousUser) -> list[tuple[str, int, str]]:
    """(skill slug, level, detail) for skills raised by courses attended here; the highest level per skill."""
    if not user.is_authenticated:
        return []
    return verified_skills_of([user.pk]).get(user.pk, [])


def verified_skills_of(user_ids: Iterable[int]) -> dict[int, list[tuple[str, int, str]]]:
    """`verified_skills` for many learners in two queries: learner id -> (skill slug, level, detail)."""
    attended = list(
        Booking.objects.filter(learner_id__in=list(user_ids), status=BookingStatus.ATTENDED, run__course__example=False)
        .select_related("run__course", "run__centre")
        .annotate(
            last_day=Subquery(
                RunSession.objects.filter(run_id=OuterRef("run_id")).order_by("-ends_at").values("ends_at")[:1]
            )
        )
    )
    best: dict[int, dict[str, tuple[str, int, str]]] = {}
    by_course: dict[int, list[Any]] = {}
    for link in CourseSkill.objects.filter(course_id__in=[b.run.course_id for b in attended]).select_related("skill"):
        by_course.setdefault(link.course_id, []).append(link)
    for booking in attended:
        when = timezone.localdate(booking.last_day) if booking.last_day else None
        detail = f"Attended {booking.run.course.title} at {booking.run.centre.name}" + (
            f", completed {when:%-d %B %Y}" if when else ""
        )
        mine = best.setdefault(booking.learner_id, {})
        for link in by_course.get(booking.run.course_id, []):
            current = mine.get(link.skill.slug)
            if current is None or link.to_level > current[1]:
                mine[link.skill.slug] = (link.skill.slug, link.to_level, detail)
    return {learner_id: sorted(found.values()) for learner_id, found in best.items()}


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
