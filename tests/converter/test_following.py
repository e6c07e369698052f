"""Following a plan from the role page: travel rules, the account's region, and one action per step that
enrols or books through the learning and centres services, then back to the plan."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from skillsnet.catalogue.models import Course
from skillsnet.centres.models import Booking, BookingStatus, Centre, CourseRun, RunSession
from skillsnet.learning import selectors as learning_selectors
from skillsnet.learning import services as learning

pytestmark = pytest.mark.django_db
ROLE = "/career-converter/results/atmp-manufacturing-technician/"


@pytest.fixture
def stevenage(catalogue: None) -> Centre:
    centre = Centre.objects.create(
        slug="cgt-catapult-stevenage",
        name="Cell and Gene Therapy Catapult Stevenage",
        organisation="Cell and Gene Therapy Catapult",
        address="Stevenage",
        region="East of England",
        latitude=51.9,
        longitude=-0.2,
    )
    centre.courses.add(Course.objects.get(slug="cleanroom-practical"))
    return centre


def _run(centre: Centre, *, days: int = 30) -> CourseRun:
    now = timezone.now()
    first = (now + timedelta(days=days)).replace(hour=9, minute=30, second=0, microsecond=0)
    run = CourseRun.objects.create(
        course=Course.objects.get(slug="cleanroom-practical"),
        centre=centre,
        capacity=4,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=first - timedelta(days=2),
    )
    RunSession.objects.create(run=run, starts_at=first, ends_at=first + timedelta(hours=7))
    return run


@pytest.fixture
def content(catalogue: None) -> None:
    """One published lesson in each online course, so a person can enrol and complete it."""
    for course in Course.objects.filter(mode="online"):
        module = learning.module_save(course=course, title="Module", status="published")
        learning.lesson_save(module=module, title=f"{course.title} lesson", body="Read this.", status="published")


def _complete(user, slug: str) -> None:
    course = Course.objects.get(slug=slug)
    enrolment = learning.enrolment_create(learner=user, course=course)
    for lesson in learning_selectors.published_lessons(course):
        learning.lesson_start(enrolment=enrolment, lesson=lesson)
        learning.lesson_complete(enrolment=enrolment, lesson=lesson)


def _journey(client) -> None:
    client.post("/career-converter/from/jobs/", {"action": "add", "key": "brew-house-operator"})


def _messages(html: str) -> str:
    return " ".join(re.findall(r'<p class="notification-banner__body">(.*?)</p>', html, re.S))


def test_a_region_and_a_centre_beyond_it_are_both_places_to_travel(client, stevenage):
    run = _run(stevenage)
    _journey(client)
    # Scotland plus Stevenage: the run at Stevenage is chosen (it used to give "no run with free seats").
    html = client.get(ROLE, {"region": "Scotland", "centres": ["cgt-catapult-stevenage"]}).content.decode()
    assert "Cleanroom practical" in html
    assert f'href="/training-centres/runs/{run.pk}/"' in html
    assert "at Cell and Gene Therapy Catapult Stevenage" in html
    # Scotland alone: the page says why nothing fits and what to change.
    html = client.get(ROLE, {"region": "Scotland"}).content.decode()
    assert f'href="/training-centres/runs/{run.pk}/"' not in html
    assert "no centre you can travel to has a run with free seats" in html
    assert "There are runs at Cell and Gene Therapy Catapult Stevenage (East of England)" in html
    assert "tick it under “Training centres you could also travel to”" in html


def test_the_plan_starts_in_the_region_on_the_account_and_it_can_be_changed(signed_in, learner, stevenage):
    _run(stevenage)
    learner.region = "scotland"
    learner.save(update_fields=["region"])
    client = signed_in(learner)
    _journey(client)
    html = client.get(ROLE).content.decode()
    assert re.search(r'<option value="Scotland" selected>', html)
    assert "There are runs at Cell and Gene Therapy Catapult Stevenage" in html  # Scotland only, by default
    html = client.get(ROLE, {"region": ""}).content.decode()  # "Anywhere", chosen on the form
    assert not re.search(r'<option value="Scotland" selected>', html)
    assert "There are runs at" not in html
    # the forms that act on the plan carry the region it was made with
    assert '<input type="hidden" name="region" value="Scotland">' in client.get(ROLE).content.decode()


def test_signed_out_people_are_sent_to_sign_in_and_back_to_the_same_plan(client, stevenage):
    _run(stevenage)
    _journey(client)
    html = client.get(ROLE, {"hours_per_week": "6"}).content.decode()
    link = re.search(r'href="(/account/sign-in/\?next=[^"]+)">Sign in to enrol on', html)
    assert link is not None
    back = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)["next"][0]
    assert back == f"{ROLE}?hours_per_week=6#plan"
    register = re.search(r'href="(/account/register/\?next=[^"]+)">create an account', html)
    assert register is not None
    page = client.get(register.group(1).replace("&amp;", "&")).content.decode()
    assert '<input type="hidden" name="next" value="/career-converter/results/' in page
    # following needs an account
    response = client.post(f"{ROLE}follow/", {"course": "gmp-essentials"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_registering_carries_the_plan_through_to_sign_in(client, catalogue):
    back = f"{ROLE}?hours_per_week=6#plan"
    response = client.post(
        "/account/register/",
        {
            "email": "new.person@example.com",
            "full_name": "New Person",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "next": back,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    assert "/account/sign-in/?next=%2Fcareer-converter%2Fresults%2F" in page
    # an address elsewhere is never a place to come back to
    page = client.get("/account/register/", {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in page


def test_following_a_plan_enrols_then_books_each_next_step_through_the_services(signed_in, learner, stevenage, content):
    run = _run(stevenage)
    client = signed_in(learner)
    _journey(client)

    def page() -> str:
        return client.get(ROLE).content.decode()

    def follow(course: str) -> str:
        response = client.post(f"{ROLE}follow/", {"course": course})
        assert response.status_code == 302
        assert response["Location"].startswith(ROLE)
        return _messages(client.get(response["Location"]).content.decode())

    html = page()
    titles = re.findall(r'<h3 class="heading-s timeline__title">([^<]+)<', html)
    offered = re.findall(r'<input type="hidden" name="course" value="([^"]+)">', html)
    assert offered == ["aseptic-basics"]  # one action: the first step of the dated plan
    assert titles[0].strip() == "Aseptic basics"
    assert "Enrol on Aseptic basics</button>" in html
    assert "enrolled on ‘Aseptic basics’" in follow("aseptic-basics")
    html = page()
    assert 'Aseptic basics <strong class="tag tag--green">Enrolled</strong>' in html
    offered = re.findall(r'<input type="hidden" name="course" value="([^"]+)">', html)
    assert offered == ["gmp-essentials"]
    # a page offering a step that is no longer next is refused with a reason, not acted on
    assert "Your plan has changed" in follow("aseptic-basics")
    # enrol on every online step, then the run: refused while its prerequisites are not complete
    for _ in range(3):
        course = re.findall(r'<input type="hidden" name="course" value="([^"]+)">', page())
        if course[0] == "cleanroom-practical":
            break
        assert "You are enrolled" in follow(course[0])
    said = follow("cleanroom-practical")
    assert "We could not book ‘Cleanroom practical’ at Cell and Gene Therapy Catapult Stevenage" in said
    assert "Complete “Aseptic basics”, “GMP essentials” first: they are prerequisites of Cleanroom practical" in said
    assert not Booking.objects.filter(learner=learner).exists()
    # complete the prerequisites; the plan drops them and still offers the same run
    _complete(learner, "gmp-essentials")
    _complete(learner, "aseptic-basics")
    html = page()
    assert "Book a place on Cleanroom practical at Cell and Gene Therapy Catapult Stevenage</button>" in html
    said = follow("cleanroom-practical")
    assert "Your place on ‘Cleanroom practical’ at Cell and Gene Therapy Catapult Stevenage" in said
    booking = Booking.objects.get(learner=learner)
    assert (booking.run_id, booking.status) == (run.pk, BookingStatus.CONFIRMED)
    html = page()
    assert '<strong class="tag tag--green">Confirmed</strong>' in html
    assert 'name="course" value="cleanroom-practical"' not in html


def test_the_learning_plan_keeps_the_dated_order_and_shows_what_is_due_next(signed_in, learner, stevenage, content):
    run = _run(stevenage)
    client = signed_in(learner)
    _journey(client)
    html = client.get(ROLE).content.decode()
    steps = re.findall(r'<h3 class="heading-s timeline__title">([^<]+)<', html)
    client.post(f"{ROLE}learning-plan/", {})
    plan = client.get("/training/plan/").content.decode()
    titles = re.findall(r'aria-describedby="step-\d+-status">([^<]+)</a>', plan)
    assert titles == [t.strip() for t in steps]
    assert re.search(r"Next step, due <time[^>]*>[^<]+</time>: <a href=\"/training/courses/aseptic-basics/\">", plan)
    # book the run through the plan: the learning plan shows it as booked and moves on
    _complete(learner, "gmp-essentials")
    _complete(learner, "aseptic-basics")
    for _ in range(3):  # cell culture online, then the run
        if offered := re.findall(r'name="course" value="([^"]+)"', client.get(ROLE).content.decode()):
            client.post(f"{ROLE}follow/", {"course": offered[0]})
    assert Booking.objects.filter(learner=learner, run=run).exists()
    plan = client.get("/training/plan/").content.decode()
    assert f'href="/training-centres/runs/{run.pk}/" aria-describedby' in plan
    assert ">Confirmed</strong>" in plan
    due = re.search(r'id="next-step">(.*?)</div>', plan, re.S)
    assert due is not None
    assert "Cleanroom practical" not in due.group(1)


def test_following_keeps_the_plans_settings_including_dates_typed_in_boxes(signed_in, learner, stevenage, content):
    _run(stevenage)
    client = signed_in(learner)
    _journey(client)
    start = timezone.localdate() + timedelta(days=2)
    query = {
        "start_date_day": str(start.day),
        "start_date_month": str(start.month),
        "start_date_year": str(start.year),
        "hours_per_week": "6",
        "region": "",
        "centres": ["cgt-catapult-stevenage"],
    }
    html = client.get(ROLE, query).content.decode()
    hidden = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', html.split('id="follow"')[1])
    assert ("start_date", start.isoformat()) in hidden
    assert ("hours_per_week", "6") in hidden
    assert ("centres", "cgt-catapult-stevenage") in hidden
    response = client.post(f"{ROLE}follow/", dict(hidden))
    assert response.status_code == 302
    back = parse_qs(urlsplit(response["Location"]).query)
    assert back["start_date"] == [start.isoformat()]
    assert back["hours_per_week"] == ["6"]
    assert f'datetime="{start.isoformat()}"' in client.get(response["Location"]).content.decode()


def test_the_api_takes_a_region_and_says_which_centres_would_close_a_gap(client, stevenage):
    _run(stevenage)
    payload = {"role": "atmp-manufacturing-technician", "occupations": ["brew-house-operator"], "region": "Scotland"}
    body = client.post("/api/v1/converter/plan", payload, content_type="application/json").json()
    travel = [u for u in body["uncovered"] if u["kind"] == "travel"]
    assert travel
    assert travel[0]["centres"] == [
        {
            "slug": "cgt-catapult-stevenage",
            "name": "Cell and Gene Therapy Catapult Stevenage",
            "region": "East of England",
        }
    ]
    payload["centres"] = ["cgt-catapult-stevenage"]
    body = client.post("/api/v1/converter/plan", payload, content_type="application/json").json()
    assert not [u for u in body["uncovered"] if u["kind"] == "travel"]
    assert "cleanroom-practical" in {s["course"] for s in body["steps"]}
    assert body["region"] == "Scotland"


def test_signed_in_people_with_unsaved_answers_are_prompted_to_save(signed_in, learner, catalogue):
    client = signed_in(learner)
    _journey(client)
    assert 'id="save-prompt"' in client.get(ROLE).content.decode()
    client.post("/career-converter/save/", {"name": "From brewing"})
    assert 'id="save-prompt"' not in client.get(ROLE).content.decode()
