"""Background tasks shared by every app (Django's Tasks API, through django-tasks).

Tasks are thin: they take plain values or primary keys and call a service. Enqueue them with
`enqueue_on_commit` so a task never runs for a transaction that was rolled back.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str, html_body: str | None = None) -> int:
    """Send one email; returns the number of messages sent (0 or 1)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


def enqueue_on_commit(task_obj: Any, /, **kwargs: Any) -> None:
    """Enqueue `task_obj` with `kwargs` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task_obj.enqueue(**kwargs))
