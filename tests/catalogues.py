"""The one builder of the small test catalogues, made with the ORM (fast and deterministic).

`build_catalogue(spec)` creates sectors, skills (and ESCO-only ones), transfers, roles, source occupations
(curated and ESCO-only), providers, centres and courses with their skills, centres and prerequisites, and
returns the rows by slug. The converter's catalogue (tests/converter/conftest.py) and the one industry,
insights, trust and a browser test share (tests/industry/helpers.py) are two `CatalogueSpec`s of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# (skill, level, essential)
Requirements = list[tuple[str, int, bool]]


@dataclass(frozen=True)
class OccupationSpec:
    title: str
    sector: str
    skills: Requirements
    alt_titles: list[str] = field(default_factory=list)
    esco_uri: str | None = None


@dataclass(frozen=True)
class CentreSpec:
    name: str
    organisation: str
    address: str
    region: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class CourseSpec:
    title: str
    mode: str
    provider: str
    raises: list[tuple[str, int, int]]  # (skill, to, assumes)
    hours: float = 6
    cost: float = 0
    prerequisites: list[str] = field(default_factory=list)
    centres: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CatalogueSpec:
    sectors: dict[str, str]
    skills: dict[str, str]
    roles: dict[str, tuple[str, str, int, Requirements]]  # slug: (title, family, entry level, requirements)
    occupations: dict[str, OccupationSpec]
    providers: dict[str, str]
    centres: dict[str, CentreSpec]
    courses: dict[str, CourseSpec]
    transfers: list[tuple[str, str, float, str]] = field(default_factory=list)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # default "quality"
    esco_skills: dict[str, str] = field(default_factory=dict)  # slug: name, ESCO-only
    esco_occupations: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug: (title, URI), ESCO-only


def build_catalogue(spec: CatalogueSpec) -> dict[str, Any]:
    """Create `spec` with the ORM (signals bump the catalogue version); returns the rows by slug."""
    from skillsnet.catalogue import models as m
    from skillsnet.catalogue.snapshot import clear_snapshot_cache
    from skillsnet.centres.models import Centre

    clear_snapshot_cache()
    sectors = {slug: m.Sector.objects.create(slug=slug, name=name) for slug, name in spec.sectors.items()}
    skills = {
        slug: m.Skill.objects.create(
            slug=slug,
            name=name,
            alt_labels=spec.alt_labels.get(slug, []),
            category=spec.categories.get(slug, "quality"),
        )
        for slug, name in spec.skills.items()
    }
    for slug, name in spec.esco_skills.items():
        m.Skill.objects.create(slug=slug, name=name, origin=m.Origin.ESCO)
    for a, b, credit, why in spec.transfers:
        m.SkillTransfer.objects.create(from_skill=skills[a], to_skill=skills[b], credit=credit, rationale=why)
    roles = {}
    for slug, (title, family, entry, requirements) in spec.roles.items():
        role = m.Role.objects.create(slug=slug, title=title, family=family, entry_level=entry, description=title)
        for skill, level, essential in requirements:
            m.RoleSkill.objects.create(role=role, skill=skills[skill], level=level, essential=essential)
        roles[slug] = role
    occupations = {}
    for slug, occ in spec.occupations.items():
        occupation = m.SourceOccupation.objects.create(
            slug=slug, title=occ.title, alt_titles=occ.alt_titles, esco_uri=occ.esco_uri, sector=sectors[occ.sector]
        )
        for skill, level, essential in occ.skills:
            m.OccupationSkill.objects.create(
                occupation=occupation, skill=skills[skill], level=level, essential=essential
            )
        occupations[slug] = occupation
    for slug, (title, uri) in spec.esco_occupations.items():
        m.SourceOccupation.objects.create(slug=slug, title=title, origin=m.Origin.ESCO, esco_uri=uri)
    providers = {slug: m.Provider.objects.create(slug=slug, name=name) for slug, name in spec.providers.items()}
    centres = {slug: Centre.objects.create(slug=slug, **vars(c)) for slug, c in spec.centres.items()}
    courses = {}
    for slug, c in spec.courses.items():
        course = m.Course.objects.create(
            slug=slug,
            title=c.title,
            provider=providers[c.provider],
            mode=c.mode,
            hours=Decimal(str(c.hours)),
            cost=Decimal(str(c.cost)),
            level=3,
            description=c.title,
        )
        for skill, to, assumes in c.raises:
            m.CourseSkill.objects.create(course=course, skill=skills[skill], to_level=to, assumes_level=assumes)
        for centre in c.centres:
            centres[centre].courses.add(course)
        courses[slug] = course
    for slug, c in spec.courses.items():
        for required in c.prerequisites:
            m.CoursePrerequisite.objects.create(course=courses[slug], requires=courses[required])
    clear_snapshot_cache()
    return {
        "sectors": sectors,
        "skills": skills,
        "roles": roles,
        "occupations": occupations,
        "providers": providers,
        "centres": centres,
        "courses": courses,
        # the one centre of a catalogue with a single centre
        "centre": next(iter(centres.values())) if len(centres) == 1 else None,
    }


def esco_job(slug: str, title: str, isco_code: str, skills: tuple[str, ...] = (), level: int = 3) -> Any:
    """An ESCO-only source occupation as the import writes one (an ISCO-08 code, no sector), whose ESCO skills
    are the given skill rows' slugs (curated ones stand in for ESCO skills, through the bridge's identity link)."""
    from skillsnet.catalogue.models import OccupationSkill, Origin, Skill, SourceOccupation, search_text_of

    job = SourceOccupation.objects.create(
        slug=slug,
        title=title,
        origin=Origin.ESCO,
        esco_uri=f"http://data.europa.eu/esco/occupation/{slug}",
        isco_code=isco_code,
        search_text=search_text_of(title),
    )
    for skill in skills:
        OccupationSkill.objects.create(occupation=job, skill=Skill.objects.get(slug=skill), level=level, essential=True)
    return job
