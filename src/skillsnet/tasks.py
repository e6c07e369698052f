"""Background tasks shared by every app (Django's Tasks API, through django-tasks).

Tasks are thin: they take plain values or primary keys and call a service. Enqueue them with
`enqueue_on_commit` so a task never runs for a transaction that was rolled back.

Emails are sent **at least once, and once in practice**: give `send_email` (or `send_once`) an
idempotency key and the key is recorded in `OutboundEmail` in the same transaction that sends the
message; a second run of the task (a retry after a worker died, a task enqueued twice) finds the key
and sends nothing. The one window left is a worker killed after the mail server accepted the message
but before that transaction committed: the retry sends it again. We prefer that to the opposite choice
(record first, send after), which would silently lose the email instead. The Message-ID is derived
from the key, so even that duplicate is recognisable as the same message by mail servers and clients.
See "Failure and recovery" in docs/OPERATIONS.md.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

KEY_MAX_LENGTH = 200


def message_id_for(idempotency_key: str) -> str:
    """A stable RFC 5322 Message-ID for a key, so every attempt at one email carries the same id."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "skillsnet.localhost"
    return f"<{digest}@{domain}>"


def send_once(message: EmailMessage, *, idempotency_key: str | None = None) -> int:
    """Send `message`; with a key, only if no earlier attempt with that key has been sent.

    Returns the number of messages sent (0 or 1). An exception from the mail backend rolls the key
    back, so the retry sends.
    """
    if not idempotency_key:
        return message.send()
    if len(idempotency_key) > KEY_MAX_LENGTH:
        raise ValueError(f"An idempotency key is at most {KEY_MAX_LENGTH} characters; got {len(idempotency_key)}.")
    from skillsnet.accounts.models import OutboundEmail

    message.extra_headers["Message-ID"] = message_id_for(idempotency_key)
    own_transaction = not connection.in_atomic_block
    with transaction.atomic():
        # A second sender of the same key waits here on the unique index until the first commits
        # (PostgreSQL), or behind the first writer (SQLite), then finds the row and sends nothing.
        _, created = OutboundEmail.objects.get_or_create(
            key=idempotency_key,
            defaults={"to": ", ".join(message.to), "subject": message.subject[:300], "sent_at": timezone.now()},
        )
        if not created:
            return 0
        if own_transaction and connection.vendor == "postgresql":
            # The duplicate window is the time from the send to the end of COMMIT; without this the
            # COMMIT waits for a disk flush. Losing this row in a PostgreSQL crash only means a resend.
            # (Never inside a caller's transaction: their writes keep their durability.)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # Sending is the last step before the commit, to keep the duplicate window as short as it can be.
        return message.send()


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    idempotency_key: str | None = None,
    forget: bool = False,
) -> int:
    """Send one email; returns the number of messages sent (0 or 1, 0 when the key was already sent).

    `forget=True` deletes the task's stored result (its arguments hold the address and the body) as soon as
    the email is sent, and scrubs it if sending failed: for mail to someone whose data has just been erased.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return send_once(message, idempotency_key=idempotency_key)


def enqueue_on_commit(task_obj: Any, /, **kwargs: Any) -> None:
    """Enqueue `task_obj` with `kwargs` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task_obj.enqueue(**kwargs))


def _forget_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """On `task_finished`: a task enqueued with `forget=True` leaves nothing behind in the database backend."""
    if not (getattr(task_result, "kwargs", None) or {}).get("forget"):
        return
    try:  # the database backend's ids are UUIDs; other backends (immediate, RQ) store nothing here
        task_id = uuid.UUID(str(task_result.id))
    except ValueError:
        return
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(id=task_id)
    if getattr(task_result, "status", None) == "SUCCESSFUL":
        rows.delete()
    else:  # kept so the failure is visible, without the address or the body
        rows.update(args_kwargs={"args": [], "kwargs": {"forget": True}}, traceback="")


def connect_signals() -> None:
    from django_tasks.signals import task_finished

    task_finished.connect(_forget_finished, dispatch_uid="skillsnet.tasks.forget_finished")
