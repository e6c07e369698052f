"""A small catalogue built with the ORM, and helpers to give a learner a saved assessment and consent.

Shared by tests/industry, tests/insights and the browser test (`from ..industry import helpers`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from .. import catalogues
from ..catalogues import CatalogueSpec, CentreSpec, CourseSpec, OccupationSpec

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
    "brew-house-operator": OccupationSpec(
        "Brew house operator",
        "brewing-distilling",
        [
            ("fermentation", 3, True),
            ("haccp", 2, True),
            ("good-documentation-practice", 2, True),
            ("teamwork", 3, True),
        ],
    ),
    "biomedical-scientist": OccupationSpec(
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
COURSES = {
    "gmp-essentials": CourseSpec(
        "GMP essentials", "online", "cgt-catapult", [("gmp", 3, 0), ("good-documentation-practice", 3, 0)]
    ),
    "cleanroom-practical": CourseSpec(
        "Cleanroom practical",
        "on-site",
        "cgt-catapult",
        [("cleanroom-gowning", 3, 0), ("aseptic-technique", 3, 0)],
        centres=["roslinct"],
    ),
    "pcr-lab": CourseSpec("PCR in the GMP lab", "blended", "other-provider", [("pcr", 3, 0)], centres=["roslinct"]),
}
SPEC = CatalogueSpec(
    sectors=SECTORS,
    skills=SKILLS,
    transfers=TRANSFERS,
    roles=ROLES,
    occupations=OCCUPATIONS,
    providers={"cgt-catapult": "CGT Catapult", "other-provider": "Other Provider"},
    centres={"roslinct": CentreSpec("RoslinCT", "RoslinCT", "Edinburgh", "Scotland", 55.9, -3.1)},
    courses=COURSES,
)


def build_catalogue() -> dict[str, Any]:
    """Create the catalogue above (tests/catalogues.py builds it); returns the rows by slug."""
    return catalogues.build_catalogue(SPEC)


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
