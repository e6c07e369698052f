"""Retention: `purge_expired_data` runs every registered rule (and Django's `clearsessions`)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from skillsnet.accounts.privacy.registration import registry
from skillsnet.accounts.services import audit_log


def _expired_sessions(now: datetime) -> int:
    """Django's `clearsessions`, counted: sessions past their expiry (anonymous Career Converter answers too)."""
    expired = Session.objects.filter(expire_date__lt=now).count() if "db" in settings.SESSION_ENGINE else 0
    call_command("clearsessions")
    return expired


def purge_expired_data(*, now: datetime | None = None) -> dict[str, int]:
    """Run every retention rule (each in its own transaction); returns rows removed per rule. Idempotent."""
    now = now or timezone.now()
    # Every period is checked before anything is removed: a bad setting stops the whole sweep.
    cutoffs = {rule.name: rule.cutoff(now) for rule in registry.retention.values()}
    removed = {"accounts.expired_sessions": _expired_sessions(now)}
    for rule in registry.retention.values():
        with transaction.atomic():
            removed[rule.name] = rule.purge(now, cutoffs[rule.name])
    total = {name: n for name, n in removed.items() if n}
    if total:
        audit_log(action="accounts.retention.purged", data={"removed": total})
    return removed


@task()
def purge_expired_data_task() -> dict[str, int]:
    """The retention sweep as a task, for a scheduler that enqueues tasks instead of running commands."""
    return purge_expired_data()
