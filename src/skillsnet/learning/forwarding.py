"""Forwarding one statement to the LRS, with retries and exponential backoff.

Idempotent by statement id: a statement already forwarded is skipped, and the LRS itself treats a second
`PUT /statements?statementId=…` with the same statement as a no-op.

No row lock is held while the LRS is called: an attempt is claimed and committed (the attempt count goes up
under `select_for_update`, so a worker that dies mid-send still uses up one of the attempts), then the
statement is sent with no transaction open, then the outcome is recorded in a second short transaction.
Two workers that pick the same statement at once may both send it; the LRS's idempotency makes that
harmless, and the first recorded success wins. The task lives here, beside the code it runs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from skillsnet.learning import lrs
from skillsnet.learning.models import Statement

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 30


def backoff(attempts: int) -> timedelta:
    """30 s, 60 s, 2 min, 4 min, 8 min … after the 1st, 2nd, 3rd … failed attempt."""
    return timedelta(seconds=BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0))


@task()
def forward_statement(*, statement_id: str) -> str:
    """Send one statement to the LRS; retries itself with exponential backoff."""
    return statement_forward(statement_id=statement_id)


def _schedule_retry(statement_id: str, attempts: int) -> bool:
    backend = forward_statement.get_backend()
    if not backend.supports_defer:
        # The immediate backend (development) cannot wait; `skillsnet forward_statements` retries later.
        return False
    deferred = forward_statement.using(run_after=timezone.now() + backoff(attempts))
    transaction.on_commit(lambda: deferred.enqueue(statement_id=statement_id))
    return True


def statement_forward(*, statement_id: str) -> str:
    """One attempt at sending a statement; returns what happened (for the task result and the logs)."""
    claimed = _claim(statement_id)
    if isinstance(claimed, str):
        return claimed
    statement, attempts = claimed
    outcome = lrs.send(lrs.statement_url(str(statement.pk)), lrs.payload(statement.data), lrs.headers())
    with transaction.atomic():
        if outcome.ok:
            Statement.objects.filter(pk=statement.pk, forwarded_at__isnull=True).update(
                forwarded_at=timezone.now(), forward_error=""
            )
            return "forwarded"
        error = (outcome.error or f"HTTP {outcome.status}")[:300]
        Statement.objects.filter(pk=statement.pk, forwarded_at__isnull=True).update(forward_error=error)
        if outcome.retryable and attempts < MAX_ATTEMPTS:
            if _schedule_retry(str(statement.pk), attempts):
                return "retry scheduled"
            return "failed, retry later"
    logger.warning("xAPI statement %s not forwarded: %s", statement.pk, error)
    return "failed"


def _claim(statement_id: str) -> tuple[Statement, int] | str:
    """Count one attempt and commit it; the statement to send and its attempt number, or why not."""
    with transaction.atomic():
        statement = Statement.objects.select_for_update().filter(pk=statement_id).first()
        if statement is None:
            return "gone"
        if statement.forwarded_at is not None:
            return "already forwarded"
        statement.forward_attempts += 1
        statement.save(update_fields=["forward_attempts"])
    return statement, statement.forward_attempts
