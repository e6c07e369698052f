from __future__ import annotations

import re
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/accessibility/",
    "/privacy/",
    "/career-converter/",
    "/training/",
    "/training-centres/",
    "/account/sign-in/",
    "/account/register/",
    "/account/password-reset/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_render_with_one_h1_and_landmarks(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    for landmark in ("<header", "<footer", "<nav"):
        assert landmark in html
    assert 'lang="en-GB"' in html


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_a_strict_csp_and_no_inline_script(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    # Every <script> in our pages loads a file; none carries code inline.
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_nothing_is_loaded_from_another_origin(client):
    html = client.get("/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_home_explains_the_service_to_a_career_changer(client):
    html = client.get("/").content.decode()
    assert "You do not need a science degree" in html
    for part in ("Career Converter", "Online training", "Training centres"):
        assert part in html


def test_unknown_pages_get_the_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/credentials/0b1c7c2e-5d7a-4c59-9a55-4b0f4e8f3a10/verify",  # well formed, no such credential
        "/credentials/0b1c7c2e-5d7a-4c59-9a55-4b0f4e8f3a10.json",
        "/credentials/not-a-credential/verify",  # matches no URL pattern at all
        "/.well-known/nothing-here",
    ],
)
def test_an_unknown_credential_address_gets_our_404_page_with_debug_on_too(client, settings, path):
    settings.DEBUG = True
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body
    assert "URLconf" not in body  # Django's debug page lists every URL pattern
    assert "skillsnet.urls" not in body


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch("skillsnet.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_the_500_page_renders_without_context(rf):
    from skillsnet.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    api_response = server_error(rf.get("/api/v1/anything"))
    assert api_response.status_code == 500
    assert b'"detail"' in api_response.content
