"""The adapter between the catalogue tables and the pure engine.

`engine_snapshot()` reads the curated graph (skills, roles, transfers, courses) once and hands the engine
its immutable arrays. The result is cached per process and keyed by the catalogue version, which every
catalogue write bumps: several web processes stay consistent without sharing memory, and a process
rebuilds at most once per catalogue change.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.conf import settings
from django.db.models import F

from skillsnet import engine
from skillsnet.catalogue.models import (
    CareerRoute,
    CoursePrerequisite,
    CourseSkill,
    EscoSkillLink,
    OccupationSkill,
    Origin,
    Role,
    RoleSkill,
    Skill,
    SkillTransfer,
    SourceOccupation,
)
from skillsnet.catalogue.selectors import show_example_content, visible_courses
from skillsnet.catalogue.versioning import catalogue_version


@dataclass(frozen=True)
class Snapshot:
    version: int
    catalogue: engine.EngineCatalogue
    lexicon: engine.Lexicon
    skill_names: dict[str, str]
    skill_categories: dict[str, str]
    course_modes: dict[str, str]
    # ESCO skill slug (the row holding the ESCO URI) -> its reviewed (curated slug, strength) links, strongest
    # first: the ESCO → curated skill bridge (data/esco_bridge.csv, docs/decisions/0006-esco-bridge.md).
    bridge: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    # Slugs of the example (fictional) courses in the snapshot: plans mark their steps `"example": true`.
    example_courses: frozenset[str] = frozenset()
    # The transfer edges the catalogue was built with, for catalogues built beside it (a vacancy's).
    transfers: tuple[engine.TransferSpec, ...] = ()
    # ISCO-08 prefix -> where people from that group of jobs usually start (data/career_routes.yaml).
    routes: dict[str, engine.CareerRoute] = field(default_factory=dict)
    # Previous jobs already turned into engine specs for this version (`occupation_specs`): key -> spec or None.
    occupations: dict[str, engine.RoleSpec | None] = field(default_factory=dict, compare=False, repr=False)
    # The CV reader's sentence model (data/cv_sentence_model.npz), or None when the file is absent: the phrases alone.
    sentence_model: engine.SentenceModel | None = field(default=None, compare=False, repr=False)

    def skill_name(self, slug: str) -> str:
        return self.skill_names.get(slug, slug)

    def route_for(self, isco_code: str) -> engine.CareerRoute | None:
        """The career route of a job's ISCO-08 code: the route of its longest listed prefix."""
        code = (isco_code or "").strip()
        for length in range(min(len(code), 4), 0, -1):
            route = self.routes.get(code[:length])
            if route is not None:
                return route
        return None


logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, Snapshot] = {}


def engine_snapshot() -> Snapshot:
    """The engine's view of the current catalogue (rebuilt only when the catalogue version changes)."""
    version = catalogue_version()
    key = "with-examples" if show_example_content() else "real-only"
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached.version == version:
            return cached
        snapshot = build_snapshot(version)
        _cache[key] = snapshot
        return snapshot


def clear_snapshot_cache() -> None:
    _cache.clear()


