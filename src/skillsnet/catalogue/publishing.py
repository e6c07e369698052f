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
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from skillsnet import engine
from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.claims import claim_problem
from skillsnet.catalogue.models import (
    Course,
    CourseMode,
    CoursePrerequisite,
    CourseSkill,
    CourseSource,
    CourseStatus,
    Provider,
    Skill,
)
from skillsnet.catalogue.places import places
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SKILL_ITEM_RE = re.compile(r"^\s*([a-z0-9-]+)\s*:\s*(?:(\d)\s*-\s*)?(\d)\s*$")
MAX_UPLOAD_ROWS = 2000
MAX_UPLOAD_BYTES = 2_000_000
FIELDS = ("slug", "title", "description", "outcomes", "mode", "hours", "cost", "level", "skills", "prerequisites",
          "centres")  # fmt: skip
REQUIRED = ("slug", "title", "description", "mode", "hours", "level", "skills")


class PublishingError(Exception):
    """A refused publishing action; the message is a sentence for the person."""


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class CourseData:
    """One course as a provider writes it, checked."""

    slug: str
    title: str
    description: str
    outcomes: tuple[str, ...]
    mode: str
    hours: Decimal
    cost: Decimal
    level: int
    skills: tuple[tuple[str, int, int], ...]  # (skill slug, assumes_level, to_level)
    prerequisites: tuple[str, ...] = ()
    centres: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "description": self.description,
            "outcomes": list(self.outcomes),
            "mode": self.mode,
            "hours": str(self.hours),
            "cost": str(self.cost),
            "level": self.level,
            "skills": [{"skill": s, "assumes_level": a, "to_level": t} for s, a, t in self.skills],
            "prerequisites": list(self.prerequisites),
            "centres": list(self.centres),
        }


# ---------------------------------------------------------------- checking one course


def _split(value: Any, sep: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(sep) if part.strip()]


def _skills_of(value: Any, errors: list[FieldError]) -> list[tuple[str, int, int]]:
    """Skills as a list of {skill, to_level, assumes_level} (JSON) or "gmp:2; aseptic-technique:1-3" (CSV)."""
    items: list[tuple[str, int, int]] = []
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, Mapping) or not isinstance(item.get("skill"), str):
                errors.append(FieldError("skills", "each skill must be {skill, to_level, assumes_level}"))
                return []
            to, assumes = item.get("to_level"), item.get("assumes_level", 0)
            if not isinstance(to, int) or not isinstance(assumes, int):
                errors.append(FieldError("skills", f"'{item['skill']}': levels must be whole numbers"))
                return []
            items.append((item["skill"], assumes, to))
        return items
    for part in _split(value, ";"):
        match = SKILL_ITEM_RE.match(part)
        if match is None:
            errors.append(
                FieldError(
                    "skills", f"'{part}' is not 'skill:level' or 'skill:from-to' (e.g. gmp:2; aseptic-technique:1-3)"
                )
            )
            return []
        items.append((match.group(1), int(match.group(2) or 0), int(match.group(3))))
    return items


def _number(value: Any, name: str, errors: list[FieldError], *, places: int, maximum: int) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().lstrip("£")) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        errors.append(
            FieldError(name, f"must be a number (got {value!r})" if value not in (None, "") else "is required")
        )
        return None
    if number < 0 or number >= maximum:
        errors.append(FieldError(name, f"must be between 0 and {maximum}"))
        return None
    if -int(number.as_tuple().exponent) > places:
        errors.append(FieldError(name, f"must have at most {places} decimal place(s)"))
        return None
    return number


@dataclass
class Context:
    """What a course may refer to: known skills (slug → (category, kind)), courses and centres."""

    skills: dict[str, tuple[str, str]]
    course_owner: dict[str, int]  # course slug → provider id
    centres: set[str]

    @classmethod
    def load(cls) -> Context:
        return cls(
            skills={slug: (cat, kind) for slug, cat, kind in Skill.objects.values_list("slug", "category", "kind")},
            course_owner=dict(Course.objects.values_list("slug", "provider_id")),
            centres=places().slugs(),
        )


