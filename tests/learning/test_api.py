"""The learning part of the JSON API."""

from __future__ import annotations

import pytest

from skillsnet.learning.models import Credential

from .xapi_validator import validate_statement

pytestmark = pytest.mark.django_db


def test_the_outline_is_public_and_shows_only_published_content(client, catalogue):
    response = client.get("/api/v1/courses/gmp-essentials/outline")
    assert response.status_code == 200
    body = response.json()
    assert [m["title"] for m in body["modules"]] == ["What GMP is"]
    assert [(lesson["title"], lesson["has_knowledge_check"]) for lesson in body["modules"][0]["lessons"]] == [
        ("GMP in one page", False),
        ("Deviations", True),
    ]
    missing = client.get("/api/v1/courses/nope/outline")
    assert missing.status_code == 404
    assert "detail" in missing.json()


def test_enrolment_needs_sign_in(client, catalogue):
    response = client.post("/api/v1/enrolments", {"course": "gmp-essentials"}, content_type="application/json")
    assert response.status_code == 401
    assert client.get("/api/v1/me/enrolments").status_code == 401
    assert client.get("/api/v1/me/statements").status_code == 401


def test_a_learner_enrols_and_lists_enrolments_and_statements(signed_in, learner, catalogue):
    client = signed_in(learner)
    response = client.post("/api/v1/enrolments", {"course": "gmp-essentials"}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["course"] == "gmp-essentials"
    blocked = client.post("/api/v1/enrolments", {"course": "advanced-gmp"}, content_type="application/json")
    assert blocked.status_code == 400
    assert blocked.json() == {"detail": "Complete ‘GMP essentials’ before you enrol on ‘Advanced GMP’."}
    unknown = client.post("/api/v1/enrolments", {"course": "nope"}, content_type="application/json")
    assert unknown.status_code == 404
    invalid = client.post("/api/v1/enrolments", {}, content_type="application/json")
    assert invalid.status_code == 422
    mine = client.get("/api/v1/me/enrolments").json()
    assert [(e["course"], e["lessons_total"], e["percent"]) for e in mine] == [("gmp-essentials", 2, 0)]
    statements = client.get("/api/v1/me/statements").json()
    assert [s["verb"]["display"]["en-GB"] for s in statements] == ["registered"]
    assert all(validate_statement(s) == [] for s in statements)


def test_a_credential_is_public_with_its_verification(client, learner, catalogue, complete_course):
    complete_course(learner, catalogue.essentials)
    credential = Credential.objects.get()
    body = client.get(f"/api/v1/credentials/{credential.pk}").json()
    assert body["jwt"] == credential.jwt
    assert body["credential"]["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert body["verification"]["verdict"] == "valid"
    assert client.get("/api/v1/credentials/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/v1/credentials/not-a-uuid").status_code == 422
