"""Reads about employers, vacancies, consents and contact requests, and the consented talent search.

Other apps (the catalogue's role pages, the Career Converter's results) ask `open_vacancy_counts()` and
`open_vacancies_for_role()`; the talent search is `rank_candidates()`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from skillsnet import engine
from skillsnet.accounts.models import User, region_label
from skillsnet.catalogue.snapshot import Snapshot, engine_snapshot
from skillsnet.converter.models import Assessment
from skillsnet.converter.selectors import latest_assessments, saved_profile
from skillsnet.converter.serializers import READINESS_TAGS
from skillsnet.industry.models import (
    ContactRequest,
    ContactStatus,
    Employer,
    TalentConsent,
    Vacancy,
    VacancySkill,
    VacancyStatus,
)

logger = logging.getLogger(__name__)

# The consent statement, word for word as the learner sees it. Change the words, change the version:
# each consent records the version its learner agreed to.
STATEMENT_VERSION = "2026-01"
STATEMENT_SHOWN = (
    "your skills and the level of each, with where each level comes from (a previous job, your own rating, "
    "your CV, or a course you completed with us — never the words quoted from your CV)",
    "how far through your learning plan you are",
    "the UK region you live in, if you gave one",
    "how well your skills fit each of their vacancies",
)
STATEMENT_HIDDEN = "your name, email address or any other contact details"

CANDIDATE_LIMIT = 25
# Employers see only what a learner has shown: the workplace basics the Converter assumes of anyone who names
# a job (`Provenance.ASSUMED`) are left out of the search, its ranking and what it shows.
PROVENANCE_WORDS = {
    engine.Provenance.OCCUPATION: "From a previous job",
    engine.Provenance.CV: "From their CV",
    engine.Provenance.SELF_RATED: "Self-rated",
    engine.Provenance.VERIFIED: "Verified by a course",
}
READINESS_WORDS = {"ready-now": "Ready now", "short-training": "Short training", "stretch": "Stretch"}


# ---------------------------------------------------------------- vacancies


def open_vacancies() -> QuerySet[Vacancy]:
    """Vacancies that are open and whose closing date has not passed (today is still open)."""
    return Vacancy.objects.filter(status=VacancyStatus.OPEN, closing_date__gte=timezone.localdate())


def open_vacancy_counts() -> dict[str, int]:
    """role slug -> number of open vacancies for it (roles without any are absent). One query."""
    rows = open_vacancies().order_by().values("role__slug").annotate(n=Count("id")).values_list("role__slug", "n")
    return dict(rows)


def open_vacancies_for_role(role_slug: str) -> list[Vacancy]:
    return list(open_vacancies().filter(role__slug=role_slug).select_related("employer").order_by("closing_date", "id"))


def public_vacancies(*, family: str = "", region: str = "") -> QuerySet[Vacancy]:
    vacancies = open_vacancies().select_related("employer", "role").order_by("closing_date", "id")
    if family:
        vacancies = vacancies.filter(role__family=family)
    if region:
        vacancies = vacancies.filter(region=region)
    return vacancies


def vacancy_skills(vacancy: Vacancy) -> list[VacancySkill]:
    return list(vacancy.skills.select_related("skill").order_by("-essential", "-level", "skill__name"))


@dataclass(frozen=True)
class VacancyRow:
    vacancy: Vacancy
    pending: int
    accepted: int


def employer_vacancies(employer: Employer) -> list[VacancyRow]:
    """The employer's vacancies (open first), with counts of contact requests. One query.

    Pending requests from candidates who have since withdrawn consent are not counted: they are hidden.
    """
    rows = (
        employer.vacancies.select_related("role")
        .annotate(
            pending_n=Count(
                "contact_requests",
                filter=Q(
                    contact_requests__status=ContactStatus.PENDING,
                    contact_requests__candidate__talent_consents__withdrawn_at__isnull=True,
                ),
                distinct=True,
            ),
            accepted_n=Count(
                "contact_requests", filter=Q(contact_requests__status=ContactStatus.ACCEPTED), distinct=True
            ),
        )
        .order_by("status", "closing_date", "id")
    )
    return [VacancyRow(v, v.pending_n, v.accepted_n) for v in rows]


# ---------------------------------------------------------------- consent and contact requests


def active_consent(learner: User) -> TalentConsent | None:
    return TalentConsent.objects.filter(learner_id=learner.pk, withdrawn_at__isnull=True).first()


def consenting_learner_ids() -> set[int]:
    return set(
        TalentConsent.objects.filter(withdrawn_at__isnull=True, learner__is_active=True).values_list(
            "learner_id", flat=True
        )
    )


def contact_requests_for_learner(learner: User) -> list[ContactRequest]:
    return list(
        ContactRequest.objects.filter(candidate_id=learner.pk)
        .select_related("vacancy", "vacancy__employer", "vacancy__role")
        .order_by("-created_at", "-id")
    )


def contact_requests_for_vacancy(vacancy: Vacancy) -> list[ContactRequest]:
    """What the employer sees: accepted requests (they keep what was shared), declined ones, and pending
    ones only while the candidate is still discoverable — withdrawing consent hides them at once."""
    discoverable = TalentConsent.objects.filter(withdrawn_at__isnull=True).values("learner_id")
    return list(
        vacancy.contact_requests.filter(~Q(status=ContactStatus.PENDING) | Q(candidate_id__in=discoverable))
        .select_related("candidate", "employer_user")
        .order_by("-created_at", "-id")
    )


# ---------------------------------------------------------------- pseudonyms


def candidate_handle(employer_slug: str, learner_id: int) -> str:
    """A stable pseudonym for one learner as one employer sees them (another employer sees another)."""
    message = f"industry.candidate:{employer_slug}:{learner_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


def candidate_code(handle: str) -> str:
    return f"Candidate {handle[:4].upper()}"


# ---------------------------------------------------------------- profiles from saved assessments


# ---------------------------------------------------------------- the engine's view of one vacancy


def vacancy_catalogue(vacancy: Vacancy, requirements: Iterable[VacancySkill], snap: Snapshot) -> engine.EngineCatalogue:
    """A one-role engine catalogue: the vacancy's required skills, the real skills, transfers and courses."""
    base = snap.catalogue
    reqs = tuple(
        engine.Requirement(skill=r.skill.slug, level=r.level, essential=r.essential)
        for r in requirements
        if r.skill.slug in base.skill_index
    )
    spec = engine.RoleSpec(f"vacancy-{vacancy.pk}", vacancy.title, vacancy.role.family, vacancy.role.entry_level, reqs)
    return engine.build_catalogue(base.skills, [spec], snap.transfers, base.courses)


