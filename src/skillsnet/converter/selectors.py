"""Reads for the Career Converter: saved assessments (through one access helper, and the latest per person
as engine profiles for the apps above: industry's talent search, insights' heatmap) and search suggestions."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from skillsnet import engine
from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Origin, RoleFamily
from skillsnet.catalogue.selectors import role_list, search_occupations, search_skills
from skillsnet.catalogue.snapshot import Snapshot, engine_snapshot
from skillsnet.converter.models import Assessment
from skillsnet.converter.services import ConverterError, profile_build

logger = logging.getLogger(__name__)

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


# ---------------------------------------------------------------- profiles from saved assessments


PROFILE_INPUTS = ("occupations", "skills", "cv_skills", "adjusted", "removed")


def latest_assessments(owner_ids: Iterable[int]) -> dict[int, Assessment]:
    """Each owner's most recently saved Career Converter assessment. One query."""
    newest = Assessment.objects.filter(owner=OuterRef("owner")).order_by("-updated_at", "-id").values("pk")[:1]
    rows = Assessment.objects.filter(owner_id__in=list(owner_ids), pk=Subquery(newest)).select_related("owner")
    return {assessment.owner_id: assessment for assessment in rows.order_by("owner_id")}


def saved_profile(
    assessment: Assessment, verified: Iterable[tuple[str, int, str]] | None = None, snapshot: Snapshot | None = None
) -> engine.Profile | None:
    """The engine profile of a saved assessment, with the owner's verified evidence (None if unusable).

    Goes through the Career Converter's `profile_build`, so the profile is exactly what the person saw.
    """
    inputs: dict[str, Any] = assessment.inputs if isinstance(assessment.inputs, dict) else {}
    arguments = {key: inputs[key] for key in PROFILE_INPUTS if key in inputs}
    arguments["cv_skills"] = [tuple(item) for item in arguments.get("cv_skills") or []]
    try:
        return profile_build(**arguments, user=assessment.owner, verified=verified, snapshot=snapshot).profile
    except (ConverterError, TypeError, ValueError):
        logger.warning("assessment %s could not be turned into a profile", assessment.pk)
        return None
