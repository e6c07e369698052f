"""The catalogue API: shapes, filters, pagination, JSON errors and query budgets."""

from __future__ import annotations

import pytest

from skillsnet.catalogue.models import Origin, Skill, SourceOccupation

pytestmark = pytest.mark.django_db


def test_skill_search_returns_a_ranked_page(client, mini):
    body = client.get("/api/v1/skills", {"q": "sterile technique"}).json()
    assert body["count"] >= 1
    assert body["items"][0] == {
        "slug": "aseptic-technique",
        "name": "Aseptic technique",
        "kind": "skill",
        "category": "aseptic-cleanroom",
        "description": "Working without bringing microbes into a product.",
        "origin": "curated",
        "esco_uri": "http://data.europa.eu/esco/skill/0000-aseptic",
        "alt_labels": ["sterile technique"],
    }


def test_skills_without_a_query_list_curated_first_and_page(client, mini):
    Skill.objects.create(slug="esco-skill-a", name="Aardvark handling", origin=Origin.ESCO)
    first = client.get("/api/v1/skills", {"limit": 10}).json()
    assert first["count"] == 11
    assert [item["origin"] for item in first["items"]] == ["curated"] * 10
    rest = client.get("/api/v1/skills", {"limit": 10, "offset": 10}).json()
    assert [item["slug"] for item in rest["items"]] == ["esco-skill-a"]