def course_check(
    raw: Mapping[str, Any], *, provider: Provider, context: Context, also_new: Iterable[str] = ()
) -> tuple[CourseData | None, list[FieldError]]:
    """Check one course as written by `provider`'s staff; return it cleaned, or every error with its field."""
    errors: list[FieldError] = []
    unknown = sorted(set(raw) - set(FIELDS))
    for name in unknown:
        errors.append(FieldError(name, f"is not a course field (use {', '.join(FIELDS)})"))
    for name in REQUIRED:
        if raw.get(name) in (None, "", []):
            errors.append(FieldError(name, "is required"))
    text = {k: str(raw.get(k) or "").strip() for k in ("slug", "title", "description", "mode")}
    slug = text["slug"]
    if slug and (not SLUG_RE.match(slug) or len(slug) > 120):
        errors.append(FieldError("slug", f"'{slug}' is not a slug: lowercase a-z, 0-9 and single hyphens"))
    elif slug and slug in context.course_owner and context.course_owner[slug] != provider.pk:
        errors.append(FieldError("slug", f"'{slug}' is another provider's course"))
    if len(text["title"]) > 200:
        errors.append(FieldError("title", "must be at most 200 characters"))
    mode = text["mode"]
    if mode and mode not in CourseMode.values:
        errors.append(FieldError("mode", f"must be one of {', '.join(CourseMode.values)} (got '{mode}')"))
    hours = (
        _number(raw.get("hours"), "hours", errors, places=1, maximum=10_000)
        if raw.get("hours") not in (None, "")
        else None
    )
    cost = _number(raw.get("cost") or 0, "cost", errors, places=2, maximum=1_000_000)
    level: int | None = None
    try:
        level = int(str(raw.get("level")).strip()) if raw.get("level") not in (None, "") else None
    except ValueError:
        errors.append(FieldError("level", f"must be a whole number from 1 to 8 (got {raw.get('level')!r})"))
    if level is not None and not 1 <= level <= 8:
        errors.append(FieldError("level", f"must be an RQF level from 1 to 8 (got {level})"))
        level = None
    skills = _skills_of(raw.get("skills"), errors) if raw.get("skills") not in (None, "", []) else []
    seen: set[str] = set()
    for skill, assumes, to in skills:
        if skill not in context.skills:
            errors.append(FieldError("skills", f"'{skill}' is not a known skill"))
            continue
        if skill in seen:
            errors.append(FieldError("skills", f"'{skill}' is listed twice"))
        seen.add(skill)
        if not 1 <= to <= 4 or not 0 <= assumes < to:
            errors.append(
                FieldError("skills", f"'{skill}': levels must satisfy 0 ≤ from < to ≤ 4 (got {assumes}-{to})")
            )
            continue
        category, kind = context.skills[skill]
        if mode in CourseMode.values:
            problem = claim_problem(skill_slug=skill, category=category, kind=kind, mode=mode, to_level=to)
            if problem is not None:
                errors.append(FieldError("skills", f"{problem} ({mode} course)"))
    new = set(also_new)
    prerequisites = _split(raw.get("prerequisites"), ";")
    for prerequisite in prerequisites:
        if prerequisite == slug:
            errors.append(FieldError("prerequisites", "a course cannot be its own prerequisite"))
        elif prerequisite not in context.course_owner and prerequisite not in new:
            errors.append(FieldError("prerequisites", f"'{prerequisite}' is not a course"))
    centres = _split(raw.get("centres"), ";")
    for centre in centres:
        if centre not in context.centres:
            errors.append(FieldError("centres", f"'{centre}' is not a training centre"))
    if mode in (CourseMode.ON_SITE, CourseMode.BLENDED) and not centres:
        errors.append(FieldError("centres", f"an {mode} course must list at least one centre that runs it"))
    if mode == CourseMode.ONLINE and centres:
        errors.append(FieldError("centres", "an online course lists no centres"))
    outcomes = _split(raw.get("outcomes"), "|")
    if errors or hours is None or cost is None or level is None:
        return None, errors
    return (
        CourseData(
            slug=slug,
            title=text["title"],
            description=text["description"],
            outcomes=tuple(outcomes),
            mode=mode,
            hours=hours,
            cost=cost,
            level=level,
            skills=tuple(skills),
            prerequisites=tuple(prerequisites),
            centres=tuple(centres),
        ),
        [],
    )


# ---------------------------------------------------------------- writing


def _can_edit(user: User, provider: Provider) -> None:
    from skillsnet.accounts.models import Role
    from skillsnet.accounts.selectors import has_role

    if not has_role(user, Role.PROVIDER_STAFF, scope=provider.slug):
        raise PublishingError("Only this provider's staff can change its courses.")


def _write(course: Course, data: CourseData) -> None:
    """Make `course` say what `data` says (fields, skills, prerequisites, centres)."""
    for name in ("title", "description", "mode", "hours", "cost", "level"):
        setattr(course, name, getattr(data, name))
    course.outcomes = list(data.outcomes)
    course.save()
    course.skills_taught.all().delete()
    skills = dict(Skill.objects.filter(slug__in=[s for s, _, _ in data.skills]).values_list("slug", "pk"))
    CourseSkill.objects.bulk_create(
        [CourseSkill(course=course, skill_id=skills[s], assumes_level=a, to_level=t) for s, a, t in data.skills]
    )
    course.prerequisite_links.all().delete()
    required = dict(Course.objects.filter(slug__in=data.prerequisites).values_list("slug", "pk"))
    CoursePrerequisite.objects.bulk_create(
        [CoursePrerequisite(course=course, requires_id=required[p]) for p in data.prerequisites if p in required]
    )
    places().set_for_course(course, data.centres)


