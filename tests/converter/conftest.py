"""Converter fixtures: a small, hand-built catalogue (fast and deterministic) and helpers for the journey.

The catalogue: a brewer and a hospital scientist as source occupations; a manufacturing technician, a QC
analyst and a QA officer as roles; online courses, an on-site course at RoslinCT that needs an online
prerequisite, and a blended PCR course.
"""

from __future__ import annotations

from typing import Any

import pytest

from ..catalogues import CatalogueSpec, CentreSpec, CourseSpec, OccupationSpec, build_catalogue, esco_job

BMS_URI = "http://data.europa.eu/esco/occupation/test-biomedical-scientist"

SKILLS = {
    "gmp": "Good manufacturing practice (GMP)",
    "aseptic-technique": "Aseptic technique",
    "cleanroom-gowning": "Cleanroom gowning",
    "good-documentation-practice": "Good documentation practice",
    "cell-culture": "Cell culture",
    "cell-counting": "Cell counting",
    "teamwork": "Teamwork",
    "fermentation": "Fermentation",
    "cip-sip": "Cleaning and sterilising in place (CIP/SIP)",
    "haccp": "HACCP food safety",
    "pcr": "PCR",
    "lab-accreditation-iso15189": "ISO 15189 laboratory quality",
    "attention-to-detail": "Attention to detail",
    "communication": "Clear communication",
    "project-management": "Project management",
}
ALT_LABELS = {
    "gmp": ["good manufacturing practice"],
    "pcr": ["polymerase chain reaction", "qPCR"],
    "haccp": ["hazard analysis"],
    "fermentation": ["fermenters", "fermentation"],
}
CATEGORIES = {"teamwork": "behaviour", "attention-to-detail": "behaviour", "communication": "behaviour"}

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
            ("teamwork", 2, True),
            ("fermentation", 1, False),
            ("cip-sip", 1, False),
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
            ("aseptic-technique", 2, True),
            ("teamwork", 2, False),
        ],
    ),
    "qa-officer": (
        "Quality assurance officer",
        "quality-assurance",
        5,
        [
            ("gmp", 4, True),
            ("good-documentation-practice", 3, True),
            ("communication", 3, True),
            ("attention-to-detail", 3, False),
        ],
    ),
}

OCCUPATIONS = {
    "brew-house-operator": OccupationSpec(
        "Brew house operator",
        "brewing-distilling",
        [
            ("fermentation", 3, True),
            ("cip-sip", 3, True),
            ("haccp", 2, True),
            ("good-documentation-practice", 2, True),
            ("teamwork", 3, True),
            ("gmp", 1, False),
        ],
        alt_titles=["brewery worker", "brewer"],
    ),
    "biomedical-scientist": OccupationSpec(
        "Biomedical scientist",
        "nhs-laboratories",
        [
            ("pcr", 3, True),
            ("good-documentation-practice", 3, True),
            ("cell-counting", 3, True),
            ("aseptic-technique", 2, True),
            ("teamwork", 3, True),
            ("lab-accreditation-iso15189", 3, True),
        ],
        alt_titles=["BMS", "hospital scientist"],
        esco_uri=BMS_URI,
    ),
}

TRANSFERS = [
    ("haccp", "gmp", 0.5, "Both are systems of hygiene controls and records"),
    ("fermentation", "cell-culture", 0.5, "Keeping living cultures healthy in controlled vessels"),
    ("lab-accreditation-iso15189", "gmp", 0.75, "An accredited lab quality system works much like GMP"),
]

P = "cgt-catapult"
COURSES = {
    "gmp-essentials": CourseSpec(
        "GMP essentials", "online", P, [("gmp", 3, 0), ("good-documentation-practice", 3, 0)], hours=6
    ),
    "aseptic-basics": CourseSpec(
        "Aseptic basics", "online", P, [("aseptic-technique", 1, 0), ("cleanroom-gowning", 1, 0)], hours=4
    ),
    "cleanroom-practical": CourseSpec(
        "Cleanroom practical",
        "on-site",
        P,
        [("cleanroom-gowning", 3, 1), ("aseptic-technique", 3, 1)],
        hours=7.5,
        cost=150,
        prerequisites=["gmp-essentials", "aseptic-basics"],
        centres=["roslinct"],
    ),
    "cell-culture-online": CourseSpec("Cell culture online", "online", P, [("cell-culture", 2, 0)], hours=10),
    "pcr-lab": CourseSpec("PCR in the GMP lab", "blended", P, [("pcr", 3, 1)], hours=20, cost=450, centres=["nhc"]),
    "communication-skills": CourseSpec("Communicating at work", "online", P, [("communication", 3, 0)], hours=3),
}

SPEC = CatalogueSpec(
    sectors={"brewing-distilling": "Brewing and distilling", "nhs-laboratories": "NHS laboratories"},
    skills=SKILLS,
    alt_labels=ALT_LABELS,
    categories=CATEGORIES,
    # An ESCO-only skill: searchable, but no role is described with it.
    esco_skills={"esco-brewing-beer": "Brew beer"},
    transfers=TRANSFERS,
    roles=ROLES,
    occupations=OCCUPATIONS,
    esco_occupations={"esco-bakery-worker": ("Bakery worker", "http://data.europa.eu/esco/occupation/test-baker")},
    providers={P: "CGT Catapult"},
    centres={
        "roslinct": CentreSpec("RoslinCT", "RoslinCT", "Edinburgh", "Scotland", 55.9, -3.1),
        "nhc": CentreSpec("National Horizons Centre", "Teesside University", "Darlington", "North East", 54.5, -1.5),
    },
    courses=COURSES,
)


def build_test_catalogue() -> None:
    """Create the small catalogue above (tests/catalogues.py builds it)."""
    build_catalogue(SPEC)


@pytest.fixture
def catalogue(db: None) -> None:
    build_test_catalogue()


@pytest.fixture(autouse=True)
def _no_throttle(settings: Any) -> None:
    settings.CONVERTER_ANON_RATE_PER_MINUTE = 10_000


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


ROUTED_URI = "http://data.europa.eu/esco/occupation/test-medical-laboratory-technician"  # esco_job's URI


@pytest.fixture
def routed_job(catalogue: None) -> str:
    """An ESCO job (ISCO 3212) whose group's career route leads to the QA officer role."""
    from skillsnet.catalogue.models import CareerRoute

    skills = ("pcr", "good-documentation-practice", "cell-counting", "teamwork")
    esco_job("test-medical-laboratory-technician", "medical laboratory technician", "3212", skills)
    CareerRoute.objects.create(
        isco="321",
        name="Medical and pharmaceutical technicians",
        roles=["qa-officer"],
        rationale="They already test samples under an accredited quality system",
    )
    return ROUTED_URI
