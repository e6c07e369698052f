"""Your data in a browser: see it, download it, delete the account (accessible at every step)."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from skillsnet.accounts.models import User
from skillsnet.accounts.services import user_register

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "brew-house-to-cleanroom"


def test_a_person_downloads_their_data_then_deletes_their_account(page, tmp_path):
    user_register(email="dana.delete@example.com", password=PASSWORD, full_name="Dana Delete")
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill("dana.delete@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/$"))

    page.get_by_role("link", name="See and download your data").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your data"
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download your data").click()
    saved = tmp_path / "data.zip"
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        document = json.loads(archive.read("skillsnet.json"))
    assert document["sections"]["account"]["rows"][0]["email"] == "dana.delete@example.com"

    page.get_by_role("link", name="Delete your account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Delete your account"
    assert_accessible(page)
    page.get_by_label("Your password").fill("not-the-password")
    page.get_by_role("button", name="Delete my account").click()
    assert "The password is not right" in page.locator(".error-summary").inner_text()
    assert_accessible(page)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_url(re.compile(r"/account/privacy/deleted/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Your account has been deleted"
    assert_accessible(page)
    assert not User.objects.filter(email="dana.delete@example.com").exists()
