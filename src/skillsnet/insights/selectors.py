"""The programme's figures: activity over time and by region, Career Converter origins and matches, centre
capacity, the skills-gap heatmap, and each provider's course statistics.

Counting is done here on querysets (a fixed number of queries per table, except the engine work, which
builds one profile per saved assessment through the Career Converter). Publishing — suppressing small
counts and withholding totals that would give them back — is `insights.stats`; every table this module
returns is already safe to show or export.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

import numpy as np
from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from skillsnet import engine
from skillsnet.accounts.models import REGION_NOT_GIVEN, UKRegion, User, region_label
from skillsnet.catalogue.claims import is_practical
from skillsnet.catalogue.models import (
    Course,
    CourseMode,
    CourseSkill,
    Provider,
    Role,
    RoleFamily,
    Skill,
    SourceOccupation,
)
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.centres.models import Booking, BookingStatus, Centre, CourseRun, RunStatus
from skillsnet.centres.selectors import with_seats
from skillsnet.converter.models import Assessment
from skillsnet.converter.selectors import latest_assessments, saved_profile
from skillsnet.industry.models import ContactRequest, ContactStatus, Vacancy
from skillsnet.insights import stats
from skillsnet.insights.models import CourseFeedback
from skillsnet.insights.stats import BarChart, Cell, Table
from skillsnet.learning.models import CheckAttempt, Credential, Enrolment

MONTHS = 12
NOT_GIVEN = REGION_NOT_GIVEN
NO_PREVIOUS_JOB = "No previous job given"
IN_INDUSTRY = "Already in the industry"
OTHER_OCCUPATION = "Other occupations"
OTHER_SECTORS = "Other sectors"
HEATMAP_SKILLS = 15
HEATMAP_SECTORS = 8
REGION_LABELS = [str(label) for label in UKRegion.labels]


def month_starts(today: date, n: int = MONTHS) -> list[date]:
    """The first day of each of the last `n` months, oldest first, ending with this month."""
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _aware(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


# ---------------------------------------------------------------- activity over time and by region


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    rows: Callable[[], QuerySet[Any]]
    at: str  # the date field that says when it happened
    region: str  # the field holding the region of the person (or vacancy) it is about


METRICS = (
    Metric("registrations", "Registrations", lambda: User.objects.all(), "date_joined", "region"),
    Metric("assessments", "Assessments saved", lambda: Assessment.objects.all(), "created_at", "owner__region"),
    Metric("enrolments", "Enrolments", lambda: Enrolment.objects.all(), "enrolled_at", "learner__region"),
    Metric(
        "completions",
        "Courses completed",
        lambda: Enrolment.objects.filter(completed_at__isnull=False),
        "completed_at",
        "learner__region",
    ),
    Metric("credentials", "Credentials issued", lambda: Credential.objects.all(), "issued_at", "learner__region"),
    Metric("bookings", "Centre bookings", lambda: Booking.objects.all(), "created_at", "learner__region"),
    Metric(
        "attendance",
        "Attended on site",
        lambda: Booking.objects.filter(status=BookingStatus.ATTENDED),
        "updated_at",
        "learner__region",
    ),
    Metric("vacancies", "Vacancies posted", lambda: Vacancy.objects.all(), "created_at", "region"),
    Metric(
        "contacts",
        "Contact requests accepted",
        lambda: ContactRequest.objects.filter(status=ContactStatus.ACCEPTED),
        "decided_at",
        "candidate__region",
    ),
)


def counts_by_month(metric: Metric, since: date) -> Counter[date]:
    rows = (
        metric.rows()
        .filter(**{f"{metric.at}__gte": _aware(since)})
        .order_by()
        .annotate(month=TruncMonth(metric.at, output_field=DateField()))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return Counter(dict(rows))


def counts_by_region(metric: Metric, since: date) -> Counter[str]:
    rows = (
        metric.rows()
        .filter(**{f"{metric.at}__gte": _aware(since)})
        .order_by()
        .values(metric.region)
        .annotate(n=Count("pk"))
        .values_list(metric.region, "n")
    )
    counts: Counter[str] = Counter()
    for region, n in rows:
        counts[region_label(region)] += n
    return counts


# ---------------------------------------------------------------- Career Converter origins


def origin_sectors(keys: Sequence[str]) -> dict[str, str]:
    """First-occupation key (slug or ESCO URI) -> the sector people come from. Two queries."""
    wanted = [k for k in set(keys) if k]
    found: dict[str, str] = {}
    rows = SourceOccupation.objects.filter(Q(slug__in=wanted) | Q(esco_uri__in=wanted)).values_list(
        "slug", "esco_uri", "sector__name"
    )
    for slug, uri, sector in rows:
        for key in (slug, uri):
            if key:
                found[key] = sector or OTHER_OCCUPATION
    for slug in Role.objects.filter(slug__in=wanted).values_list("slug", flat=True):
        found.setdefault(slug, IN_INDUSTRY)
    return found


def first_occupation(assessment: Assessment) -> str:
    inputs = assessment.inputs if isinstance(assessment.inputs, dict) else {}
    occupations = inputs.get("occupations") or []
    first = occupations[0] if occupations else ""
    return first if isinstance(first, str) else ""


def sector_of(assessment: Assessment, sectors: dict[str, str]) -> str:
    key = first_occupation(assessment)
    if not key:
        return NO_PREVIOUS_JOB
    return sectors.get(key, OTHER_OCCUPATION)


# ---------------------------------------------------------------- the skills-gap heatmap


@dataclass(frozen=True)
class Person:
    """One learner's profile for the heatmap, with the two things it is split by."""

    profile: engine.Profile
    region: str
    sector: str


