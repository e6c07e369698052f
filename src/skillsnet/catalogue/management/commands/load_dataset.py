"""`skillsnet load_dataset`: make the catalogue match the curated dataset (checked first, one transaction)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillsnet.catalogue.dataset import DatasetError
from skillsnet.catalogue.services import LoadError, dataset_load


class Command(BaseCommand):
    help = "Check data/*.yaml and load it: upsert by slug, remove what the files dropped, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=None, help="Dataset folder (default: settings.DATA_DIR).")

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data"] or Path(settings.DATA_DIR)
        started = time.perf_counter()
        try:
            report = dataset_load(data_dir=data_dir)
        except DatasetError as exc:
            count = len(exc.problems)
            raise CommandError(
                f"Nothing was loaded: {count} problem{'s' if count != 1 else ''} in {data_dir}:\n{exc}"
            ) from None
        except LoadError as exc:
            raise CommandError(str(exc)) from None
        elapsed = time.perf_counter() - started
        for label, changes in report.changes.items():
            self.stdout.write(
                f"  {label:22} {changes.created:5} created {changes.updated:5} updated {changes.deleted:5} deleted"
            )
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Dataset loaded in {elapsed:.2f} s; catalogue version bumped."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Dataset checked in {elapsed:.2f} s: the catalogue already matches."))