def _pending(course: Course) -> CourseData:
    raw = dict(course.pending_changes or {})
    return CourseData(
        slug=course.slug,
        title=raw["title"],
        description=raw["description"],
        outcomes=tuple(raw["outcomes"]),
        mode=raw["mode"],
        hours=Decimal(raw["hours"]),
        cost=Decimal(raw["cost"]),
        level=raw["level"],
        skills=tuple((s["skill"], s["assumes_level"], s["to_level"]) for s in raw["skills"]),
        prerequisites=tuple(raw["prerequisites"]),
        centres=tuple(raw["centres"]),
    )


@transaction.atomic
def course_create(*, actor: User, provider: Provider, data: CourseData) -> Course:
    """A new draft course of `provider`, written by its staff; nobody else sees it until it is published."""
    _can_edit(actor, provider)
    if Course.objects.filter(slug=data.slug).exists():
        raise PublishingError(f"There is already a course with the slug '{data.slug}'.")
    course = Course(
        slug=data.slug, provider=provider, source=CourseSource.PROVIDER, status=CourseStatus.DRAFT, example=False
    )
    _write(course, data)
    audit_log(action="catalogue.course.created", actor=actor, obj=course, data={"course": course.slug})
    return course


@transaction.atomic
def course_update(*, actor: User, course: Course, data: CourseData) -> Course:
    """Change a course. A draft changes at once; a published course keeps its public version until review."""
    _can_edit(actor, course.provider)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.PUBLISHED:
        course.pending_changes = data.as_json()
        course.save(update_fields=["pending_changes"])
    else:
        _write(course, data)
    audit_log(action="catalogue.course.updated", actor=actor, obj=course, data={"course": course.slug})
    return course


@transaction.atomic
def course_submit(*, actor: User, course: Course) -> Course:
    """Send a draft (or a published course's pending changes) to the programme team for review."""
    _can_edit(actor, course.provider)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.PUBLISHED and not course.pending_changes:
        raise PublishingError("This course is published and has no changes to review.")
    if course.status == CourseStatus.DRAFT:
        course.status = CourseStatus.SUBMITTED
    course.submitted_at = timezone.now()
    course.save(update_fields=["status", "submitted_at"])
    audit_log(action="catalogue.course.submitted", actor=actor, obj=course, data={"course": course.slug})
    return course


def _is_reviewer(user: User) -> bool:
    from skillsnet.accounts.selectors import is_programme_admin

    return bool(is_programme_admin(user))


def awaiting_review() -> list[Course]:
    """Submitted courses and published courses with submitted changes, oldest first."""
    from django.db.models import Q

    return list(
        Course.objects.filter(
            Q(status=CourseStatus.SUBMITTED) | Q(status=CourseStatus.PUBLISHED, pending_changes__isnull=False),
            submitted_at__isnull=False,
        )
        .select_related("provider")
        .order_by("submitted_at", "pk")
    )


@transaction.atomic
def course_publish(*, reviewer: User, course: Course) -> Course:
    """The programme team approves: the course (or its pending changes) becomes public, with who and when."""
    if not _is_reviewer(reviewer):
        raise PublishingError("Only the programme team reviews courses.")
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.DRAFT:
        raise PublishingError("This course has not been submitted for review.")
    if course.status == CourseStatus.PUBLISHED:
        if not course.pending_changes:
            raise PublishingError("This course is published and has no changes to review.")
        _write(course, _pending(course))
    course.status = CourseStatus.PUBLISHED
    course.pending_changes = None
    course.reviewed_by = reviewer
    course.reviewed_at = timezone.now()
    course.review_note = ""
    course.save()
    audit_log(action="catalogue.course.published", actor=reviewer, obj=course, data={"course": course.slug})
    return course


@transaction.atomic
def course_return(*, reviewer: User, course: Course, note: str) -> Course:
    """The programme team sends a course (or its changes) back to the provider with a note."""
    if not _is_reviewer(reviewer):
        raise PublishingError("Only the programme team reviews courses.")
    if not note.strip():
        raise PublishingError("Say what the provider should change.")
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.SUBMITTED:
        course.status = CourseStatus.DRAFT
    course.submitted_at = None
    course.reviewed_by = reviewer
    course.reviewed_at = timezone.now()
    course.review_note = note.strip()[:2000]
    course.save()
    audit_log(action="catalogue.course.returned", actor=reviewer, obj=course, data={"course": course.slug})
    return course


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


# ---------------------------------------------------------------- uploading a catalogue


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
    _can_edit(actor, provider)
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
                _write(course, data)  # again, now that every prerequisite exists
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


def courses_publish(*, reviewer: User, courses: Iterable[Course]) -> int:
    """Publish several submitted courses at once (the programme team's "publish all")."""
    count = 0
    with transaction.atomic(), bulk_catalogue_write():
        for course in courses:
            course_publish(reviewer=reviewer, course=course)
            count += 1
        bump_catalogue_version()
    return count
