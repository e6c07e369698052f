"""Each provider's course statistics: enrolments, completions, knowledge checks, places on site, ratings."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from skillsnet.catalogue.models import Course, Provider
from skillsnet.centres.models import Booking, BookingStatus
from skillsnet.insights import stats
from skillsnet.insights.models import CourseFeedback
from skillsnet.insights.stats import Cell, Table
from skillsnet.learning.models import CheckAttempt, Enrolment

PLACE_STATUSES = (
    BookingStatus.CONFIRMED,
    BookingStatus.PENDING_APPROVAL,
    BookingStatus.OFFERED,
    BookingStatus.ATTENDED,
)


def provider_statistics(provider: Provider) -> Table:
    """Each of the provider's courses: enrolments, completions, knowledge checks and ratings. Five queries."""
    courses = list(Course.objects.filter(provider=provider).order_by("title"))
    ids = [c.pk for c in courses]
    enrolled = (
        Enrolment.objects.filter(course_id__in=ids)
        .order_by()
        .values("course_id")
        .annotate(n=Count("id"), done=Count("id", filter=Q(completed_at__isnull=False)))
    )
    enrolments = {row["course_id"]: (row["n"], row["done"]) for row in enrolled}
    attempted = (
        CheckAttempt.objects.filter(enrolment__course_id__in=ids)
        .order_by()
        .values("enrolment__course_id")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(passed=True)))
    )
    attempts = {row["enrolment__course_id"]: (row["n"], row["passed"]) for row in attempted}
    rated = (
        CourseFeedback.objects.filter(course_id__in=ids)
        .order_by()
        .values("course_id")
        .annotate(n=Count("id"), total=Sum("rating"))
    )
    ratings = {row["course_id"]: (row["n"], row["total"] or 0) for row in rated}
    # Places taken on site: booked, waiting for approval, offered from the waiting list, or attended.
    placed = (
        Booking.objects.filter(run__course_id__in=ids, status__in=PLACE_STATUSES)
        .order_by()
        .values("run__course_id")
        .annotate(n=Count("id"), attended=Count("id", filter=Q(status=BookingStatus.ATTENDED)))
    )
    on_site = {row["run__course_id"]: (row["n"], row["attended"]) for row in placed}
    rows: list[list[Cell]] = []
    for course in courses:
        n, done = enrolments.get(course.pk, (0, 0))
        tries, passed = attempts.get(course.pk, (0, 0))
        votes, points = ratings.get(course.pk, (0, 0))
        booked, attended = on_site.get(course.pk, (0, 0))
        rows.append(
            [
                stats.text(course.title),
                stats.text(course.get_mode_display()),
                stats.count(n),
                stats.count(done),
                stats.rate(done, n),
                stats.count(tries),
                stats.rate(passed, tries),
                stats.count(booked),
                stats.count(attended),
                stats.count(votes),
                stats.mean(points, votes),
            ]
        )
    return Table(
        f"provider-{provider.slug}",
        f"{provider.name}: course statistics",
        [
            "Course",
            "Format",
            "Enrolments",
            "Completed",
            "Completion rate",
            "Knowledge-check attempts",
            "Pass rate",
            "Places booked on site",
            "Attended on site",
            "Ratings",
            "Average rating (out of 5)",
        ],
        rows,
        note="All time. Pass rate is passed attempts over all attempts at knowledge checks. Places booked on "
        "site count bookings that hold or held a seat: booked, waiting for approval, offered or attended.",
    )
