"""The Career Converter's one entry point: the web journey, the JSON API and `skillsnet convert` all call
these functions, so the three always give the same answers for the same input.

Reading: `profile_build` turns previous jobs, self-rated skills, CV text (and, for a signed-in person,
verified skills) into an engine `Profile` with a display row per skill; `roles_match` ranks roles;
`plan_for_role` plans the training for one. Writing: `assessment_save/rename/delete`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from skillsnet import engine
from skillsnet.accounts.models import User, region_label
from skillsnet.accounts.services import audit_log
from skillsnet.caching import cached_plan
from skillsnet.catalogue.models import OccupationSkill, Origin, SourceOccupation
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
from skillsnet.catalogue.selectors import show_example_content
from skillsnet.catalogue.snapshot import Snapshot, engine_snapshot, occupation_specs
from skillsnet.centres.selectors import bookings_for_planning, open_runs_for_planning, visible_centres
from skillsnet.converter.bounds import plan_dates_refusal
from skillsnet.converter.documents import MAX_CHARS
from skillsnet.converter.models import Assessment
from skillsnet.learning.models import LearningPlan
from skillsnet.learning.selectors import done_course_slugs, verified_skills
from skillsnet.learning.services import learning_plan_from_steps

logger = logging.getLogger(__name__)

MAX_OCCUPATIONS = 3
MAX_SKILLS = 200
MAX_HOURS_PER_WEEK = 60
DEFAULT_HOURS_PER_WEEK = 10
MAX_NAME = 120
ADJUSTED_DETAIL = "level set by you"

# What each level means, in the person's words (the self-rating and review pages show these).
LEVEL_DESCRIPTORS = {
    0: "I don't have this skill",
    1: "I know what it is",
    2: "I can do it with some guidance",
    3: "I do it independently and reliably",
    4: "I could teach or lead it",
}
PROVENANCE_LABELS = {
    engine.Provenance.OCCUPATION: "From your job",
    engine.Provenance.CV: "From your CV",
    engine.Provenance.SELF_RATED: "Rated by you",
    engine.Provenance.VERIFIED: "Verified",
}


class ConverterError(Exception):
    """Input the converter cannot use; the message is a sentence for the person. `field` names the input."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# ---------------------------------------------------------------- profiles


@dataclass(frozen=True)
class Source:
    provenance: str  # engine.Provenance value
    label: str  # "From your job", "From your CV"...
    detail: str  # the job title, the CV phrase quoted, the course name
    level: int


@dataclass(frozen=True)
class SkillRow:
    """One skill of the person, for display: its level, and every piece of evidence for it."""

    skill: str
    name: str
    level: int
    provenance: str  # of the primary evidence
    sources: tuple[Source, ...]
    verified: bool  # backed by a completed course or attendance: cannot be removed or lowered


@dataclass(frozen=True)
class OccupationRef:
    key: str  # as given: a slug or an ESCO URI
    slug: str
    title: str


@dataclass(frozen=True)
class ProfileResult:
    profile: engine.Profile
    rows: tuple[SkillRow, ...]
    occupations: tuple[OccupationRef, ...]
    unknown_occupations: tuple[str, ...] = ()
    unknown_skills: tuple[str, ...] = ()
    # (code, where it came from: "stated by you", "from your job as …", "from your CV: …")
    credentials: tuple[tuple[str, str], ...] = ()

    @property
    def errors(self) -> list[str]:
        messages = [f"We do not know the job '{key}'." for key in self.unknown_occupations]
        messages += [f"We do not know the skill '{key}'." for key in self.unknown_skills]
        return messages

    @property
    def is_empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Found:
    """A skill read from text."""

    skill: str
    name: str
    level: int
    evidence: str
    level_reason: str = ""  # why this level: "level 3: 9 years (since 2017), as “Band 6 biomedical scientist”"


def skills_extract(*, text: str, snapshot: Snapshot | None = None) -> list[Found]:
    """The skills mentioned in free text (a CV, a job description), with a suggested level and the quote."""
    snap = snapshot or engine_snapshot()
    found = engine.extract(text[:MAX_CHARS], snap.lexicon)
    return [
        Found(f.skill, snap.skill_name(f.skill), f.level, f.evidence, f.level_reason)
        for f in found
        if f.skill in snap.skill_names
    ]


