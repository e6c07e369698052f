"""What the learning app shows of on-site training, read through functions the centres app provides.

The centres sit above learning (docs/ARCHITECTURE.md, "Layers"; docs/decisions/0009-enforced-layers.md):
a booking checks prerequisites against the learner's record and attendance is written into it. The
learner's record in turn counts attended courses and shows upcoming runs and bookings, so the centres
app hands these reads to `provide` from `CentresConfig.ready`, and learning imports nothing from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from skillsnet.accounts.models import User
    from skillsnet.catalogue.models import Course


@dataclass(frozen=True)
class RunSummary:
    """An on-site run as the course page and the dashboard show it."""

    title: str
    where: str
    starts_at: Any
    detail: str
    url: str


@dataclass(frozen=True)
class OnSiteRecord:
    # courses the person attended (present or late at every session)
    attended_course_slugs: Callable[[User | AnonymousUser], set[str]]
    # the same for many learners at once: learner id -> course slugs
    attended_course_slugs_of: Callable[[list[int]], dict[int, set[str]]]
    # (skill slug, level, detail) for skills raised by attended courses
    verified_skills: Callable[[User | AnonymousUser], list[tuple[str, int, str]]]
    # the same for many learners at once: learner id -> rows
    verified_skills_of: Callable[[list[int]], dict[int, list[tuple[str, int, str]]]]
    # upcoming runs of a course, soonest first
    upcoming_runs: Callable[[Course], list[RunSummary]]
    # the person's active bookings on runs that have not started
    upcoming_bookings: Callable[[User], list[RunSummary]]
    # run id -> status label of the person's live booking of it ("Confirmed", "On the waiting list"...)
    booking_statuses: Callable[[User | AnonymousUser], dict[int, str]]
    # the page of a run, where it can be booked
    run_url: Callable[[int], str]


_provided: list[OnSiteRecord] = []


def provide(record: OnSiteRecord) -> None:
    _provided[:] = [record]


def onsite() -> OnSiteRecord:
    if not _provided:
        raise ImproperlyConfigured("skillsnet.centres must be installed: it provides the on-site learning record.")
    return _provided[0]
