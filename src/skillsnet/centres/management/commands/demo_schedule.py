"""`skillsnet demo_schedule`: bookable runs for the next months at every centre (idempotent)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from skillsnet.centres.demo import demo_schedule_create
from skillsnet.centres.seats import BookingError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--start must be a date like 2027-01-31, not {text!r}.") from None


class Command(BaseCommand):
    help = "Schedule demo runs of each centre's on-site and blended courses; re-running adds nothing twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", default=None, help="First day to schedule from (YYYY-MM-DD; default today).")
        parser.add_argument("--months", type=int, default=6, help="How many months to fill (1–24; default 6).")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"]) if options["start"] else timezone.localdate()
        try:
            report = demo_schedule_create(start=start, months=options["months"])
        except BookingError as exc:
            raise CommandError(exc.message) from None
        if not report.created and not report.existing:
            self.stdout.write(
                "No runs scheduled: no centre delivers an on-site or blended course yet (load the dataset)."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"{report.created} runs scheduled, {report.existing} already there, from {start}.")
        )
