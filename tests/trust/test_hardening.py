"""Issue 16 hardening at the HTTP level: CSRF on every signed-in API write, the shared cache in production,
the request-size cap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from skillsnet.middleware import API_CSRF_DETAIL

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = "/api/v1/converter/extract"


def strict_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# ---------------------------------------------------------------- CSRF for session-authenticated API writes


@pytest.mark.parametrize("path", [EXTRACT, "/api/v1/converter/matches", "/api/v1/converter/plan"])
def test_a_signed_in_converter_post_without_a_csrf_token_is_refused(learner, path):
    response = strict_client(learner).post(path, {"text": "PCR"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": API_CSRF_DETAIL}


def test_a_signed_in_converter_post_with_the_token_goes_through(learner):
    client = strict_client(learner)
    client.get("/career-converter/")  # sets the csrftoken cookie, as a browser would get it
    token = client.cookies["csrftoken"].value
    response = client.post(EXTRACT, {"text": "PCR"}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_an_anonymous_converter_post_needs_no_token(db):
    response = Client(enforce_csrf_checks=True).post(EXTRACT, {"text": "PCR"}, content_type="application/json")
    assert response.status_code == 200


def test_every_signed_in_api_write_needs_a_csrf_token(learner):
    from skillsnet.api import api

    client = strict_client(learner)
    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    accepted = []
    for path, operations in paths.items():
        for method in operations:
            if method == "get":
                continue
            url = path.replace("{run_id}", "1").replace("{booking_id}", "1").replace("{slug}", "x")
            url = url.replace("{", "").replace("}", "")
            response = getattr(client, method)(url, {}, content_type="application/json")
            if response.status_code != 403 or "csrf" not in response.content.decode().lower():
                accepted.append(f"{method.upper()} {path}: {response.status_code}")
    assert not accepted, "These accept a signed-in write without a CSRF token:\n  " + "\n  ".join(accepted)


# ---------------------------------------------------------------- a shared cache in production


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SKILLSNET_CACHE", "DEBUG"}}
    environment.update({"SKILLSNET_ENV": "production", "SECRET_KEY": "p" * 60, **env})
    command = [sys.executable, "-m", "skillsnet", "check"]
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120)


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_check()
    assert result.returncode != 0
    assert "A shared cache must be set when SKILLSNET_ENV=production" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_check(SKILLSNET_CACHE="local").returncode != 0


def test_production_starts_with_the_database_cache():
    result = run_check(SKILLSNET_CACHE="database")
    assert result.returncode == 0, result.stderr


def test_an_unknown_cache_choice_is_refused_with_a_sentence():
    result = run_check(SKILLSNET_CACHE="memcache")
    assert result.returncode != 0
    assert "SKILLSNET_CACHE must be redis, database or local" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_is_created_by_migrate_and_counts_limits(settings):
    from django.db import connection

    from skillsnet import ratelimit
    from skillsnet.accounts.apps import _create_cache_table

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_cache"}}
    # (Django's test signals swap the cache handler when CACHES changes.)
    try:
        from django.apps import apps

        _create_cache_table(apps.get_app_config("accounts"), verbosity=0)
        assert "t_cache" in connection.introspection.table_names()
        limiter = ratelimit.RateLimiter(clock=lambda: 1_000_000.0)
        decisions = [limiter.hit("t", "ip:1", per_minute=2).allowed for _ in range(3)]
        assert decisions == [True, True, False]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS t_cache")


# ---------------------------------------------------------------- the request-size cap


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_request_declaring_more_than_the_cap_is_refused_before_it_is_read(client, settings, db):
    settings.SKILLSNET_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.generic(
        "POST",
        "/career-converter/from/cv/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "larger than 1 MB" in response.content.decode()


def test_the_api_gets_the_refusal_as_json(client, settings, db):
    settings.SKILLSNET_MAX_REQUEST_BYTES = 1024
    response = client.post(EXTRACT, {"text": "x" * 5000}, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request is larger than")


def test_a_request_under_the_cap_goes_through(client, settings, db):
    settings.SKILLSNET_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(EXTRACT, {"text": "PCR"}, content_type="application/json")
    assert response.status_code == 200


def test_a_bad_content_length_is_a_400(client, db):
    response = client.generic("POST", EXTRACT, b"{}", content_type="application/json", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def test_uploads_above_the_memory_threshold_are_streamed_to_temporary_files(settings):
    # The default cap admits a 20 MB lesson file; files above 2 MB go to a temporary file, not memory.
    assert settings.SKILLSNET_MAX_REQUEST_BYTES == 24 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    assert "skillsnet.middleware.RequestSizeLimitMiddleware" in settings.MIDDLEWARE[:2]
