"""`skillsnet import_esco [PATH]`: load the official ESCO v1.1.1 CSV export, by default data/esco (see esco.py)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn

from skillsnet.catalogue import esco, esco_bridge
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
    if report.relations.deleted:
        lines.append(f"Deleted {report.relations.deleted:,} relations that the export no longer holds.")
    left = [(report.skills.not_in_export, "skills"), (report.occupations.not_in_export, "occupations")]
    if any(count for count, _ in left):
        counts = ", ".join(f"{count:,} {what}" for count, what in left)
        lines.append(f"Left in place, though no longer in this export: {counts} from an earlier ESCO import.")
    if report.bridge is not None:
        b = report.bridge
        lines.append(
            f"ESCO → curated skill links: {b.created:,} created, {b.updated:,} updated, {b.deleted:,} deleted, "
            f"{b.unchanged:,} unchanged"
        )
    if report.catalogue_version_bumped:
        lines.append(f"Catalogue version is now {version}.")
    else:
        lines.append(f"Nothing changed; the catalogue version stays {version}.")
    return lines


def brief(report: esco.ImportReport, seconds: float) -> str:
    """One line for `make run`: what is in the catalogue from ESCO and whether anything changed."""
    total = [
        report.occupations.created + report.occupations.updated + report.occupations.unchanged,
        report.skills.created + report.skills.updated + report.skills.unchanged,
        report.relations.created + report.relations.updated + report.relations.unchanged,
    ]
    state = "updated" if report.changed else "already up to date"
    links = ""
    if report.bridge is not None:
        kept = report.bridge.created + report.bridge.updated + report.bridge.unchanged
        links = f", {kept:,} links to curated skills"
    counts = f"{total[0]:,} occupations, {total[1]:,} skills, {total[2]:,} relations{links}"
    return f"ESCO v1.1.1: {counts}, {state} ({seconds:.1f} s)"


class Command(BaseCommand):
    help = (
        "Import the official ESCO v1.1.1 CSV export: every occupation, skill and essential/optional relation. "
        "PATH (default data/esco, shipped in the repository) is a folder of the CSVs (plain or .csv.gz, "
        "checked against a SHA256SUMS beside them), a folder holding the two official zips, or one of those zips."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            type=Path,
            nargs="?",
            default=None,
            help="the ESCO CSV export: a folder, or a .zip (default data/esco)",
        )
        parser.add_argument("--no-progress", action="store_true", help="do not draw the progress bar")
        parser.add_argument("--brief", action="store_true", help="print one summary line (used by make run)")
        parser.add_argument(
            "--bridge",
            type=Path,
            default=None,
            help="the ESCO → curated skill links to load (default data/esco_bridge.csv when PATH is omitted)",
        )
        parser.add_argument("--no-bridge", action="store_true", help="do not load the ESCO → curated skill links")

    def handle(self, *args: Any, **options: Any) -> None:
        show_progress = not options["no_progress"] and not options["brief"] and sys.stderr.isatty()
        started = time.monotonic()
        with _progress_bar(show_progress) as progress:
            try:
                bridge = options["bridge"]
                if bridge is None and options["path"] is None and esco_bridge.default_bridge_path().is_file():
                    bridge = esco_bridge.default_bridge_path()
                if options["no_bridge"]:
                    bridge = None
                report = esco.import_esco(path=options["path"], bridge=bridge, progress=progress)
            except esco.EscoImportError as exc:
                raise CommandError(str(exc)) from None
        if options["brief"]:
            self.stdout.write(brief(report, time.monotonic() - started))
            return
        for line in summary(report, catalogue_version()):
            self.stdout.write(line)