def verified_evidence(user: User | None, rows: Iterable[tuple[str, int, str]] | None = None) -> list[engine.Evidence]:
    """Skills a signed-in person has proved (completed courses, attended runs).

    `rows` are that person's (skill, level, detail) when the caller read them already, for many people at once."""
    if user is None or not user.is_authenticated:
        return []
    if rows is not None:
        return [
            engine.Evidence(slug, max(0, min(4, int(level))), engine.Provenance.VERIFIED, str(detail))
            for slug, level, detail in rows
            if max(0, min(4, int(level)))
        ]
    evidence: list[engine.Evidence] = []
    for slug, level, detail in verified_skills(user):
        level = max(0, min(4, int(level)))
        if level:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.VERIFIED, str(detail)))
    return evidence


def held_courses(user: User | None) -> set[str]:
    """Courses a signed-in person has completed online or attended on site: a plan never repeats them."""
    if user is None or not user.is_authenticated:
        return set()
    return done_course_slugs(user)


def _level(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        raise ConverterError(f"The level for {what} must be a whole number from 0 to 4.", field="skills")
    return value


def profile_build(
    *,
    occupations: Sequence[str] = (),
    skills: Mapping[str, int] | None = None,
    text: str = "",
    user: User | None = None,
    cv_skills: Iterable[tuple[Any, ...]] = (),
    adjusted: Mapping[str, int] | None = None,
    removed: Iterable[str] = (),
    credentials: Iterable[str] = (),
    cv_credentials: Iterable[tuple[str, str]] = (),
    verified: Iterable[tuple[str, int, str]] | None = None,
    snapshot: Snapshot | None = None,
) -> ProfileResult:
    """A person's profile from any combination of previous jobs, self-rated skills and CV text.

    `occupations` are slugs or ESCO URIs of source occupations or industry roles (at most three);
    `skills` maps skill slugs to self-rated levels 0–4 (0 means "I don't have it" and adds nothing);
    `text` is read for skills now; `cv_skills` are skills already read from a CV (slug, level, quote).
    On the review page a person may set a level (`adjusted`, final: it replaces every other source but a
    verified one) or remove a skill (`removed`). `credentials` are entry-requirement codes the person
    states (a degree, a registration); `cv_credentials` (code, sentence) were read from a CV earlier;
    previous jobs and CV text add the ones they imply. `verified` are the user's verified skills when the
    caller has read them for many people at once (the talent search), as `snapshot` is the engine snapshot
    it holds. Unknown jobs
    and skills are reported, not raised, so each caller can word its own error. Raises ConverterError
    for levels outside 0–4, unknown credentials or too many inputs.
    """
    snap = snapshot or engine_snapshot()
    occupations = [key.strip() for key in occupations if key and key.strip()]
    occupations = list(dict.fromkeys(occupations))
    if len(occupations) > MAX_OCCUPATIONS:
        raise ConverterError(f"Choose at most {MAX_OCCUPATIONS} previous jobs.", field="occupations")
    skills = dict(skills or {})
    if len(skills) > MAX_SKILLS:
        raise ConverterError(f"Rate at most {MAX_SKILLS} skills.", field="skills")

    specs, unknown_occupations = occupation_specs(occupations, snap)
    refs = tuple(
        OccupationRef(key, spec.slug, spec.title)
        for key, spec in zip(_known(occupations, unknown_occupations), specs, strict=True)
    )
    from_jobs = engine.profile_from_occupations(specs)
    evidence: list[engine.Evidence] = list(from_jobs.evidence)
    seniority = from_jobs.seniority
    shown: dict[str, str] = {}
    for code in dict.fromkeys(c.strip() for c in credentials if c and c.strip()):
        if code not in ENTRY_REQUIREMENTS:
            raise ConverterError(f"There is no qualification or registration '{code}'.", field="credentials")
        shown[code] = "stated by you"
    for spec in specs:
        for code in spec.entry_requirements:
            shown.setdefault(code, f"from your job as {spec.title}")
    read = list(cv_credentials)
    if text and text.strip():
        read += [(cred.code, cred.evidence) for cred in engine.extract_credentials(text[:MAX_CHARS])]
    for code, quote in read:
        if code in ENTRY_REQUIREMENTS:
            shown.setdefault(code, f"from your CV: {quote}")

    unknown_skills: list[str] = []
    for slug, level in skills.items():
        level = _level(level, f"'{slug}'")
        if slug not in snap.skill_names:
            unknown_skills.append(slug)
        elif level:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.SELF_RATED, ""))

    if text and text.strip():
        evidence += [
            engine.Evidence(f.skill, f.level, engine.Provenance.CV, f.evidence)
            for f in skills_extract(text=text, snapshot=snap)
        ]
    for slug, level, quote, *_why in cv_skills:
        if slug in snap.skill_names and 1 <= level <= 4:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.CV, quote))

    # The review page has the last word, except over verified evidence.
    overridden = set(removed) | set((adjusted or {}).keys())
    evidence = [ev for ev in evidence if ev.skill not in overridden]
    for slug, level in (adjusted or {}).items():
        level = _level(level, f"'{slug}'")
        if slug in snap.skill_names and level:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.SELF_RATED, ADJUSTED_DETAIL))
    evidence += [ev for ev in verified_evidence(user, verified) if ev.skill in snap.skill_names]

    profile = engine.Profile(tuple(evidence), seniority, frozenset(shown))
    return ProfileResult(
        profile=profile,
        rows=_rows(profile, snap),
        occupations=refs,
        unknown_occupations=tuple(unknown_occupations),
        unknown_skills=tuple(unknown_skills),
        credentials=tuple(sorted(shown.items())),
    )


