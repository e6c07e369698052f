"""The demo schedule (`skillsnet demo_schedule`): bookable runs at every centre for the next months,
deterministic and idempotent.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from skillsnet.catalogue.models import Course
from skillsnet.centres import selectors
from skillsnet.centres.attendance import add_months
from skillsnet.centres.holidays import is_closed
from skillsnet.centres.models import Approval, Centre, CourseRun, RunSession
from skillsnet.centres.seats import BookingError


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
