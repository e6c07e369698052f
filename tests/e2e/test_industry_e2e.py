"""An employer posts a vacancy and finds a consenting candidate; the candidate accepts; the programme team
looks at the dashboard. Every page on the way is checked with axe-core."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ..conftest import PASSWORD
from ..industry import helpers
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(live_server: Any, make_user: Any) -> dict[str, Any]:
    from skillsnet.accounts.models import Role

    helpers.build_catalogue()
    helpers.make_employer()
    employer = make_user("eve.employer@example.com", roles=[(Role.EMPLOYER, "demo-biotech")], full_name="Eve Employer")
    candidate = make_user("cara.candidate@example.com", full_name="Cara Candidate")
    candidate.region = "north-east"
    candidate.save(update_fields=["region"])
    helpers.discoverable(candidate, occupations=["biomedical-scientist"], skills={"gmp": 2})
    admin = make_user("ada.admin@example.com", roles=[(Role.PROGRAMME_ADMIN, "")])
    return {"employer": employer, "candidate": candidate, "admin": admin}


def sign_in(page: Any, email: str) -> None:
    if page.get_by_role("button", name="Sign out").count():
        page.get_by_role("button", name="Sign out").click()
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/$"))


def test_an_employer_posts_a_vacancy_and_finds_a_consenting_candidate(page: Any, world: dict[str, Any]) -> None:
    sign_in(page, world["employer"].email)
    page.goto("/employers/demo-biotech/")
    assert page.get_by_role("heading", level=1).inner_text() == "Demo Biotech"
    assert_accessible(page)

    page.get_by_role("button", name="Post a vacancy").click()
    page.wait_for_url(re.compile(r"/vacancies/new/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Post the vacancy").click()
    assert "There is a problem" in page.locator(".error-summary").inner_text()
    assert_accessible(page)

    page.get_by_label("Job title").fill("QC analyst, cell therapy")
    page.get_by_label("Which job role in the catalogue is closest?").select_option("qc-analyst")
    page.get_by_label("Where is the job?").fill("Darlington")
    page.get_by_label("Region").select_option("north-east")
    page.get_by_label("Closing date").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    page.get_by_label("Describe the job").fill("Testing cell therapy batches.")
    page.get_by_role("button", name="Post the vacancy").click()
    page.wait_for_url(re.compile(r"/employers/demo-biotech/vacancies/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "QC analyst, cell therapy"

    page.get_by_role("button", name="Find candidates").click()
    page.wait_for_url(re.compile(r"/candidates/$"))
    candidates = page.get_by_role("table", name=re.compile("Candidates ranked by fit"))
    assert candidates.get_by_role("link", name=re.compile(r"^Candidate [0-9A-F]{4}$")).count() == 1
    assert "Cara" not in page.content()
    assert "cara.candidate" not in page.content()
    assert_accessible(page)

    candidates.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/candidates/[0-9a-f]{16}/$"))
    assert "cara.candidate@example.com" not in page.content()
    page.get_by_label("Your message to the candidate").fill("We would love to talk to you about this job.")
    page.get_by_role("button", name="Send a contact request").click()
    assert "Waiting for the candidate" in page.content()
    assert_accessible(page)

    sign_in(page, world["candidate"].email)
    page.goto("/account/discoverable/")
    assert "Discoverable" in page.locator(".panel").inner_text()
    assert_accessible(page)
    page.goto("/account/contact-requests/")
    assert "We would love to talk to you about this job." in page.content()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Accept")).click()
    assert "can now see your name and email address" in page.content()

    sign_in(page, world["employer"].email)
    page.goto("/employers/demo-biotech/")
    page.get_by_role("link", name="QC analyst, cell therapy", exact=True).click()
    assert "cara.candidate@example.com" in page.content()


def test_the_consent_page_and_the_programme_dashboard_are_accessible(page: Any, world: dict[str, Any]) -> None:
    sign_in(page, world["admin"].email)
    page.goto("/account/discoverable/")
    assert page.get_by_role("heading", level=1).inner_text() == "Let employers find you"
    page.get_by_role("button", name="Make me discoverable").click()
    assert "Tick the box to confirm" in page.locator(".error-summary").inner_text()
    assert_accessible(page)

    page.goto("/insights/")
    assert page.get_by_role("heading", level=1).inner_text() == "Programme dashboard"
    assert page.locator("svg[role=img]").count() == 4
    assert_accessible(page)
