from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from skillsnet.accounts.models import Role, RoleGrant, User
from skillsnet.catalogue.models import Course, Provider
from skillsnet.centres.models import Booking, BookingStatus, Centre, CourseRun, RunSession

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "brew-house-to-cleanroom"


def _centre() -> Centre:
    return Centre.objects.create(
        slug="roslinct",
        name="RoslinCT",
        organisation="RoslinCT",
        address="Edinburgh BioQuarter, Little France, Edinburgh EH16",
        region="Scotland",
        latitude=55.921,
        longitude=-3.136,
        facilities=["Cleanroom training area"],
        accessibility="Step-free access.",
        contact_email="training@roslinct.example.com",
    )


def _run(centre: Centre, course: Course, *, starts_in: timedelta, capacity: int = 8) -> CourseRun:
    now = timezone.now()
    first = now + starts_in
    run = CourseRun.objects.create(
        course=course,
        centre=centre,
        capacity=capacity,
        booking_opens_at=now - timedelta(days=30),
        booking_closes_at=max(first - timedelta(days=1), now - timedelta(hours=1)),
    )
    RunSession.objects.create(run=run, starts_at=first, ends_at=first + timedelta(hours=7))
    return run


@pytest.fixture
def scene() -> dict[str, object]:
    provider = Provider.objects.create(slug="cgt-catapult", name="CGT Catapult")
    course = Course.objects.create(
        slug="aseptic-processing-practical",
        title="Aseptic processing in practice",
        provider=provider,
        mode="on-site",
        hours=7,
        level=3,
        description="Hands-on aseptic processing in a training cleanroom.",
    )
    centre = _centre()
    return {"course": course, "centre": centre, "run": _run(centre, course, starts_in=timedelta(days=20))}


def _sign_in(page, email: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_learner_finds_books_downloads_the_calendar_and_cancels(page, scene):
    User.objects.create_user(email="lee.learner@example.com", password=PASSWORD, full_name="Lee Learner")
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Training centres").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Find a course at a training centre"
    assert "8 places left" in page.content()
    page.get_by_label("Course").select_option("aseptic-processing-practical")
    page.get_by_role("button", name="Show courses").click()
    assert_accessible(page)

    page.get_by_role("link", name="Aseptic processing in practice").click()
    assert_accessible(page)
    page.get_by_role("link", name="Sign in to book a place").click()
    _sign_in(page, "lee.learner@example.com")
    page.wait_for_url(re.compile(r"/training-centres/runs/\d+/$"))
    page.get_by_role("button", name="Book a place").click()

    page.wait_for_url(re.compile(r"/bookings/$"))
    assert "Your place is booked" in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Your bookings"
    assert_accessible(page)
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CONFIRMED

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Add to calendar")).click()
    content = Path(download.value.path()).read_bytes()
    events = Calendar.from_ical(content).walk("VEVENT")
    assert len(events) == 1
    assert "Aseptic processing in practice" in str(events[0]["SUMMARY"])

    page.get_by_role("button", name=re.compile("Cancel booking")).click()
    page.wait_for_url(re.compile(r"/bookings/\d+/cancel/$"))
    assert Booking.objects.get().status == BookingStatus.CONFIRMED  # asking first changes nothing
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel my booking").click()
    page.wait_for_url(re.compile(r"/bookings/$"))
    assert "Your booking is cancelled" in page.content()
    assert Booking.objects.get().status == BookingStatus.CANCELLED


def test_centre_staff_mark_attendance(page, scene):
    learner = User.objects.create_user(email="lee.learner@example.com", password=PASSWORD, full_name="Lee Learner")
    staff = User.objects.create_user(email="cara.centre@example.com", password=PASSWORD, full_name="Cara Centre")
    RoleGrant.objects.create(user=staff, role=Role.CENTRE_STAFF, scope="roslinct")
    today = _run(scene["centre"], scene["course"], starts_in=timedelta(hours=-2))
    booking = Booking.objects.create(run=today, learner=learner, status=BookingStatus.CONFIRMED)

    page.goto("/centres/roslinct/manage/")
    _sign_in(page, "cara.centre@example.com")
    page.wait_for_url(re.compile(r"/centres/roslinct/manage/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Manage RoslinCT"
    assert_accessible(page)

    page.locator(f"a[href='/centres/roslinct/manage/runs/{today.pk}/']").click()
    assert_accessible(page)
    page.get_by_label("Attendance for Lee Learner").select_option("present")
    page.get_by_role("button", name=re.compile("Save attendance")).click()
    page.wait_for_url(re.compile(rf"/manage/runs/{today.pk}/$"))
    assert "Attendance saved: 1 change." in page.content()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED
