"""What the planner returns: a `Plan` of dated `PlanStep`s, the skills it leaves `Uncovered` and why, and
the `Travel` rules it was asked to keep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..catalogue import RunSpec

Method = Literal["milp", "greedy"]


@dataclass(frozen=True)
class PlanStep:
    course: str
    title: str
    mode: str
    run_id: str | None
    centre: str | None
    starts: date
    ends: date
    hours: float
    cost: float
    closes: tuple[str, ...]  # gap skills this course takes to the required level
    reason: str
    # on-site steps: the last day to book, and the first day booking is possible (every prerequisite done)
    book_by: date | None = None
    book_from: date | None = None


@dataclass(frozen=True)
class Travel:
    """Where a person will go for on-site runs: any centre in one of `regions`, and each of `centres`.

    Both empty (the default) means anywhere. A run's centre and region come from its `RunSpec`.
    """

    regions: frozenset[str] = frozenset()
    centres: frozenset[str] = frozenset()

    @property
    def anywhere(self) -> bool:
        return not self.regions and not self.centres

    def allows(self, run: RunSpec) -> bool:
        return self.anywhere or run.centre in self.centres or (bool(run.region) and run.region in self.regions)


ANYWHERE = Travel()

UncoveredKind = Literal["untaught", "completed", "level", "no-run", "travel", "deadline", "prerequisites"]


@dataclass(frozen=True)
class Uncovered:
    skill: str
    required_level: int
    reason: str
    kind: UncoveredKind  # the reason as a code, for callers that word it their own way
    # kind "travel": (centre slug, centre name, region) of each centre beyond the person's travel that has a
    # usable run of a course closing this gap; allowing travel to one of them may close it
    centres: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    total_hours: float
    total_cost: float
    finish_date: date | None
    uncovered: tuple[Uncovered, ...]
    method: Method
    greedy_hours: float
    greedy_cost: float