@pytest.mark.parametrize(
    "query",
    [{"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"offset": -1}, {"offset": 10**27}, {"q": "x" * 201}],
)
def test_bad_paging_is_a_422_with_field_messages(client, mini, query):
    response = client.get("/api/v1/skills", query)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    assert detail[0]["loc"][0] == "query"


def test_an_offset_past_any_catalogue_is_a_422_not_a_500(client, mini):
    # found by the API fuzz test: an offset of 10**27 overflowed SQLite's integers
    response = client.get("/api/v1/courses", {"offset": 10**27, "limit": 100})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]


def test_occupation_search_finds_curated_and_esco_jobs(client, mini):
    SourceOccupation.objects.create(
        slug="esco-occupation-brewer", title="brewmaster", alt_titles=["head brewer"], origin=Origin.ESCO
    )
    body = client.get("/api/v1/occupations", {"q": "brewery worker", "limit": 5}).json()
    assert body["items"][0] == {
        "slug": "brew-house-operator",
        "title": "Brew house operator",
        "alt_titles": ["brewery worker", "brewing operative", "brewer"],
        "sector": {"slug": "brewing-distilling", "name": "Brewing and distilling"},
        "origin": "curated",
        "esco_uri": None,
        "credentials": [],
    }
    esco = client.get("/api/v1/occupations", {"q": "head brewer"}).json()["items"][0]
    assert (esco["slug"], esco["sector"], esco["origin"]) == ("esco-occupation-brewer", None, "esco")


def test_occupation_search_finds_a_uk_job_title_from_job_titles_yaml(client, mini):
    SourceOccupation.objects.create(
        slug="esco-occupation-healthcare-assistant",
        title="healthcare assistant",
        job_titles=["HCA", "band 2 HCA"],
        origin=Origin.ESCO,
    )
    body = client.get("/api/v1/occupations", {"q": "HCAs"}).json()
    assert [item["slug"] for item in body["items"]] == ["esco-occupation-healthcare-assistant"]
    assert "job_titles" not in body["items"][0]  # search-only: the API shows ESCO's and our titles as before


def test_roles_filter_by_family_and_entry_level(client, mini):
    everything = client.get("/api/v1/roles").json()
    assert everything["count"] == 2
    assert set(everything["items"][0]) == {"slug", "title", "family", "description", "entry_level", "shortage"}
    assert [r["slug"] for r in client.get("/api/v1/roles", {"family": "quality-control"}).json()["items"]] == [
        "qc-analyst"
    ]
    low = client.get("/api/v1/roles", {"max_entry_level": 3}).json()
    assert [r["slug"] for r in low["items"]] == ["atmp-manufacturing-technician"]
    assert client.get("/api/v1/roles", {"family": "astronaut"}).status_code == 422
    assert client.get("/api/v1/roles", {"max_entry_level": 9}).status_code == 422


def test_a_role_comes_with_its_skills_and_levels(client, mini):
    body = client.get("/api/v1/roles/qc-analyst").json()
    assert body["entry_routes"] == ["BSc in a life science"]
    assert body["soc_code"] == "2112"
    assert len(body["skills"]) == 8
    assert body["skills"][0] == {
        "slug": "cell-counting",
        "name": "Cell counting",
        "level": 3,
        "level_label": "Practitioner",
        "essential": True,
    }
    assert [s["essential"] for s in body["skills"]] == [True] * 5 + [False] * 3
    assert body["entry_requirements"] == [
        {
            "code": "science-degree",
            "label": "Science degree",
            "description": "A bachelor's degree in a life science, chemistry, or a related science or engineering "
            "subject.",
        }
    ]


def test_a_role_without_entry_requirements_lists_none(client, mini):
    body = client.get("/api/v1/roles/atmp-manufacturing-technician").json()
    assert body["entry_requirements"] == []


def test_an_occupation_lists_the_credentials_the_job_implies(client, mini):
    body = client.get("/api/v1/occupations", {"q": "biomedical scientist"}).json()
    assert body["items"][0]["credentials"] == ["hcpc-registration", "science-degree"]


def test_an_unknown_role_is_a_json_404(client, mini):
    response = client.get("/api/v1/roles/astronaut")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no role with the slug 'astronaut'."}


def test_courses_filter_by_mode_and_skill(client, mini):
    body = client.get("/api/v1/courses", {"mode": "on-site"}).json()
    assert body["count"] == 1
    course = body["items"][0]
    assert course == {
        "slug": "cleanroom-gowning-practical",
        "title": "Cleanroom gowning and behaviour (practical)",
        "provider": {"slug": "example-institute", "name": "Example Institute (example)", "example": True},
        "mode": "on-site",
        "hours": 7.5,
        "cost": 150.0,
        "level": 3,
        "description": "Gown for a grade B cleanroom and work in it.",
        "outcomes": ["Gown for grade B"],
        "skills": [
            {"slug": "aseptic-technique", "name": "Aseptic technique", "assumes_level": 1, "to_level": 3},
            {
                "slug": "cip-sip",
                "name": "Cleaning and sterilising in place (CIP/SIP)",
                "assumes_level": 0,
                "to_level": 1,
            },
            {"slug": "cleanroom-gowning", "name": "Cleanroom gowning", "assumes_level": 1, "to_level": 3},
            {"slug": "fermentation", "name": "Fermentation", "assumes_level": 0, "to_level": 1},
        ],
        "prerequisites": ["gmp-essentials"],
        "centres": ["example-lab-north"],
        "example": True,
    }
    by_skill = client.get("/api/v1/courses", {"skill": "pcr"}).json()
    assert [c["slug"] for c in by_skill["items"]] == ["cell-and-molecular-lab-skills"]
    assert client.get("/api/v1/courses", {"mode": "by-post"}).status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/skills",
        "/api/v1/skills?q=technique",
        "/api/v1/occupations",
        "/api/v1/occupations?q=brewer",
        "/api/v1/roles",
        "/api/v1/roles/qc-analyst",
        "/api/v1/courses",
    ],
)
def test_api_lists_cost_a_fixed_number_of_queries(client, mini, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_catalogue_is_in_the_openapi_document(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ["/api/v1/skills", "/api/v1/occupations", "/api/v1/roles", "/api/v1/roles/{slug}", "/api/v1/courses"]:
        assert doc["paths"][path]["get"]["tags"] == ["catalogue"]
    role = doc["paths"]["/api/v1/roles/{slug}"]["get"]["responses"]
    assert {"200", "404"} <= set(role)
    limit = next(p for p in doc["paths"]["/api/v1/skills"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 100)
