"""Centre staff publish their runs: one at a time on the site, or by uploading a CSV or JSON file.

`run_check` checks one run (course, seats, booking window, approval rule, sessions) and names the field of
every error; `run_create` writes it (audited `centres.run.created`); `runs_upload` does a whole file, with a
dry run that changes nothing and reports every error with its row and field.

A CSV has the header `course,capacity,booking_opens_at,booking_closes_at,requires_approval,sessions,
qualification_valid_months,notes`; times are ISO 8601 (`2027-03-01T09:00`, local time when no offset is
given); sessions are `start/end` pairs separated by semicolons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role, is_programme_admin
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.models import Course, CourseMode, CourseStatus
from skillsnet.catalogue.publishing import FieldError, PublishingError, RowReport, UploadReport, parse_upload
from skillsnet.centres.models import Approval, Centre, CourseRun, RunSession

COLUMNS = (
    "course",
    "capacity",
    "booking_opens_at",
    "booking_closes_at",
    "requires_approval",
    "sessions",
    "qualification_valid_months",
    "notes",
)


@dataclass(frozen=True)
class RunData:
    course: Course
    capacity: int
    booking_opens_at: datetime
    booking_closes_at: datetime
    requires_approval: str
    sessions: tuple[tuple[datetime, datetime], ...]
    qualification_valid_months: int | None = None
    notes: str = ""


def _when(value: Any, name: str, errors: list[FieldError]) -> datetime | None:
    text = str(value or "").strip()
    if not text:
        errors.append(FieldError(name, "is required"))
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        errors.append(FieldError(name, f"'{text}' is not a date and time like 2027-03-01T09:00"))
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _whole(value: Any, name: str, errors: list[FieldError], low: int, high: int, *, required: bool) -> int | None:
    if value in (None, ""):
        if required:
            errors.append(FieldError(name, "is required"))
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        errors.append(FieldError(name, f"must be a whole number (got {value!r})"))
        return None
    if not low <= number <= high:
        errors.append(FieldError(name, f"must be between {low} and {high} (got {number})"))
        return None
    return number


@dataclass(frozen=True)
class _Courses:
    """The courses an upload names, read once: by slug, and which of them list the centre."""

    by_slug: Mapping[str, Course]
    at_centre: frozenset[int]

    @classmethod
    def read(cls, slugs: Iterable[str], centre: Centre) -> _Courses:
        wanted = {slug for slug in slugs if slug}
        courses = {c.slug: c for c in Course.objects.filter(slug__in=wanted)}
        listed = Course.objects.filter(slug__in=wanted, centres=centre).values_list("pk", flat=True)
        return cls(courses, frozenset(listed))


def run_check(
    raw: Mapping[str, Any], *, centre: Centre, courses: _Courses | None = None
) -> tuple[RunData | None, list[FieldError]]:
    """Check one run at `centre`; return it, or every error with its field. An upload passes the courses
    it names, read once for all its rows."""
    errors: list[FieldError] = [
        FieldError(name, f"is not a run field (use {', '.join(COLUMNS)})") for name in sorted(set(raw) - set(COLUMNS))
    ]
    slug = str(raw.get("course") or "").strip()
    known = courses or _Courses.read([slug], centre)
    course = known.by_slug.get(slug) if slug else None
    if not slug:
        errors.append(FieldError("course", "is required"))
    elif course is None:
        errors.append(FieldError("course", f"'{slug}' is not a course"))
    elif course.mode == CourseMode.ONLINE:
        errors.append(FieldError("course", f"'{slug}' is an online course: only on-site and blended courses have runs"))
    elif course.status != CourseStatus.PUBLISHED:
        errors.append(FieldError("course", f"'{slug}' is not published yet"))
    elif course.example != centre.example:
        errors.append(
            FieldError("course", "example courses run only at example centres, and real courses at real centres")
        )
    elif course.pk not in known.at_centre:
        errors.append(FieldError("course", f"'{slug}' does not list this centre: its provider adds the centre first"))
    capacity = _whole(raw.get("capacity"), "capacity", errors, 1, 500, required=True)
    months = _whole(raw.get("qualification_valid_months"), "qualification_valid_months", errors, 1, 120, required=False)
    approval = str(raw.get("requires_approval") or Approval.NONE).strip()
    if approval not in Approval.values:
        errors.append(
            FieldError("requires_approval", f"must be one of {', '.join(Approval.values)} (got '{approval}')")
        )
    opens = _when(raw.get("booking_opens_at"), "booking_opens_at", errors)
    closes = _when(raw.get("booking_closes_at"), "booking_closes_at", errors)
    if opens and closes and closes <= opens:
        errors.append(FieldError("booking_closes_at", "must be after booking opens"))
    sessions: list[tuple[datetime, datetime]] = []
    parts = raw.get("sessions")
    items = parts if isinstance(parts, list) else [p for p in str(parts or "").split(";") if p.strip()]
    if not items:
        errors.append(FieldError("sessions", "is required: at least one start/end pair"))
    for item in items:
        pair = item if isinstance(item, list) else str(item).split("/")
        if len(pair) != 2:
            errors.append(FieldError("sessions", f"'{item}' is not start/end, e.g. 2027-03-01T09:00/2027-03-01T17:00"))
            continue
        start, end = _when(pair[0], "sessions", errors), _when(pair[1], "sessions", errors)
        if start and end:
            if end <= start:
                errors.append(FieldError("sessions", f"a session ends before it starts ({item})"))
            sessions.append((start, end))
    sessions.sort()
    if sessions and closes and closes > sessions[0][0]:
        errors.append(FieldError("booking_closes_at", "must be no later than the first session starts"))
    if sessions and sessions[0][0] <= timezone.now():
        errors.append(FieldError("sessions", "the first session must be in the future"))
    if errors or course is None or capacity is None or opens is None or closes is None:
        return None, errors
    notes = str(raw.get("notes") or "").strip()
    return RunData(course, capacity, opens, closes, approval, tuple(sessions), months, notes), []


def _can_publish(user: User, centre: Centre) -> None:
    if not (is_programme_admin(user) or has_role(user, Role.CENTRE_STAFF, scope=centre.slug)):
        raise PublishingError("Only this centre's staff can publish its runs.")


@transaction.atomic
def run_create(*, actor: User, centre: Centre, data: RunData) -> CourseRun:
    """Publish a run at `centre` (bookable from `booking_opens_at`)."""
    _can_publish(actor, centre)
    run = CourseRun.objects.create(
        course=data.course,
        centre=centre,
        capacity=data.capacity,
        booking_opens_at=data.booking_opens_at,
        booking_closes_at=data.booking_closes_at,
        requires_approval=data.requires_approval,
        qualification_valid_months=data.qualification_valid_months,
        notes=data.notes,
    )
    RunSession.objects.bulk_create([RunSession(run=run, starts_at=s, ends_at=e) for s, e in data.sessions])
    audit_log(
        action="centres.run.created",
        actor=actor,
        obj=run,
        data={"course": data.course.slug, "centre": centre.slug, "capacity": data.capacity},
    )
    return run


def runs_upload(*, actor: User, centre: Centre, name: str, content: bytes, dry_run: bool) -> UploadReport:
    """Check (and unless `dry_run`, publish) a file of runs; every error has its row and field."""
    _can_publish(actor, centre)
    report = UploadReport(dry_run=dry_run)
    try:
        rows = parse_upload(name, content, key="course", columns=COLUMNS, what="runs")
    except PublishingError as exc:
        report.problem = str(exc)
        return report
    checked: list[tuple[RowReport, RunData | None]] = []
    courses = _Courses.read((str(raw.get("course") or "").strip() for _number, raw in rows), centre)
    for number, raw in rows:
        slug = str(raw.get("course") or "")
        if "_" in raw:
            checked.append(
                (RowReport(number, slug, "error", [FieldError("row", "has more cells than the header")]), None)
            )
            continue
        data, errors = run_check(raw, centre=centre, courses=courses)
        checked.append((RowReport(number, slug, "error" if errors else "create", errors), data))
    report.rows = [row for row, _ in checked]
    if dry_run:
        return report
    with transaction.atomic():
        for row, data in checked:
            if data is not None and not row.errors:
                run_create(actor=actor, centre=centre, data=data)
                report.written += 1
        audit_log(
            action="centres.runs.uploaded",
            actor=actor,
            obj=centre,
            data={"rows": len(report.rows), "written": report.written, "errors": len(report.errors)},
        )
    return report
