"""Erasure reaches background tasks: queued and finished emails to the person go at once, and the
confirmation of the erasure leaves no stored result once it is sent."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from skillsnet.accounts import privacy
from skillsnet.tasks import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL = "dana.delete@example.com"


def run_worker() -> None:
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)


def mentioning(text: str) -> list[Any]:
    return [r for r in DBTaskResult.objects.all() if text in str(r.args_kwargs) + str(r.return_value) + r.traceback]


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_deleting_an_account_removes_its_task_results_and_queued_emails_at_once(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = make_user(EMAIL, full_name="Dana Delete")
    send_email.enqueue(to=[EMAIL], subject="Welcome", body="Hello Dana Delete")
    run_worker()  # sent: a SUCCESSFUL row with the address and the body
    send_email.enqueue(to=[EMAIL], subject="Reminder", body="Hello again Dana Delete")  # still queued
    other = send_email.enqueue(to=["olu.other@example.com"], subject="Hi", body="Hello Olu")
    assert len(mentioning(EMAIL)) == 2
    summary = {s.key: s.count for s in privacy.data_summary(user=user)}
    assert summary["task_results"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        report = privacy.account_delete(user=user)
    assert report.counts["task_results"] == {"deleted": 2}
    # Only the confirmation of the erasure is left, marked to be forgotten once it is sent.
    left = mentioning(EMAIL)
    assert [r.args_kwargs["kwargs"]["subject"] for r in left] == ["Your skillsnet account has been deleted"]
    assert left[0].args_kwargs["kwargs"]["forget"] is True
    assert DBTaskResult.objects.filter(id=other.id).exists()  # other people's tasks are untouched

    mail.outbox.clear()
    run_worker()
    to_them = [m.subject for m in mail.outbox if m.to == [EMAIL]]
    assert to_them == ["Your skillsnet account has been deleted"]  # the queued "Reminder" never went
    assert mentioning(EMAIL) == []
    assert mentioning("Dana Delete") == []


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_running_task_is_scrubbed_rather_than_deleted(make_user: Any) -> None:
    user = make_user(EMAIL)
    queued = send_email.enqueue(to=[EMAIL], subject="Welcome", body="Hello")
    DBTaskResult.objects.get(id=queued.id).claim("a-worker")
    report = privacy.account_delete(user=user)
    assert report.counts["task_results"] == {"scrubbed": 1}
    row = DBTaskResult.objects.get(id=queued.id)
    assert row.args_kwargs == {"args": [], "kwargs": {}}
    assert EMAIL not in str(row.args_kwargs)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_forgotten_email_that_fails_keeps_its_failure_but_not_the_address() -> None:
    queued = send_email.enqueue(to=[EMAIL], subject="Bye", body="Goodbye", forget=True)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError(f"refused {EMAIL}")):
        run_worker()
    row = DBTaskResult.objects.get(id=queued.id)
    assert row.status == "FAILED"
    assert EMAIL not in str(row.args_kwargs) + row.traceback
