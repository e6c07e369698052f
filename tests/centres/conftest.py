"""Centres fixtures: a tiny catalogue (built with the ORM), three centres and a run factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from skillsnet.catalogue.models import Course, CoursePrerequisite, CourseSkill, Provider, Skill
from skillsnet.centres.models import Centre, CourseRun, RunSession


@pytest.fixture
def now() -> datetime:
    # A fixed, aware moment in the future keeps every service call's time explicit and windows open.
    return (timezone.now() + timedelta(days=1)).replace(microsecond=0)


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    provider = Provider.objects.create(slug="cgt-catapult", name="CGT Catapult")
    gowning = Skill.objects.create(slug="cleanroom-gowning", name="Cleanroom gowning")
    aseptic = Skill.objects.create(slug="aseptic-technique", name="Aseptic technique")

    def course(slug: str, title: str, mode: str, hours: int = 7) -> Course:
        return Course.objects.create(
            slug=slug, title=title, provider=provider, mode=mode, hours=hours, level=3, description=f"{title}."
        )

    fundamentals = course("cleanroom-fundamentals", "Cleanroom fundamentals", "online", 4)
    gowning_course = course("cleanroom-gowning-practical", "Cleanroom gowning qualification", "on-site")
    aseptic_course = course("aseptic-processing-practical", "Aseptic processing in practice", "on-site", 14)
    CoursePrerequisite.objects.create(course=gowning_course, requires=fundamentals)
    CourseSkill.objects.create(course=gowning_course, skill=gowning, to_level=3, assumes_level=1)
    CourseSkill.objects.create(course=aseptic_course, skill=aseptic, to_level=2, assumes_level=0)
    CourseSkill.objects.create(course=aseptic_course, skill=gowning, to_level=2, assumes_level=0)
    return {"fundamentals": fundamentals, "gowning": gowning_course, "aseptic": aseptic_course}


@pytest.fixture
def centres(catalogue: dict[str, Any]) -> dict[str, Centre]:
    def centre(slug: str, name: str, region: str, lat: float, lon: float) -> Centre:
        c = Centre.objects.create(
            slug=slug,
            name=name,
            organisation=name,
            address=f"{name}, Somewhere Road, AB1 2CD",
            region=region,
            latitude=lat,
            longitude=lon,
            facilities=["Cleanroom training suite"],
            accessibility="Step-free access.",
            contact_email=f"training@{slug}.example.com",
        )
        c.courses.add(catalogue["gowning"], catalogue["aseptic"])
        return c

    return {
        "roslinct": centre("roslinct", "RoslinCT", "Scotland", 55.921, -3.136),
        "nhc": centre("national-horizons-centre", "National Horizons Centre", "North East England", 54.526, -1.541),
        "birmingham": centre("university-of-birmingham", "Birmingham centre", "West Midlands", 52.450, -1.930),
    }


@pytest.fixture
def make_run(centres: dict[str, Centre], catalogue: dict[str, Any], now: datetime) -> Callable[..., CourseRun]:
    def make(
        *,
        course: str = "aseptic",
        centre: str = "roslinct",
        capacity: int = 2,
        starts_in: timedelta = timedelta(days=20),
        days: int = 1,
        **fields: Any,
    ) -> CourseRun:
        first = (now + starts_in).replace(hour=9, minute=30, second=0)
        fields.setdefault("booking_opens_at", now - timedelta(days=30))
        fields.setdefault("booking_closes_at", first - timedelta(days=1))
        run = CourseRun.objects.create(course=catalogue[course], centre=centres[centre], capacity=capacity, **fields)
        for day in range(days):
            start = first + timedelta(days=day)
            RunSession.objects.create(run=run, starts_at=start, ends_at=start + timedelta(hours=7))
        return run

    return make


@pytest.fixture
def employers(db: None) -> list[Any]:
    """The organisations that approve employer-approved runs (a booking must name one of them)."""
    from skillsnet.industry.models import Employer

    return [
        Employer.objects.create(slug="demo-biotech", name="Demo Biotech (example)"),
        Employer.objects.create(slug="someone-else", name="Someone Else Ltd (example)"),
    ]
