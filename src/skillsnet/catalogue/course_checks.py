"""Checking one course as a provider writes it (`course_check`): every error with its field, the claims
rules of `claims.py`, the same checks as the dataset. Used by the publishing services and the upload.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from skillsnet.catalogue.claims import claim_problem
from skillsnet.catalogue.models import (
    Course,
    CourseMode,
    Provider,
    Skill,
)
from skillsnet.catalogue.places import places

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SKILL_ITEM_RE = re.compile(r"^\s*([a-z0-9-]+)\s*:\s*(?:(\d)\s*-\s*)?(\d)\s*$")
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
