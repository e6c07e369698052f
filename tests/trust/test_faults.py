"""Faults: the database going away, tasks that run twice, and workers that die mid-task.

`make faults` does the same things for real (PostgreSQL restarted under load, a worker killed with
SIGKILL); these tests pin each piece down quickly at its interface.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DataError, OperationalError, connections
from django.db.utils import InterfaceError
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from skillsnet.accounts.models import OutboundEmail
from skillsnet.middleware import API_DETAIL, is_database_unavailable
from skillsnet.tasks import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# ---------------------------------------------------------------- the database is down: a clean 503


def _session_touching_view(request: HttpRequest) -> HttpResponse:
    # Touches no table itself; saving the session afterwards (in SessionMiddleware) does.
    request.session["seen"] = True
    return HttpResponse("ok")


urlpatterns = [path("session-only/", _session_touching_view)]


@pytest.fixture
def database_down() -> Iterator[None]:
    """Every new cursor fails the way psycopg fails when PostgreSQL has gone (no SQLSTATE)."""
    failure = OperationalError("connection failed: server closed the connection unexpectedly")
    with mock.patch.object(connections["default"], "_cursor", side_effect=failure):
        yield


@pytest.mark.django_db
def test_a_page_answers_503_with_retry_after_when_the_database_is_down(client: Client, database_down: None) -> None:
    response = client.get("/roles/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


@pytest.mark.django_db
def test_the_api_answers_503_json_when_the_database_is_down(client: Client, database_down: None) -> None:
    response = client.get("/api/v1/roles")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"detail": API_DETAIL}


@pytest.mark.django_db
def test_an_api_write_answers_503_json_when_the_database_is_down(client: Client, database_down: None) -> None:
    response = client.post("/api/v1/converter/matches", {"occupations": ["brewer"]}, content_type="application/json")

    assert response.status_code == 503
    assert response.json() == {"detail": API_DETAIL}


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_failure_inside_other_middleware_is_a_503_too(database_down: None) -> None:
    # The session is saved by SessionMiddleware after the view: Django has already turned that
    # exception into a 500 by the time the response comes back to our middleware.
    client = Client(raise_request_exception=False)

    response = client.get("/session-only/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


@pytest.mark.django_db
def test_the_outage_is_logged_as_a_warning(client: Client, database_down: None, caplog: Any) -> None:
    with caplog.at_level(logging.WARNING, logger="skillsnet.middleware"):
        client.get("/roles/")

    assert any("Database unavailable on GET /roles/" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_healthz_still_answers_503_itself(client: Client, database_down: None) -> None:
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def _with_cause(cause: BaseException) -> OperationalError:
    exc = OperationalError(str(cause))
    exc.__cause__ = cause
    return exc


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("exc", "unavailable"),
    [
        (InterfaceError("connection already closed"), True),
        (OperationalError("connection failed"), True),
        (_with_cause(_PgError("08006")), True),  # connection failure
        (_with_cause(_PgError("57P01")), True),  # terminating connection due to administrator command
        (_with_cause(_PgError("53300")), True),  # too many connections
        (_with_cause(_PgError("40P01")), False),  # a deadlock is a bug to see, not an outage
        (ValueError("not a database error"), False),
    ],
)
def test_only_connection_level_failures_count_as_unavailable(exc: BaseException, unavailable: bool) -> None:
    assert is_database_unavailable(exc) is unavailable


def test_a_missing_sqlite_table_is_a_bug_not_an_outage() -> None:
    import sqlite3

    assert not is_database_unavailable(_with_cause(sqlite3.OperationalError("no such table: catalogue_role")))
    assert is_database_unavailable(_with_cause(sqlite3.OperationalError("database is locked")))


@pytest.mark.django_db
def test_a_bug_in_sql_stays_a_500(client: Client) -> None:
    failure = _with_cause(_PgError("42P01"))  # undefined table: a bug, not an outage
    client.raise_request_exception = False
    with mock.patch.object(connections["default"], "_cursor", side_effect=failure):
        response = client.get("/api/v1/roles")

    assert response.status_code == 500


# ---------------------------------------------------------------- idempotent emails


@pytest.mark.django_db
def test_an_email_task_run_twice_with_one_key_sends_once() -> None:
    kwargs: dict[str, Any] = {
        "to": ["lee.learner@example.com"],
        "subject": "Booked",
        "body": "See you.",
        "idempotency_key": "t.1.a",
    }

    assert send_email.call(**kwargs) == 1
    assert send_email.call(**kwargs) == 0

    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get(key="t.1.a").to == "lee.learner@example.com"


@pytest.mark.django_db
def test_every_attempt_at_one_email_carries_the_same_message_id() -> None:
    send_email.call(to=["a@example.com"], subject="One", body=".", idempotency_key="t.2")
    OutboundEmail.objects.all().delete()
    send_email.call(to=["a@example.com"], subject="One", body=".", idempotency_key="t.2")

    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"].startswith("<")


@pytest.mark.django_db
def test_emails_without_a_key_or_with_different_keys_all_go() -> None:
    send_email.call(to=["a@example.com"], subject="No key", body=".")
    send_email.call(to=["a@example.com"], subject="No key", body=".")
    send_email.call(to=["a@example.com"], subject="Key", body=".", idempotency_key="t.3.a")
    send_email.call(to=["a@example.com"], subject="Key", body=".", idempotency_key="t.3.b")

    assert len(mail.outbox) == 4
    assert OutboundEmail.objects.count() == 2


@pytest.mark.django_db
def test_a_failed_send_leaves_the_key_free_so_the_retry_sends() -> None:
    kwargs: dict[str, Any] = {"to": ["a@example.com"], "subject": "Retry me", "body": ".", "idempotency_key": "t.4"}
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("SMTP down")),
        pytest.raises(OSError, match="SMTP down"),
    ):
        send_email.call(**kwargs)
    assert not OutboundEmail.objects.filter(key="t.4").exists()

    assert send_email.call(**kwargs) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_it_refuses_an_overlong_key() -> None:
    with pytest.raises(ValueError, match="at most 200 characters"):
        send_email.call(to=["a@example.com"], subject=".", body=".", idempotency_key="k" * 201)


@pytest.fixture
def run(db: None) -> Any:
    from skillsnet.catalogue.models import Course, Provider
    from skillsnet.centres.models import Centre, CourseRun, RunSession

    now = timezone.now()
    provider = Provider.objects.create(slug="cgt-catapult", name="CGT Catapult")
    course = Course.objects.create(
        slug="aseptic-practical", title="Aseptic practice", provider=provider, mode="on-site", hours=7, level=3
    )
    centre = Centre.objects.create(
        slug="roslinct", name="RoslinCT", organisation="RoslinCT", region="Scotland", latitude=55.9, longitude=-3.1
    )
    centre.courses.add(course)
    run = CourseRun.objects.create(
        course=course,
        centre=centre,
        capacity=5,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=now + timedelta(days=9),
    )
    starts = now + timedelta(days=10)
    RunSession.objects.create(run=run, starts_at=starts, ends_at=starts + timedelta(hours=7))
    return run


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_booking_email_retried_after_a_dead_worker_is_sent_once(
    run: Any, learner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from skillsnet.centres import services
    from skillsnet.centres.notifications import send_booking_email

    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(run=run, learner=learner)
    queued = DBTaskResult.objects.get(task_path__endswith="send_booking_email")
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs["idempotency_key"] == f"centres.booking.{booking.pk}.confirmed"
    _claim_as_dead_worker(str(queued.id), minutes_ago=45)
    send_booking_email.call(**kwargs)  # the dead worker sent it, then died before recording success

    call_command("requeue_stale_tasks", "--older-than", "30", stdout=_Sink())
    _run_worker()

    assert DBTaskResult.objects.get(id=queued.id).status == "SUCCESSFUL"
    assert [m.subject for m in mail.outbox] == ["Your place is booked: Aseptic practice"]


@pytest.mark.django_db
def test_two_sweeps_of_renewal_reminders_send_one_email(learner: Any, run: Any) -> None:
    from skillsnet.centres.models import Booking, BookingStatus, PracticalQualification
    from skillsnet.centres.notifications import send_renewal_email

    booking = Booking.objects.create(run=run, learner=learner, status=BookingStatus.ATTENDED)
    qualification = PracticalQualification.objects.create(
        learner=learner,
        course=run.course,
        booking=booking,
        issued_on=timezone.localdate(),
        expires_on=timezone.localdate(),
    )

    send_renewal_email.call(qualification_id=qualification.pk)
    send_renewal_email.call(qualification_id=qualification.pk)

    assert len(mail.outbox) == 1


# ---------------------------------------------------------------- one credential per completion


@pytest.fixture
def signing_key(settings: Any) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.CREDENTIALS_SIGNING_KEY = key.decode()
    settings.XAPI_LRS_ENDPOINT = ""


@pytest.mark.django_db
def test_completing_a_course_twice_issues_one_credential(learner: Any, signing_key: None) -> None:
    from skillsnet.catalogue.models import Course, Provider
    from skillsnet.learning import services
    from skillsnet.learning.models import ContentStatus, Credential

    provider = Provider.objects.create(slug="cgt-catapult", name="CGT Catapult")
    course = Course.objects.create(
        slug="gmp-essentials", title="GMP essentials", provider=provider, mode="online", hours=2, level=2
    )
    module = services.module_save(course=course, title="Basics", status=ContentStatus.PUBLISHED)
    lesson = services.lesson_save(
        module=module, title="GMP in one page", body="Quality.", status=ContentStatus.PUBLISHED
    )
    enrolment = services.enrolment_create(learner=learner, course=course)

    services.lesson_complete(enrolment=enrolment, lesson=lesson)
    services.lesson_complete(enrolment=enrolment, lesson=lesson)  # a double submit, or a retried request
    enrolment.refresh_from_db()
    again = services.credential_issue(
        learner=learner, achievement_name=course.title, description="", skills=[], source_object=enrolment
    )

    credentials = Credential.objects.filter(learner=learner)
    assert credentials.count() == 1
    assert again.pk == credentials.get().pk


# ---------------------------------------------------------------- tasks left RUNNING by a dead worker


def _run_worker() -> None:
    """`skillsnet db_worker --batch` inside the test's transaction. The worker closes connections it
    thinks stale between tasks, which inside a test transaction would close the test's own one."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)