@dataclass(frozen=True)
class GapHeatmap:
    people: int  # profiles that matched some role (a profile with no skills matches none)
    totals: Counter[str]  # skill slug -> people who lack it for their best-matching role
    by_region: Counter[tuple[str, str]]  # (skill slug, region label) -> people
    by_sector: Counter[tuple[str, str]]  # (skill slug, origin sector) -> people
    best_roles: Counter[str]  # role slug -> people whose best match it is


def gap_heatmap(catalogue: engine.EngineCatalogue, people: Sequence[Person]) -> GapHeatmap:
    """For each person, their best-matching role (the batch scorer) and the skills it needs that they lack.

    A skill is a gap when the person's effective level (own, or through a transferable skill) is below
    the role's required level — the same rule as `engine.match`'s explanation. Profiles with no skill
    counting towards any role are left out: they have no best match.
    """
    totals: Counter[str] = Counter()
    by_region: Counter[tuple[str, str]] = Counter()
    by_sector: Counter[tuple[str, str]] = Counter()
    best_roles: Counter[str] = Counter()
    if not people or not catalogue.n_roles:
        return GapHeatmap(0, totals, by_region, by_sector, best_roles)
    levels = np.vstack([catalogue.levels_vector(p.profile.levels) for p in people])
    best, scores = engine.score_batch(catalogue, levels, k=1)
    effective = engine.effective_levels(catalogue, levels)
    counted = 0
    for i, person in enumerate(people):
        if scores[i, 0] <= 0:
            continue
        counted += 1
        role = int(best[i, 0])
        best_roles[catalogue.roles[role].slug] += 1
        lo, hi = int(catalogue.req_start[role]), int(catalogue.req_start[role + 1])
        skills = catalogue.req_skill[lo:hi]
        short = skills[effective[i, skills] < catalogue.req_level[lo:hi]]
        for j in short.tolist():
            slug = catalogue.skills[j].slug
            totals[slug] += 1
            by_region[(slug, person.region)] += 1
            by_sector[(slug, person.sector)] += 1
    return GapHeatmap(counted, totals, by_region, by_sector, best_roles)


ProfileOf = Callable[[Assessment], "engine.Profile | None"]


def heatmap_people(profile_of: ProfileOf = saved_profile) -> list[Person]:
    """Every learner's most recent saved assessment as a heatmap person (one profile per person)."""
    owners = Assessment.objects.order_by().values_list("owner_id", flat=True).distinct()
    latest = latest_assessments(owners)
    sectors = origin_sectors([first_occupation(a) for a in latest.values()])
    people = []
    for assessment in latest.values():
        profile = profile_of(assessment)
        if profile is not None:
            people.append(Person(profile, region_label(assessment.owner.region), sector_of(assessment, sectors)))
    return people


def skills_gap_heatmap(profile_of: ProfileOf = saved_profile) -> GapHeatmap:
    return gap_heatmap(engine_snapshot().catalogue, heatmap_people(profile_of))


# ---------------------------------------------------------------- training supply for a skill


@dataclass(frozen=True)
class Supply:
    online_courses: int
    upcoming_runs: int
    seats_free: int
    # Courses taught at a centre (on site or blended) whether or not a run is scheduled.
    onsite_courses: int = 0
    # A hands-on skill (catalogue.claims.is_practical): online study gives awareness of it at most.
    practical: bool = False


def training_supply(skills: Sequence[str], *, now: datetime) -> dict[str, Supply]:
    """For each skill: online and centre courses that teach it, and scheduled on-site/blended runs still
    ahead with their free seats. Four queries."""
    teaching: dict[int, set[str]] = defaultdict(set)
    for course_id, slug in CourseSkill.objects.filter(skill__slug__in=list(skills)).values_list(
        "course_id", "skill__slug"
    ):
        teaching[course_id].add(slug)
    online: Counter[str] = Counter()
    onsite: Counter[str] = Counter()
    for course_id, mode in Course.objects.filter(pk__in=list(teaching)).values_list("pk", "mode"):
        for slug in teaching[course_id]:
            (online if mode == CourseMode.ONLINE else onsite)[slug] += 1
    runs: Counter[str] = Counter()
    seats: Counter[str] = Counter()
    upcoming = with_seats(
        CourseRun.objects.filter(status=RunStatus.SCHEDULED, course_id__in=list(teaching)), now=now
    ).filter(first_starts_at__gt=now)
    for course_id, capacity, held in upcoming.values_list("course_id", "capacity", "held_count"):
        for slug in teaching[course_id]:
            runs[slug] += 1
            seats[slug] += max(0, capacity - held)
    practical = {
        slug
        for slug, category, kind in Skill.objects.filter(slug__in=list(skills)).values_list("slug", "category", "kind")
        if is_practical(slug, category, kind)
    }
    return {
        slug: Supply(online[slug], runs[slug], seats[slug], onsite_courses=onsite[slug], practical=slug in practical)
        for slug in skills
    }


