from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from skillsnet.orgkeys.webhooks import send_due


class Command(BaseCommand):
    help = "Attempt every webhook delivery that is due (retries with backoff); idempotent, for cron."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_due()} webhook deliveries attempted")
