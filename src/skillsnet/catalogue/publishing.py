"""Providers publish their own catalogue: create and update courses, one at a time or by uploading a file.

Every write is a service here (keyword-only, transactional, audited with `catalogue.course.*` codes):

- `course_create` / `course_update`: a provider's staff write a draft. A change to a published course is kept
  in `pending_changes` and the public keeps seeing the published version until the programme team approves.
- `course_submit`: draft → submitted. `course_publish` (programme team): submitted → published, applying any
  pending changes, with the reviewer and the time. `course_return`: back to draft with a note.
- `catalogue_upload`: a CSV or JSON file of courses. `dry_run=True` changes nothing and reports every row:
  what would be created or updated and every error with its row and field. Without it, the rows without
  errors are written (as drafts, submitted for review when `submit=True`) and the broken ones are skipped.
- `skills_suggest`: the skills the CV reader finds in a course's description and outcomes, for the provider
  to confirm.

A course may not claim more than its way of teaching supports (`claims.py`); the same checks as the dataset.

The checks are `course_checks`, the writes `course_writes`, the upload `course_upload`; this module keeps
their names (and `skills_suggest`).
"""

from __future__ import annotations

from dataclasses import dataclass

from skillsnet import engine
from skillsnet.catalogue.course_checks import (
    FIELDS,
    REQUIRED,
    SKILL_ITEM_RE,
    SLUG_RE,
    Context,
    CourseData,
    FieldError,
    PublishingError,
    course_check,
)
from skillsnet.catalogue.course_upload import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_ROWS,
    RowReport,
    UploadReport,
    catalogue_upload,
    parse_upload,
)
from skillsnet.catalogue.course_writes import (
    awaiting_review,
    course_create,
    course_publish,
    course_return,
    course_submit,
    course_update,
    courses_publish,
)

__all__ = [
    "FIELDS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_ROWS",
    "REQUIRED",
    "SKILL_ITEM_RE",
    "SLUG_RE",
    "Context",
    "CourseData",
    "FieldError",
    "PublishingError",
    "RowReport",
    "Suggestion",
    "UploadReport",
    "awaiting_review",
    "catalogue_upload",
    "course_check",
    "course_create",
    "course_publish",
    "course_return",
    "course_submit",
    "course_update",
    "courses_publish",
    "parse_upload",
    "skills_suggest",
]

# ---------------------------------------------------------------- suggesting skills


@dataclass(frozen=True)
class Suggestion:
    skill: str
    name: str
    quote: str


def skills_suggest(*, text: str) -> list[Suggestion]:
    """The skills the CV reader finds in a course's description and outcomes, for the provider to confirm."""
    from skillsnet.catalogue.snapshot import engine_snapshot

    snapshot = engine_snapshot()
    found = engine.extract(text[:20_000], snapshot.lexicon)
    seen: dict[str, Suggestion] = {}
    for item in found:
        if item.skill in snapshot.skill_names and item.skill not in seen:
            seen[item.skill] = Suggestion(item.skill, snapshot.skill_name(item.skill), str(item.evidence))
    return list(seen.values())
