"""The centres' part of the JSON API: runs (public) and the signed-in learner's bookings.

Booking endpoints use the session (sign in on the site; send the CSRF token as X-CSRFToken). Refusals
are `{"detail": …}`: 409 for a state that forbids it (closed, cancelled, already booked, offer gone),
422 for missing prerequisites or input, 404 for a booking that is not yours. A full run is not an
error: the booking comes back with status `waitlisted` and its position.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from skillsnet.accounts.models import User
from skillsnet.centres import selectors, services
from skillsnet.centres.access import get_booking_for_user
from skillsnet.centres.models import Booking, BookingStatus, CourseRun
from skillsnet.schemas import ErrorOut as Detail

router = Router(tags=["centres"])

MAX_LIMIT = 100
STATUS_FOR = {"prerequisites": 422, "invalid": 422, "forbidden": 403}


class RunFilters(Schema):
    centre: str | None = Field(None, max_length=80, description="Only runs at the centre with this slug.")
    region: str | None = Field(None, max_length=80, description="Only runs at centres in this region.")
    course: str | None = Field(None, max_length=120, description="Only runs of the course with this slug.")
    start: date | None = Field(None, alias="from", description="Only runs starting on or after this date.")
    until: date | None = Field(None, alias="to", description="Only runs starting on or before this date.")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000)


class CourseRef(Schema):
    slug: str
    title: str
    example: bool = Field(description="Example content: an invented course for demonstrations, not a real offer.")


class CentreRef(Schema):
    slug: str
    name: str
    region: str
    example: bool = Field(description="Example content: a fictional centre for demonstrations.")


class SessionOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime


class RunOut(Schema):
    id: int
    course: CourseRef
    centre: CentreRef
    status: str
    starts_at: datetime | None
    ends_at: datetime | None
    capacity: int
    seats_left: int = Field(description="Places a new booking would get now; 0 means it joins the waiting list.")
    waiting: int = Field(description="People on the waiting list.")
    booking_open: bool
    booking_opens_at: datetime
    booking_closes_at: datetime
    requires_approval: str = Field(description="none, centre or employer.")
    qualification_valid_months: int | None


class RunDetail(RunOut):
    sessions: list[SessionOut]
    prerequisites: list[str] = Field(description="Slugs of courses to complete before booking.")


class RunList(Schema):
    count: int
    items: list[RunOut]


class BookIn(Schema):
    employer: str = Field(
        "", max_length=100, description="Your employer's organisation code, for employer-approved runs."
    )


class BookingOut(Schema):
    id: int
    run: int
    course: CourseRef
    centre: CentreRef
    status: str
    waitlist_position: int | None
    offer_expires_at: datetime | None
    created_at: datetime
    calendar_url: str | None = Field(description="The .ics file, for confirmed bookings.")
    warnings: list[str] = Field(description="Clashes with your other bookings; they do not stop the booking.")


class BookingList(Schema):
    count: int
    items: list[BookingOut]


def _run(row: selectors.RunRow) -> dict[str, Any]:
    run = row.run
    return {
        "id": run.pk,
        "course": run.course,
        "centre": run.centre,
        "status": run.status,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "capacity": run.capacity,
        "seats_left": row.seats_left,
        "waiting": row.availability.waiting,
        "booking_open": row.is_open,
        "booking_opens_at": run.booking_opens_at,
        "booking_closes_at": run.booking_closes_at,
        "requires_approval": run.requires_approval,
        "qualification_valid_months": run.qualification_valid_months,
    }


def _booking(booking: Booking, *, position: int | None, warnings: list[str]) -> dict[str, Any]:
    has_calendar = booking.status in (BookingStatus.CONFIRMED, BookingStatus.ATTENDED)
    return {
        "id": booking.pk,
        "run": booking.run_id,
        "course": booking.run.course,
        "centre": booking.run.centre,
        "status": booking.status,
        "waitlist_position": position,
        "offer_expires_at": booking.offer_expires_at,
        "created_at": booking.created_at,
        "calendar_url": reverse("centres:calendar", args=[booking.pk]) if has_calendar else None,
        "warnings": warnings,
    }


def _refuse(exc: services.BookingError) -> HttpError:
    return HttpError(STATUS_FOR.get(exc.code, 409), exc.message)


def _learner(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _mine(request: HttpRequest, booking_id: int) -> Booking:
    try:
        return get_booking_for_user(request.user, booking_id, write=True)
    except Http404:
        raise HttpError(404, "No such booking.") from None


@router.get("/runs", response=RunList, summary="List upcoming course runs with places left")
def list_runs(request: HttpRequest, filters: Query[RunFilters]) -> dict[str, Any]:
    if filters.start and filters.until and filters.until < filters.start:
        raise HttpError(422, "‘to’ must be the same as or after ‘from’.")
    runs = selectors.upcoming_runs_query(
        centre=filters.centre, region=filters.region, course=filters.course, start=filters.start, until=filters.until
    )
    page = selectors.as_rows(runs[filters.offset : filters.offset + filters.limit])  # paged in the database
    return {"count": runs.count(), "items": [_run(row) for row in page]}


@router.get("/runs/{run_id}", response={200: RunDetail, 404: Detail}, summary="One course run with its sessions")
def get_run(request: HttpRequest, run_id: int) -> Any:
    row = selectors.run_row(run_id)
    if row is None:
        raise HttpError(404, "No such course run.")
    return {
        **_run(row),
        "sessions": list(row.run.sessions.all()),
        "prerequisites": sorted(c.slug for c in row.run.course.prerequisites.all()),
    }


@router.post(
    "/runs/{run_id}/book",
    auth=django_auth,
    response={201: BookingOut, 401: Detail, 404: Detail, 409: Detail, 422: Detail},
    summary="Book a place (or join the waiting list when the run is full)",
)
def book_run(request: HttpRequest, run_id: int, payload: BookIn | None = None) -> Any:
    run = CourseRun.objects.filter(pk=run_id).first()
    if run is None:
        raise HttpError(404, "No such course run.")
    learner = _learner(request)
    try:
        booking = services.booking_create(run=run, learner=learner, employer=payload.employer if payload else "")
    except services.BookingError as exc:
        raise _refuse(exc) from None
    position = selectors.waitlist_position(booking)
    return Status(
        201, _booking(booking, position=position, warnings=selectors.clashes_for(learner=learner, run=booking.run))
    )


@router.get("/bookings", auth=django_auth, response={200: BookingList, 401: Detail}, summary="Your bookings")
def list_bookings(request: HttpRequest) -> dict[str, Any]:
    rows = selectors.bookings_for_learner(request.user)
    return {"count": len(rows), "items": [_booking(r.booking, position=r.position, warnings=r.clashes) for r in rows]}


def _change(request: HttpRequest, booking_id: int, action: Any) -> dict[str, Any]:
    booking = _mine(request, booking_id)
    try:
        booking = action(booking=booking, actor=_learner(request))
    except services.BookingError as exc:
        raise _refuse(exc) from None
    return _booking(booking, position=selectors.waitlist_position(booking), warnings=[])


CHANGE_RESPONSES = {200: BookingOut, 401: Detail, 404: Detail, 409: Detail}


@router.post("/bookings/{booking_id}/cancel", auth=django_auth, response=CHANGE_RESPONSES, summary="Cancel a booking")
def cancel_booking(request: HttpRequest, booking_id: int) -> dict[str, Any]:
    return _change(request, booking_id, services.booking_cancel)


@router.post(
    "/bookings/{booking_id}/accept", auth=django_auth, response=CHANGE_RESPONSES, summary="Accept an offered place"
)
def accept_offer(request: HttpRequest, booking_id: int) -> dict[str, Any]:
    return _change(request, booking_id, services.offer_accept)


@router.post(
    "/bookings/{booking_id}/decline", auth=django_auth, response=CHANGE_RESPONSES, summary="Decline an offered place"
)
def decline_offer(request: HttpRequest, booking_id: int) -> dict[str, Any]:
    return _change(request, booking_id, services.offer_decline)


# ---------------------------------------------------------------- organisation keys: a centre's runs and bookings


class CentreBookingOut(Schema):
    id: int
    run: int
    course: str
    status: str
    created_at: datetime


class RunsUploadIn(Schema):
    runs: list[dict[str, Any]] = Field([], description="Runs with the fields of the CSV upload (docs/ARCHITECTURE.md).")
    dry_run: bool = Field(True, description="Check only: report every error; publish nothing.")


def _org_key() -> Any:
    from skillsnet.orgkeys.auth import org_key

    return org_key


def _centre_for_key(request: HttpRequest, centre: str, scope: str) -> Any:
    from skillsnet.centres.models import Centre
    from skillsnet.orgkeys.auth import require

    key = require(request, scope=scope, role="centre", organisation=centre)
    found = Centre.objects.filter(slug=centre).first()
    if found is None or key.created_by is None:
        raise HttpError(404, "Not found.")
    return found, key.created_by


@router.get(
    "/centres/{centre}/bookings",
    auth=_org_key(),
    response={200: list[CentreBookingOut], 401: Detail, 403: Detail, 404: Detail, 429: Detail},
    tags=["organisations"],
    summary="Bookings on a centre's runs (key scope bookings:read)",
)
def centre_bookings(request: HttpRequest, centre: str) -> list[dict[str, Any]]:
    found, _actor = _centre_for_key(request, centre, "bookings:read")
    bookings = Booking.objects.filter(run__centre=found).select_related("run__course").order_by("id")
    return [
        {"id": b.pk, "run": b.run_id, "course": b.run.course.slug, "status": b.status, "created_at": b.created_at}
        for b in bookings
    ]


@router.post(
    "/centres/{centre}/runs/upload",
    auth=_org_key(),
    response={200: dict[str, Any], 401: Detail, 403: Detail, 404: Detail, 429: Detail},
    tags=["organisations"],
    summary="Check (dry run) or publish a centre's runs (key scope runs:write)",
)
def centre_runs_upload(request: HttpRequest, centre: str, body: RunsUploadIn) -> dict[str, Any]:
    import json

    from skillsnet.catalogue.publishing import PublishingError
    from skillsnet.centres import publishing

    found, actor = _centre_for_key(request, centre, "runs:write")
    try:
        report = publishing.runs_upload(
            actor=actor, centre=found, name="api.json", content=json.dumps(body.runs).encode(), dry_run=body.dry_run
        )
    except PublishingError as exc:
        raise HttpError(403, str(exc)) from None
    return report.as_json()