def _known(keys: Sequence[str], unknown: Sequence[str]) -> list[str]:
    missing = set(unknown)
    return [key for key in keys if key not in missing]


def _rows(profile: engine.Profile, snap: Snapshot) -> tuple[SkillRow, ...]:
    rows = []
    for slug in profile.skills:
        primary = profile.primary(slug)
        if primary is None or primary.level == 0:
            continue
        sources = tuple(
            Source(ev.provenance.value, PROVENANCE_LABELS[ev.provenance], ev.detail, ev.level)
            for ev in sorted(profile.evidence_for(slug), key=lambda ev: (-ev.level, ev.provenance.value, ev.detail))
        )
        rows.append(
            SkillRow(
                skill=slug,
                name=snap.skill_name(slug),
                level=primary.level,
                provenance=primary.provenance.value,
                sources=sources,
                verified=any(s.provenance == engine.Provenance.VERIFIED.value for s in sources),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.level, r.name.lower())))


# ---------------------------------------------------------------- matching


def roles_match(
    *,
    profile: engine.Profile,
    limit: int | None = 10,
    families: Iterable[str] | None = None,
    max_entry_level: int | None = None,
) -> list[engine.RoleMatch]:
    """Roles ranked by fit for the profile (best first), each with its skill-by-skill explanation."""
    snap = engine_snapshot()
    return engine.match(
        snap.catalogue,
        profile,
        limit=limit,
        families=set(families) if families else None,
        max_entry_level=max_entry_level,
    )


# Thin evidence reads as thin: fewer skills than this that count towards any role, or a best fit below the
# floor, and the Converter says what it could not assess instead of ranking near-zero fits.
MIN_ASSESSABLE_SKILLS = 3
MIN_ASSESSABLE_FIT = 0.05
THIN_EVIDENCE_MESSAGE = (
    "We could not assess this well enough to suggest roles: {what}. "
    "Tell us more: rate the skills you have, or paste or upload your CV."
)


@dataclass(frozen=True)
class RolesAssessment:
    """Ranked roles for a profile, or why there are none. Roles at 0% are never listed; `tied[i]` is true
    when role i ties with role i-1 on every ranking key (the page shows them as joint)."""

    matches: list[engine.RoleMatch]
    tied: list[bool]
    assessable: bool
    relevant_skills: int  # distinct skills of the person that some role asks for, or that transfer to one
    best_fit: float
    message: str = ""  # why the evidence is too thin, when it is


def relevant_skill_count(profile: engine.Profile, snap: Snapshot | None = None) -> int:
    """How many of the person's skills (level 1 or more) count towards some role: a role asks for it, or it
    transfers (a curated transfer edge) to a skill a role asks for."""
    counted = (snap or engine_snapshot()).catalogue.contributing_skills  # built once per catalogue version
    return sum(1 for slug, level in profile.levels.items() if level >= 1 and slug in counted)


