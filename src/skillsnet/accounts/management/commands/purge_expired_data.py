"""`skillsnet purge_expired_data`: the retention sweep (run daily from cron; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillsnet.accounts import privacy


class Command(BaseCommand):
    help = (
        "Delete personal data past its retention period: expired sessions, anonymous Career Converter "
        "answers, old sign-in records, declined contact requests and withdrawn consents. Safe to run often."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            removed = privacy.purge_expired_data()
        except privacy.PrivacyError as exc:
            raise CommandError(str(exc)) from None
        for name, count in removed.items():
            self.stdout.write(f"{name}: {count} removed")
        self.stdout.write(f"Removed {sum(removed.values())} in all.")
