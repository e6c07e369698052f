from __future__ import annotations

import re

import pytest

from skillsnet.accounts.models import User

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_registers_signs_out_and_signs_in_again(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Create an account").click()
    assert_accessible(page)

    # A mistake first: the error summary links to the field.
    page.get_by_label("Email address").fill("sam.changer@example.com")
    page.get_by_label("Create a password").fill("brew-house-to-cleanroom")
    page.get_by_label("Confirm password").fill("something-different")
    page.get_by_role("button", name="Create account").click()
    summary = page.locator(".error-summary")
    assert "The passwords do not match" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")  # the summary takes focus on a 422
    assert page.title() == "Error: Create an account – skillsnet"
    assert_accessible(page)

    # A short password is reported as short, in our words, even when the two boxes differ.
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Confirm password").fill("shorter")
    page.get_by_role("button", name="Create account").click()
    assert "Your password is too short: use at least 10 characters" in page.locator(".error-summary").inner_text()

    page.get_by_label("Create a password").fill("brew-house-to-cleanroom")
    page.get_by_label("Confirm password").fill("brew-house-to-cleanroom")
    page.get_by_role("button", name="Create account").click()
    # The same answer whether or not the address had an account: check your email, then sign in.
    page.wait_for_url(re.compile(r"/account/register/check-your-email/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert_accessible(page)
    assert User.objects.filter(email="sam.changer@example.com").exists()
    page.get_by_role("main").get_by_role("link", name="sign in").click()
    page.get_by_label("Email address").fill("sam.changer@example.com")
    page.get_by_label("Password").fill("brew-house-to-cleanroom")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Your account"

    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You have signed out"

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("sam.changer@example.com")
    page.get_by_label("Password").fill("brew-house-to-cleanroom")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/$"))
    assert "sam.changer@example.com" in page.content()


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/career-converter/", "/account/password-reset/"])
def test_information_pages_are_accessible(page, path):
    page.goto(path)
    assert_accessible(page)


def test_the_skip_link_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    # The fragment navigation is reported asynchronously: wait for it rather than read the URL at once.
    page.wait_for_url("**#main-content", timeout=5000)
    assert page.evaluate("() => document.activeElement.closest('#main-content') !== null")
