"""`skillsnet convert`: the Career Converter on the command line (the same services as the pages and API).

skillsnet convert --from "brew house operator" --skill gmp:2 --cv cv.pdf
skillsnet convert --from biomedical-scientist --role qc-analyst --plan --start 2026-01-05 --hours-per-week 8
skillsnet convert --from brew-house-operator --json
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from skillsnet.catalogue.snapshot import engine_snapshot, occupation_specs
from skillsnet.converter import serializers, services
from skillsnet.converter.api import MatchesOut, MatchOut, PlanOut
from skillsnet.converter.documents import MAX_BYTES, DocumentError, read_document
from skillsnet.converter.selectors import occupation_suggestions

SKILL_RE = re.compile(r"^(?P<skill>[a-z0-9][a-z0-9-]*):(?P<level>-?\d+)$")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"'{value}' is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Rank industry roles for previous jobs, self-rated skills and/or a CV, or plan the training for one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from",
            dest="occupations",
            action="append",
            default=[],
            metavar="JOB",
            help="A previous or current job: a title (the best search match is used), a slug or an ESCO URI. Up to 3.",
        )
        parser.add_argument(
            "--skill",
            dest="skills",
            action="append",
            default=[],
            metavar="SLUG:LEVEL",
            help="A self-rated skill, level 0–4.",
        )
        parser.add_argument("--cv", type=Path, default=None, metavar="FILE", help="A CV: PDF, DOCX or TXT, up to 5 MB.")
        parser.add_argument(
            "--credential",
            dest="credentials",
            action="append",
            default=[],
            metavar="CODE",
            help="A degree or registration you hold, e.g. science-degree or nmc-registration (repeatable).",
        )
        parser.add_argument("--role", default="", metavar="SLUG", help="Explain the fit for one role.")
        parser.add_argument("--plan", action="store_true", help="With --role: plan the training for that role.")
        parser.add_argument("--start", default="", metavar="YYYY-MM-DD", help="Plan start date (default: today).")
        parser.add_argument("--deadline", default="", metavar="YYYY-MM-DD", help="Finish the plan by this date.")
        parser.add_argument("--hours-per-week", type=float, default=services.DEFAULT_HOURS_PER_WEEK, metavar="N")
        parser.add_argument("--centre", dest="centres", action="append", default=[], metavar="SLUG")
        parser.add_argument("--limit", type=int, default=10, metavar="N", help="How many roles to list (1–100).")
        parser.add_argument("--json", action="store_true", help="Print JSON, in the same shapes as the API.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["plan"] and not options["role"]:
            raise CommandError("--plan needs --role SLUG: say which role to plan for.")
        if not 1 <= options["limit"] <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        if len(options["occupations"]) > services.MAX_OCCUPATIONS:
            raise CommandError(f"Give at most {services.MAX_OCCUPATIONS} previous jobs (--from).")
        occupations = [self._resolve(key, quiet=options["json"]) for key in options["occupations"]]
        skills = self._skills(options["skills"])
        text = self._cv(options["cv"]) if options["cv"] else ""
        if not (occupations or skills or text.strip()):
            raise CommandError("Give at least one previous job (--from), skill (--skill) or CV (--cv).")
        if text.strip() and not occupations and not options["json"]:
            # The web journey offers these as previous jobs; here the person re-runs with --from.
            for job in services.jobs_in_cv(text=text):
                self.stderr.write(f"Your CV names '{job.quote}': add --from {job.key} to compare you as a {job.title}.")
        try:
            result = services.profile_build(
                occupations=occupations, skills=skills, text=text, credentials=options["credentials"]
            )
        except services.ConverterError as exc:
            raise CommandError(exc.message) from None
        if result.errors:
            raise CommandError(" ".join(result.errors))
        if result.is_empty:
            raise CommandError("We found no skills in what you gave: add a previous job or rate some skills.")

        if options["role"] and options["plan"]:
            self._plan(result, options)
        elif options["role"]:
            self._one_role(result, options)
        else:
            self._matches(result, options)

    # ------------------------------------------------------------ inputs

    def _resolve(self, key: str, *, quiet: bool) -> str:
        key = key.strip()
        if not key:
            raise CommandError("--from needs a job title, slug or ESCO URI.")
        specs, _unknown = occupation_specs([key], engine_snapshot())
        if specs:
            return key
        hits = occupation_suggestions(key, limit=1)
        if not hits:
            raise CommandError(f"No job matches '{key}': try a shorter or more general title.")
        if not quiet:
            self.stderr.write(f"Using '{hits[0].label}' ({hits[0].key}) for '{key}'.")
        return hits[0].key

    def _skills(self, values: list[str]) -> dict[str, int]:
        skills: dict[str, int] = {}
        for value in values:
            found = SKILL_RE.match(value.strip().lower())
            if not found:
                raise CommandError(f"'{value}' is not SLUG:LEVEL, for example gmp:2.")
            level = int(found["level"])
            if not 0 <= level <= 4:
                raise CommandError(f"'{value}': the level must be a whole number from 0 to 4.")
            skills[found["skill"]] = level
        return skills

    def _cv(self, path: Path) -> str:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from None
        try:
            return read_document(data=data, filename=path.name).text
        except DocumentError as exc:
            raise CommandError(str(exc)) from None

    # ------------------------------------------------------------ outputs

    def _console(self) -> Console:
        return Console(file=self.stdout, width=120, highlight=False, soft_wrap=False)  # type: ignore[arg-type]

    def _print_json(self, data: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def _matches(self, result: services.ProfileResult, options: dict[str, Any]) -> None:
        assessed = services.roles_assess(profile=result.profile, limit=options["limit"])
        data = serializers.matches_dict(result, assessed)
        if options["json"]:
            self._print_json(MatchesOut.model_validate(data).model_dump(mode="json"))
            return
        if not assessed.assessable:
            self.stdout.write(assessed.message)
            self._usual_first_roles(data, "")
            return
        table = Table(title=f"Roles that fit ({len(result.rows)} skills)")
        for column, justify in (("#", "right"), ("Role", "left"), ("Fit", "right"), ("Essential", "right")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        table.add_column("Readiness")
        table.add_column("Gaps", justify="right")
        rank = 0
        for position, m in enumerate(data["matches"], start=1):
            rank = rank if m["tied"] else position
            missing = "; needs: " + ", ".join(r["code"] for r in m["missing_requirements"])
            table.add_row(
                f"={rank}" if m["tied"] else str(rank),
                f"{m['title']} ({m['role']})",
                f"{round(m['score'] * 100)}%",
                f"{round(m['essential_coverage'] * 100)}%",
                m["readiness_label"]
                + (", over-qualified" if m["overqualified"] else "")
                + (missing if m["missing_requirements"] else "")
                + (f"; usual first role for {m['route']['name'].lower()}" if m["route"] else ""),
                str(len(m["gaps"])),
            )
        self._console().print(table)
        self._usual_first_roles(data, "; nothing you have told us counts towards the skills they ask for yet")

    def _usual_first_roles(self, data: dict[str, Any], why: str) -> None:
        """The career routes' roles that `matches` does not list, named without a fit."""
        for route in data["usual_first_roles"]:
            roles = ", ".join(f"{r['title']} ({r['role']})" for r in route["roles"])
            self.stdout.write(f"{route['name']} usually start as: {roles}{why}.")

    def _one_role(self, result: services.ProfileResult, options: dict[str, Any]) -> None:
        try:
            found = services.role_match(profile=result.profile, role_slug=options["role"])
        except services.ConverterError as exc:
            raise CommandError(exc.message) from None
        data = serializers.match_dict(found)
        if options["json"]:
            self._print_json(MatchOut.model_validate(data).model_dump(mode="json"))
            return
        console = self._console()
        console.print(f"{data['title']}: {round(data['score'] * 100)}% fit, {data['readiness_label'].lower()}")
        if data["route"]:
            route = data["route"]
            console.print(f"A usual first role for {route['name'].lower()}: {route['rationale']}.")
        table = Table()
        for column in ("Skill", "Needed", "Yours", "How"):
            table.add_column(column)
        for m in data["met"]:
            table.add_row(m["name"], str(m["required_level"]), str(m["level"]), "met")
        for t in data["transferred"]:
            table.add_row(t["name"], str(t["required_level"]), f"{t['level_gained']:g}", f"from {t['from_name']}")
        for g in data["gaps"]:
            if not any(t["skill"] == g["skill"] for t in data["transferred"]):
                table.add_row(g["name"], str(g["required_level"]), f"{g['current_level']:g}", "gap")
        console.print(table)

    def _plan(self, result: services.ProfileResult, options: dict[str, Any]) -> None:
        today = timezone.localdate()
        try:
            planned = services.plan_for_role(
                profile=result.profile,
                role_slug=options["role"],
                start=_date(options["start"]) if options["start"] else today,
                hours_per_week=options["hours_per_week"],
                deadline=_date(options["deadline"]) if options["deadline"] else None,
                centres=options["centres"],
                today=today,
            )
        except services.ConverterError as exc:
            raise CommandError(exc.message) from None
        data = serializers.plan_dict(planned)
        if options["json"]:
            self._print_json(PlanOut.model_validate(data).model_dump(mode="json"))
            return
        console = self._console()
        table = Table(title=f"Training plan for {data['title']}")
        for column in ("Dates", "Course", "Where", "Hours", "Why"):
            table.add_column(column)
        for s in data["steps"]:
            dates = s["starts"] if s["starts"] == s["ends"] else f"{s['starts']} to {s['ends']}"
            where = s["centre_name"] or s["mode"]
            table.add_row(dates, s["title"], where, f"{s['hours']:g}", s["reason"])
        console.print(table)
        console.print(
            f"Total: {data['total_hours']:g} hours, £{data['total_cost']:,.2f}; "
            f"finish {data['finish_date'] or 'nothing to take'} "
            f"({data['method']}; greedy {data['greedy_hours']:g} hours)."
        )
        for u in data["uncovered"]:
            console.print(f"Not covered: {u['name']} to level {u['required_level']}: {u['reason']}.")
