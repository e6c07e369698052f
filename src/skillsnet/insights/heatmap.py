"""The skills-gap heatmap: each learner's best-matching role and the skills it needs that they lack, and
the training on offer for each of those skills.

The engine work builds one profile per saved assessment through the Career Converter.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from skillsnet import engine
from skillsnet.accounts.models import region_label
from skillsnet.catalogue.claims import is_practical
from skillsnet.catalogue.models import Course, CourseMode, CourseSkill, Skill
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.centres.models import CourseRun, RunStatus
from skillsnet.centres.selectors import with_seats
from skillsnet.converter.models import Assessment
from skillsnet.converter.selectors import latest_assessments, saved_profile
from skillsnet.insights.activity import first_occupation, origin_sectors, sector_of

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
