"""Employers post, edit and close vacancies; open ones show on role pages, in the converter and publicly."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.industry import selectors, services
from skillsnet.industry.models import Vacancy, VacancySkill, VacancyStatus

from . import helpers

pytestmark = pytest.mark.django_db


def test_a_vacancy_starts_with_the_roles_skills(biotech: Any, employer: Any) -> None:
    vacancy = helpers.make_vacancy(biotech, "qc-analyst", actor=employer)
    skills = {(s.skill.slug, s.level, s.essential) for s in vacancy.skills.select_related("skill")}
    assert skills == {(slug, level, essential) for slug, level, essential in helpers.ROLES["qc-analyst"][3]}
    assert AuditEntry.objects.filter(action="industry.vacancy.created", actor=employer).count() == 1


def test_it_rejects_a_closing_date_in_the_past(biotech: Any, employer: Any) -> None:
    with pytest.raises(services.IndustryError, match="closing date"):
        helpers.make_vacancy(biotech, actor=employer, closing_date=timezone.localdate() - timedelta(days=1))


def test_employer_staff_post_a_vacancy_through_the_form(biotech: Any, employer: Any, signed_in: Any) -> None:
    client = signed_in(employer)
    url = reverse("industry:vacancy-create", args=[biotech.slug])
    assert client.get(url).status_code == 200
    closing = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(
        url,
        {
            "title": "QC analyst (cell therapy)",
            "role": "qc-analyst",
            "location": "Stevenage",
            "region": "east-of-england",
            "closing_date": closing,
            "description": "Testing batches.",
        },
    )
    vacancy = Vacancy.objects.get(title="QC analyst (cell therapy)")
    assert response.status_code == 302
    assert response["Location"] == reverse("industry:vacancy", args=[biotech.slug, vacancy.pk])
    assert vacancy.skills.count() == len(helpers.ROLES["qc-analyst"][3])


def test_the_vacancy_form_lists_every_problem_in_an_error_summary(biotech: Any, employer: Any, signed_in: Any) -> None:
    response = signed_in(employer).post(reverse("industry:vacancy-create", args=[biotech.slug]), {"title": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    for message in (
        "Enter a job title",
        "Choose the closest job role",
        "Enter where the job is",
        "Enter a closing date",
    ):
        assert message in html
    assert not Vacancy.objects.exists()


def test_staff_edit_and_close_a_vacancy(vacancy: Vacancy, employer: Any, signed_in: Any) -> None:
    client = signed_in(employer)
    slug = vacancy.employer.slug
    data = {
        "title": "Senior QC analyst",
        "role": "qc-analyst",
        "location": "Darlington",
        "region": "north-east",
        "closing_date": vacancy.closing_date.isoformat(),
        "description": "Testing batches.",
    }
    assert client.post(reverse("industry:vacancy-edit", args=[slug, vacancy.pk]), data).status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Senior QC analyst"
    assert client.post(reverse("industry:vacancy-close", args=[slug, vacancy.pk])).status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    actions = set(AuditEntry.objects.filter(actor=employer).values_list("action", flat=True))
    assert {"industry.vacancy.updated", "industry.vacancy.closed"} <= actions


def test_staff_change_the_required_skills(vacancy: Vacancy, employer: Any, signed_in: Any) -> None:
    url = reverse("industry:vacancy-skills", args=[vacancy.employer.slug, vacancy.pk])
    client = signed_in(employer)
    assert client.get(url).status_code == 200
    data = {"level_gmp": "4", "essential_gmp": "on", "level_pcr": "0", "level_good-documentation-practice": "3"}
    data.update({"level_cell-counting": "2", "level_communication": "0", "add_skill": "aseptic-technique"})
    data.update({"add_level": "2"})
    assert client.post(url, data).status_code == 302
    rows = {s.skill.slug: (s.level, s.essential) for s in VacancySkill.objects.filter(vacancy=vacancy)}
    assert rows == {
        "gmp": (4, True),
        "good-documentation-practice": (3, False),
        "cell-counting": (2, False),
        "aseptic-technique": (2, False),
    }


def test_removing_every_skill_is_refused(vacancy: Vacancy, employer: Any, signed_in: Any) -> None:
    url = reverse("industry:vacancy-skills", args=[vacancy.employer.slug, vacancy.pk])
    data = {f"level_{slug}": "0" for slug, *_ in helpers.ROLES["qc-analyst"][3]}
    response = signed_in(employer).post(url, data)
    assert response.status_code == 200
    assert "a vacancy needs a required skill" in response.content.decode()
    assert vacancy.skills.count() == 5


@pytest.mark.parametrize("who", ["learner", "other_employer", "provider_staff"])
def test_only_the_employers_staff_reach_its_pages(vacancy: Vacancy, who: str, request: Any, signed_in: Any) -> None:
    client = signed_in(request.getfixturevalue(who))
    slug = vacancy.employer.slug
    for url in (
        reverse("industry:employer", args=[slug]),
        reverse("industry:vacancy-create", args=[slug]),
        reverse("industry:vacancy", args=[slug, vacancy.pk]),
        reverse("industry:vacancy-edit", args=[slug, vacancy.pk]),
        reverse("industry:vacancy-skills", args=[slug, vacancy.pk]),
        reverse("industry:candidates", args=[slug, vacancy.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("industry:vacancy-close", args=[slug, vacancy.pk])).status_code == 404


def test_a_vacancy_is_not_reachable_under_another_employers_address(
    vacancy: Vacancy, other_employer: Any, signed_in: Any
) -> None:
    client = signed_in(other_employer)
    assert client.get(reverse("industry:vacancy", args=["other-labs", vacancy.pk])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(vacancy: Vacancy, client: Any) -> None:
    response = client.get(reverse("industry:employer", args=[vacancy.employer.slug]))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_the_dashboard_lists_vacancies_within_a_query_budget(
    biotech: Any, employer: Any, signed_in: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(6):
        helpers.make_vacancy(biotech, actor=employer, title=f"Analyst {i}")
    client = signed_in(employer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("industry:employer", args=[biotech.slug]))
    assert response.content.decode().count("Find candidates") == 6


def test_open_vacancy_counts_leave_out_closed_and_expired_ones(biotech: Any, employer: Any) -> None:
    helpers.make_vacancy(biotech, "qc-analyst", actor=employer)
    helpers.make_vacancy(biotech, "qc-analyst", actor=employer, title="Second")
    closed = helpers.make_vacancy(biotech, "qc-analyst", actor=employer, title="Closed")
    services.vacancy_close(vacancy=closed, actor=employer)
    expired = helpers.make_vacancy(biotech, "atmp-manufacturing-technician", actor=employer)
    Vacancy.objects.filter(pk=expired.pk).update(closing_date=timezone.localdate() - timedelta(days=1))
    assert selectors.open_vacancy_counts() == {"qc-analyst": 2}
    assert [v.title for v in selectors.open_vacancies_for_role("qc-analyst")] == [
        "Quality control analyst at Demo Biotech",
        "Second",
    ]


def test_role_pages_list_their_open_vacancies(biotech: Any, employer: Any, client: Any) -> None:
    helpers.make_vacancy(biotech, "qc-analyst", actor=employer, title="QC analyst, Darlington")
    html = client.get(reverse("catalogue:role", args=["qc-analyst"])).content.decode()
    assert "1 open vacancy for this role" in html
    assert "QC analyst, Darlington" in html
    other = client.get(reverse("catalogue:role", args=["atmp-manufacturing-technician"])).content.decode()
    assert "No employer is advertising this role" in other


def test_the_count_tag_for_converter_results(biotech: Any, employer: Any, django_assert_max_num_queries: Any) -> None:
    for i in range(3):
        helpers.make_vacancy(biotech, "qc-analyst", actor=employer, title=f"QC {i}")
    template = Template(
        "{% load industry %}{% for slug in roles %}{% open_vacancy_count slug as n %}{{ slug }}={{ n }};{% endfor %}"
    )
    with django_assert_max_num_queries(1):
        out = template.render(Context({"roles": ["qc-analyst", "atmp-manufacturing-technician"]}))
    assert out == "qc-analyst=3;atmp-manufacturing-technician=0;"


def test_the_public_list_filters_by_family_and_region(
    biotech: Any, employer: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    helpers.make_vacancy(biotech, "qc-analyst", actor=employer, title="QC in the North East")
    helpers.make_vacancy(biotech, "qc-analyst", actor=employer, title="QC in London", region="london")
    helpers.make_vacancy(biotech, "atmp-manufacturing-technician", actor=employer, title="Technician")
    url = reverse("industry:vacancies")
    with django_assert_max_num_queries(4):
        everything = client.get(url).content.decode()
    assert all(t in everything for t in ("QC in the North East", "QC in London", "Technician"))
    qc = client.get(url, {"family": "quality-control"}).content.decode()
    assert "Technician" not in qc
    assert "QC in London" in qc
    london = client.get(url, {"family": "quality-control", "region": "london"}).content.decode()
    assert "QC in London" in london
    assert "QC in the North East" not in london
    assert client.get(url, {"region": "atlantis"}).status_code == 200


def test_a_closed_vacancy_has_no_public_page(vacancy: Vacancy, employer: Any, client: Any) -> None:
    assert client.get(reverse("industry:vacancy-public", args=[vacancy.pk])).status_code == 200
    services.vacancy_close(vacancy=vacancy, actor=employer)
    assert client.get(reverse("industry:vacancy-public", args=[vacancy.pk])).status_code == 404


def test_the_api_lists_open_vacancies_and_counts(vacancy: Vacancy, client: Any) -> None:
    body = client.get("/api/v1/vacancies").json()
    assert body["count"] == 1
    assert body["items"][0]["role"] == "qc-analyst"
    assert {s["skill"] for s in body["items"][0]["skills"]} >= {"gmp", "pcr"}
    assert client.get("/api/v1/vacancies/counts").json() == {"qc-analyst": 1}
    bad = client.get("/api/v1/vacancies", {"region": "atlantis"})
    assert bad.status_code == 400
    assert "region" in bad.json()["detail"]
    assert client.get("/api/v1/vacancies/999999").json() == {"detail": "This vacancy is closed or does not exist."}