def _claim_as_dead_worker(task_id: str, *, minutes_ago: int) -> None:
    from django_tasks_db.models import DBTaskResult

    result = DBTaskResult.objects.get(id=task_id)
    result.claim("dead-worker")
    DBTaskResult.objects.filter(id=task_id).update(started_at=timezone.now() - timedelta(minutes=minutes_ago))


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_left_running_by_a_dead_worker_runs_again_and_sends_once() -> None:
    from django_tasks_db.models import DBTaskResult

    kwargs: dict[str, Any] = {"to": ["a@example.com"], "subject": "Queued", "body": ".", "idempotency_key": "t.requeue"}
    stale = send_email.enqueue(**kwargs)
    _claim_as_dead_worker(stale.id, minutes_ago=45)

    call_command("requeue_stale_tasks", "--older-than", "30", stdout=_Sink())
    assert DBTaskResult.objects.get(id=stale.id).status == "READY"
    _run_worker()

    assert DBTaskResult.objects.get(id=stale.id).status == "SUCCESSFUL"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_the_dead_worker_had_already_sent_so_the_rerun_sends_nothing() -> None:
    from django_tasks_db.models import DBTaskResult

    kwargs: dict[str, Any] = {"to": ["a@example.com"], "subject": "Sent", "body": ".", "idempotency_key": "t.sent"}
    stale = send_email.enqueue(**kwargs)
    _claim_as_dead_worker(stale.id, minutes_ago=45)
    send_email.call(**kwargs)  # what the dead worker did before it died: sent and committed

    call_command("requeue_stale_tasks", "--older-than", "30", stdout=_Sink())
    _run_worker()

    result = DBTaskResult.objects.get(id=stale.id)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_it_leaves_recent_running_and_finished_tasks_alone() -> None:
    from django_tasks_db.models import DBTaskResult

    recent = send_email.enqueue(to=["a@example.com"], subject="Recent", body=".")
    _claim_as_dead_worker(recent.id, minutes_ago=5)
    waiting = send_email.enqueue(to=["a@example.com"], subject="Waiting", body=".")
    out = _Sink()

    call_command("requeue_stale_tasks", "--older-than", "30", stdout=out)

    assert DBTaskResult.objects.get(id=recent.id).status == "RUNNING"
    assert DBTaskResult.objects.get(id=waiting.id).status == "READY"
    assert "0 stale task(s) requeued" in out.text


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_dry_run_lists_and_changes_nothing() -> None:
    from django_tasks_db.models import DBTaskResult

    stale = send_email.enqueue(to=["a@example.com"], subject="Stale", body=".")
    _claim_as_dead_worker(stale.id, minutes_ago=60)
    out = _Sink()

    call_command("requeue_stale_tasks", "--older-than", "30", "--dry-run", stdout=out)

    assert f"would requeue {stale.id}" in out.text
    assert DBTaskResult.objects.get(id=stale.id).status == "RUNNING"