def roles_assess(
    *,
    profile: engine.Profile,
    limit: int | None = 10,
    families: Iterable[str] | None = None,
    max_entry_level: int | None = None,
) -> RolesAssessment:
    """`roles_match` with honesty about thin evidence: the entry point for pages, API and CLI."""
    snap = engine_snapshot()
    relevant = relevant_skill_count(profile, snap)
    fits = engine.fit_all(snap.catalogue, profile)
    best = float(fits.score.max()) if fits.score.size else 0.0
    problem = ""
    if relevant == 0:
        problem = "none of the skills we found is one the industry's roles ask for"
    elif relevant < MIN_ASSESSABLE_SKILLS:
        problem = f"only {relevant} of your skills {'is' if relevant == 1 else 'are'} relevant to the industry's roles"
    elif best < MIN_ASSESSABLE_FIT:
        problem = f"your skills cover at most {best:.0%} of any role"
    if problem:
        return RolesAssessment([], [], False, relevant, best, THIN_EVIDENCE_MESSAGE.format(what=problem))
    found = engine.match(
        snap.catalogue,
        profile,
        limit=limit,
        families=set(families) if families else None,
        max_entry_level=max_entry_level,
        min_score=0.0,
        fits=fits,
    )
    return RolesAssessment(found, engine.rank_ties(found), True, relevant, best)


def role_match(*, profile: engine.Profile, role_slug: str) -> engine.RoleMatch:
    """The fit and explanation of one role. Raises ConverterError when the role does not exist."""
    snap = engine_snapshot()
    if role_slug not in snap.catalogue.role_index:
        raise ConverterError(f"There is no role '{role_slug}'.", field="role")
    return engine.match_one(snap.catalogue, profile, role_slug)


@dataclass(frozen=True)
class UnassessedJob:
    """An ESCO occupation the Converter cannot assess on its own, and what its evidence lacks."""

    esco_uri: str
    title: str
    relevant_skills: int
    best_fit: float
    unlinked_essentials: tuple[str, ...]  # names of essential ESCO skills with no reviewed bridge link


def unassessed_esco_jobs() -> tuple[int, list[UnassessedJob]]:
    """Every job with an ESCO URI picked on its own, as the Converter sees it: (how many jobs were tried,
    those `roles_assess` calls not assessable, by title). For reviewing the bridge
    (docs/decisions/0006-esco-bridge.md): an essential ESCO skill listed here reaches no curated skill."""
    snap = engine_snapshot()
    rows = SourceOccupation.objects.filter(esco_uri__isnull=False).order_by("title").values_list("esco_uri", "title")
    jobs = [(str(uri), title) for uri, title in rows]
    found: list[UnassessedJob] = []
    for uri, title in jobs:
        answer = roles_assess(profile=profile_build(occupations=[uri]).profile, limit=1)
        if answer.assessable:
            continue
        essentials = OccupationSkill.objects.filter(occupation__esco_uri=uri, essential=True, skill__origin=Origin.ESCO)
        unlinked = tuple(
            name
            for slug, name in essentials.order_by("skill__name").values_list("skill__slug", "skill__name")
            if slug not in snap.bridge
        )
        found.append(UnassessedJob(uri, title, answer.relevant_skills, answer.best_fit, unlinked))
    return len(jobs), found


# ---------------------------------------------------------------- planning


@dataclass(frozen=True)
class PlanResult:
    match: engine.RoleMatch
    plan: engine.Plan
    start: date
    hours_per_week: float
    deadline: date | None
    centres: tuple[str, ...]  # the centres the person can travel to (in their region or ticked); empty = any
    centre_names: Mapping[str, str] = field(default_factory=dict)
    region: str = ""  # the region the person chose for on-site courses ("" = anywhere)
    # course slug -> status label of the person's live booking of the run this plan keeps for it
    booked: Mapping[str, str] = field(default_factory=dict)

    @property
    def saving_hours(self) -> float:
        return max(0.0, self.plan.greedy_hours - self.plan.total_hours) if self.plan.method == "milp" else 0.0


def centre_choices() -> list[tuple[str, str, str]]:
    """(slug, name, region) of every training centre the public may see (example centres only while
    example content is shown), by name."""
    return list(visible_centres().order_by("name").values_list("slug", "name", "region"))


