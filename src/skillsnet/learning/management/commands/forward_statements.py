"""`skillsnet forward_statements`: send the statements the LRS has not acknowledged yet."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from skillsnet.learning.forwarding import MAX_ATTEMPTS, statement_forward
from skillsnet.learning.models import Statement


class Command(BaseCommand):
    help = "Forward xAPI statements not yet accepted by the external LRS (XAPI_LRS_ENDPOINT)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=500, help="Most statements to try in one run.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.XAPI_LRS_ENDPOINT:
            raise CommandError("XAPI_LRS_ENDPOINT is not set: there is no LRS to forward statements to.")
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        pending = Statement.objects.filter(forwarded_at__isnull=True, forward_attempts__lt=MAX_ATTEMPTS)
        outcomes: dict[str, int] = {}
        for pk in pending.order_by("timestamp").values_list("pk", flat=True)[: options["limit"]]:
            outcome = statement_forward(statement_id=str(pk))
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "nothing to send"
        self.stdout.write(f"Statements: {summary}.")