# ---------------------------------------------------------------- the talent search


@dataclass(frozen=True)
class CandidateSkill:
    name: str
    required: int
    level: float  # effective level: own, or gained through a related skill
    source: str  # provenance in words, or "Through <skill>" for a transfer
    essential: bool
    met: bool


@dataclass(frozen=True)
class Candidate:
    learner_id: int  # for the services; never rendered
    handle: str
    score: float
    essential_coverage: float
    readiness: str
    gap_hours: float | None
    region: str
    skills: tuple[CandidateSkill, ...]
    other_skills: tuple[tuple[str, int, str], ...]  # (name, level, source) of skills the vacancy does not ask for
    verified: int
    plan_percent: int | None
    assessed_on: datetime

    @property
    def code(self) -> str:
        return candidate_code(self.handle)

    @property
    def readiness_label(self) -> str:
        return READINESS_WORDS.get(self.readiness, self.readiness)

    @property
    def readiness_tag(self) -> str:
        return READINESS_TAGS.get(self.readiness, "tag--grey")


def _candidate(
    vacancy: Vacancy,
    cat: engine.EngineCatalogue,
    snap: Snapshot,
    asked: set[str],
    assessment: Assessment,
    profile: engine.Profile,
    plan_percent: int | None,
) -> Candidate:
    found = engine.match(cat, profile, limit=1)[0]
    skills: list[CandidateSkill] = []
    for met in found.met:
        source = PROVENANCE_WORDS.get(met.provenance, "") if met.provenance else ""
        skills.append(
            CandidateSkill(snap.skill_name(met.skill), met.required_level, met.level, source, met.essential, True)
        )
    gap_of = {g.skill: g for g in found.gaps}
    for t in found.transferred:
        gap = gap_of.pop(t.skill, None)
        skills.append(
            CandidateSkill(
                snap.skill_name(t.skill),
                t.required_level,
                round(t.level_gained, 1),
                f"Through {snap.skill_name(t.from_skill)}",
                t.essential,
                gap is None,
            )
        )
    for gap in gap_of.values():
        skills.append(
            CandidateSkill(
                snap.skill_name(gap.skill), gap.required_level, round(gap.current_level, 1), "", gap.essential, False
            )
        )
    skills.sort(key=lambda s: (not s.essential, s.met, -s.required, s.name.lower()))
    others = []
    for slug in profile.skills:
        primary = profile.primary(slug)
        if slug in asked or primary is None or primary.level == 0:
            continue
        others.append((snap.skill_name(slug), primary.level, PROVENANCE_WORDS[primary.provenance]))
    others.sort(key=lambda row: (-row[1], row[0].lower()))
    owner = assessment.owner
    return Candidate(
        learner_id=owner.pk,
        handle=candidate_handle(vacancy.employer.slug, owner.pk),
        score=found.score,
        essential_coverage=found.essential_coverage,
        readiness=found.readiness,
        gap_hours=found.gap_hours,
        region=region_label(owner.region),
        skills=tuple(skills),
        other_skills=tuple(others[:15]),
        verified=sum(1 for ev in profile.evidence if ev.provenance == engine.Provenance.VERIFIED),
        plan_percent=plan_percent,
        assessed_on=assessment.updated_at,
    )


