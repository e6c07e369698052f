"""A learner studies an online course in a real browser, gets a credential an employer can check, and
their verified skills appear on their dashboard. axe-core checks every page on the way."""

from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from skillsnet.accounts import services as account_services
from skillsnet.catalogue.models import Course, CourseSkill, Provider, Role, RoleSkill, Skill
from skillsnet.learning import services
from skillsnet.learning.models import ContentStatus

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "brew-house-to-cleanroom"


@pytest.fixture
def studyable(settings):
    settings.CREDENTIALS_SIGNING_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    settings.XAPI_LRS_ENDPOINT = ""
    provider = Provider.objects.create(slug="cgt-catapult", name="Cell and Gene Therapy Catapult")
    gmp = Skill.objects.create(
        slug="gmp", name="Good manufacturing practice", esco_uri="http://data.europa.eu/esco/skill/e2e-gmp"
    )
    course = Course.objects.create(
        slug="gmp-essentials", title="GMP essentials", provider=provider, mode="online", hours=6, level=3,
        description="What GMP is and how it shapes a working day.", outcomes=["Explain the principles of GMP"],
    )  # fmt: skip
    CourseSkill.objects.create(course=course, skill=gmp, to_level=3)
    role = Role.objects.create(
        slug="atmp-technician", title="ATMP manufacturing technician", family="manufacturing",
        description="Makes cell therapies.", entry_level=3,
    )  # fmt: skip
    RoleSkill.objects.create(role=role, skill=gmp, level=3)
    published = ContentStatus.PUBLISHED
    module = services.module_save(course=course, title="What GMP is", status=published)
    services.lesson_save(
        module=module, title="GMP in one page",
        body="# Quality built in\n\nGMP makes every batch **consistently** right.\n\n- Written procedures\n- Records made at the time",
        status=published,
    )  # fmt: skip
    checked = services.lesson_save(module=module, title="Deviations", body="Report them at once.", status=published)
    services.question_add(
        lesson=checked, text="You notice a missed step. What do you do first?",
        choices=["Fill it in with yesterday's date", "Tell your supervisor and raise a deviation"], correct=1,
    )  # fmt: skip
    account_services.user_register(email="sam.changer@example.com", password=PASSWORD, full_name="Sam Changer")
    return course


def sign_in(page, next_url: str) -> None:
    page.goto(f"/account/sign-in/?next={next_url}")
    page.get_by_label("Email address").fill("sam.changer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_learner_completes_a_course_and_an_employer_checks_the_credential(page, studyable):
    page.goto("/training/")
    assert_accessible(page)
    page.get_by_label("Search courses").fill("GMP")
    page.get_by_role("button", name="Show courses").click()
    page.get_by_role("link", name="GMP essentials").click()
    assert page.get_by_role("heading", level=1).inner_text() == "GMP essentials"
    assert "Practitioner" in page.content()
    assert_accessible(page)

    sign_in(page, "/training/courses/gmp-essentials/")
    page.wait_for_url(re.compile(r"/training/courses/gmp-essentials/$"))
    page.get_by_role("button", name="Enrol on GMP essentials").click()
    page.wait_for_url(re.compile(r"/lessons/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "GMP in one page"
    assert page.get_by_role("heading", name="Quality built in").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as complete").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Deviations"
    page.get_by_label("Fill it in with yesterday's date").check()
    page.get_by_role("button", name="Check my answers").click()
    assert "Not passed yet" in page.content()
    assert_accessible(page)
    page.get_by_label("Tell your supervisor and raise a deviation").check()
    page.get_by_role("button", name="Check my answers").click()

    page.wait_for_url(re.compile(r"/training/dashboard/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Your learning"
    skills = page.get_by_role("table")
    assert "Good manufacturing practice" in skills.inner_text()
    assert "Awareness" in skills.inner_text()  # two quiz questions support awareness (catalogue/claims.py)
    assert_accessible(page)

    page.get_by_role("link", name="Check this credential for GMP essentials").click()
    page.wait_for_url(re.compile(r"/credentials/[0-9a-f-]+/verify$"))
    assert "This credential is genuine and valid." in page.get_by_role("status").inner_text()
    assert_accessible(page)


def test_a_learner_builds_a_plan(page, studyable):
    sign_in(page, "/training/plan/")
    page.wait_for_url(re.compile(r"/training/plan/$"))
    assert_accessible(page)
    page.get_by_label("Job you are aiming for").select_option(label="ATMP manufacturing technician")
    page.get_by_role("button", name="Start a plan").click()
    page.get_by_label("Course to add").select_option(label="GMP essentials")
    page.get_by_role("button", name="Add to plan").click()
    assert "Aiming for: ATMP manufacturing technician" in page.content()
    assert page.locator(".task-list__item").count() == 1
    assert "Not started" in page.locator(".task-list__item").inner_text()
    assert_accessible(page)
    page.goto("/training/dashboard/")
    assert "Next step" in page.content()
