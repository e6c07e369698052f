"""`skillsnet import_esco PATH`: load the official ESCO v1.1.1 CSV export (see catalogue/esco.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn

from skillsnet.catalogue import esco
from skillsnet.catalogue.versioning import catalogue_version


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[esco.ProgressCallback | None]:
    """A rich progress bar on stderr, one line per stage; None when disabled."""
    if not enabled:
        yield None
        return
    tasks: dict[str, TaskID] = {}
    columns = (TextColumn("{task.description:<40}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _line(what: str, tally: esco.Tally) -> str:
    return f"{what}: {tally.created:,} created, {tally.updated:,} updated, {tally.unchanged:,} unchanged"


def summary(report: esco.ImportReport, version: int) -> list[str]:
    lines = [
        _line("Skills", report.skills) + f" ({report.skills.curated:,} of them curated skills, enriched)",
        _line("Occupations", report.occupations)
        + f" ({report.occupations.curated:,} of them curated occupations, enriched)",
        _line("Relations", report.relations) + f" (of {report.relation_rows:,} rows in the export)",
    ]
    if report.job_titles_updated:
        lines.append(
            f"Job titles: {report.job_titles_updated:,} occupations given their UK titles from data/job_titles.yaml."
        )
    if report.relations_of_curated_occupations:
        lines.append(
            f"Skipped {report.relations_of_curated_occupations:,} relations of curated occupations "
            "(their curated skills stay authoritative)."
        )
    if report.dangling_relations:
        lines.append(
            f"Skipped {report.dangling_relations:,} relations naming an occupation or skill the export does not define."
        )
    left = [
        (report.skills.not_in_export, "skills"),
        (report.occupations.not_in_export, "occupations"),
        (report.relations.not_in_export, "relations"),
    ]
    if any(count for count, _ in left):
        counts = ", ".join(f"{count:,} {what}" for count, what in left)
        lines.append(f"Left in place, though no longer in this export: {counts} from an earlier ESCO import.")
    if report.catalogue_version_bumped:
        lines.append(f"Catalogue version is now {version}.")
    else:
        lines.append(f"Nothing changed; the catalogue version stays {version}.")
    return lines


class Command(BaseCommand):
    help = (
        "Import the official ESCO v1.1.1 CSV export: every occupation, skill and essential/optional relation. "
        "PATH is a folder of the CSVs, a folder holding the two official zips, or one of those zips."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the ESCO CSV export: a folder, or a .zip")
        parser.add_argument("--no-progress", action="store_true", help="do not draw the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        show_progress = not options["no_progress"] and sys.stderr.isatty()
        with _progress_bar(show_progress) as progress:
            try:
                report = esco.import_esco(path=options["path"], progress=progress)
            except esco.EscoImportError as exc:
                raise CommandError(str(exc)) from None
        for line in summary(report, catalogue_version()):
            self.stdout.write(line)
