"""Catalogue, course and lesson pages, studying through the pages, the dashboard, safe Markdown."""

from __future__ import annotations

import pytest

from skillsnet.learning.content import render_markdown
from skillsnet.learning.models import Enrolment

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def test_markdown_is_rendered_and_sanitised():
    html = render_markdown(
        "# Title\n\n<script>alert('x')</script>\n\n[click](javascript:alert(1)) "
        '<a href="https://ok.example" onclick="steal()">fine</a> <img src=x onerror=alert(1)>'
        "\n\n<iframe src='https://evil.example'></iframe>\n\n**bold** and a [link](https://mhra.gov.uk)"
    )
    assert "<h2>Title</h2>" in html
    assert "<h1" not in html
    assert "<script" not in html
    assert "alert('x')" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://mhra.gov.uk" rel="noopener noreferrer nofollow">link</a>' in html


def test_the_catalogue_lists_and_filters_courses(client, catalogue):
    page = client.get("/training/").content.decode()
    for title in ("GMP essentials", "Advanced GMP", "Documentation for everyone", "Cleanroom gowning (practical)"):
        assert title in page

    def titles(query: str) -> set[str]:
        response = client.get(f"/training/?{query}")
        assert response.status_code == 200
        return {c.title for c in response.context["page"]}

    assert titles("mode=on-site") == {"Cleanroom gowning (practical)"}
    assert titles("price=free") == {"GMP essentials", "Documentation for everyone"}
    assert titles("price=paid") == {"Advanced GMP", "Cleanroom gowning (practical)"}
    assert titles("skill=good-documentation-practice") == {"GMP essentials", "Documentation for everyone"}
    assert titles("role=atmp-technician") == {"GMP essentials", "Advanced GMP"}
    assert titles("level=4") == {"Advanced GMP"}
    assert titles("max_hours=5") == {"Documentation for everyone"}
    assert titles("provider=open-learning") == {"Documentation for everyone"}
    assert titles("q=advanced+gmp") == {"Advanced GMP"}
    assert titles("q=documentation&price=free") == {"GMP essentials", "Documentation for everyone"}


def test_bad_filters_get_a_message_not_a_500(client, catalogue):
    response = client.get("/training/?max_hours=lots&skill=not-a-skill&page=999")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Enter a number" in response.content.decode()


def test_the_catalogue_paginates_within_a_query_budget(client, catalogue, django_assert_max_num_queries):
    from skillsnet.catalogue.models import Course

    for n in range(30):
        Course.objects.create(
            slug=f"extra-{n}", title=f"Extra course {n:02}", provider=catalogue.essentials.provider,
            mode="online", hours=1, level=2, description="More.",
        )  # fmt: skip
    with django_assert_max_num_queries(12):
        first = client.get("/training/")
    assert len(first.context["page"]) == 20
    second = client.get("/training/?mode=online&page=2").content.decode()
    assert "Page 2 of 2" in second
    assert "mode=online&amp;page=1" in second


def test_the_course_page_shows_outcomes_skills_prerequisites_and_published_outline(client, catalogue):
    page = client.get("/training/courses/advanced-gmp/").content.decode()
    assert "Explain advanced gmp" in page
    assert "Practitioner" in page
    assert "Expert" in page
    assert 'href="/training/courses/gmp-essentials/"' in page
    essentials = client.get("/training/courses/gmp-essentials/").content.decode()
    assert "GMP in one page" in essentials
    assert "Deviations" in essentials
    assert "Secret draft lesson" not in essentials
    assert "Hidden by its module" not in essentials
    assert "Sign in" in essentials
    assert client.get("/training/courses/nope/").status_code == 404


def test_a_learner_studies_a_course_through_the_pages(signed_in, learner, catalogue):
    client = signed_in(learner)
    response = client.post("/training/courses/gmp-essentials/enrol")
    assert response.status_code == 302
    assert response.url == f"/training/courses/gmp-essentials/lessons/{catalogue.intro.pk}/"
    lesson = client.get(response.url).content.decode()
    assert "<h2>GMP</h2>" in lesson
    assert "<strong>builds quality in</strong>" in lesson
    response = client.post(f"/training/courses/gmp-essentials/lessons/{catalogue.intro.pk}/complete")
    assert response.url == f"/training/courses/gmp-essentials/lessons/{catalogue.checked.pk}/"

    check_url = f"/training/courses/gmp-essentials/lessons/{catalogue.checked.pk}/check"
    unanswered = client.post(check_url, {})
    assert unanswered.status_code == 400
    assert "Choose an answer for question 1" in unanswered.content.decode()
    wrong = {f"question-{q}": c for q, c in answers_for(catalogue.checked, right=False).items()}
    response = client.post(check_url, wrong)
    assert response.status_code == 302
    assert "Your last attempt: 0%" in client.get(response.url.split("#")[0]).content.decode()
    right = {f"question-{q}": c for q, c in answers_for(catalogue.checked).items()}
    response = client.post(check_url, right)
    assert response.url == "/training/dashboard/"
    dashboard = client.get("/training/dashboard/").content.decode()
    assert "Good manufacturing practice" in dashboard
    assert "Awareness" in dashboard  # two quiz questions evidence awareness, whatever the course claims
    assert "Completed the online course ‘GMP essentials’" in dashboard
    assert "/credentials/" in dashboard


def test_marking_a_checked_lesson_complete_explains_why_not(signed_in, learner, catalogue):
    client = signed_in(learner)
    client.post("/training/courses/gmp-essentials/enrol")
    response = client.post(f"/training/courses/gmp-essentials/lessons/{catalogue.checked.pk}/complete")
    assert response.status_code == 400
    assert "Pass the knowledge check to complete this lesson." in response.content.decode()


def test_enrolling_without_prerequisites_says_what_to_complete(signed_in, learner, catalogue):
    response = signed_in(learner).post("/training/courses/advanced-gmp/enrol")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Complete ‘GMP essentials’ before you enrol on ‘Advanced GMP’." in body
    assert "<title>Error: Advanced GMP – skillsnet</title>" in body
    assert 'role="alert" tabindex="-1" autofocus' in body  # the summary takes focus
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_pages_for_learners_need_sign_in(client, catalogue):
    for url in (
        "/training/dashboard/",
        "/training/plan/",
        f"/training/courses/gmp-essentials/lessons/{catalogue.intro.pk}/",
    ):
        assert client.get(url).status_code == 302
    assert client.post("/training/courses/gmp-essentials/enrol").status_code == 302


def test_the_dashboard_has_a_query_budget(
    signed_in, learner, catalogue, complete_course, django_assert_max_num_queries
):
    complete_course(learner, catalogue.essentials)
    client = signed_in(learner)
    client.post("/training/courses/docs-for-all/enrol")
    with django_assert_max_num_queries(30):
        response = client.get("/training/dashboard/")
    assert response.status_code == 200
