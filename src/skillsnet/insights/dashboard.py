"""The programme dashboard: its tables (activity, Career Converter origins and matches, centre capacity,
the skills-gap heatmap), each already safe to show or export (`insights.stats` publishes them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

import numpy as np
from django.db.models import Count
from django.utils import timezone

from skillsnet import engine
from skillsnet.catalogue.models import RoleFamily
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.centres.models import Booking, BookingStatus, Centre, CourseRun, RunStatus
from skillsnet.centres.selectors import with_seats
from skillsnet.converter.models import Assessment
from skillsnet.converter.selectors import saved_profile
from skillsnet.insights import stats
from skillsnet.insights.activity import (
    METRICS,
    NOT_GIVEN,
    REGION_LABELS,
    counts_by_month,
    counts_by_region,
    first_occupation,
    month_starts,
    origin_sectors,
    sector_of,
    start_of_day,
)
from skillsnet.insights.heatmap import GapHeatmap, skills_gap_heatmap, supply_status, training_supply
from skillsnet.insights.stats import BarChart, Table

OTHER_SECTORS = "Other sectors"
HEATMAP_SKILLS = 15
HEATMAP_SECTORS = 8


@dataclass(frozen=True)
class Section:
    table: Table
    chart: BarChart | None = None


TABLE_KEYS = (
    "activity-by-month",
    "activity-by-region",
    "assessments-by-sector",
    "assessments-by-family",
    "centres",
    "skills-gap-by-region",
    "skills-gap-by-sector",
    "skills-gap-training",
)


class Dashboard:
    """The programme dashboard's tables, each computed on first use (a CSV export computes only its own)."""

    def __init__(self, *, now: datetime | None = None) -> None:
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.months = month_starts(self.today)
        self.since = self.months[0]
        self._profiles: dict[int, engine.Profile | None] = {}

    def _profile(self, assessment: Assessment) -> engine.Profile | None:
        """Each assessment's profile once per dashboard: the heatmap and the matches share them."""
        if assessment.pk not in self._profiles:
            self._profiles[assessment.pk] = saved_profile(assessment)
        return self._profiles[assessment.pk]

    def builders(self) -> dict[str, Callable[[], Section]]:
        """Each table's key (its CSV's name, in TABLE_KEYS order) and the method that builds it."""
        return {
            "activity-by-month": self._activity_by_month,
            "activity-by-region": self._activity_by_region,
            "assessments-by-sector": self._assessments_by_sector,
            "assessments-by-family": self._assessments_by_family,
            "centres": self._centres,
            "skills-gap-by-region": self._skills_gap_by_region,
            "skills-gap-by-sector": self._skills_gap_by_sector,
            "skills-gap-training": self._skills_gap_training,
        }

    def section(self, key: str) -> Section:
        if key not in TABLE_KEYS:
            raise KeyError(key)
        return self.builders()[key]()

    def sections(self) -> list[Section]:
        return [self.section(key) for key in TABLE_KEYS]

    # --- activity

    @cached_property
    def _monthly(self) -> dict[str, Counter[date]]:
        return {m.key: counts_by_month(m, self.since) for m in METRICS}

    @cached_property
    def _regional(self) -> dict[str, Counter[str]]:
        return {m.key: counts_by_region(m, self.since) for m in METRICS}

    def _activity_by_month(self) -> Section:
        raw = [[self._monthly[m.key][month] for m in METRICS] for month in self.months]
        table = stats.counts_table(
            "activity-by-month",
            "Activity by month (last 12 months)",
            ["Month", *(m.label for m in METRICS)],
            [f"{month:%b %Y}" for month in self.months],
            raw,
        )
        chart = stats.bar_chart(
            "chart-registrations",
            "Registrations by month",
            "New accounts in each of the last 12 months. The figures are in the table “Activity by month”.",
            [(row[0].text, row[1]) for row in table.rows],
        )
        return Section(table, chart)

    def _activity_by_region(self) -> Section:
        labels = [*REGION_LABELS, NOT_GIVEN]
        raw = [[self._regional[m.key][label] for m in METRICS] for label in labels]
        table = stats.counts_table(
            "activity-by-region",
            "Activity by region (last 12 months)",
            ["Region", *(m.label for m in METRICS)],
            labels,
            raw,
            note="People's regions are where they say they live; vacancies are counted where the job is.",
        )
        chart = stats.bar_chart(
            "chart-regions",
            "Registrations by region",
            "New accounts in the last 12 months by the region people live in. The figures are in the table "
            "“Activity by region”.",
            [(row[0].text, row[1]) for row in table.rows],
        )
        return Section(table, chart)

    # --- the Career Converter

    @cached_property
    def _recent_assessments(self) -> list[Assessment]:
        return list(Assessment.objects.filter(created_at__gte=start_of_day(self.since)).select_related("owner"))

    @cached_property
    def _sectors(self) -> dict[str, str]:
        return origin_sectors([first_occupation(a) for a in self._recent_assessments])

    def _assessments_by_sector(self) -> Section:
        counts = Counter(sector_of(a, self._sectors) for a in self._recent_assessments)
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        table = stats.counts_table(
            "assessments-by-sector",
            "Assessments saved by the sector people come from (last 12 months)",
            ["Origin sector", "Assessments saved"],
            [sector for sector, _ in ordered],
            [[n] for _, n in ordered],
            note="The origin sector is the sector of the first previous job in an assessment.",
        )
        chart = stats.bar_chart(
            "chart-sectors",
            "Assessments saved by origin sector",
            "Career Converter assessments saved in the last 12 months, by the sector of the first previous job. "
            "The figures are in the table that follows.",
            [(row[0].text, row[1]) for row in table.rows],
        )
        return Section(table, chart)

    def _assessments_by_family(self) -> Section:
        snap = engine_snapshot()
        cat = snap.catalogue
        profiles = [p for p in (self._profile(a) for a in self._recent_assessments) if p is not None]
        counts: Counter[str] = Counter()
        if profiles and cat.n_roles:
            levels = np.vstack([cat.levels_vector(p.levels) for p in profiles])
            best, scores = engine.score_batch(cat, levels, k=1)
            for i in range(len(profiles)):
                if scores[i, 0] > 0:
                    counts[_family_label(cat.roles[int(best[i, 0])].family)] += 1
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        table = stats.counts_table(
            "assessments-by-family",
            "Assessments saved by the job family of their best-matching role (last 12 months)",
            ["Job family of the best match", "Assessments saved"],
            [family for family, _ in ordered],
            [[n] for _, n in ordered],
            note="Matched on today's catalogue, with each person's verified skills.",
        )
        return Section(table)

    # --- centres

    def _centres(self) -> Section:
        upcoming = with_seats(CourseRun.objects.filter(status=RunStatus.SCHEDULED), now=self.now).filter(
            first_starts_at__gt=self.now
        )
        runs: Counter[int] = Counter()
        capacity: Counter[int] = Counter()
        held: Counter[int] = Counter()
        waiting: Counter[int] = Counter()
        for centre_id, seats, taken, queue in upcoming.values_list(
            "centre_id", "capacity", "held_count", "waiting_count"
        ):
            runs[centre_id] += 1
            capacity[centre_id] += seats
            held[centre_id] += taken
            waiting[centre_id] += queue
        attended = Counter(
            dict(
                Booking.objects.filter(status=BookingStatus.ATTENDED, updated_at__gte=start_of_day(self.since))
                .order_by()
                .values("run__centre_id")
                .annotate(n=Count("id"))
                .values_list("run__centre_id", "n")
            )
        )
        centres = list(Centre.objects.order_by("name"))
        people = stats.suppress_grid([[held[c.pk], waiting[c.pk], attended[c.pk]] for c in centres])
        rows = []
        for centre, (taken, queue, came) in zip(centres, people, strict=True):
            pk = centre.pk
            # Seats offered are printed, so a utilisation rate would give a withheld "seats taken" back.
            utilisation = taken if taken.suppressed else stats.rate(held[pk], capacity[pk])
            rows.append(
                [
                    stats.text(centre.name),
                    stats.plain(runs[pk]),
                    stats.plain(capacity[pk]),
                    taken,
                    utilisation,
                    queue,
                    came,
                ]
            )
        table = Table(
            "centres",
            "Training centres: upcoming runs, seat use and waiting lists",
            [
                "Centre",
                "Upcoming runs",
                "Seats offered",
                "Seats taken",
                "Seat utilisation",
                "On waiting lists",
                "Attended (last 12 months)",
            ],
            rows,
            note="Upcoming runs are scheduled runs whose first session is still ahead. Utilisation is seats "
            "taken (confirmed, awaiting approval, or offered) over seats offered.",
        )
        return Section(table)

    # --- the skills gap

    @cached_property
    def _heatmap(self) -> GapHeatmap:
        return skills_gap_heatmap(profile_of=self._profile)

    @cached_property
    def _top_gap_skills(self) -> list[str]:
        ordered = sorted(self._heatmap.totals.items(), key=lambda kv: (-kv[1], kv[0]))
        return [slug for slug, _ in ordered[:HEATMAP_SKILLS]]

    def _gap_grid(self, key: str, title: str, first: str, groups: list[str], counts: Counter[tuple[str, str]]) -> Table:
        names = engine_snapshot().skill_names
        raw = [[counts[(slug, group)] for group in groups] for slug in self._top_gap_skills]
        top = max((n for row in raw for n in row), default=0)
        # Each row adds up to the "people with the gap" printed elsewhere: suppress along rows.
        cells = stats.suppress_grid(raw, lines="rows")
        rows = [
            [
                stats.text(names.get(slug, slug)),
                *(stats.heat(cell, n, top) for cell, n in zip(cells[i], raw[i], strict=True)),
            ]
            for i, slug in enumerate(self._top_gap_skills)
        ]
        return Table(
            key,
            title,
            [first, *groups],
            rows,
            note=f"People whose best-matching role needs the skill at a higher level than they have, from "
            f"{self._heatmap.people} people's latest saved assessments. Darker cells are larger numbers; "
            "every cell prints its number.",
        )

    def _skills_gap_by_region(self) -> Section:
        groups = [*REGION_LABELS, NOT_GIVEN]
        table = self._gap_grid("skills-gap-by-region", "Skills gap by region", "Skill", groups, self._heatmap.by_region)
        return Section(table)

    def _skills_gap_by_sector(self) -> Section:
        by_sector = self._heatmap.by_sector
        people_per_sector: Counter[str] = Counter()
        for (_, sector), n in by_sector.items():
            people_per_sector[sector] += n
        ranked = [s for s, _ in sorted(people_per_sector.items(), key=lambda kv: (-kv[1], kv[0]))]
        shown = ranked[:HEATMAP_SECTORS]
        counts: Counter[tuple[str, str]] = Counter()
        for (slug, sector), n in by_sector.items():
            counts[(slug, sector if sector in shown else OTHER_SECTORS)] += n
        groups = shown + ([OTHER_SECTORS] if len(ranked) > len(shown) else [])
        table = self._gap_grid("skills-gap-by-sector", "Skills gap by origin sector", "Skill", groups, counts)
        return Section(table)

    def _skills_gap_training(self) -> Section:
        names = engine_snapshot().skill_names
        supply = training_supply(self._top_gap_skills, now=self.now)
        rows = []
        for slug in self._top_gap_skills:
            people = self._heatmap.totals[slug]
            offer = supply[slug]
            words = supply_status(people, offer)
            rows.append(
                [
                    stats.text(names.get(slug, slug)),
                    stats.count(people),
                    stats.plain(offer.online_courses),
                    stats.plain(offer.upcoming_runs),
                    stats.plain(offer.seats_free),
                    stats.text(words),
                ]
            )
        table = Table(
            "skills-gap-training",
            "Where training is short: the most common gaps against the training on offer",
            ["Skill", "People with the gap", "Online courses", "Upcoming on-site runs", "Free seats", "Training"],
            rows,
            note="A skill that can be learned online is covered by an online course. A hands-on skill (or one "
            "no online course teaches) needs seats at a centre: training is short when no course teaches it, "
            "no run is scheduled, the upcoming runs are full, or their free seats are fewer than the people "
            "who need it.",
        )
        chart = stats.bar_chart(
            "chart-gaps",
            "The most common skill gaps",
            "People whose best-matching role needs each skill at a higher level than they have. The figures "
            "are in the table that follows.",
            [(row[0].text, row[1]) for row in rows[:10]],
        )
        return Section(table, chart)


def _family_label(value: str) -> str:
    try:
        return str(RoleFamily(value).label)
    except ValueError:
        return value.replace("-", " ").capitalize()
