from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from skillsnet.tasks import enqueue_on_commit, send_email


def test_send_email_task_sends_through_the_configured_backend():
    result = send_email.enqueue(to=["a@example.com"], subject="Hello", body="Body")
    assert result.return_value == 1
    assert mail.outbox[-1].subject == "Hello"


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_waits_for_the_commit_and_skips_a_rollback():
    def enqueue_then_fail() -> None:
        with transaction.atomic():
            enqueue_on_commit(send_email, to=["a@example.com"], subject="Rolled back", body="")
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        enqueue_then_fail()
    assert not [m for m in mail.outbox if m.subject == "Rolled back"]
    with transaction.atomic():
        enqueue_on_commit(send_email, to=["a@example.com"], subject="Committed", body="")
        assert not [m for m in mail.outbox if m.subject == "Committed"]
    assert [m for m in mail.outbox if m.subject == "Committed"]
