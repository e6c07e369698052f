"""Following a plan in a real browser: a brew house operator aiming at vaccine bioprocess technician goes
from the results page to a confirmed place on the plan's first on-site step, enrolling on and completing its
online prerequisites through the learning pages on the way. Every page is checked with axe-core."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "brew-house-to-vaccines"
ROLE = "vaccine-bioprocess-technician"


@pytest.fixture
def demo():
    from skillsnet.accounts.models import User
    from skillsnet.catalogue.snapshot import clear_snapshot_cache
    from skillsnet.centres.services import demo_schedule_create

    call_command("load_dataset", stdout=StringIO())
    clear_snapshot_cache()
    demo_schedule_create(start=timezone.localdate(), months=6, history=False)
    call_command("seed_learning_content", stdout=StringIO())
    User.objects.create_user(email="bea.brewer@example.com", password=PASSWORD)
    yield
    clear_snapshot_cache()


def next_action(page):
    """The plan's one action button (enrol or book the next step), and the course slug it acts on."""
    form = page.locator("#follow form")
    return form.get_by_role("button"), form.locator("input[name=course]").get_attribute("value")


def study_to_the_end(page, slug):
    """Complete an online course the way a learner does: each lesson marked complete, each check answered."""
    from skillsnet.learning.models import Choice

    page.goto(f"/training/courses/{slug}/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Continue")).click()
    for _ in range(20):
        if not re.search(r"/lessons/\d+/", page.url):
            break
        assert_accessible(page)
        check = page.get_by_role("button", name="Check my answers")
        if check.count():
            for radio_name in set(page.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)")):
                right = Choice.objects.get(question_id=int(radio_name.split("-")[1]), is_correct=True)
                page.locator(f"#{radio_name}-{right.pk}").check()
            check.click()
        else:
            page.get_by_role("button", name="Mark as complete").click()
        page.wait_for_load_state()
    assert "/lessons/" not in page.url


def test_a_brew_house_operator_follows_the_plan_to_a_confirmed_place(page, demo):
    from skillsnet.catalogue.models import CoursePrerequisite
    from skillsnet.centres.models import Booking, BookingStatus

    # Previous job, review, check, results: the role is one of the roles that fit.
    page.goto("/career-converter/from/jobs/?q=brew+house")
    page.get_by_role("button", name="Add Brew house operator").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/review/$"))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="See roles that fit").click()
    page.wait_for_url(re.compile(r"/career-converter/results/$"))
    page.locator(f'a[href="/career-converter/results/{ROLE}/"]').first.click()
    page.wait_for_url(re.compile(rf"/results/{ROLE}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Vaccine bioprocess technician"
    assert_accessible(page)

    # Signed out, the plan asks for an account and comes back to the same plan.
    page.get_by_role("link", name=re.compile(r"^Sign in to (enrol on|book) ")).click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("bea.brewer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(rf"/results/{ROLE}/"))
    assert_accessible(page)

    # Take each next step in the plan's order: enrol on online courses; when one needs an earlier course
    # finished first, the page says so, and the learner studies that course to the end.
    enrolled: list[str] = []
    completed: set[str] = set()
    first_on_site = ""
    for _ in range(12):
        button, slug = next_action(page)
        if button.inner_text().startswith("Book a place on "):
            first_on_site = slug
            assert " at " in button.inner_text()  # the centre, by name
            break
        button.click()
        page.wait_for_url(re.compile(rf"/results/{ROLE}/"))
        said = page.locator(".notification-banner").inner_text()
        assert_accessible(page)
        if "You are enrolled on" in said:
            enrolled.append(slug)
            continue
        assert said.startswith("There is a problem"), said
        assert "before you enrol on" in said, said
        for course in enrolled:
            if course not in completed:
                study_to_the_end(page, course)
                completed.add(course)
        page.goto(f"/career-converter/results/{ROLE}/")
    assert first_on_site
    prerequisites = set(
        CoursePrerequisite.objects.filter(course__slug=first_on_site).values_list("requires__slug", flat=True)
    )
    assert prerequisites
    assert prerequisites <= set(enrolled)

    # Booking before its prerequisites are complete: refused, and the page says which to complete.
    if prerequisites - completed:
        button.click()
        page.wait_for_url(re.compile(rf"/results/{ROLE}/"))
        refusal = page.locator(".notification-banner").inner_text()
        assert refusal.startswith("There is a problem")
        assert re.search(r"Complete .+ first", refusal)
        assert not Booking.objects.exists()
        assert_accessible(page)
        for course in sorted(prerequisites - completed):
            study_to_the_end(page, course)
        page.goto(f"/career-converter/results/{ROLE}/")
    button, slug = next_action(page)
    for _ in range(4):  # steps dated before the run that are not its prerequisites
        if slug == first_on_site:
            break
        button.click()
        page.wait_for_url(re.compile(rf"/results/{ROLE}/"))
        button, slug = next_action(page)
    assert slug == first_on_site
    button.click()
    page.wait_for_url(re.compile(rf"/results/{ROLE}/"))
    assert "is booked" in page.locator(".notification-banner").inner_text()
    assert_accessible(page)
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.run.course.slug == first_on_site
    step = page.locator(".timeline__item", has_text=booking.run.course.title).first
    assert "Confirmed" in step.inner_text()

    page.goto("/bookings/")
    assert booking.run.course.title in page.locator("main").inner_text()
    assert_accessible(page)
