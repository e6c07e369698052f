"""Forwarding one statement to the LRS, with retries and exponential backoff.

Idempotent by statement id: a statement already forwarded is skipped, and the LRS itself treats a second
`PUT /statements?statementId=…` with the same statement as a no-op.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from skillsnet.learning import lrs
from skillsnet.learning.models import Statement

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 30


def backoff(attempts: int) -> timedelta:
    """30 s, 60 s, 2 min, 4 min, 8 min … after the 1st, 2nd, 3rd … failed attempt."""
    return timedelta(seconds=BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0))


def _schedule_retry(statement_id: str, attempts: int) -> bool:
    from skillsnet.learning.tasks import forward_statement

    backend = forward_statement.get_backend()
    if not backend.supports_defer:
        # The immediate backend (development) cannot wait; `skillsnet forward_statements` retries later.
        return False
    deferred = forward_statement.using(run_after=timezone.now() + backoff(attempts))
    transaction.on_commit(lambda: deferred.enqueue(statement_id=statement_id))
    return True


@transaction.atomic
def statement_forward(*, statement_id: str) -> str:
    """One attempt at sending a statement; returns what happened (for the task result and the logs)."""
    statement = Statement.objects.select_for_update().filter(pk=statement_id).first()
    if statement is None:
        return "gone"
    if statement.forwarded_at is not None:
        return "already forwarded"
    outcome = lrs.send(lrs.statement_url(str(statement.pk)), lrs.payload(statement.data), lrs.headers())
    statement.forward_attempts += 1
    if outcome.ok:
        statement.forwarded_at = timezone.now()
        statement.forward_error = ""
        statement.save(update_fields=["forwarded_at", "forward_attempts", "forward_error"])
        return "forwarded"
    statement.forward_error = (outcome.error or f"HTTP {outcome.status}")[:300]
    statement.save(update_fields=["forward_attempts", "forward_error"])
    if outcome.retryable and statement.forward_attempts < MAX_ATTEMPTS:
        if _schedule_retry(str(statement.pk), statement.forward_attempts):
            return "retry scheduled"
        return "failed, retry later"
    logger.warning("xAPI statement %s not forwarded: %s", statement.pk, statement.forward_error)
    return "failed"
