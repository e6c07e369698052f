"""Every status code the API answers with is in its OpenAPI document (schemathesis' status-code conformance),
anonymously and signed in, with a bounded number of examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, given, settings

from skillsnet.catalogue.snapshot import clear_snapshot_cache

EXAMPLES_PER_OPERATION = 15

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.status_code_conformance]


@pytest.fixture
def dataset(db, settings):
    settings.CONVERTER_ANON_RATE_PER_MINUTE = 1_000_000
    call_command("load_dataset", verbosity=0)
    clear_snapshot_cache()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_common_answers_are_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    book = paths["/api/v1/runs/{run_id}/book"]["post"]["responses"]
    assert {"401", "403", "413", "422", "503"} <= set(book)
    roles = paths["/api/v1/roles"]["get"]["responses"]
    assert "503" in roles
    assert "403" not in roles  # reads need no CSRF token


@pytest.mark.parametrize("who", ["anonymous", "signed in"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_every_answer_is_documented(operation, who, dataset, make_user):
    headers = {}
    if who == "signed in":
        from django.test import Client

        client = Client()
        client.force_login(make_user("fuzz.person@example.com"), backend="django.contrib.auth.backends.ModelBackend")
        # A CSRF cookie and the same secret in the header, so the signed-in writes reach their handlers
        # instead of all stopping at the CSRF check. (No request through the test Client here: it would
        # reconnect the connection-closing signals the `dataset` fixture disconnects.)
        token = get_random_string(32)
        headers = {
            "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}",
            "X-CSRFToken": token,
        }

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        response = case.call(headers={**(case.headers or {}), **headers})
        case.validate_response(response, checks=CHECKS)

    fuzz()
