"""The public role and skill pages: content, filters, 404s and query budgets."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skillsnet.catalogue.models import Course, CourseSkill, Provider, Role, RoleSkill, Skill, SkillTransfer

pytestmark = pytest.mark.django_db


def grow_catalogue() -> None:
    """Twenty more roles, skills and courses, linked like the real ones, to show costs do not grow."""
    provider = Provider.objects.get(slug="example-institute")
    gmp = Skill.objects.get(slug="gmp")
    for n in range(20):
        skill = Skill.objects.create(slug=f"extra-skill-{n}", name=f"Extra skill {n}")
        role = Role.objects.create(
            slug=f"extra-role-{n}", title=f"Extra role {n}", family="engineering", description="More.", entry_level=5
        )
        RoleSkill.objects.create(role=role, skill=skill, level=2)
        RoleSkill.objects.create(role=role, skill=gmp, level=2)
        course = Course.objects.create(
            slug=f"extra-course-{n}",
            title=f"Extra course {n}",
            provider=provider,
            mode="online",
            hours=1,
            level=3,
            description="More.",
        )
        CourseSkill.objects.create(course=course, skill=skill, to_level=2)
        CourseSkill.objects.create(course=course, skill=gmp, to_level=2)
        SkillTransfer.objects.create(from_skill=skill, to_skill=gmp, credit=0.1, rationale="More.")
        SkillTransfer.objects.create(from_skill=gmp, to_skill=skill, credit=0.1, rationale="More.")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/roles/", "/roles/?max_entry_level=4", "/roles/qc-analyst/", "/skills/gmp/"])
def test_pages_cost_the_same_queries_whatever_the_catalogue_size(client, mini, url, django_assert_max_num_queries):
    small = count_queries(client, url)
    grow_catalogue()
    with django_assert_max_num_queries(small):
        client.get(url)
    assert small <= 6


def test_the_role_list_groups_roles_by_family(client, mini):
    html = client.get("/roles/").content.decode()
    assert html.count("<h1") == 1
    assert '<h2 class="heading-l" id="family-1">Manufacturing</h2>' in html
    assert '<h2 class="heading-l" id="family-2">Quality control</h2>' in html
    assert '<a href="/roles/atmp-manufacturing-technician/">ATMP manufacturing technician</a>' in html
    assert "Shortage role" in html
    assert "Entry level: RQF level 3" in html
    assert "2 roles." in html


def test_the_role_list_filters_by_entry_level(client, mini):
    response = client.get("/roles/", {"max_entry_level": "3"})
    html = response.content.decode()
    assert "ATMP manufacturing technician" in html
    assert "Quality control analyst" not in html
    assert "1 role you could start at level 3 or below." in html


def test_an_invalid_filter_shows_an_error_summary(client, mini):
    html = client.get("/roles/", {"max_entry_level": "12"}).content.decode()
    assert "There is a problem" in html
    assert "<title>Error: " in html
    assert "Quality control analyst" in html  # the list stays usable


def test_the_role_page_shows_skills_with_levels_and_courses(client, mini):
    response = client.get("/roles/qc-analyst/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<caption>Essential skills</caption>" in html
    assert "<caption>Useful but not essential</caption>" in html
    assert "Practitioner (3 of 4)" in html
    assert "RQF level 4" in html
    assert "BSc in a life science" in html
    # The course that covers most of the role's skills comes first, with the skills it raises.
    first, second = html.index("GMP essentials"), html.index("Cell and molecular lab skills")
    assert first < second
    assert '<a href="/skills/pcr/">Polymerase chain reaction (PCR)</a> to Practitioner (3 of 4)' in html


def test_the_role_page_states_the_entry_requirements_in_plain_words(client, mini):
    html = client.get("/roles/qc-analyst/").content.decode()
    assert "What employers require" in html
    assert (
        "<strong>Science degree:</strong> A bachelor's degree in a life science, chemistry, or a related "
        "science or engineering subject." in html.replace("&#x27;", "'")
    )
    # The mini qc-analyst has no apprenticeship standard, so no degree-apprenticeship hint.
    assert "degree apprenticeship" not in html
    open_role = client.get("/roles/atmp-manufacturing-technician/").content.decode()
    assert "No degree, professional registration or management experience is required" in open_role


def test_the_skill_page_shows_roles_courses_and_transfers(client, mini):
    html = client.get("/skills/gmp/").content.decode()
    assert html.count("<h1") == 1
    assert "Knowledge" in html
    assert "Quality" in html
    assert 'href="http://data.europa.eu/esco/skill/0000-gmp"' in html
    assert "ATMP manufacturing technician" in html
    assert "Quality control analyst" in html
    assert "GMP essentials" in html
    assert "<caption>Skills that count towards this one</caption>" in html
    assert "Hazard analysis (HACCP)" in html
    assert "50%" in html
    assert "Both control a process by written rules and records." in html


@pytest.mark.parametrize("url", ["/roles/no-such-role/", "/skills/no-such-skill/"])
def test_unknown_slugs_are_404(client, mini, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_navigation_links_to_job_roles(client, db):
    assert '<a href="/roles/" class="site-nav__link">Job roles</a>' in client.get("/").content.decode()


def test_a_real_registered_role_names_its_register(client, real):
    html = client.get("/roles/apheresis-nurse/").content.decode()
    assert "Registration as a nurse with the Nursing and Midwifery Council (NMC)." in html
    scientist = client.get("/roles/qc-analyst/").content.decode()
    assert "A degree apprenticeship on the routes below" in scientist
    assert client.get("/roles/apheresis-nurse-atmp-pharmacist/").status_code == 404
