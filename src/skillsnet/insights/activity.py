"""The programme's activity counted over time and by region, and the sectors its learners come from.

Counting is done on querysets; publishing (suppressing small counts) is `insights.stats`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from skillsnet.accounts.models import REGION_NOT_GIVEN, UKRegion, User, region_label
from skillsnet.catalogue.models import Role, SourceOccupation
from skillsnet.centres.models import Booking, BookingStatus
from skillsnet.converter.models import Assessment
from skillsnet.industry.models import ContactRequest, ContactStatus, Vacancy
from skillsnet.learning.models import Credential, Enrolment

MONTHS = 12
NOT_GIVEN = REGION_NOT_GIVEN
NO_PREVIOUS_JOB = "No previous job given"
IN_INDUSTRY = "Already in the industry"
OTHER_OCCUPATION = "Other occupations"
REGION_LABELS = [str(label) for label in UKRegion.labels]


def month_starts(today: date, n: int = MONTHS) -> list[date]:
    """The first day of each of the last `n` months, oldest first, ending with this month."""
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


# ---------------------------------------------------------------- activity over time and by region


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    rows: Callable[[], QuerySet[Any]]
    at: str  # the date field that says when it happened
    region: str  # the field holding the region of the person (or vacancy) it is about


METRICS = (
    Metric("registrations", "Registrations", lambda: User.objects.all(), "date_joined", "region"),
    Metric("assessments", "Assessments saved", lambda: Assessment.objects.all(), "created_at", "owner__region"),
    Metric("enrolments", "Enrolments", lambda: Enrolment.objects.all(), "enrolled_at", "learner__region"),
    Metric(
        "completions",
        "Courses completed",
        lambda: Enrolment.objects.filter(completed_at__isnull=False),
        "completed_at",
        "learner__region",
    ),
    Metric("credentials", "Credentials issued", lambda: Credential.objects.all(), "issued_at", "learner__region"),
    Metric("bookings", "Centre bookings", lambda: Booking.objects.all(), "created_at", "learner__region"),
    Metric(
        "attendance",
        "Attended on site",
        lambda: Booking.objects.filter(status=BookingStatus.ATTENDED),
        "updated_at",
        "learner__region",
    ),
    Metric("vacancies", "Vacancies posted", lambda: Vacancy.objects.all(), "created_at", "region"),
    Metric(
        "contacts",
        "Contact requests accepted",
        lambda: ContactRequest.objects.filter(status=ContactStatus.ACCEPTED),
        "decided_at",
        "candidate__region",
    ),
)


def counts_by_month(metric: Metric, since: date) -> Counter[date]:
    rows = (
        metric.rows()
        .filter(**{f"{metric.at}__gte": start_of_day(since)})
        .order_by()
        .annotate(month=TruncMonth(metric.at, output_field=DateField()))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return Counter(dict(rows))


def counts_by_region(metric: Metric, since: date) -> Counter[str]:
    rows = (
        metric.rows()
        .filter(**{f"{metric.at}__gte": start_of_day(since)})
        .order_by()
        .values(metric.region)
        .annotate(n=Count("pk"))
        .values_list(metric.region, "n")
    )
    counts: Counter[str] = Counter()
    for region, n in rows:
        counts[region_label(region)] += n
    return counts


# ---------------------------------------------------------------- Career Converter origins


def origin_sectors(keys: Sequence[str]) -> dict[str, str]:
    """First-occupation key (slug or ESCO URI) -> the sector people come from. Two queries."""
    wanted = [k for k in set(keys) if k]
    found: dict[str, str] = {}
    rows = SourceOccupation.objects.filter(Q(slug__in=wanted) | Q(esco_uri__in=wanted)).values_list(
        "slug", "esco_uri", "sector__name"
    )
    for slug, uri, sector in rows:
        for key in (slug, uri):
            if key:
                found[key] = sector or OTHER_OCCUPATION
    for slug in Role.objects.filter(slug__in=wanted).values_list("slug", flat=True):
        found.setdefault(slug, IN_INDUSTRY)
    return found


def first_occupation(assessment: Assessment) -> str:
    inputs = assessment.inputs if isinstance(assessment.inputs, dict) else {}
    occupations = inputs.get("occupations") or []
    first = occupations[0] if occupations else ""
    return first if isinstance(first, str) else ""


def sector_of(assessment: Assessment, sectors: dict[str, str]) -> str:
    key = first_occupation(assessment)
    if not key:
        return NO_PREVIOUS_JOB
    return sectors.get(key, OTHER_OCCUPATION)
