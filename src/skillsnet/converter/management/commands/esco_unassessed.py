"""`skillsnet esco_unassessed`: the ESCO occupations the Converter cannot assess, for reviewing the bridge.

Each job is tried on its own through the same services as the pages (`profile_build`, `roles_assess`); for
those with too little evidence it lists the essential ESCO skills that have no reviewed link to a curated
skill (data/esco_bridge_review.yaml is where a reviewer decides whether any of them evidences one).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillsnet.converter import services


class Command(BaseCommand):
    help = (
        "Maintainers: list the ESCO occupations the Converter cannot assess (too few relevant skills) and their "
        "essential ESCO skills with no reviewed bridge link, then those skills by how many such jobs need them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--top", type=int, default=50, metavar="N", help="How many unlinked skills to rank (0–1000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 <= options["top"] <= 1000:
            raise CommandError("--top must be between 0 and 1000.")
        tried, jobs = services.unassessed_esco_jobs()
        if not tried:
            raise CommandError("No occupation has an ESCO URI: import ESCO first (skillsnet import_esco).")
        self.stdout.write(f"{len(jobs):,} of {tried:,} ESCO occupations cannot be assessed on their own.")
        needed: Counter[str] = Counter()
        for job in jobs:
            needed.update(job.unlinked_essentials)
            skills = "; ".join(job.unlinked_essentials) or "(none: every essential skill is linked)"
            self.stdout.write(
                f"- {job.title} <{job.esco_uri}> ({job.relevant_skills} relevant skills, best fit "
                f"{job.best_fit:.0%}): {skills}"
            )
        if options["top"] and needed:
            self.stdout.write("\nEssential ESCO skills with no link, by how many of these jobs need them:")
            for name, count in needed.most_common(options["top"]):
                self.stdout.write(f"{count:4d}  {name}")
