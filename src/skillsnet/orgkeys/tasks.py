"""Background work for organisations: one webhook delivery attempt per task (see webhooks.py)."""

from __future__ import annotations

from django_tasks import task

from skillsnet.orgkeys.webhooks import deliver


@task()
def deliver_webhook(*, delivery_id: str) -> str:
    return deliver(delivery_id=delivery_id)
