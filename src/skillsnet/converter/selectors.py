"""Reads for the Career Converter: saved assessments (through one access helper) and search suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Origin, RoleFamily
from skillsnet.catalogue.selectors import role_list, search_occupations, search_skills
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.converter.models import Assessment

# Skills most people can rate from any job (after ATSTN's groups: technical, business behaviours,
# project management, digital); those missing from the catalogue are skipped.
COMMON_SKILLS = (
    "attention-to-detail",
    "procedural-discipline",
    "good-documentation-practice",
    "teamwork",
    "communication",
    "problem-solving",
    "health-safety-workplace",
    "project-management",
    "data-analysis",
    "spreadsheets",
    "leadership",
    "shift-working",
)
WORD_RE = re.compile(r"[a-z0-9]+")


def get_assessment_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Assessment:
    """The assessment `pk` if `user` may see it (or change it, with `write`); 404 otherwise.

    Assessments hold personal data: only their owner reads or changes them, so another person's
    assessment is indistinguishable from one that does not exist.
    """
    if not user.is_authenticated:
        raise Http404("No such assessment.")
    assessment = Assessment.objects.filter(pk=pk).select_related("owner").first()
    if assessment is None:
        raise Http404("No such assessment.")
    if assessment.owner_id != user.pk:
        raise Http404("No such assessment.")
    if write and not user.is_active:
        raise Http404("No such assessment.")
    return assessment


def assessments_for(user: User | AnonymousUser) -> QuerySet[Assessment]:
    return Assessment.objects.visible_to(user).order_by("-updated_at", "-id")


@dataclass(frozen=True)
class Suggestion:
    key: str  # what the converter takes: a source-occupation or role slug, or a skill slug
    label: str
    hint: str  # where it comes from, for the person choosing


def occupation_suggestions(q: str, limit: int = 10) -> list[Suggestion]:
    """Jobs matching `q`: the industry's own roles first (people already inside start from their current
    role), then curated and ESCO source occupations, best first."""
    words = WORD_RE.findall(q.lower())
    if not words:
        return []
    roles = [
        Suggestion(role.slug, role.title, "A role in the industry")
        for role in role_list()
        if all(any(w.startswith(word) for w in WORD_RE.findall(role.title.lower())) for word in words)
    ][:3]
    occupations = [
        Suggestion(
            occ.slug,
            occ.title,
            occ.sector.name if occ.sector else ("ESCO occupation" if occ.origin == Origin.ESCO else "Occupation"),
        )
        for occ in search_occupations(q, limit=limit)
    ]
    return (roles + occupations)[:limit]


def skill_suggestions(q: str, limit: int = 10) -> list[Suggestion]:
    """Skills matching `q` that roles are described with (an ESCO-only skill could not count)."""
    if not WORD_RE.findall(q.lower()):
        return []
    names = engine_snapshot().skill_names
    hits = [s for s in search_skills(q, limit=limit * 5) if s.slug in names]
    return [Suggestion(s.slug, s.name, s.description[:140]) for s in hits[:limit]]


def common_skills() -> list[tuple[str, str]]:
    """(slug, name) of a short list of transferable skills to rate quickly."""
    snap = engine_snapshot()
    chosen = [(slug, snap.skill_names[slug]) for slug in COMMON_SKILLS if slug in snap.skill_names]
    if len(chosen) < 4:
        behaviours = sorted(s for s, cat in snap.skill_categories.items() if cat == "behaviour")
        chosen += [(slug, snap.skill_names[slug]) for slug in behaviours if slug not in COMMON_SKILLS]
    return chosen[:12]


def family_choices() -> list[tuple[str, str]]:
    return [(f.value, f.label) for f in RoleFamily]


def family_label(value: str) -> str:
    try:
        return str(RoleFamily(value).label)
    except ValueError:
        return value.replace("-", " ").capitalize()
