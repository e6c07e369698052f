"""What the learner's record (the learning app, below the centres) shows of on-site training.

Handed to `learning.onsite.provide` from `CentresConfig.ready`.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course
from skillsnet.centres import selectors
from skillsnet.centres.models import ACTIVE_STATUSES
from skillsnet.learning.onsite import OnSiteRecord, RunSummary


def upcoming_runs(course: Course) -> list[RunSummary]:
    """Upcoming on-site runs of `course`, soonest first."""
    summaries = []
    for row in selectors.upcoming_runs(course=course.slug):
        seats = row.availability.seats_left
        summaries.append(
            RunSummary(
                title=course.title,
                where=row.run.centre.name,
                starts_at=row.starts_at,
                detail="Waiting list only" if seats == 0 else f"{seats} places left",
                url=reverse("centres:run", args=[row.run.pk]),
            )
        )
    return summaries


def upcoming_bookings(user: User) -> list[RunSummary]:
    """The learner's active on-site bookings (confirmed, pending, offered or waiting) that have not started.

    Cancelled, declined, expired and rejected bookings are not "upcoming", however far ahead their run is.
    """
    summaries = []
    for row in selectors.bookings_for_learner(user):
        booking = row.booking
        if not row.upcoming or booking.status not in ACTIVE_STATUSES:
            continue
        summaries.append(
            RunSummary(
                title=booking.run.course.title,
                where=booking.run.centre.name,
                starts_at=row.starts_at,
                detail=str(booking.get_status_display()),
                url=reverse("centres:run", args=[booking.run.pk]),
            )
        )
    return summaries


def booking_statuses(user: User | AnonymousUser) -> dict[int, str]:
    """Run id -> the status label of the person's live booking of a run that has not begun."""
    return {int(b.run.id): b.status_label for b in selectors.bookings_for_planning(user)}


def run_url(run_id: int) -> str:
    return reverse("centres:run", args=[run_id])


RECORD = OnSiteRecord(
    attended_course_slugs=selectors.attended_course_slugs,
    attended_course_slugs_of=selectors.attended_course_slugs_of,
    verified_skills=selectors.verified_skills,
    verified_skills_of=selectors.verified_skills_of,
    upcoming_runs=upcoming_runs,
    upcoming_bookings=upcoming_bookings,
    booking_statuses=booking_statuses,
    run_url=run_url,
)
