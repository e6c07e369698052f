"""Converter fixtures: a small, hand-built catalogue (fast and deterministic) and helpers for the journey.

The catalogue: a brewer and a hospital scientist as source occupations; a manufacturing technician, a QC
analyst and a QA officer as roles; online courses, an on-site course at RoslinCT that needs an online
prerequisite, and a blended PCR course.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

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
    "brew-house-operator": (
        "Brew house operator",
        ["brewery worker", "brewer"],
        None,
        [
            ("fermentation", 3, True),
            ("cip-sip", 3, True),
            ("haccp", 2, True),
            ("good-documentation-practice", 2, True),
            ("teamwork", 3, True),
            ("gmp", 1, False),
        ],
    ),
    "biomedical-scientist": (
        "Biomedical scientist",
        ["BMS", "hospital scientist"],
        BMS_URI,
        [
            ("pcr", 3, True),
            ("good-documentation-practice", 3, True),
            ("cell-counting", 3, True),
            ("aseptic-technique", 2, True),
            ("teamwork", 3, True),
            ("lab-accreditation-iso15189", 3, True),
        ],
    ),
}

TRANSFERS = [
    ("haccp", "gmp", 0.5, "Both are systems of hygiene controls and records"),
    ("fermentation", "cell-culture", 0.5, "Keeping living cultures healthy in controlled vessels"),
    ("lab-accreditation-iso15189", "gmp", 0.75, "An accredited lab quality system works much like GMP"),
]

# slug: (title, mode, hours, cost, [(skill, to, assumes)], [prerequisites], [centres])
COURSES = {
    "gmp-essentials": (
        "GMP essentials",
        "online",
        6,
        0,
        [("gmp", 3, 0), ("good-documentation-practice", 3, 0)],
        [],
        [],
    ),
    "aseptic-basics": (
        "Aseptic basics",
        "online",
        4,
        0,
        [("aseptic-technique", 1, 0), ("cleanroom-gowning", 1, 0)],
        [],
        [],
    ),
    "cleanroom-practical": (
        "Cleanroom practical",
        "on-site",
        7.5,
        150,
        [("cleanroom-gowning", 3, 1), ("aseptic-technique", 3, 1)],
        ["gmp-essentials", "aseptic-basics"],
        ["roslinct"],
    ),
    "cell-culture-online": ("Cell culture online", "online", 10, 0, [("cell-culture", 2, 0)], [], []),
    "pcr-lab": ("PCR in the GMP lab", "blended", 20, 450, [("pcr", 3, 1)], [], ["nhc"]),
    "communication-skills": ("Communicating at work", "online", 3, 0, [("communication", 3, 0)], [], []),
}


def build_test_catalogue() -> None:
    """Create the small catalogue above with the ORM (signals bump the catalogue version)."""
    from skillsnet.catalogue import models as m
    from skillsnet.catalogue.snapshot import clear_snapshot_cache
    from skillsnet.centres.models import Centre

    clear_snapshot_cache()
    brewing = m.Sector.objects.create(slug="brewing-distilling", name="Brewing and distilling")
    nhs = m.Sector.objects.create(slug="nhs-laboratories", name="NHS laboratories")
    skills = {
        slug: m.Skill.objects.create(
            slug=slug, name=name, alt_labels=ALT_LABELS.get(slug, []), category=CATEGORIES.get(slug, "quality")
        )
        for slug, name in SKILLS.items()
    }
    # An ESCO-only skill: searchable, but no role is described with it.
    m.Skill.objects.create(slug="esco-brewing-beer", name="Brew beer", origin=m.Origin.ESCO)
    for a, b, credit, why in TRANSFERS:
        m.SkillTransfer.objects.create(from_skill=skills[a], to_skill=skills[b], credit=credit, rationale=why)
    for slug, (title, family, entry, reqs) in ROLES.items():
        role = m.Role.objects.create(slug=slug, title=title, family=family, entry_level=entry, description=title)
        for skill, level, essential in reqs:
            m.RoleSkill.objects.create(role=role, skill=skills[skill], level=level, essential=essential)
    for slug, (title, alt, uri, reqs) in OCCUPATIONS.items():
        occ = m.SourceOccupation.objects.create(
            slug=slug, title=title, alt_titles=alt, esco_uri=uri, sector=brewing if "brew" in slug else nhs
        )
        for skill, level, essential in reqs:
            m.OccupationSkill.objects.create(occupation=occ, skill=skills[skill], level=level, essential=essential)
    m.SourceOccupation.objects.create(
        slug="esco-bakery-worker",
        title="Bakery worker",
        origin=m.Origin.ESCO,
        esco_uri="http://data.europa.eu/esco/occupation/test-baker",
    )
    provider = m.Provider.objects.create(slug="cgt-catapult", name="CGT Catapult")
    roslin = Centre.objects.create(
        slug="roslinct",
        name="RoslinCT",
        organisation="RoslinCT",
        address="Edinburgh",
        region="Scotland",
        latitude=55.9,
        longitude=-3.1,
    )
    nhc = Centre.objects.create(
        slug="nhc",
        name="National Horizons Centre",
        organisation="Teesside University",
        address="Darlington",
        region="North East",
        latitude=54.5,
        longitude=-1.5,
    )
    centres = {"roslinct": roslin, "nhc": nhc}
    courses = {}
    for slug, (title, mode, hours, cost, raises, _prereqs, at) in COURSES.items():
        course = m.Course.objects.create(
            slug=slug,
            title=title,
            provider=provider,
            mode=mode,
            hours=Decimal(str(hours)),
            cost=Decimal(cost),
            level=3,
            description=title,
        )
        for skill, to, assumes in raises:
            m.CourseSkill.objects.create(course=course, skill=skills[skill], to_level=to, assumes_level=assumes)
        for centre in at:
            centres[centre].courses.add(course)
        courses[slug] = course
    for slug, (*_rest, prereqs, _at) in COURSES.items():
        for required in prereqs:
            m.CoursePrerequisite.objects.create(course=courses[slug], requires=courses[required])
    clear_snapshot_cache()


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
