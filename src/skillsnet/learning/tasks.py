"""Background work of online learning: forwarding xAPI statements to an external LRS."""

from __future__ import annotations

from django_tasks import task

from skillsnet.learning.forwarding import statement_forward


@task()
def forward_statement(*, statement_id: str) -> str:
    """Send one statement to the LRS; retries itself with exponential backoff (see forwarding.py)."""
    return statement_forward(statement_id=statement_id)