@pytest.mark.parametrize("bad", ["-1", "soon", "inf", "nan"])
def test_it_refuses_a_bad_age_with_a_sentence(bad: str) -> None:
    with pytest.raises(CommandError, match="minutes"):
        call_command("requeue_stale_tasks", "--older-than", bad)


class _Sink:
    """A stdout for call_command that keeps what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


# ---------------------------------------------------------------- input the database refuses: 400 / 422

REFUSED = DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")


@pytest.mark.django_db
def test_a_value_the_database_refuses_is_a_400_page_not_a_500(client: Client) -> None:
    with mock.patch("skillsnet.catalogue.views.selectors.role_list", side_effect=REFUSED):
        response = client.get("/roles/?max_entry_level=3")
    assert response.status_code == 400
    assert b"There is a problem with what was sent" in response.content


@pytest.mark.django_db
def test_a_value_the_database_refuses_is_a_422_for_the_api(client: Client) -> None:
    with mock.patch("skillsnet.catalogue.api.selectors.role_list", side_effect=REFUSED):
        response = client.get("/api/v1/roles")
    assert response.status_code == 422
    assert "control character" in response.json()["detail"]


@pytest.mark.django_db
def test_a_nul_byte_in_a_search_never_causes_a_server_error(client: Client) -> None:
    # On PostgreSQL this is the DataError above; on SQLite the search simply finds nothing.
    for url in ("/api/v1/runs?centre=%00x", "/api/v1/skills?q=gm%00p", "/training-centres/?centre=%00"):
        assert client.get(url).status_code in (200, 400, 422), url
