"""What matching returns: `RoleMatch` with its `MetSkill`, `TransferredSkill` and `Gap` rows, and
`RoleFits`, the fit of one profile against every role."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..catalogue import CareerRoute, FloatArray, IntArray
from ..profile import Provenance
from .rules import Readiness


@dataclass(frozen=True)
class MetSkill:
    skill: str
    required_level: int
    level: int
    provenance: Provenance | None  # primary evidence of the person's level
    essential: bool


@dataclass(frozen=True)
class TransferredSkill:
    """A requirement (partly) met through another skill the person holds."""

    skill: str
    from_skill: str
    credit: float
    level_gained: float  # credit * level of from_skill
    required_level: int
    rationale: str
    essential: bool

    @property
    def fully_met(self) -> bool:
        return self.level_gained >= self.required_level


@dataclass(frozen=True)
class Gap:
    skill: str
    required_level: int
    current_level: float  # effective level, which may come (partly) from a transfer
    essential: bool


@dataclass(frozen=True)
class RoleMatch:
    role: str
    title: str
    family: str
    entry_level: int
    score: float
    essential_coverage: float
    readiness: Readiness
    gap_hours: float | None  # hours to close the essential gaps; None when a gap has no course
    overqualified: bool
    met: tuple[MetSkill, ...]
    transferred: tuple[TransferredSkill, ...]
    gaps: tuple[Gap, ...]
    missing_requirements: tuple[str, ...] = ()  # hard entry requirements the person has not shown
    within_reach: bool = True  # no missing requirement and at most one entry level up (see match())
    step_up: bool = False  # within reach, but above the person's previous jobs (one level; more on a route)
    specialist_unproven: bool = False  # a skilled role the person shows little of its specialist skills for
    step_down: bool = False  # entered STEP_DOWN_LEVELS or more below the person's previous jobs
    route: CareerRoute | None = None  # the person's career route that leads here (ranked ROUTE_BONUS higher)

    def plan_gaps(self, *, essential_only: bool = False) -> dict[str, tuple[int, int]]:
        """The gaps in the form `plan()` takes: skill -> (current level rounded down, required level)."""
        wanted = [g for g in self.gaps if g.essential or not essential_only]
        return {g.skill: (int(g.current_level), g.required_level) for g in wanted}


@dataclass(frozen=True)
class RoleFits:
    """Fit of one profile against every role, in catalogue role order."""

    score: FloatArray
    essential_coverage: FloatArray
    gap_hours: FloatArray  # inf when an essential gap has no teaching course
    overqualified: npt.NDArray[np.bool_]
    readiness: tuple[Readiness, ...]
    missing: tuple[tuple[str, ...], ...]  # per role: hard entry requirements not in the profile
    tier: IntArray  # 0 at the person's level or below, 1 one level up, 2 out of reach (see match())
    specialist_coverage: FloatArray  # fit over the role's non-generic requirements only (1.0 when none)
    unproven: npt.NDArray[np.bool_]  # a skilled role the person shows too little specialist skill for (see match())
    step_down: npt.NDArray[np.bool_]  # entered STEP_DOWN_LEVELS or more below the person's previous jobs
    route_place: IntArray  # place in the list of a career route of the person's jobs (0 most usual); -1 off route

    @property
    def on_route(self) -> npt.NDArray[np.bool_]:
        """On a career route of the person's previous jobs (see match())."""
        return self.route_place >= 0

    @property
    def within_reach(self) -> npt.NDArray[np.bool_]:
        """No missing hard requirement and at most REACH_MAX_STEP_UP entry levels up: tiers 0 and 1."""
        return self.tier < 2
