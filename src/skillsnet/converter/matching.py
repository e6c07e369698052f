"""Ranking roles for a profile, with honesty about thin evidence (`roles_assess`), and the ESCO jobs the
Converter cannot assess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from skillsnet import engine
from skillsnet.catalogue.models import OccupationSkill, Origin, SourceOccupation
from skillsnet.catalogue.snapshot import Snapshot, engine_snapshot
from skillsnet.converter.profiles import ConverterError, profile_build


def roles_match(
    *,
    profile: engine.Profile,
    limit: int | None = 10,
    families: Iterable[str] | None = None,
    max_entry_level: int | None = None,
) -> list[engine.RoleMatch]:
    """Roles ranked by fit for the profile (best first), each with its skill-by-skill explanation."""
    snap = engine_snapshot()
    return engine.match(
        snap.catalogue,
        profile,
        limit=limit,
        families=set(families) if families else None,
        max_entry_level=max_entry_level,
    )


# Thin evidence reads as thin: fewer skills than this that count towards any role, or a best fit below the
# floor, and the Converter says what it could not assess instead of ranking near-zero fits.
MIN_ASSESSABLE_SKILLS = 3
MIN_ASSESSABLE_FIT = 0.05
THIN_EVIDENCE_MESSAGE = (
    "We could not assess this well enough to suggest roles: {what}. "
    "Tell us more: rate the skills you have, or paste or upload your CV."
)


@dataclass(frozen=True)
class RolesAssessment:
    """Ranked roles for a profile, or why there are none. Roles at 0% are never listed; `tied[i]` is true
    when role i ties with role i-1 on every ranking key (the page shows them as joint)."""

    matches: list[engine.RoleMatch]
    tied: list[bool]
    assessable: bool
    relevant_skills: int  # distinct skills of the person that some role asks for, or that transfer to one
    best_fit: float
    message: str = ""  # why the evidence is too thin, when it is
    # Where people from the person's previous jobs usually start, for the roles the list does not show:
    # every role of their routes when the evidence is too thin, else those at 0% (the person's skills show
    # nothing they ask for yet). Named without a fit, never ranked.
    routes: tuple[engine.CareerRoute, ...] = ()


def relevant_skill_count(profile: engine.Profile, snap: Snapshot | None = None) -> int:
    """How many of the person's skills (level 1 or more) count towards some role: a role asks for it, or it
    transfers (a curated transfer edge) to a skill a role asks for. Assumed skills are not evidence: they
    never count."""
    counted = (snap or engine_snapshot()).catalogue.contributing_skills  # built once per catalogue version
    return sum(1 for slug, level in profile.shown().levels.items() if level >= 1 and slug in counted)


def roles_assess(
    *,
    profile: engine.Profile,
    limit: int | None = 10,
    families: Iterable[str] | None = None,
    max_entry_level: int | None = None,
) -> RolesAssessment:
    """`roles_match` with honesty about thin evidence: the entry point for pages, API and CLI."""
    snap = engine_snapshot()
    # Thin evidence is judged on what the person has shown: assumed skills rank roles but are not evidence.
    shown = profile.shown()
    relevant = relevant_skill_count(shown, snap)
    fits = engine.fit_all(snap.catalogue, profile)
    shown_fits = fits if shown is profile else engine.fit_all(snap.catalogue, shown)
    best = float(shown_fits.score.max()) if shown_fits.score.size else 0.0
    problem = ""
    if relevant == 0:
        problem = "none of the skills we found is one the industry's roles ask for"
    elif relevant < MIN_ASSESSABLE_SKILLS:
        problem = f"only {relevant} of your skills {'is' if relevant == 1 else 'are'} relevant to the industry's roles"
    elif best < MIN_ASSESSABLE_FIT:
        problem = f"your skills cover at most {best:.0%} of any role"
    if problem:
        message = THIN_EVIDENCE_MESSAGE.format(what=problem)
        return RolesAssessment([], [], False, relevant, best, message, profile.routes)
    found = engine.match(
        snap.catalogue,
        profile,
        limit=limit,
        families=set(families) if families else None,
        max_entry_level=max_entry_level,
        min_score=0.0,
        fits=fits,
    )
    return RolesAssessment(found, engine.rank_ties(found), True, relevant, best, "", _unlisted(profile, fits, snap))


def _unlisted(profile: engine.Profile, fits: engine.RoleFits, snap: Snapshot) -> tuple[engine.CareerRoute, ...]:
    """The person's routes cut to the roles no skill of theirs counts towards (0% fit: never listed)."""
    index = snap.catalogue.role_index
    unlisted = []
    for route in profile.routes:
        roles = tuple(slug for slug in route.roles if slug in index and fits.score[index[slug]] <= 0)
        if roles:
            unlisted.append(engine.CareerRoute(route.name, roles, route.rationale))
    return tuple(unlisted)


def role_match(*, profile: engine.Profile, role_slug: str) -> engine.RoleMatch:
    """The fit and explanation of one role. Raises ConverterError when the role does not exist."""
    snap = engine_snapshot()
    if role_slug not in snap.catalogue.role_index:
        raise ConverterError(f"There is no role '{role_slug}'.", field="role")
    return engine.match_one(snap.catalogue, profile, role_slug)


@dataclass(frozen=True)
class UnassessedJob:
    """An ESCO occupation the Converter cannot assess on its own, and what its evidence lacks."""

    esco_uri: str
    title: str
    relevant_skills: int
    best_fit: float
    unlinked_essentials: tuple[str, ...]  # names of essential ESCO skills with no reviewed bridge link


def unassessed_esco_jobs() -> tuple[int, list[UnassessedJob]]:
    """Every job with an ESCO URI picked on its own, as the Converter sees it: (how many jobs were tried,
    those `roles_assess` calls not assessable, by title). For reviewing the bridge
    (docs/decisions/0006-esco-bridge.md): an essential ESCO skill listed here reaches no curated skill."""
    snap = engine_snapshot()
    rows = SourceOccupation.objects.filter(esco_uri__isnull=False).order_by("title").values_list("esco_uri", "title")
    jobs = [(str(uri), title) for uri, title in rows]
    found: list[UnassessedJob] = []
    for uri, title in jobs:
        answer = roles_assess(profile=profile_build(occupations=[uri]).profile, limit=1)
        if answer.assessable:
            continue
        essentials = OccupationSkill.objects.filter(occupation__esco_uri=uri, essential=True, skill__origin=Origin.ESCO)
        unlinked = tuple(
            name
            for slug, name in essentials.order_by("skill__name").values_list("skill__slug", "skill__name")
            if slug not in snap.bridge
        )
        found.append(UnassessedJob(uri, title, answer.relevant_skills, answer.best_fit, unlinked))
    return len(jobs), found
