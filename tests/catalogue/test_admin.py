"""The admin: every catalogue model and centres have a working list, search and change page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from skillsnet.catalogue.models import Course, Role, Skill, SourceOccupation
from skillsnet.centres.models import Centre

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "catalogue/sector",
    "catalogue/skill",
    "catalogue/skilltransfer",
    "catalogue/role",
    "catalogue/sourceoccupation",
    "catalogue/provider",
    "catalogue/course",
    "catalogue/catalogueversion",
    "catalogue/escoskilllink",
    "catalogue/careerroute",
    "centres/centre",
]


@pytest.mark.parametrize("path", CHANGELISTS)
def test_every_changelist_opens_and_searches(admin_client, mini, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert admin_client.get(f"/admin/{path}/").status_code == 200
    assert admin_client.get(f"/admin/{path}/", {"q": "gmp"}).status_code == 200


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (Skill, "gmp"),
        (Role, "qc-analyst"),
        (SourceOccupation, "brew-house-operator"),
        (Course, "cell-and-molecular-lab-skills"),
        (Centre, "example-lab-north"),
    ],
)
def test_change_pages_open_with_their_inlines(admin_client, mini, model, slug):
    obj = model.objects.get(slug=slug)
    response = admin_client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/")
    assert response.status_code == 200


def test_skill_autocomplete_serves_the_inlines(admin_client, mini):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "aseptic", "app_label": "catalogue", "model_name": "roleskill", "field_name": "skill"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Aseptic technique"]


def test_editing_a_skill_in_the_admin_refreshes_its_search_text(admin_client, mini):
    skill = Skill.objects.get(slug="teamwork")
    skill.name = "Working in a team"
    skill.save(update_fields=["name"])
    skill.refresh_from_db()
    assert skill.search_text == "working in a team"


def test_the_role_admin_shows_and_explains_entry_requirements(admin_client, mini):
    listing = admin_client.get("/admin/catalogue/role/").content.decode()
    assert "Science degree" in listing
    role = Role.objects.get(slug="qc-analyst")
    change = admin_client.get(f"/admin/catalogue/role/{role.pk}/change/").content.decode()
    assert "qp-eligibility: Eligibility to act as a Qualified Person" in change


def test_an_unknown_requirement_code_is_a_field_error_not_a_crash(mini):
    role = Role.objects.get(slug="qc-analyst")
    role.entry_requirements = ["science-degree", "phd"]
    with pytest.raises(ValidationError) as caught:
        role.full_clean()
    assert "Unknown requirement code(s): phd." in caught.value.message_dict["entry_requirements"][0]
    occupation = SourceOccupation.objects.get(slug="brew-house-operator")
    occupation.credentials = ["nmc-registration", "nmc-registration"]
    with pytest.raises(ValidationError) as caught:
        occupation.full_clean()
    assert caught.value.message_dict["credentials"] == ["Each requirement code may appear only once."]


def test_the_esco_bridge_is_read_only_in_the_admin(admin_client, mini):
    assert admin_client.get("/admin/catalogue/escoskilllink/add/").status_code == 403


def test_a_career_route_with_an_unknown_role_or_a_bad_prefix_is_a_field_error(mini):
    from skillsnet.catalogue.models import CareerRoute

    route = CareerRoute(isco="8a", name="Operators", roles=["qc-analyst", "line-boss"], rationale="Lines")
    with pytest.raises(ValidationError) as caught:
        route.full_clean()
    assert caught.value.message_dict["isco"] == ["Give an ISCO-08 code prefix: one to four digits."]
    assert caught.value.message_dict["roles"] == ["Unknown role(s): line-boss."]
    route.roles = "qc-analyst"
    with pytest.raises(ValidationError) as caught:
        route.full_clean()
    assert caught.value.message_dict["roles"][0].startswith("Give a list of role slugs")
    CareerRoute(isco="81", name="Operators", roles=["qc-analyst"], rationale="Lines").full_clean()


def test_the_career_route_admin_adds_a_route_and_names_a_bad_role(admin_client, mini):
    from skillsnet.catalogue.models import CareerRoute

    form = {"isco": "81", "name": "Plant operators", "roles": '["qc-analyst"]', "rationale": "They run lines"}
    assert admin_client.post("/admin/catalogue/careerroute/add/", form).status_code == 302
    assert CareerRoute.objects.get(isco="81").roles == ["qc-analyst"]
    response = admin_client.post("/admin/catalogue/careerroute/add/", {**form, "isco": "82", "roles": '["nope"]'})
    assert response.status_code == 200
    assert "Unknown role(s): nope." in response.content.decode()