def plan_for_role(
    *,
    profile: engine.Profile,
    role_slug: str,
    start: date,
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK,
    deadline: date | None = None,
    centres: Iterable[str] | None = None,
    region: str = "",
    essential_only: bool = False,
    user: User | None = None,
    today: date | None = None,
) -> PlanResult:
    """The training that closes a person's gaps for a role: dated online modules and on-site runs.

    Runs come from the centres app; a gap no reachable run with free seats can close is listed as
    uncovered, with the reason. Where on-site runs may be is the person's travel: any centre in `region`,
    plus each centre in `centres` (slugs); neither means anywhere. Courses the person has completed count as
    held, and a run they have booked is kept.
    """
    if today is not None and start < today:
        raise ConverterError("The start date must be today or later.", field="start_date")
    if not 1 <= hours_per_week <= MAX_HOURS_PER_WEEK:
        raise ConverterError(f"Hours per week must be between 1 and {MAX_HOURS_PER_WEEK}.", field="hours_per_week")
    if deadline is not None and deadline <= start:
        raise ConverterError("The deadline must be after the start date.", field="deadline")
    if (too_late := plan_dates_refusal(start=start, deadline=deadline, today=today)) is not None:
        raise ConverterError(too_late[1], field=too_late[0])
    choices = centre_choices()
    names = {slug: name for slug, name, _ in choices}
    chosen = tuple(dict.fromkeys(c.strip() for c in centres or () if c and c.strip()))
    unknown = [c for c in chosen if c not in names]
    if unknown:
        raise ConverterError(f"There is no training centre '{unknown[0]}'.", field="centres")
    if region and not any(where == region for _slug, _name, where in choices):
        raise ConverterError(f"There is no training centre in the region '{region}'.", field="region")
    travel = engine.Travel(regions=frozenset({region} if region else ()), centres=frozenset(chosen))
    region_of = {slug: where for slug, _name, where in choices}

    found = role_match(profile=profile, role_slug=role_slug)
    snap = engine_snapshot()
    on_site = {slug for slug, mode in snap.course_modes.items() if mode != "online"}
    runs = list(open_runs_for_planning(course_slugs=on_site, start=start, until=deadline))
    runs = [r if r.region else dataclasses.replace(r, region=region_of.get(r.centre, "")) for r in runs]
    held = held_courses(user) & set(snap.catalogue.course_index)
    # A run the person has booked stays their run for that course, wherever it is.
    booked = [b for b in _bookings_for_planning(user) if b.run.course not in held]
    if booked:
        kept = {b.run.course for b in booked}
        runs = [r for r in runs if r.course not in kept] + [b.run for b in booked]
        travel = dataclasses.replace(travel, centres=travel.centres | {b.run.centre for b in booked})
    gaps = found.plan_gaps(essential_only=essential_only)

    # The same inputs give the same plan: the role page, its print view and the API share it (skillsnet/caching.py).
    inputs = (
        "plan",
        snap.version,
        show_example_content(),
        tuple(sorted(gaps.items())),
        tuple(sorted(held)),
        tuple(runs),
        start,
        hours_per_week,
        deadline,
        travel,
    )
    result = cached_plan(
        inputs,
        lambda: engine.plan(
            snap.catalogue,
            gaps=gaps,
            held_courses=held,
            runs=runs,
            start=start,
            hours_per_week=hours_per_week,
            deadline=deadline,
            travel=travel,
        ),
    )
    return PlanResult(
        match=found,
        plan=result,
        start=start,
        hours_per_week=hours_per_week,
        deadline=deadline,
        centres=() if travel.anywhere else tuple(sorted(c for c in names if travel.allows(_at(c, region_of[c])))),
        centre_names=names,
        region=region,
        booked={b.run.course: b.status_label for b in booked},
    )


def _at(centre: str, region: str) -> engine.RunSpec:
    # a stand-in run at a centre, to ask the travel rule about the centre itself
    return engine.RunSpec("", "", centre, date.min, date.min, 0, region=region)


def _bookings_for_planning(user: User | None) -> list[Any]:
    if user is None or not user.is_authenticated:
        return []
    return list(bookings_for_planning(user))


def default_region(user: User | None) -> str:
    """The centres' region matching the region on a person's account ("" when none does): the plan's
    region starts there. Accounts hold ONS region codes; centres name their region in words."""
    if user is None or not user.is_authenticated or not user.region:
        return ""
    wanted = region_label(user.region).lower()
    for _slug, _name, where in centre_choices():
        words = where.lower()
        if words == wanted or words.removesuffix(" england") == wanted:
            return where
    return ""


def learning_plan_create(*, learner: User, result: PlanResult) -> LearningPlan:
    """Turn a plan into the learner's learning plan (the learning app does the writing)."""
    return learning_plan_from_steps(
        learner=learner, role_slug=result.match.role, steps=result.plan.steps, target_date=result.deadline
    )


