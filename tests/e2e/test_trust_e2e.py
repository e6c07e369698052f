"""Browser tests for the audit pages: a learner reads their activity; the programme team filters the log."""

from __future__ import annotations

import re

import pytest

from skillsnet.accounts import services
from skillsnet.accounts.models import Role

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


def sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/$"))


def test_a_learner_reads_their_account_activity(page):
    learner = services.user_register(email="lee.learner@example.com", password=PASSWORD, full_name="Lee Learner")
    services.audit_log(action="centres.booking.created", actor=learner, subject=learner)
    sign_in(page, learner.email)
    page.get_by_role("link", name="See your account activity").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your account activity"
    table = page.get_by_role("table").inner_text()
    assert "You signed in" in table
    assert "You booked a place on a training-centre course" in table
    assert "You created your account" in table
    assert_accessible(page)


def test_the_programme_team_filters_the_audit_log(page):
    admin = services.user_register(email="ada.admin@example.com", password=PASSWORD, full_name="Ada Admin")
    services.role_grant(user=admin, role=Role.PROGRAMME_ADMIN)
    learner = services.user_register(email="lee.learner@example.com", password=PASSWORD)
    services.audit_log(action="industry.consent.given", actor=learner, subject=learner)
    sign_in(page, admin.email)
    page.get_by_role("link", name="Read the full audit log").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Audit log"
    assert_accessible(page)

    page.get_by_label("Action starts with").fill("industry")
    page.get_by_role("button", name="Show entries").click()
    assert "1 entry match these filters" in page.locator(".result-count").inner_text()
    assert "industry.consent.given" in page.get_by_role("region").inner_text()
    assert_accessible(page)

    # A mistake gets the error summary, not a server error.
    page.get_by_label("Action starts with").fill("Not a code!")
    page.get_by_role("button", name="Show entries").click()
    assert "Enter the start of an action code" in page.locator(".error-summary").inner_text()
