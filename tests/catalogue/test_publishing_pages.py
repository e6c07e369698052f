"""The publishing pages: a provider's staff write and upload courses, the programme team reviews them."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from skillsnet.catalogue.models import Course, CourseStatus, Provider

from .test_publishing import BROKEN, hundred_courses_with_five_broken


@pytest.fixture
def provider(mini) -> Provider:
    return Provider.objects.create(slug="cgt-catapult", name="Cell and Gene Therapy Catapult")


def _upload(client, action: str):
    file = SimpleUploadedFile("courses.csv", hundred_courses_with_five_broken(), content_type="text/csv")
    return client.post(reverse("catalogue:upload", args=["cgt-catapult"]), {"file": file, "action": action})


def test_uploading_a_catalogue_checks_then_publishes_through_review(
    client, provider, provider_staff, programme_admin, signed_in
):
    signed_in(provider_staff)
    checked = _upload(client, "check")
    assert checked.status_code == 200
    html = checked.content.decode()
    errors = re.search(r'<table class="table" id="upload-errors">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr><td>(\d+)</td><td>[^<]*</td><td>([a-z]+)</td>", errors)
    assert {(int(row), field) for row, field in rows} == set(BROKEN.items())
    assert "100 rows: 95 without errors, 5 with errors." in html
    assert not Course.objects.filter(provider=provider).exists()

    applied = _upload(client, "apply")
    assert applied.status_code == 200
    assert Course.objects.filter(provider=provider, status=CourseStatus.SUBMITTED).count() == 95
    assert client.get(reverse("learning:course", args=["real-course-001"])).status_code == 404  # not yet public

    signed_in(programme_admin)
    review = client.get(reverse("catalogue:review")).content.decode()
    assert "Real course 1" in review
    response = client.post(reverse("catalogue:review-decide", args=["real-course-001", "publish"]))
    assert response.status_code == 302
    assert client.get(reverse("learning:course", args=["real-course-001"])).status_code == 200
    client.post(reverse("catalogue:review-decide", args=["real-course-002", "return"]), {"note": "Add outcomes."})
    assert Course.objects.get(slug="real-course-002").status == CourseStatus.DRAFT


def test_the_course_form_suggests_skills_and_refuses_an_overclaim(client, provider, provider_staff, signed_in):
    signed_in(provider_staff)
    url = reverse("catalogue:course-new", args=["cgt-catapult"])
    assert client.get(url).status_code == 200
    form = {
        "slug": "aseptic-online",
        "title": "Aseptic technique online",
        "description": "Good manufacturing practice and aseptic technique for cleanrooms.",
        "outcomes": "Explain GMP",
        "mode": "online",
        "hours": "4",
        "cost": "0",
        "level": "3",
        "skills": "aseptic-technique:3",
    }
    suggested = client.post(url, {**form, "action": "suggest"}).content.decode()
    assert "Skills the CV reader found" in suggested
    assert "<strong>gmp</strong>" in suggested
    refused = client.post(url, {**form, "action": "save"})
    assert refused.status_code == 400
    assert "an online course cannot give supervised practice" in refused.content.decode()
    saved = client.post(url, {**form, "skills": "aseptic-technique:1\ngmp:2", "action": "save"})
    assert saved.status_code == 302
    course = Course.objects.get(slug="aseptic-online")
    assert course.status == CourseStatus.DRAFT
    assert client.post(reverse("catalogue:course-submit", args=["cgt-catapult", course.slug])).status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.SUBMITTED
    edit = client.get(reverse("catalogue:course-edit", args=["cgt-catapult", course.slug])).content.decode()
    assert "aseptic-technique:1" in edit


def test_another_providers_staff_get_a_404(client, provider, make_user, signed_in):
    from skillsnet.accounts.models import Role

    signed_in(make_user("sam@example.com", roles=[(Role.PROVIDER_STAFF, "someone-else")]))
    assert client.get(reverse("catalogue:provider-courses", args=["cgt-catapult"])).status_code == 404
    assert client.get(reverse("catalogue:review")).status_code == 403
