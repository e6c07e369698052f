"""A provider uploads its catalogue in a real browser: the dry run lists exactly the broken rows with their
row and field, the rest are sent for review, and the programme team publishes them. axe-core checks each page."""

from __future__ import annotations

import re

import pytest

from skillsnet.accounts import services as account_services
from skillsnet.accounts.models import Role
from skillsnet.catalogue.models import Course, CourseStatus, Provider
from skillsnet.catalogue.services import dataset_load

from ..catalogue.conftest import MINI
from ..catalogue.test_publishing import BROKEN, hundred_courses_with_five_broken
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "upload-the-whole-catalogue"


@pytest.fixture
def provider(live_server, tmp_path):
    dataset_load(data_dir=MINI)
    provider = Provider.objects.create(slug="cgt-catapult", name="Cell and Gene Therapy Catapult")
    staff = account_services.user_register(email="pat.provider@example.com", password=PASSWORD)
    account_services.role_grant(user=staff, role=Role.PROVIDER_STAFF, scope=provider.slug)
    admin = account_services.user_register(email="ada.admin@example.com", password=PASSWORD)
    account_services.role_grant(user=admin, role=Role.PROGRAMME_ADMIN, scope="")
    path = tmp_path / "courses.csv"
    path.write_bytes(hundred_courses_with_five_broken())
    return path


def _sign_in(page, email: str, next_url: str) -> None:
    page.goto(f"/account/sign-in/?next={next_url}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def test_a_provider_uploads_a_catalogue_and_the_programme_team_publishes_it(page, provider):
    _sign_in(page, "pat.provider@example.com", "/publish/cgt-catapult/upload/")
    assert_accessible(page)
    page.get_by_label("Catalogue file (CSV or JSON)").set_input_files(str(provider))
    page.get_by_role("button", name="Check the file").click()
    errors = page.get_by_role("table", name=re.compile("Rows with errors"))
    cells = [row.locator("td").all_inner_texts() for row in errors.locator("tbody tr").all()]
    assert {(int(c[0]), c[2]) for c in cells} == set(BROKEN.items())
    assert "100 rows: 95 without errors, 5 with errors." in page.content()
    assert not Course.objects.filter(provider__slug="cgt-catapult").exists()
    assert_accessible(page)

    page.get_by_label("Catalogue file (CSV or JSON)").set_input_files(str(provider))
    page.get_by_role("button", name="Upload and send for review").click()
    assert "95 courses saved and sent for review" in page.content()
    assert Course.objects.filter(provider__slug="cgt-catapult", status=CourseStatus.SUBMITTED).count() == 95
    page.goto("/publish/cgt-catapult/")
    assert_accessible(page)
    page.get_by_role("link", name="Real course 1", exact=True).click()
    page.wait_for_url(re.compile(r"/publish/cgt-catapult/courses/real-course-001/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Suggest skills from the description").click()
    assert page.get_by_role("heading", name="Skills the CV reader found").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    _sign_in(page, "ada.admin@example.com", "/publish/review/")
    assert_accessible(page)
    page.get_by_role("button", name="Publish Real course 1", exact=True).click()
    page.wait_for_url(re.compile(r"/publish/review/$"))
    assert Course.objects.get(slug="real-course-001").status == CourseStatus.PUBLISHED
    page.goto("/training/courses/real-course-001/")
    assert page.get_by_role("heading", level=1).inner_text() == "Real course 1"
