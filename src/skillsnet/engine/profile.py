"""A person's skills: levels on the 0–4 proficiency scale, each backed by evidence.

A profile is built from evidence (self-rating, a previous occupation, a CV phrase, a completed course).
The effective level of a skill is the highest level any evidence gives it; all evidence is kept so an
explanation can say where each level came from.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .catalogue import CareerRoute, RoleSpec

NONE, AWARENESS, WORKING, PRACTITIONER, EXPERT = 0, 1, 2, 3, 4
MAX_LEVEL = EXPERT
LEVEL_NAMES = ("none", "awareness", "working", "practitioner", "expert")


class Provenance(enum.Enum):
    SELF_RATED = "self-rated"
    OCCUPATION = "occupation"
    CV = "cv"
    VERIFIED = "verified"
    # Assumed, not shown: awareness of what every job asks for (see converter.profiles.WORKPLACE_BASICS).
    # It can rank a role but never counts as evidence that the person can be assessed.
    ASSUMED = "assumed"


SELF_RATED = Provenance.SELF_RATED

# On equal level, the most trustworthy source is shown as the "primary" one.
PROVENANCE_RANK: Mapping[Provenance, int] = MappingProxyType(
    {
        Provenance.ASSUMED: -1,
        Provenance.SELF_RATED: 0,
        Provenance.CV: 1,
        Provenance.OCCUPATION: 2,
        Provenance.VERIFIED: 3,
    }
)


@dataclass(frozen=True)
class Evidence:
    skill: str
    level: int
    provenance: Provenance
    detail: str = ""  # the occupation title, the CV phrase quoted, the course or attendance name

    def __post_init__(self) -> None:
        if not (isinstance(self.level, int) and NONE <= self.level <= MAX_LEVEL):
            raise ValueError(f"level must be an int 0..{MAX_LEVEL}, got {self.level!r}")


def _stronger(a: Evidence, b: Evidence) -> bool:
    """True if `a` should be the primary evidence instead of `b`."""
    if a.level != b.level:
        return a.level > b.level
    return PROVENANCE_RANK[a.provenance] > PROVENANCE_RANK[b.provenance]


@dataclass(frozen=True)
class Profile:
    """Immutable set of skill evidence. `seniority` is the highest entry level of the person's previous
    occupations (same scale as `RoleSpec.entry_level`), used for reach and over-qualification.
    `credentials` are the hard entry requirements the person has shown (a degree, a registration).
    `routes` are where people from their previous jobs usually start (`CareerRoute`), one per job that has one."""

    evidence: tuple[Evidence, ...] = ()
    seniority: int | None = None
    credentials: frozenset[str] = frozenset()
    routes: tuple[CareerRoute, ...] = ()
    _primary: Mapping[str, Evidence] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        primary: dict[str, Evidence] = {}
        for ev in self.evidence:
            best = primary.get(ev.skill)
            if best is None or _stronger(ev, best):
                primary[ev.skill] = ev
        object.__setattr__(self, "_primary", MappingProxyType(primary))

    @classmethod
    def from_evidence(
        cls,
        evidence: Iterable[Evidence],
        *,
        seniority: int | None = None,
        credentials: Iterable[str] = (),
        routes: Iterable[CareerRoute] = (),
    ) -> Profile:
        return cls(tuple(evidence), seniority, frozenset(credentials), tuple(dict.fromkeys(routes)))

    def shown(self) -> Profile:
        """The profile less its assumed evidence (`Provenance.ASSUMED`): what the person has shown. The same
        object when nothing is assumed."""
        if all(ev.provenance is not Provenance.ASSUMED for ev in self.evidence):
            return self
        evidence = tuple(ev for ev in self.evidence if ev.provenance is not Provenance.ASSUMED)
        return Profile(evidence, self.seniority, self.credentials, self.routes)

    def route_to(self, role: str) -> CareerRoute | None:
        """The person's career route that leads to `role` and lists it nearest the top (routes list their
        roles most usual first; the first such route on a tie), if any."""
        leading = [route for route in self.routes if role in route.roles]
        return min(leading, key=lambda route: route.roles.index(role)) if leading else None

    @classmethod
    def from_levels(cls, levels: Mapping[str, int], provenance: Provenance = SELF_RATED) -> Profile:
        return cls(tuple(Evidence(s, lv, provenance) for s, lv in sorted(levels.items())))

    @property
    def levels(self) -> dict[str, int]:
        """Effective level per skill (highest level wins). Skills at level 0 are included."""
        return {skill: ev.level for skill, ev in self._primary.items()}

    @property
    def skills(self) -> tuple[str, ...]:
        return tuple(sorted(self._primary))

    def level(self, skill: str) -> int:
        ev = self._primary.get(skill)
        return ev.level if ev is not None else NONE

    def primary(self, skill: str) -> Evidence | None:
        """The evidence shown for a skill: highest level, then VERIFIED > OCCUPATION > CV > SELF_RATED."""
        return self._primary.get(skill)

    def evidence_for(self, skill: str) -> tuple[Evidence, ...]:
        return tuple(ev for ev in self.evidence if ev.skill == skill)


def profile_from_occupations(occupations: Iterable[RoleSpec], *, extra: Iterable[Evidence] = ()) -> Profile:
    """Profile of someone who has worked in each of `occupations`.

    Essential requirements are credited at their required level; optional ones one level lower
    (minimum 1), because not every holder of a job uses its optional skills. Highest level wins across
    occupations; every occupation stays as evidence. Seniority is the highest entry level held, and the
    credentials are those any of the jobs implies (`RoleSpec.entry_requirements`), and the routes those
    of the jobs that carry one.
    """
    evidence: list[Evidence] = []
    entry_levels: list[int] = []
    credentials: set[str] = set()
    routes: list[CareerRoute] = []
    for occ in occupations:
        if occ.route is not None and occ.route not in routes:
            routes.append(occ.route)
        if occ.entry_level > 0:  # 0: the job's level is not known
            entry_levels.append(occ.entry_level)
        credentials.update(occ.entry_requirements)
        for req in occ.requirements:
            level = req.level if req.essential else max(AWARENESS, req.level - 1)
            evidence.append(Evidence(req.skill, level, Provenance.OCCUPATION, occ.title))
    evidence.extend(extra)
    return Profile(tuple(evidence), max(entry_levels) if entry_levels else None, frozenset(credentials), tuple(routes))
