"""`skillsnet validate_dataset`: check the curated dataset without touching the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillsnet.catalogue.dataset import DatasetError, read_dataset


class Command(BaseCommand):
    help = "Check data/*.yaml against docs/DATA.md and list every problem with its file, line and field."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=None, help="Dataset folder (default: settings.DATA_DIR).")

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data"] or Path(settings.DATA_DIR)
        try:
            dataset = read_dataset(data_dir)
        except DatasetError as exc:
            count = len(exc.problems)
            raise CommandError(f"{count} problem{'s' if count != 1 else ''} in {data_dir}:\n{exc}") from None
        self.stdout.write(self.style.SUCCESS(f"dataset OK: {dataset.summary()}"))
