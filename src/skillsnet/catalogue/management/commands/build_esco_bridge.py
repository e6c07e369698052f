"""`skillsnet build_esco_bridge`: propose ESCO → curated skill links, apply the review, write CSV and report."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillsnet.catalogue import esco, esco_bridge


class Command(BaseCommand):
    help = (
        "Maintainers: propose links from ESCO skills to curated skills (identity, hierarchy, label, related), "
        "apply the reviewer's decisions in data/esco_bridge_review.yaml, and write data/esco_bridge.csv and the "
        "review report. Same inputs, same output. Load the result with `skillsnet import_esco`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--esco", type=Path, default=None, help="the ESCO export (default data/esco)")
        parser.add_argument("--out", type=Path, default=None, help="the bridge CSV (default data/esco_bridge.csv)")
        parser.add_argument(
            "--review", type=Path, default=None, help="the review file (default data/esco_bridge_review.yaml)"
        )
        parser.add_argument(
            "--report", type=Path, default=None, help="the review report (default docs/esco-bridge-review.md)"
        )
        parser.add_argument("--data", type=Path, default=None, help="the curated dataset folder (default data/)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        out = options["out"] or esco_bridge.default_bridge_path()
        report_path = options["report"] or Path(settings.PROJECT_DIR) / "docs" / "esco-bridge-review.md"
        try:
            result, data = esco_bridge.build(
                esco_path=options["esco"], data_dir=options["data"], review_path=options["review"]
            )
        except (esco.EscoImportError, esco_bridge.BridgeError) as exc:
            raise CommandError(str(exc)) from None
        esco_bridge.write_bridge(result.links, out)
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(
            esco_bridge.report(result.links, data, result.before, result.after, result.review), encoding="utf-8"
        )
        methods = ", ".join(f"{sum(1 for link in result.links if link.method == m):,} {m}" for m in esco_bridge.METHODS)
        reviewed = sum(1 for link in result.links if link.reviewed)
        self.stdout.write(f"Proposed {result.proposals:,} links; wrote {len(result.links):,} to {out} ({methods}).")
        self.stdout.write(f"Reviewed: {reviewed:,}; proposed and not yet reviewed: {len(result.links) - reviewed:,}.")
        self.stdout.write(f"Before (identity links only): {result.before.line()}.")
        self.stdout.write(f"After (the bridge): {result.after.line()}.")
        verdict = "meets" if result.after.share >= esco_bridge.COVERAGE_TARGET else "is below"
        self.stdout.write(f"Coverage {verdict} the {esco_bridge.COVERAGE_TARGET:.0%} target.")
        self.stdout.write(f"Report: {report_path} ({time.monotonic() - started:.1f} s)")
