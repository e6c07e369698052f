"""Property-based fuzzing of the whole JSON API from its own OpenAPI document (schemathesis).

Every operation the API publishes gets a bounded number of generated requests, valid and invalid,
against a database holding the real dataset. Every response must be free of server errors and conform to
the schema the API documents for its status code. A new endpoint is fuzzed without anyone adding a test.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from skillsnet.catalogue.snapshot import clear_snapshot_cache

EXAMPLES_PER_OPERATION = 30

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.response_schema_conformance]


@pytest.fixture
def dataset(db, settings):
    # Anonymous API calls are rate-limited; the fuzzer is one very busy anonymous client.
    settings.CONVERTER_ANON_RATE_PER_MINUTE = 1_000_000
    call_command("load_dataset", verbosity=0)
    clear_snapshot_cache()
    # The fuzzer calls the real WSGI handler, which closes the database connection after each request;
    # inside the test's transaction that would close the test's own connection (PostgreSQL). Django's
    # test client detaches the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_publishes_operations_to_fuzz():
    assert len(OPERATIONS) >= 15, [op.label for op in OPERATIONS]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_operation_never_errors_and_matches_its_schema(operation, dataset):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    fuzz()
