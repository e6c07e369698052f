"""Put background tasks left RUNNING by a worker that died back in the queue.

`django_tasks_db` marks a task RUNNING when a worker claims it and SUCCEEDED/FAILED when it ends. A
worker killed in between (kill -9, out of memory, the machine lost) leaves the row RUNNING for ever: no
other worker picks it up, because workers only take READY rows. This command puts such rows back to
READY so the next worker runs them again. Tasks must therefore be safe to run twice — ours are (emails
carry idempotency keys, services check state) — see "Failure and recovery" in docs/OPERATIONS.md.

Run it from cron every few minutes with an age well above the longest task:
    */5 * * * * skillsnet requeue_stale_tasks --older-than 30
"""

from __future__ import annotations

import argparse
import logging
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _minutes(value: str) -> float:
    try:
        minutes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of minutes.") from None
    if not minutes >= 0 or minutes == float("inf"):
        raise argparse.ArgumentTypeError("The age must be a finite number of minutes, 0 or more.")
    return minutes


def requeue_stale_tasks(*, older_than: timedelta, dry_run: bool = False) -> list[str]:
    """Move tasks RUNNING since before now − `older_than` back to READY; returns their ids.

    One UPDATE with the status in its WHERE clause, so a task that finishes meanwhile is left alone.
    """
    cutoff = timezone.now() - older_than
    stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    with transaction.atomic():
        ids = [str(pk) for pk in stale.select_for_update().values_list("id", flat=True)]
        if not dry_run and ids:
            # started_at is kept (and worker_ids keeps the dead worker's id) so the history shows the retry.
            DBTaskResult.objects.running().filter(id__in=ids).update(status=TaskResultStatus.READY)
    return ids


class Command(BaseCommand):
    help = "Put tasks left RUNNING by a worker that died (longer than --older-than minutes) back to READY."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--older-than",
            type=_minutes,
            required=True,
            metavar="MINUTES",
            help="Only tasks that started at least this many minutes ago: more than your longest task takes. "
            "0 takes every RUNNING task, which is safe only when no worker is running.",
        )
        parser.add_argument("--dry-run", action="store_true", help="List the tasks; change nothing.")

    def handle(self, *args: Any, older_than: float, dry_run: bool, **options: Any) -> None:
        try:
            ids = requeue_stale_tasks(older_than=timedelta(minutes=older_than), dry_run=dry_run)
        except Exception as exc:  # the database is down, the table is missing: say so, exit 1
            raise CommandError(f"Could not requeue stale tasks: {exc}") from exc
        verb = "would requeue" if dry_run else "requeued"
        for task_id in ids:
            self.stdout.write(f"{verb} {task_id}")
        self.stdout.write(f"{len(ids)} stale task(s) {verb} (running for more than {older_than:g} minutes).")
        if ids and not dry_run:
            logger.warning("Requeued %d task(s) left RUNNING by a worker that stopped.", len(ids))