def supply_status(people: int, supply: Supply) -> str:
    """Where the training on offer falls short of the people who need the skill, in words.

    Online courses take everyone, so they cover a skill that can be learned online; a hands-on skill needs
    seats at a centre, so for it (or when nothing online teaches the skill) the seats on upcoming runs count.
    """
    if supply.online_courses and not supply.practical:
        return "Enough: taught online"
    if not supply.online_courses and not supply.onsite_courses:
        return "Short: no course teaches this skill"
    if not supply.onsite_courses:
        return "Short: taught online only, no hands-on course"
    if not supply.upcoming_runs:
        return "Short: no upcoming runs"
    if not supply.seats_free:
        return "Short: upcoming runs are full"
    if supply.seats_free < people:
        return "Short: fewer free seats than people"
    return "Enough seats"


# ---------------------------------------------------------------- the dashboard


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
        return list(Assessment.objects.filter(created_at__gte=_aware(self.since)).select_related("owner"))

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
                Booking.objects.filter(status=BookingStatus.ATTENDED, updated_at__gte=_aware(self.since))
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


# ---------------------------------------------------------------- provider statistics


PLACE_STATUSES = (
    BookingStatus.CONFIRMED,
    BookingStatus.PENDING_APPROVAL,
    BookingStatus.OFFERED,
    BookingStatus.ATTENDED,
)


def provider_statistics(provider: Provider) -> Table:
    """Each of the provider's courses: enrolments, completions, knowledge checks and ratings. Five queries."""
    courses = list(Course.objects.filter(provider=provider).order_by("title"))
    ids = [c.pk for c in courses]
    enrolled = (
        Enrolment.objects.filter(course_id__in=ids)
        .order_by()
        .values("course_id")
        .annotate(n=Count("id"), done=Count("id", filter=Q(completed_at__isnull=False)))
    )
    enrolments = {row["course_id"]: (row["n"], row["done"]) for row in enrolled}
    attempted = (
        CheckAttempt.objects.filter(enrolment__course_id__in=ids)
        .order_by()
        .values("enrolment__course_id")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(passed=True)))
    )
    attempts = {row["enrolment__course_id"]: (row["n"], row["passed"]) for row in attempted}
    rated = (
        CourseFeedback.objects.filter(course_id__in=ids)
        .order_by()
        .values("course_id")
        .annotate(n=Count("id"), total=Sum("rating"))
    )
    ratings = {row["course_id"]: (row["n"], row["total"] or 0) for row in rated}
    # Places taken on site: booked, waiting for approval, offered from the waiting list, or attended.
    placed = (
        Booking.objects.filter(run__course_id__in=ids, status__in=PLACE_STATUSES)
        .order_by()
        .values("run__course_id")
        .annotate(n=Count("id"), attended=Count("id", filter=Q(status=BookingStatus.ATTENDED)))
    )
    on_site = {row["run__course_id"]: (row["n"], row["attended"]) for row in placed}
    rows: list[list[Cell]] = []
    for course in courses:
        n, done = enrolments.get(course.pk, (0, 0))
        tries, passed = attempts.get(course.pk, (0, 0))
        votes, points = ratings.get(course.pk, (0, 0))
        booked, attended = on_site.get(course.pk, (0, 0))
        rows.append(
            [
                stats.text(course.title),
                stats.text(course.get_mode_display()),
                stats.count(n),
                stats.count(done),
                stats.rate(done, n),
                stats.count(tries),
                stats.rate(passed, tries),
                stats.count(booked),
                stats.count(attended),
                stats.count(votes),
                stats.mean(points, votes),
            ]
        )
    return Table(
        f"provider-{provider.slug}",
        f"{provider.name}: course statistics",
        [
            "Course",
            "Format",
            "Enrolments",
            "Completed",
            "Completion rate",
            "Knowledge-check attempts",
            "Pass rate",
            "Places booked on site",
            "Attended on site",
            "Ratings",
            "Average rating (out of 5)",
        ],
        rows,
        note="All time. Pass rate is passed attempts over all attempts at knowledge checks. Places booked on "
        "site count bookings that hold or held a seat: booked, waiting for approval, offered or attended.",
    )


# ---------------------------------------------------------------- course feedback


def may_give_feedback(user: User, course: Course) -> bool:
    """Learners who enrolled on the course online, or attended it at a centre, may rate it."""
    if Enrolment.objects.filter(learner_id=user.pk, course=course).exists():
        return True
    return Booking.objects.filter(learner_id=user.pk, run__course=course, status=BookingStatus.ATTENDED).exists()


def feedback_of(user: User, course: Course) -> CourseFeedback | None:
    return CourseFeedback.objects.filter(learner_id=user.pk, course=course).first()
