from __future__ import annotations

import pytest

import skillsnet

pytestmark = pytest.mark.django_db


def test_version(client):
    response = client.get("/api/v1/version")
    assert response.status_code == 200
    assert response.json() == {"service": "skillsnet", "version": skillsnet.__version__, "api": "v1"}


def test_openapi_document_is_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/version" in doc["paths"]


def test_interactive_docs_are_served_from_our_own_origin(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_wrong_method_is_a_json_405(client):
    response = client.post("/api/v1/version")
    assert response.status_code == 405
