"""Uploading a catalogue: a CSV or JSON file of courses, parsed, checked row by row and, unless it is a
dry run, written (rows with errors are skipped and reported with their row and field).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.course_checks import FIELDS, Context, CourseData, FieldError, PublishingError, course_check
from skillsnet.catalogue.course_writes import course_create, course_submit, course_update, require_editor, write_course
from skillsnet.catalogue.models import (
    Course,
    CourseStatus,
    Provider,
)
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

MAX_UPLOAD_ROWS = 2000
MAX_UPLOAD_BYTES = 2_000_000


@dataclass
class RowReport:
    row: int
    slug: str
    action: str  # "create" | "update" | "error"
    errors: list[FieldError] = field(default_factory=list)


@dataclass
class UploadReport:
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)
    written: int = 0
    problem: str = ""  # the whole file was refused: this sentence says why

    @property
    def errors(self) -> list[RowReport]:
        return [r for r in self.rows if r.errors]

    @property
    def valid(self) -> list[RowReport]:
        return [r for r in self.rows if not r.errors]

    def as_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "problem": self.problem,
            "rows": len(self.rows),
            "valid": len(self.valid),
            "written": self.written,
            "create": sum(r.action == "create" for r in self.valid),
            "update": sum(r.action == "update" for r in self.valid),
            "errors": [
                {"row": r.row, "slug": r.slug, "field": e.field, "message": e.message}
                for r in self.errors
                for e in r.errors
            ],
        }


def parse_upload(
    name: str, content: bytes, *, key: str = "slug", columns: Iterable[str] = FIELDS, what: str = "courses"
) -> list[tuple[int, dict[str, Any]]]:
    """(row number, fields) for each entry in a CSV (row 1 is the header) or JSON (a list; row = item number)."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise PublishingError(f"The file is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PublishingError("The file is not UTF-8 text.") from None
    if name.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PublishingError(f"The file is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
        if isinstance(document, dict) and isinstance(document.get(what), list):
            document = document[what]
        if not isinstance(document, list):
            raise PublishingError(f'A JSON upload is a list of {what} (or {{"{what}": [...]}}).')
        rows = [(i, item if isinstance(item, dict) else {"_": item}) for i, item in enumerate(document, start=1)]
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or key not in [f.strip() for f in reader.fieldnames]:
            raise PublishingError(f"A CSV upload starts with a header row naming the columns: {', '.join(columns)}.")
        rows = []
        for i, record in enumerate(reader, start=2):
            extra = record.pop(None, None)
            cleaned: dict[str, Any] = {k.strip(): v for k, v in record.items() if k is not None}
            if extra:
                cleaned["_"] = extra
            rows.append((i, cleaned))
    if len(rows) > MAX_UPLOAD_ROWS:
        raise PublishingError(f"Upload at most {MAX_UPLOAD_ROWS} {what} at a time.")
    return rows


def catalogue_upload(
    *, actor: User, provider: Provider, name: str, content: bytes, dry_run: bool, submit: bool = False
) -> UploadReport:
    """Check (and unless `dry_run`, write) a provider's catalogue file; every error has its row and field."""
    require_editor(actor, provider)
    report = UploadReport(dry_run=dry_run)
    try:
        rows = parse_upload(name, content)
    except PublishingError as exc:
        report.problem = str(exc)
        return report
    context = Context.load()
    slugs_in_file = [str(raw.get("slug") or "").strip() for _, raw in rows]
    counts: dict[str, int] = {}
    for slug in slugs_in_file:
        counts[slug] = counts.get(slug, 0) + 1
    checked: list[tuple[RowReport, CourseData | None]] = []
    for (number, raw), slug in zip(rows, slugs_in_file, strict=True):
        if "_" in raw:
            checked.append(
                (RowReport(number, slug, "error", [FieldError("row", "has more cells than the header")]), None)
            )
            continue
        data, errors = course_check(raw, provider=provider, context=context, also_new=slugs_in_file)
        if slug and counts[slug] > 1:
            errors.append(FieldError("slug", f"'{slug}' appears in {counts[slug]} rows"))
            data = None
        action = "error" if errors else ("update" if slug in context.course_owner else "create")
        checked.append((RowReport(number, slug, action, errors), data))
    # A prerequisite in a broken row cannot be written: the course that needs it is refused too, and so,
    # in turn, is every course that needs that one (until no more rows are refused).
    broken = {r.slug for r, _ in checked if r.errors}
    refused = True
    while refused:
        refused = False
        for row, data in checked:
            if data is not None and not row.errors:
                missing = [p for p in data.prerequisites if p in broken]
                if missing:
                    row.errors.append(FieldError("prerequisites", f"'{missing[0]}' is in a row with errors"))
                    row.action = "error"
                    broken.add(row.slug)
                    refused = True
    report.rows = [row for row, _ in checked]
    if dry_run:
        return report
    good = [(row, data) for row, data in checked if not row.errors and data is not None]
    with transaction.atomic(), bulk_catalogue_write():
        # Create every new course first, so prerequisites between rows of the same file resolve.
        for row, data in good:
            if row.action == "create":
                course_create(actor=actor, provider=provider, data=data)
        for row, data in good:
            course = Course.objects.get(slug=data.slug)
            if row.action == "create":
                write_course(course, data)  # again, now that every prerequisite exists
            else:
                course_update(actor=actor, course=course, data=data)
            if submit and (course.status == CourseStatus.DRAFT or row.action == "update"):
                course.refresh_from_db()
                if course.status != CourseStatus.PUBLISHED or course.pending_changes:
                    course_submit(actor=actor, course=course)
        audit_log(
            action="catalogue.upload.applied",
            actor=actor,
            obj=provider,
            data={"rows": len(report.rows), "written": len(good), "errors": len(report.errors)},
        )
        bump_catalogue_version()
    report.written = len(good)
    return report
