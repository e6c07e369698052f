"""xAPI 1.0.3 learning records: every statement the app makes is valid; export; forwarding to an LRS."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillsnet.learning import forwarding, lrs, services, xapi
from skillsnet.learning.models import Statement

from .conftest import answers_for
from .xapi_validator import validate_statement

pytestmark = pytest.mark.django_db


def test_the_validator_catches_broken_statements():
    good = {
        "id": "0b7c8f4e-3a44-4e0c-9d57-8f1b9a1c2d3e",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://x.org", "name": "abc"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-GB": "completed"}},
        "object": {"objectType": "Activity", "id": "https://x.org/a"},
        "timestamp": "2026-01-02T03:04:05.000Z",
        "version": "1.0.3",
    }
    assert validate_statement(good) == []
    assert validate_statement({**good, "id": "not-a-uuid"})
    assert validate_statement({**good, "timestamp": "2026-01-02 03:04"})
    assert validate_statement({**good, "actor": {"mbox": "lee@example.com"}})
    assert validate_statement({**good, "verb": {"id": "completed"}})
    assert validate_statement({**good, "result": {"score": {"scaled": 2}}})
    assert validate_statement({k: v for k, v in good.items() if k != "object"})


def test_every_statement_of_a_learning_journey_is_valid(learner, catalogue):
    enrolment = services.enrolment_create(learner=learner, course=catalogue.essentials)
    services.lesson_start(enrolment=enrolment, lesson=catalogue.intro)
    services.lesson_complete(enrolment=enrolment, lesson=catalogue.intro)
    services.lesson_start(enrolment=enrolment, lesson=catalogue.checked)
    services.check_submit(
        enrolment=enrolment, lesson=catalogue.checked, answers=answers_for(catalogue.checked, right=False)
    )
    services.check_submit(enrolment=enrolment, lesson=catalogue.checked, answers=answers_for(catalogue.checked))
    services.statement_record(
        learner=learner,
        verb="attended",
        activity=xapi.Activity(
            id="https://skills.example.org/training-centres/runs/1/", name="Gowning", type="meeting"
        ),
    )
    statements = list(Statement.objects.filter(learner=learner))
    verbs = [s.verb for s in statements]
    for verb in ("registered", "launched", "progressed", "completed", "passed", "failed", "attended"):
        assert verb in verbs
    for statement in statements:
        assert validate_statement(statement.data) == [], statement.data
        assert statement.data["id"] == str(statement.pk)
        assert statement.data["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{statement.verb}"
        assert statement.data["actor"]["account"]["homePage"] == "https://skills.example.org"
        assert learner.email not in json.dumps(statement.data)
    passed = next(s.data for s in statements if s.verb == "passed")
    assert passed["result"] == {
        "score": {"scaled": 1.0, "raw": 2, "min": 0, "max": 2},
        "success": True,
        "completion": True,
    }
    course_done = [s.data for s in statements if s.verb == "completed" and s.object_id.endswith("/gmp-essentials/")]
    assert course_done
    assert course_done[0]["result"]["completion"] is True


def test_the_learner_exports_only_their_own_records(signed_in, learner, other_learner, catalogue):
    services.enrolment_create(learner=learner, course=catalogue.essentials)
    services.enrolment_create(learner=other_learner, course=catalogue.other)
    response = signed_in(learner).get("/training/records.json")
    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == "1.0.3"
    records = response.json()
    assert [r["object"]["definition"]["name"]["en-GB"] for r in records] == ["GMP essentials"]


def test_records_need_sign_in(client):
    assert client.get("/training/records.json").status_code == 302


class FakeLRS:
    def __init__(self, statuses: list[int]):
        self.statuses = statuses
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, url, body, headers):
        self.calls.append((url, json.loads(body), headers))
        status = self.statuses.pop(0) if self.statuses else 204
        return lrs.Outcome(status=status, error="" if status < 300 else f"HTTP {status}")


@pytest.fixture
def fake_lrs(settings, monkeypatch):
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi"
    settings.XAPI_LRS_USERNAME = "key"
    settings.XAPI_LRS_PASSWORD = "secret"

    def install(statuses: list[int]) -> FakeLRS:
        fake = FakeLRS(statuses)
        monkeypatch.setattr(lrs, "send", fake)
        return fake

    return install


def test_statements_are_forwarded_after_commit_by_id(learner, catalogue, fake_lrs, django_capture_on_commit_callbacks):
    fake = fake_lrs([204])
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(learner=learner, course=catalogue.essentials)
    statement = Statement.objects.get(learner=learner)
    assert statement.forwarded_at is not None
    url, body, headers = fake.calls[0]
    assert url == f"https://lrs.example.org/xapi/statements?statementId={statement.pk}"
    assert body["id"] == str(statement.pk)
    assert "stored" not in body
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert headers["Authorization"].startswith("Basic ")
    # Idempotent: a second run sends nothing.
    assert forwarding.statement_forward(statement_id=str(statement.pk)) == "already forwarded"
    assert len(fake.calls) == 1


def test_a_failed_forward_is_retried_later_with_backoff(learner, catalogue, fake_lrs, settings):
    fake = fake_lrs([503, 503])
    settings.XAPI_LRS_ENDPOINT = ""  # record without forwarding, then forward by hand
    statement = services.enrolment_create(learner=learner, course=catalogue.essentials) and Statement.objects.get()
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi"
    assert forwarding.statement_forward(statement_id=str(statement.pk)) == "failed, retry later"
    statement.refresh_from_db()
    assert (statement.forward_attempts, statement.forwarded_at) == (1, None)
    assert statement.forward_error == "HTTP 503"
    call_command("forward_statements")
    call_command("forward_statements")
    statement.refresh_from_db()
    assert statement.forwarded_at is not None
    assert statement.forward_attempts == 3
    assert len(fake.calls) == 3
    assert [forwarding.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_a_deferring_backend_schedules_the_retry(
    learner, catalogue, fake_lrs, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    fake_lrs([500])
    settings.XAPI_LRS_ENDPOINT = ""
    services.enrolment_create(learner=learner, course=catalogue.essentials)
    statement = Statement.objects.get()
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi"
    run_after = []
    scheduled = []
    monkeypatch.setattr(forwarding.forward_statement.get_backend(), "supports_defer", True, raising=False)

    class Deferred:
        def enqueue(self, **kwargs):
            scheduled.append(kwargs)

    def using(self, **kwargs):
        run_after.append(kwargs["run_after"])
        return Deferred()

    monkeypatch.setattr(type(forwarding.forward_statement), "using", using)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert forwarding.statement_forward(statement_id=str(statement.pk)) == "retry scheduled"
    after = timezone.now()
    assert scheduled == [{"statement_id": str(statement.pk)}]
    assert len(run_after) == 1
    assert before + forwarding.backoff(1) <= run_after[0] <= after + forwarding.backoff(1)


@pytest.mark.django_db(transaction=True)
def test_the_lrs_is_called_with_no_transaction_open(learner, catalogue, fake_lrs, settings, monkeypatch):
    from django.db import connection

    settings.XAPI_LRS_ENDPOINT = ""
    services.enrolment_create(learner=learner, course=catalogue.essentials)
    statement = Statement.objects.get()
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi"
    fake = fake_lrs([503])
    seen = []

    def send(*args):
        # The attempt is claimed and committed before the call, and no row lock is held during it.
        seen.append((connection.in_atomic_block, Statement.objects.get(pk=statement.pk).forward_attempts))
        return fake(*args)

    monkeypatch.setattr(lrs, "send", send)
    assert forwarding.statement_forward(statement_id=str(statement.pk)) == "failed, retry later"
    assert seen == [(False, 1)]
    statement.refresh_from_db()
    assert (statement.forward_attempts, statement.forward_error) == (1, "HTTP 503")


def test_a_rejected_statement_is_not_retried(learner, catalogue, fake_lrs, settings):
    fake = fake_lrs([400])
    settings.XAPI_LRS_ENDPOINT = ""
    services.enrolment_create(learner=learner, course=catalogue.essentials)
    statement = Statement.objects.get()
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi"
    assert forwarding.statement_forward(statement_id=str(statement.pk)) == "failed"
    assert len(fake.calls) == 1


def test_forward_statements_needs_an_lrs(settings):
    settings.XAPI_LRS_ENDPOINT = ""
    with pytest.raises(CommandError, match="XAPI_LRS_ENDPOINT is not set"):
        call_command("forward_statements")


def test_the_real_transport_refuses_a_non_http_endpoint():
    assert lrs.send("file:///etc/passwd", b"{}", {}).status == 400
