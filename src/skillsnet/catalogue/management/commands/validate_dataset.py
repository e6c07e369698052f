"""`skillsnet validate_dataset`: check the curated dataset without touching the database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillsnet.catalogue.dataset import DatasetError, check_job_titles_against_esco, read_dataset


def default_esco_export(data_dir: Path) -> Path | None:
    """Where the ESCO export is when no --esco is given: $ESCO_DIR, else data/esco when it holds files."""
    if os.environ.get("ESCO_DIR"):
        return Path(os.environ["ESCO_DIR"])
    shipped = data_dir / "esco"
    return shipped if shipped.is_dir() and any(shipped.iterdir()) else None


class Command(BaseCommand):
    help = (
        "Check data/*.yaml against docs/DATA.md and list every problem with its file, line and field; "
        "with the ESCO export at hand, also check that every job title names a real ESCO occupation."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=None, help="Dataset folder (default: settings.DATA_DIR).")
        parser.add_argument(
            "--esco", type=Path, default=None, help="The ESCO v1.1.1 export (default: $ESCO_DIR, else data/esco)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from skillsnet.catalogue.esco import EscoImportError, read_export

        data_dir = options["data"] or Path(settings.DATA_DIR)
        try:
            dataset = read_dataset(data_dir)
        except DatasetError as exc:
            count = len(exc.problems)
            raise CommandError(f"{count} problem{'s' if count != 1 else ''} in {data_dir}:\n{exc}") from None
        esco_path = options["esco"] or default_esco_export(data_dir)
        note = "Job titles not checked against ESCO (no export: set ESCO_DIR or use --esco)."
        if not dataset.job_titles:
            note = ""
        elif esco_path is not None:
            try:
                export = read_export(esco_path)
            except EscoImportError as exc:
                raise CommandError(f"The ESCO export cannot be read: {exc}") from None
            problems = check_job_titles_against_esco(dataset, {o.uri: o.title for o in export.occupations})
            if problems:
                count = len(problems)
                listed = "\n".join(f"{data_dir / 'job_titles.yaml'}: {p}" for p in problems)
                raise CommandError(f"{count} problem{'s' if count != 1 else ''} in {data_dir}:\n{listed}")
            note = f"Job titles checked against the ESCO export at {esco_path}."
        self.stdout.write(self.style.SUCCESS(f"dataset OK: {dataset.summary()}"))
        if note:
            self.stdout.write(note)