# ---------------------------------------------------------------- saved assessments


def clean_inputs(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """The stored form of a person's answers, keeping only well-formed values (old or tampered data is
    dropped quietly rather than failing the page)."""
    raw = raw or {}

    def level_map(value: Any) -> dict[str, int]:
        if not isinstance(value, dict):
            return {}
        return {
            str(k)[:120]: v
            for k, v in list(value.items())[:MAX_SKILLS]
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 4
        }

    occupations = [str(o)[:255] for o in raw.get("occupations") or [] if isinstance(o, str) and o.strip()]
    cv_skills = []
    for item in raw.get("cv_skills") or []:
        # [slug, level, quote] or, since the reader gives reasons, [slug, level, quote, why this level]
        if isinstance(item, list | tuple) and len(item) in (3, 4) and isinstance(item[1], int) and 1 <= item[1] <= 4:
            cv_skills.append([str(item[0])[:120], item[1], *(str(part)[:400] for part in item[2:])])
    cleaned: dict[str, Any] = {
        "occupations": list(dict.fromkeys(occupations))[:MAX_OCCUPATIONS],
        "skills": level_map(raw.get("skills")),
        "cv_skills": cv_skills[:MAX_SKILLS],
        "adjusted": level_map(raw.get("adjusted")),
        "removed": [str(s)[:120] for s in raw.get("removed") or [] if isinstance(s, str)][:MAX_SKILLS],
        # CV skills whose suggested level the person confirmed on the review page
        "confirmed": [str(s)[:120] for s in raw.get("confirmed") or [] if isinstance(s, str)][:MAX_SKILLS],
        "credentials": [c for c in raw.get("credentials") or [] if isinstance(c, str) and c in ENTRY_REQUIREMENTS],
        "cv_credentials": [
            [str(item[0]), str(item[1])[:200]]
            for item in raw.get("cv_credentials") or []
            if isinstance(item, list | tuple) and len(item) == 2 and item[0] in ENTRY_REQUIREMENTS
        ],
    }
    cv_text = raw.get("cv_text")
    if isinstance(cv_text, str) and cv_text.strip():
        cleaned["cv_text"] = cv_text[:MAX_CHARS]
    return cleaned


def _name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ConverterError("Enter a name for this assessment.", field="name")
    if len(cleaned) > MAX_NAME:
        raise ConverterError(f"The name must be {MAX_NAME} characters or fewer.", field="name")
    return cleaned


@transaction.atomic
def assessment_save(
    *,
    owner: User,
    name: str,
    inputs: Mapping[str, Any],
    keep_cv_text: bool = False,
    assessment: Assessment | None = None,
) -> Assessment:
    """Save a person's answers (never the results) as a new assessment, or over one they own.

    CV text is stored only when the person asked to keep it (`keep_cv_text`).
    """
    cleaned = clean_inputs(inputs)
    if not keep_cv_text:
        cleaned.pop("cv_text", None)
    if not (cleaned["occupations"] or cleaned["skills"] or cleaned["cv_skills"] or cleaned["adjusted"]):
        raise ConverterError("There is nothing to save yet: give at least one previous job, skill or your CV.")
    if assessment is not None and assessment.owner_id != owner.pk:
        raise ConverterError("You can only update your own assessments.")
    if assessment is None:
        assessment = Assessment.objects.create(owner=owner, name=_name(name), inputs=cleaned)
    else:
        assessment.name = _name(name)
        assessment.inputs = cleaned
        assessment.save(update_fields=["name", "inputs", "updated_at"])
    audit_log(
        action="converter.assessment.saved",
        actor=owner,
        subject=owner,
        obj=assessment,
        data={"cv_text_kept": "cv_text" in cleaned},
    )
    return assessment


@transaction.atomic
def assessment_rename(*, assessment: Assessment, name: str, actor: User) -> Assessment:
    old = assessment.name
    assessment.name = _name(name)
    assessment.save(update_fields=["name", "updated_at"])
    audit_log(
        action="converter.assessment.renamed",
        actor=actor,
        subject=assessment.owner,
        obj=assessment,
        data={"from": old, "to": assessment.name},
    )
    return assessment


@transaction.atomic
def assessment_delete(*, assessment: Assessment, actor: User) -> None:
    audit_log(
        action="converter.assessment.deleted",
        actor=actor,
        subject=assessment.owner,
        obj=assessment,
        data={"name": assessment.name},
    )
    assessment.delete()