@dataclass(frozen=True)
class Ranking:
    candidates: list[Candidate]
    considered: int  # consenting learners with a saved assessment
    has_requirements: bool


def rank_candidates(vacancy: Vacancy, *, limit: int = CANDIDATE_LIMIT, handle: str | None = None) -> Ranking:
    """Consenting learners ranked by fit to the vacancy's required skills, best first.

    Only learners who hold an active consent and have saved an assessment are considered; consent is read
    at the moment of the search, so a withdrawal hides the learner from the very next one. Each profile
    is the learner's most recent saved assessment (with their verified evidence); the batch scorer ranks
    them all at once, and only the candidates shown are explained skill by skill. Only what the learner has
    shown counts (`Profile.shown()`): nothing assumed is ranked or shown to an employer. With `handle`, the
    result holds at most that one candidate, wherever they rank.
    """
    snap = engine_snapshot()
    requirements = list(vacancy.skills.select_related("skill"))
    cat = vacancy_catalogue(vacancy, requirements, snap)
    if not cat.req_skill.size:
        return Ranking([], 0, False)
    ids = consenting_learner_ids()
    if handle is not None:
        ids = {pk for pk in ids if hmac.compare_digest(candidate_handle(vacancy.employer.slug, pk), handle)}
    from skillsnet.learning.selectors import plan_percents, verified_skills_of

    profiles: list[tuple[Assessment, engine.Profile]] = []
    latest = latest_assessments(ids)
    verified = verified_skills_of(latest)  # every candidate's verified skills in a fixed number of queries
    for assessment in latest.values():
        profile = saved_profile(assessment, verified.get(assessment.owner_id, []), snap)
        if profile is not None:
            profiles.append((assessment, profile.shown()))
    if not profiles:
        return Ranking([], 0, True)
    levels = np.vstack([cat.levels_vector(profile.levels) for _, profile in profiles])
    _, scores = engine.score_batch(cat, levels, k=1)
    # Best fit first; equal fits by the learner's pseudonym, so the order reveals nothing about sign-up order.
    handles = [candidate_handle(vacancy.employer.slug, a.owner_id) for a, _ in profiles]
    order = sorted(range(len(profiles)), key=lambda i: (-float(scores[i, 0]), handles[i]))
    shown = [i for i in order if scores[i, 0] > 0][:limit]
    asked = {r.skill.slug for r in requirements}
    percents = plan_percents(profiles[i][0].owner_id for i in shown)  # a fixed number of queries for them all
    candidates = [_candidate(vacancy, cat, snap, asked, *profiles[i], percents[profiles[i][0].owner_id]) for i in shown]
    return Ranking(candidates, len(profiles), True)


def candidate_for_vacancy(vacancy: Vacancy, handle: str) -> Candidate | None:
    """One consenting candidate of the vacancy by pseudonym (None when not, or no longer, discoverable)."""
    found = rank_candidates(vacancy, limit=1, handle=handle).candidates
    return found[0] if found else None


def contact_request_between(vacancy: Vacancy, learner_id: int) -> ContactRequest | None:
    return ContactRequest.objects.filter(vacancy=vacancy, candidate_id=learner_id).first()
