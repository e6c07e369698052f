"""The Career Converter and the training centres, end to end over HTTP with no stand-ins: a run a centre
publishes is planned for, linked and booked, and attending it comes back as a verified skill."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from skillsnet.catalogue.models import Course
from skillsnet.centres.models import Booking, BookingStatus, Centre, CourseRun, RunSession

pytestmark = pytest.mark.django_db
BASE = "/career-converter"
ROLE = "atmp-manufacturing-technician"


@pytest.fixture
def practical_run(catalogue):
    now = timezone.now()
    first = (now + timedelta(days=28)).replace(hour=9, minute=30, second=0, microsecond=0)
    run = CourseRun.objects.create(
        course=Course.objects.get(slug="cleanroom-practical"),
        centre=Centre.objects.get(slug="roslinct"),
        capacity=6,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=first - timedelta(days=2),
    )
    RunSession.objects.create(run=run, starts_at=first, ends_at=first + timedelta(hours=7))
    return run


def test_a_published_run_is_planned_and_linked_on_the_role_page_and_in_the_api(client, practical_run):
    client.post(f"{BASE}/from/jobs/", {"action": "add", "key": "brew-house-operator"})
    html = client.get(f"{BASE}/results/{ROLE}/").content.decode()
    assert "Cleanroom practical" in html
    assert "RoslinCT" in html
    assert f'href="/training-centres/runs/{practical_run.pk}/"' in html

    body = client.post(
        "/api/v1/converter/plan",
        {"role": ROLE, "occupations": ["brew-house-operator"]},
        content_type="application/json",
    ).json()
    step = next(s for s in body["steps"] if s["course"] == "cleanroom-practical")
    assert step["centre"] == "roslinct"
    assert step["run_id"] == str(practical_run.pk)
    assert "cleanroom-gowning" not in {u["skill"] for u in body["uncovered"]}


def test_a_full_run_leaves_the_gap_open_with_the_reason(client, practical_run, other_learner):
    practical_run.capacity = 1
    practical_run.save()
    Booking.objects.create(run=practical_run, learner=other_learner, status=BookingStatus.CONFIRMED)
    client.post(f"{BASE}/from/jobs/", {"action": "add", "key": "brew-house-operator"})
    body = client.post(
        "/api/v1/converter/plan",
        {"role": ROLE, "occupations": ["brew-house-operator"]},
        content_type="application/json",
    ).json()
    reasons = {u["skill"]: u["reason"] for u in body["uncovered"]}
    assert "no run with free seats" in reasons["cleanroom-gowning"]


def test_attending_a_run_makes_its_skills_verified_and_the_course_is_not_planned_again(
    signed_in, learner, practical_run
):
    Booking.objects.create(run=practical_run, learner=learner, status=BookingStatus.ATTENDED)
    client = signed_in(learner)
    client.post(f"{BASE}/from/jobs/", {"action": "add", "key": "brew-house-operator"})
    review = client.get(f"{BASE}/review/").content.decode()
    assert re.search(r"Verified \([^)]*Cleanroom practical", review), review
    plan = client.get(f"{BASE}/results/{ROLE}/").content.decode()
    assert f'href="/training-centres/runs/{practical_run.pk}/"' not in plan
