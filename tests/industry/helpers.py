"""A small catalogue built with the ORM, and helpers to give a learner a saved assessment and consent.

Shared by tests/industry, tests/insights and the browser test (`from ..industry import helpers`).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

SKILLS = {
    "gmp": "Good manufacturing practice (GMP)",
    "aseptic-technique": "Aseptic technique",
    "cleanroom-gowning": "Cleanroom gowning",
    "good-documentation-practice": "Good documentation practice",
    "cell-culture": "Cell culture",
    "cell-counting": "Cell counting",
    "pcr": "PCR",
    "fermentation": "Fermentation",
    "haccp": "HACCP food safety",
    "teamwork": "Teamwork",
    "communication": "Clear communication",
}
TRANSFERS = [
    ("haccp", "gmp", 0.5, "Both are systems of hygiene controls and records"),
    ("fermentation", "cell-culture", 0.5, "Keeping living cultures healthy in controlled vessels"),
]
ROLES = {
    "atmp-manufacturing-technician": (
        "ATMP manufacturing technician",
        "manufacturing",
        3,
        [
            ("gmp", 3, True),
            ("aseptic-technique", 3, True),
            ("cleanroom-gowning", 3, True),
            ("good-documentation-practice", 3, True),
            ("cell-culture", 2, True),
            ("teamwork", 2, False),
        ],
    ),
    "qc-analyst": (
        "Quality control analyst",
        "quality-control",
        4,
        [
            ("gmp", 3, True),
            ("pcr", 3, True),
            ("good-documentation-practice", 3, True),
            ("cell-counting", 3, True),
            ("communication", 2, False),
        ],
    ),
}
OCCUPATIONS = {
    "brew-house-operator": (
        "Brew house operator",
        "brewing-distilling",
        [
            ("fermentation", 3, True),
            ("haccp", 2, True),
            ("good-documentation-practice", 2, True),
            ("teamwork", 3, True),
        ],
    ),
    "biomedical-scientist": (
        "Biomedical scientist",
        "nhs-laboratories",
        [
            ("pcr", 3, True),
            ("good-documentation-practice", 3, True),
            ("cell-counting", 3, True),
            ("aseptic-technique", 2, True),
            ("communication", 3, True),
        ],
    ),
}
SECTORS = {"brewing-distilling": "Brewing and distilling", "nhs-laboratories": "NHS laboratories"}
# slug: (title, mode, provider, [(skill, to, assumes)])
COURSES = {
    "gmp-essentials": (
        "GMP essentials",
        "online",
        "cgt-catapult",
        [("gmp", 3, 0), ("good-documentation-practice", 3, 0)],
    ),
    "cleanroom-practical": (
        "Cleanroom practical",
        "on-site",
        "cgt-catapult",
        [("cleanroom-gowning", 3, 0), ("aseptic-technique", 3, 0)],
    ),
    "pcr-lab": ("PCR in the GMP lab", "blended", "other-provider", [("pcr", 3, 0)]),
}


def build_catalogue() -> dict[str, Any]:
    """Create the catalogue above; returns the rows by slug."""
    from skillsnet.catalogue import models as m
    from skillsnet.catalogue.snapshot import clear_snapshot_cache
    from skillsnet.centres.models import Centre

    clear_snapshot_cache()
    sectors = {slug: m.Sector.objects.create(slug=slug, name=name) for slug, name in SECTORS.items()}
    skills = {slug: m.Skill.objects.create(slug=slug, name=name, category="quality") for slug, name in SKILLS.items()}
    for a, b, credit, why in TRANSFERS:
        m.SkillTransfer.objects.create(from_skill=skills[a], to_skill=skills[b], credit=credit, rationale=why)
    roles = {}
    for slug, (title, family, entry, reqs) in ROLES.items():
        role = m.Role.objects.create(slug=slug, title=title, family=family, entry_level=entry, description=title)
        for skill, level, essential in reqs:
            m.RoleSkill.objects.create(role=role, skill=skills[skill], level=level, essential=essential)
        roles[slug] = role
    for slug, (title, sector, reqs) in OCCUPATIONS.items():
        occupation = m.SourceOccupation.objects.create(slug=slug, title=title, sector=sectors[sector])
        for skill, level, essential in reqs:
            m.OccupationSkill.objects.create(
                occupation=occupation, skill=skills[skill], level=level, essential=essential
            )
    providers = {
        "cgt-catapult": m.Provider.objects.create(slug="cgt-catapult", name="CGT Catapult"),
        "other-provider": m.Provider.objects.create(slug="other-provider", name="Other Provider"),
    }
    centre = Centre.objects.create(
        slug="roslinct",
        name="RoslinCT",
        organisation="RoslinCT",
        address="Edinburgh",
        region="Scotland",
        latitude=55.9,
        longitude=-3.1,
    )
    courses = {}
    for slug, (title, mode, provider, raises) in COURSES.items():
        course = m.Course.objects.create(
            slug=slug,
            title=title,
            provider=providers[provider],
            mode=mode,
            hours=Decimal(6),
            level=3,
            description=title,
        )
        for skill, to, assumes in raises:
            m.CourseSkill.objects.create(course=course, skill=skills[skill], to_level=to, assumes_level=assumes)
        if mode != "online":
            centre.courses.add(course)
        courses[slug] = course
    clear_snapshot_cache()
    return {"skills": skills, "roles": roles, "providers": providers, "courses": courses, "centre": centre}


def make_employer(slug: str = "demo-biotech", name: str = "Demo Biotech") -> Any:
    from skillsnet.industry import services

    return services.employer_create(slug=slug, name=name, region="north-east")


def make_vacancy(employer: Any, role_slug: str = "qc-analyst", *, actor: Any, title: str = "", **extra: Any) -> Any:
    from skillsnet.catalogue.models import Role
    from skillsnet.industry import services

    role = Role.objects.get(slug=role_slug)
    fields = {
        "title": title or f"{role.title} at {employer.name}",
        "location": "Darlington",
        "region": "north-east",
        "closing_date": timezone.localdate() + timedelta(days=30),
        "description": "A job in the lab.",
    }
    fields.update(extra)
    return services.vacancy_create(employer=employer, role=role, actor=actor, **fields)


def save_assessment(user: Any, *, occupations: list[str] | None = None, skills: dict[str, int] | None = None) -> Any:
    from skillsnet.converter.services import assessment_save

    inputs = {"occupations": occupations or [], "skills": skills or {}}
    return assessment_save(owner=user, name="My assessment", inputs=inputs)


def discoverable(user: Any, **assessment: Any) -> Any:
    """A learner with a saved assessment who has agreed to be found."""
    from skillsnet.industry import services

    save_assessment(user, **assessment)
    return services.consent_give(learner=user)