def build_snapshot(version: int) -> Snapshot:
    skills = list(
        Skill.objects.filter(origin=Origin.CURATED)
        .order_by("slug")
        .values_list("slug", "name", "category", "alt_labels", "esco_alt_labels", "generic")
    )
    curated = {slug for slug, *_ in skills}
    skill_specs = [
        engine.SkillSpec(slug=slug, name=name, labels=tuple(_labels(alt, esco_alt)), generic=generic)
        for slug, name, _cat, alt, esco_alt, generic in skills
    ]

    requirements: dict[int, list[engine.Requirement]] = defaultdict(list)
    for role_id, skill_slug, level, essential in RoleSkill.objects.values_list(
        "role_id", "skill__slug", "level", "essential"
    ):
        requirements[role_id].append(engine.Requirement(skill=skill_slug, level=level, essential=essential))
    role_specs = [
        engine.RoleSpec(slug, title, family, entry_level, tuple(requirements[pk]), tuple(hard or ()))
        for pk, slug, title, family, entry_level, hard in Role.objects.order_by("slug").values_list(
            "pk", "slug", "title", "family", "entry_level", "entry_requirements"
        )
    ]

    transfers = [
        engine.TransferSpec(from_skill=a, to_skill=b, credit=float(credit), rationale=why)
        for a, b, credit, why in SkillTransfer.objects.filter(
            from_skill__origin=Origin.CURATED, to_skill__origin=Origin.CURATED
        ).values_list("from_skill__slug", "to_skill__slug", "credit", "rationale")
    ]

    raises: dict[int, list[engine.CourseSkill]] = defaultdict(list)
    for course_id, skill_slug, to_level, assumes in CourseSkill.objects.values_list(
        "course_id", "skill__slug", "to_level", "assumes_level"
    ):
        if skill_slug in curated:
            raises[course_id].append(engine.CourseSkill(skill=skill_slug, to_level=to_level, assumes_level=assumes))
    visible = visible_courses()
    course_rows = list(visible.order_by("slug").values_list("pk", "slug", "title", "mode", "hours", "cost"))
    visible_slugs = {slug for _pk, slug, *_ in course_rows}
    prerequisites: dict[int, list[str]] = defaultdict(list)
    for course_id, required_slug in CoursePrerequisite.objects.values_list("course_id", "requires__slug"):
        if required_slug in visible_slugs:
            prerequisites[course_id].append(required_slug)
    course_specs = [
        engine.CourseSpec(
            slug=slug,
            title=title,
            mode=cast(engine.catalogue.Mode, mode),
            hours=float(hours),
            cost=float(cost),
            raises=tuple(raises[pk]),
            prerequisites=tuple(sorted(prerequisites[pk])),
        )
        for pk, slug, title, mode, hours, cost in course_rows
    ]

    catalogue = engine.build_catalogue(skill_specs, role_specs, transfers, course_specs)
    return Snapshot(
        version=version,
        catalogue=catalogue,
        lexicon=engine.build_lexicon(skill_specs, bridge_labels()),
        skill_names={slug: name for slug, name, *_ in skills},
        skill_categories={slug: cat for slug, _name, cat, *_ in skills},
        course_modes={slug: mode for _pk, slug, _t, mode, _h, _c in course_rows},
        bridge=_bridge(curated),
        example_courses=frozenset(visible.filter(example=True).values_list("slug", flat=True)),
        transfers=tuple(transfers),
        routes=_routes({spec.slug for spec in role_specs}),
        sentence_model=sentence_model(),
    )


SENTENCE_MODEL_FILE = "cv_sentence_model.npz"


@functools.cache
def sentence_model() -> engine.SentenceModel | None:
    """The CV reader's sentence model from the data folder, read once per process; None (the phrases alone) when
    `SKILLSNET_CV_SENTENCE_MODEL` is off, or, with a warning in the log, when the file is missing or unreadable."""
    if not settings.CV_SENTENCE_MODEL:
        return None
    path = Path(settings.DATA_DIR) / SENTENCE_MODEL_FILE
    try:
        return engine.load_sentence_model(path)
    except (OSError, ValueError) as error:
        logger.warning("CV reader without its sentence model: %s", error)
        return None


def _routes(roles: set[str]) -> dict[str, engine.CareerRoute]:
    return {
        isco: engine.CareerRoute(name, tuple(r for r in slugs if r in roles), rationale)
        for isco, name, slugs, rationale in CareerRoute.objects.values_list("isco", "name", "roles", "rationale")
    }


def _bridge(curated: set[str]) -> dict[str, tuple[tuple[str, float], ...]]:
    links: dict[str, list[tuple[str, float]]] = defaultdict(list)
    # Only reviewed links: the unreviewed rows are the builder's weak proposals, kept for the next review.
    rows = EscoSkillLink.objects.filter(reviewed=True).values_list("esco_skill__slug", "skill__slug", "strength")
    for esco_slug, slug, strength in rows:
        if slug in curated:
            links[esco_slug].append((slug, float(strength)))
    return {key: tuple(sorted(pairs, key=lambda p: (-p[1], p[0]))) for key, pairs in sorted(links.items())}


def lexicon_inputs() -> tuple[list[engine.SkillSpec], list[tuple[str, str]]]:
    """What the CV reader's lexicon is built from: the curated skills (name, curated and ESCO alt labels) and
    the extra (slug, label) pairs of `bridge_labels()`. `make eval` builds the old and new readers from it."""
    skills = Skill.objects.filter(origin=Origin.CURATED).order_by("slug")
    specs = [
        engine.SkillSpec(slug=slug, name=name, labels=tuple(_labels(alt, esco_alt)))
        for slug, name, alt, esco_alt in skills.values_list("slug", "name", "alt_labels", "esco_alt_labels")
    ]
    return specs, bridge_labels()


