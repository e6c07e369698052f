"""The planning problem: the gaps to close, the courses and runs that could close them (pruned when there
are many), the calendar, and why a gap no course can close stays uncovered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..catalogue import CourseSpec, EngineCatalogue, RunSpec
from .results import Travel, Uncovered, UncoveredKind

# A real schedule offers each on-site course every few weeks at several centres: dozens of interchangeable
# runs with the same hours and cost. Past this many usable runs, each course keeps only its earliest
# runs that the learner could reach (after the online prerequisites they still need), which shrinks the
# programme tenfold without changing its optimum in practice.
PRUNE_ABOVE_RUNS = 60
RUNS_KEPT_PER_COURSE = 4
_EPS = 1e-6


@dataclass(frozen=True)
class _Offering:
    course: CourseSpec
    run: RunSpec | None  # None for an online course, taken any time

    @property
    def key(self) -> tuple[str, str, str]:
        run = self.run
        return (self.course.slug, run.starts.isoformat() if run else "", run.id if run else "")


class _Problem:
    """Everything the solver, the greedy planner and the scheduler share, precomputed once."""

    def _open_chain(self, slug: str) -> frozenset[str]:
        seen: set[str] = set()
        stack = [p for p in self.courses[slug].prerequisites if p not in self.held]
        while stack:
            p = stack.pop()
            if p not in seen:
                seen.add(p)
                stack.extend(q for q in self.courses[p].prerequisites if q not in self.held)
        return frozenset(seen)

    def __init__(
        self,
        catalogue: EngineCatalogue,
        gaps: Mapping[str, tuple[int, int]],
        held: set[str],
        runs: Sequence[RunSpec],
        start: date,
        hours_per_week: float,
        deadline: date | None,
        travel: Travel,
    ) -> None:
        if hours_per_week <= 0:
            raise ValueError("hours_per_week must be positive")
        self.catalogue = catalogue
        self.start = start
        self.deadline = deadline
        self.travel = travel
        self.rate = hours_per_week / 7.0  # study hours per day
        self.held = held
        self.gaps = {s: (int(c), int(r)) for s, (c, r) in sorted(gaps.items()) if r > c}
        courses = {c.slug: c for c in catalogue.courses}
        self.courses = courses
        # What each course still needs: its prerequisite chain, stopping at courses already held (the
        # prerequisites of a held course are behind the learner, not ahead).
        self.closure = (
            catalogue.prerequisite_closure if not held else {slug: self._open_chain(slug) for slug in courses}
        )

        # A course can close gap g if it teaches g to the required level from what the learner has:
        # their current level, or a level taught by a course in its prerequisite chain or already held.
        self.eligible: dict[str, list[str]] = {}
        self.teaches_at_all: dict[str, bool] = {}
        self.eligible_but_held: dict[str, bool] = {}
        for skill, (current, required) in self.gaps.items():
            self.teaches_at_all[skill] = False
            eligible = []
            for slug, course in courses.items():
                for cs in course.raises:
                    if cs.skill != skill or cs.to_level < required:
                        continue
                    self.teaches_at_all[skill] = True
                    if cs.assumes_level <= current or any(
                        self._teaches(p, skill, cs.assumes_level) for p in self.closure[slug] | held
                    ):
                        eligible.append(slug)
                        break
            self.eligible[skill] = sorted(set(eligible) - held)
            self.eligible_but_held[skill] = bool(eligible) and not self.eligible[skill]

        relevant: set[str] = set()
        for slugs in self.eligible.values():
            for slug in slugs:
                relevant |= {slug} | self.closure[slug]
        relevant -= held
        by_course: dict[str, list[RunSpec]] = {}
        # runs that only the person's travel rules out, by course: centre slug -> (name, region)
        self.beyond_travel: dict[str, dict[str, tuple[str, str]]] = {}
        for run in runs:
            if not (self._run_usable(run) and run.course in relevant):
                continue
            if travel.allows(run):
                by_course.setdefault(run.course, []).append(run)
            else:
                where = self.beyond_travel.setdefault(run.course, {})
                where[run.centre] = (run.centre_name or run.centre, run.region)
        if sum(map(len, by_course.values())) > PRUNE_ABOVE_RUNS:
            by_course = {slug: self._reachable_runs(slug, found) for slug, found in by_course.items()}
        offerings: list[_Offering] = []
        for slug in sorted(relevant):
            course = courses[slug]
            if course.mode == "online":
                offerings.append(_Offering(course, None))
            else:
                for run in sorted(by_course.get(slug, []), key=lambda r: (r.starts, r.id)):
                    offerings.append(_Offering(course, run))
        self.offerings = offerings
        self.offerings_of: dict[str, list[_Offering]] = {}
        for o in offerings:
            self.offerings_of.setdefault(o.course.slug, []).append(o)
        self.closes = {slug: tuple(s for s, el in self.eligible.items() if slug in el) for slug in courses}

    def _reachable_runs(self, slug: str, runs: list[RunSpec]) -> list[RunSpec]:
        """The earliest runs of a course that start after the online prerequisites could be studied."""
        online_hours = sum(
            self.courses[p].hours for p in self.closure[slug] if p not in self.held and self.courses[p].mode == "online"
        )
        earliest = self.start + timedelta(days=int(online_hours / self.rate))
        ordered = sorted(runs, key=lambda r: (r.starts, r.id))
        reachable = [r for r in ordered if self.need_by(r) >= earliest]
        return reachable[:RUNS_KEPT_PER_COURSE] or ordered[-RUNS_KEPT_PER_COURSE:]

    def _teaches(self, slug: str, skill: str, level: int) -> bool:
        course = self.courses.get(slug)
        return course is not None and any(cs.skill == skill and cs.to_level >= level for cs in course.raises)

    def _run_usable(self, run: RunSpec) -> bool:
        course = self.courses.get(run.course)
        return (
            course is not None
            and course.mode != "online"
            and run.seats_free > 0
            and run.starts >= self.start
            and run.ends >= run.starts
            and (run.booking_closes is None or run.booking_closes >= self.start)
            and (self.deadline is None or run.ends <= self.deadline)
        )

    def day(self, d: date) -> int:
        return (d - self.start).days

    def need_by(self, run: RunSpec) -> date:
        """The day by whose start a run's prerequisites must be complete: it starts, or booking closes.

        A booking is refused until the prerequisites are done, so they finish the day before booking
        closes at the latest (booking on the closing day itself is then still possible).
        """
        if run.booking_closes is None or run.booking_closes > run.starts:
            return run.starts
        return run.booking_closes

    def need_day(self, run: RunSpec) -> int:
        return self.day(self.need_by(run))

    def skill_name(self, slug: str) -> str:
        j = self.catalogue.skill_index.get(slug)
        return self.catalogue.skills[j].name if j is not None else slug

    def uncovered(self, skill: str) -> Uncovered:
        current, required = self.gaps[skill]
        name = self.skill_name(skill)

        def why(kind: UncoveredKind, reason: str) -> Uncovered:
            return Uncovered(skill, required, reason, kind)

        if not self.teaches_at_all[skill]:
            return why("untaught", f"no course teaches {name} to level {required}")
        if self.eligible_but_held[skill]:
            return why("completed", f"every course that teaches {name} to level {required} is already completed")
        if not self.eligible[skill]:
            return why("level", f"no course teaches {name} to level {required} from level {current}")
        offered = {o.course.slug for o in self.offerings}
        if not any(slug in offered for slug in self.eligible[skill]):
            when = " before the deadline" if self.deadline is not None else ""
            beyond = {
                centre: where
                for slug in self.eligible[skill]
                for centre, where in self.beyond_travel.get(slug, {}).items()
            }
            if beyond:
                centres = tuple(sorted((c, name, region) for c, (name, region) in beyond.items()))
                places = " or ".join(f"{name} ({region})" if region else name for _, name, region in centres)
                reason = f"no run with free seats{when} where you can travel; there are runs at {places}"
                return Uncovered(skill, required, reason, "travel", centres)
            return why("no-run", f"no run with free seats{when}")
        if self.deadline is not None:
            return why("deadline", "not enough study weeks before the deadline")
        return why("prerequisites", "its prerequisites cannot be scheduled")