BRIDGE_MIN_STRENGTH = 0.7


def bridge_labels(min_strength: float = BRIDGE_MIN_STRENGTH) -> list[tuple[str, str]]:
    """(curated slug, label) pairs for the CV reader from the ESCO bridge (`EscoSkillLink`, loaded from
    data/esco_bridge.csv by the ESCO import): the preferred and alternative labels of each ESCO skill with a
    reviewed link of strength >= `min_strength` to a curated skill. Identity links (the curated row itself)
    add nothing new and are skipped."""
    rows = (
        EscoSkillLink.objects.filter(reviewed=True, strength__gte=min_strength, skill__origin=Origin.CURATED)
        .exclude(esco_skill=F("skill"))
        .order_by("skill__slug", "esco_skill__slug")
        .values_list("skill__slug", "esco_skill__name", "esco_skill__esco_alt_labels")
    )
    pairs: dict[tuple[str, str], None] = {}
    for slug, name, alt in rows:
        for label in (name, *(alt or ())):
            if label and label.strip():
                pairs.setdefault((slug, label.strip()), None)
    return list(pairs)


def _labels(*groups: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        for label in group or ():
            if label and label.strip():
                seen.setdefault(label.strip(), None)
    return list(seen)


# A previous job's level on the RQF scale, from its ISCO-08 group (ESCO gives every occupation one) or,
# failing that, its UK SOC 2020 major group: the level at which people usually enter that work. It decides
# which industry roles are within reach (at most one level up) and flags over-qualification.
ISCO_ENTRY_LEVELS = {
    "01": 6,  # commissioned armed forces officers
    "02": 3,  # non-commissioned officers
    "03": 2,  # other ranks
    "11": 5,  # chief executives, senior officials
    "12": 5,  # administrative and commercial managers
    "13": 5,  # production and specialised services managers
    "14": 4,  # hospitality, retail and other services managers
    "2": 6,  # professionals
    "3": 4,  # technicians and associate professionals
    "4": 3,  # clerical support workers
    "5": 2,  # service and sales workers
    "6": 2,  # skilled agricultural, forestry and fishery workers
    "7": 3,  # craft and related trades workers
    "8": 2,  # plant and machine operators and assemblers
    "9": 2,  # elementary occupations (RQF 1 in principle; 2 is the lowest entry the roles use)
}
SOC_ENTRY_LEVELS = {"1": 5, "2": 6, "3": 4, "4": 3, "5": 3, "6": 2, "7": 2, "8": 2, "9": 2}
# Credentials that holding a job implies, by ISCO-08 group: science and engineering professionals hold a
# degree (mathematics and statistics are mathematical sciences, the degree bioinformatics and data roles ask
# for); a nurse or pharmacist practising in the UK is registered.
ISCO_CREDENTIALS = {
    "211": ("science-degree",),  # physical and earth science professionals
    "212": ("science-degree",),  # mathematicians, actuaries and statisticians
    "213": ("science-degree",),  # life science professionals
    "214": ("science-degree",),  # engineering professionals
    "215": ("science-degree",),  # electrotechnology engineers
    "221": ("science-degree",),  # medical doctors
    "2221": ("nmc-registration",),  # nursing professionals
    "225": ("science-degree",),  # veterinarians
    "2262": ("gphc-registration", "science-degree"),  # pharmacists
}


def occupation_entry_level(isco_code: str, soc_code: str = "") -> int:
    """The RQF level of a previous job (see ISCO_ENTRY_LEVELS); 0 (unknown) when it has neither code."""
    isco = (isco_code or "").strip()
    for length in (2, 1):
        if len(isco) >= length and isco[:length] in ISCO_ENTRY_LEVELS:
            return ISCO_ENTRY_LEVELS[isco[:length]]
    soc = (soc_code or "").strip()
    return SOC_ENTRY_LEVELS.get(soc[:1], 0)


def implied_credentials(isco_code: str, declared: Iterable[str] = ()) -> tuple[str, ...]:
    """The credentials a job implies: those the dataset declares plus those of its ISCO group."""
    isco = (isco_code or "").strip()
    found = dict.fromkeys(declared or ())
    for length in (4, 3):
        for code in ISCO_CREDENTIALS.get(isco[:length], ()) if len(isco) >= length else ():
            found.setdefault(code, None)
    return tuple(found)


# ESCO says only whether an occupation's skill is essential or optional. On the curated occupations' scale
# (written by hand: essential skills mostly at practitioner level 3, optional ones at 2), a bridged skill is
# credited at that level times the link's strength, rounded half up; below awareness it is dropped.
BRIDGED_ESSENTIAL_LEVEL = 3
BRIDGED_OPTIONAL_LEVEL = 2
# A curated skill counts as essential to the job only through a strong essential link.
BRIDGED_ESSENTIAL_MIN_STRENGTH = 0.5


def bridged_requirements(relations: Iterable[tuple[str, bool]], snapshot: Snapshot) -> tuple[engine.Requirement, ...]:
    """An ESCO occupation's skills (ESCO skill slug, essential) as curated requirements, through the bridge.

    A curated skill that *is* the ESCO skill links at strength 1. Many ESCO skills may reach one curated
    skill: it keeps the highest level any of them gives, and is essential if any strong essential link is.
    """
    known = snapshot.skill_names
    best: dict[str, tuple[int, bool]] = {}
    for esco_slug, essential in relations:
        links = ((esco_slug, 1.0),) if esco_slug in known else snapshot.bridge.get(esco_slug, ())
        base = BRIDGED_ESSENTIAL_LEVEL if essential else BRIDGED_OPTIONAL_LEVEL
        for slug, strength in links:
            level = min(4, math.floor(base * strength + 0.5))
            if level < 1:
                continue
            strong = essential and strength >= BRIDGED_ESSENTIAL_MIN_STRENGTH
            was_level, was_strong = best.get(slug, (0, False))
            best[slug] = (max(level, was_level), strong or was_strong)
    return tuple(
        engine.Requirement(skill=slug, level=level, essential=strong) for slug, (level, strong) in sorted(best.items())
    )


def occupation_specs(keys: Iterable[str], snapshot: Snapshot) -> tuple[list[engine.RoleSpec], list[str]]:
    """Engine specs for previous jobs named by slug or ESCO URI: source occupations or industry roles.

    Returns (specs, unknown keys). Each carries its entry level on the RQF scale (an industry role its
    own; a source occupation the level of its ISCO or SOC group) and the credentials holding it implies,
    so the engine can tell which roles are within reach. Skills outside the curated graph are dropped:
    they cannot count towards any role.
    """
    wanted = [k.strip() for k in keys if k and k.strip()]
    specs: list[engine.RoleSpec] = []
    unknown: list[str] = []
    known = set(snapshot.skill_names)
    for key in wanted:
        # Each previous job is read once per catalogue version and process (the snapshot keeps it).
        if key in snapshot.occupations:
            spec = snapshot.occupations[key]
            if spec is None:
                unknown.append(key)
            else:
                specs.append(spec)
            continue
        found = _occupation_spec(key, snapshot, known)
        snapshot.occupations[key] = found
        if found is None:
            unknown.append(key)
        else:
            specs.append(found)
    return specs, unknown


def _occupation_spec(key: str, snapshot: Snapshot, known: set[str]) -> engine.RoleSpec | None:
    occupation = (
        SourceOccupation.objects.filter(esco_uri=key).first()
        if key.startswith("http")
        else SourceOccupation.objects.filter(slug=key).first()
    )
    if occupation is not None:
        rows = OccupationSkill.objects.filter(occupation=occupation).values_list("skill__slug", "level", "essential")
        if occupation.origin == Origin.ESCO:
            reqs = bridged_requirements(((slug, essential) for slug, _level, essential in rows), snapshot)
        else:
            reqs = tuple(
                engine.Requirement(skill=slug, level=max(1, level), essential=essential)
                for slug, level, essential in rows
                if slug in known
            )
        return engine.RoleSpec(
            occupation.slug,
            occupation.title,
            "source",
            occupation_entry_level(occupation.isco_code, occupation.soc_code),
            reqs,
            implied_credentials(occupation.isco_code, occupation.credentials),
            snapshot.route_for(occupation.isco_code),
        )
    if key in snapshot.catalogue.role_index:  # an industry role, from the cached snapshot
        return snapshot.catalogue.role(key)
    return None
