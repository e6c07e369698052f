"""The Career Converter's JSON API: read skills from text, rank roles, plan training.

Anonymous callers are rate-limited (see `ratelimit.py`); every answer is computed by `services.py`, the
same code the pages and `skillsnet convert` use.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import ValidationError

from skillsnet.catalogue.dataset import Family
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
from skillsnet.converter import serializers, services
from skillsnet.converter.documents import MAX_CHARS
from skillsnet.converter.ratelimit import limited as _limited
from skillsnet.schemas import ErrorOut as Detail

router = Router(tags=["converter"])

EMPTY_INPUT = "Give at least one previous job, skill or some text."
Credential = Literal[
    "science-degree",
    "postgraduate-science",
    "nmc-registration",
    "gphc-registration",
    "hcpc-registration",
    "qp-eligibility",
    "management-experience",
]


class TextIn(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_CHARS, description="A CV or job description, as text.")


class FoundOut(Schema):
    skill: str
    name: str
    level: int = Field(description="Suggested level 1–4 from the evidence around the mention (see level_reason).")
    evidence: str = Field(description="The sentence the skill was read from.")
    level_reason: str = Field(
        "",
        description="Why the reader suggests this level, from the text: years in the role, seniority, training "
        "others, hedging (e.g. 'level 3: 9 years (since 2017), as “Band 6 biomedical scientist”').",
    )
    suggested_by: str = Field(
        "",
        description="Empty when a phrase naming the skill was found. Otherwise the sentence model suggested the skill "
        "from the sentence's wording, and these are the words that weighed most (e.g. '“rotated the stock”, "
        "“pallets”'): a suggestion to check, not a skill the text names.",
    )


class CvJobOut(Schema):
    key: str = Field(description="What `occupations` takes: an industry role's or a source occupation's slug.")
    title: str
    quote: str = Field(description="The job title as the text writes it.")


class ExtractOut(Schema):
    skills: list[FoundOut]
    jobs: list[CvJobOut] = Field(
        default_factory=list,
        description="Jobs the text names outright at the start of a line (at most 3, first named first), to "
        "offer as previous jobs: a previous job brings its career route and level. Titles that fit several "
        "jobs equally are left out.",
    )


class SkillLevelIn(Schema):
    skill: str = Field(..., min_length=1, max_length=120, description="A skill slug.")
    level: int = Field(..., ge=0, le=4, description="0 none, 1 awareness, 2 working, 3 practitioner, 4 expert.")


class ProfileIn(Schema):
    occupations: list[str] = Field(
        default_factory=list,
        max_length=services.MAX_OCCUPATIONS,
        description="Previous or current jobs: source-occupation or role slugs, or ESCO occupation URIs.",
    )
    skills: list[SkillLevelIn] = Field(default_factory=list, max_length=services.MAX_SKILLS)
    text: str = Field("", max_length=MAX_CHARS, description="CV text to read for skills.")
    credentials: list[Credential] = Field(
        default_factory=list,
        max_length=len(ENTRY_REQUIREMENTS),
        description="Degrees and registrations the person holds (roles' hard entry requirements).",
    )


class MatchesIn(ProfileIn):
    limit: int = Field(10, ge=1, le=100)
    families: list[Family] | None = Field(None, description="Only roles in these job families.")
    max_entry_level: int | None = Field(None, ge=2, le=8, description="Only roles entered at this RQF level or below.")


class PlanIn(ProfileIn):
    role: str = Field(..., min_length=1, max_length=120, description="The role slug to plan for.")
    start_date: date | None = Field(None, description="Default: today.")
    hours_per_week: float = Field(services.DEFAULT_HOURS_PER_WEEK, ge=1, le=services.MAX_HOURS_PER_WEEK)
    deadline: date | None = None
    region: str = Field(
        "", max_length=80, description="A region of the training centres: on-site runs anywhere in it may be chosen."
    )
    centres: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Centre slugs the person can also travel to. With neither region nor centres: anywhere.",
    )
    essential_only: bool = Field(False, description="Plan only for the role's essential skills.")


class SourceOut(Schema):
    provenance: str
    detail: str
    level: int


class ProfileSkillOut(Schema):
    skill: str
    name: str
    level: int
    provenance: str = Field(
        description="Where the level comes from: occupation, cv, self-rated, verified, or assumed (awareness "
        "of what every job asks for, credited to anyone who names a previous job)."
    )
    sources: list[SourceOut]


class MetOut(Schema):
    skill: str
    name: str
    level: int
    required_level: int
    provenance: str | None
    essential: bool


class TransferredOut(Schema):
    skill: str
    name: str
    from_skill: str
    from_name: str
    credit: float
    level_gained: float
    required_level: int
    fully_met: bool
    rationale: str
    essential: bool


class GapOut(Schema):
    skill: str
    name: str
    required_level: int
    current_level: float
    essential: bool


class RequirementOut(Schema):
    code: str
    text: str


class RouteOut(Schema):
    name: str = Field(description="The group of previous jobs, e.g. 'Plant and machine operators and assemblers'.")
    rationale: str = Field(description="Why people from that work usually start in this role.")


class MatchOut(Schema):
    role: str
    title: str
    family: str
    entry_level: int
    score: float = Field(description="Importance-weighted coverage of the role's skills, 0–1.")
    essential_coverage: float
    readiness: str = Field(description="ready-now, short-training or stretch.")
    gap_hours: float | None
    overqualified: bool
    within_reach: bool = Field(
        description="No hard entry requirement missing, and at most one RQF level above the person's previous jobs."
    )
    step_up: bool = Field(
        False,
        description="Within reach, above the person's previous jobs: one RQF level, or more for a role on their "
        "career route.",
    )
    route: RouteOut | None = Field(
        None,
        description="Set when this role is a usual start for people from the person's previous job "
        "(data/career_routes.yaml); such a role is ranked as if it fitted 0.25 better, 0.01 less for each place "
        "below the top of the route's list (most usual first). The score is unchanged.",
    )
    missing_requirements: list[RequirementOut] = Field(description="Hard entry requirements not shown.")
    tied: bool = Field(False, description="Ties with the role before it on every ranking key: show them as joint.")
    met: list[MetOut]
    transferred: list[TransferredOut]
    gaps: list[GapOut]


class RoleRefOut(Schema):
    role: str
    title: str


class RouteHintOut(Schema):
    name: str
    rationale: str
    roles: list[RoleRefOut]


class MatchesOut(Schema):
    profile: list[ProfileSkillOut]
    assessable: bool = Field(description="False when the evidence is too thin to rank roles; see message.")
    message: str = Field(description="Why no roles are ranked, when assessable is false; otherwise empty.")
    usual_first_roles: list[RouteHintOut] = Field(
        [],
        description="Where people from the person's previous ESCO jobs usually start (data/career_routes.yaml), "
        "for the roles matches does not list: all of them when assessable is false, else those the person's skills "
        "show nothing for yet (0% fit). Named without a fit.",
    )
    matches: list[MatchOut] = Field(description="Roles above 0% fit, those within reach first.")


class SkillRefOut(Schema):
    skill: str
    name: str


class StepOut(Schema):
    course: str
    title: str
    mode: str
    run_id: str | None
    centre: str | None
    centre_name: str | None
    starts: date
    ends: date
    hours: float
    cost: float
    closes: list[SkillRefOut]
    reason: str
    example: bool = Field(False, description="An example course (fictional content that shows how the service works).")


class CentreRefOut(Schema):
    slug: str
    name: str
    region: str


class UncoveredOut(Schema):
    skill: str
    name: str
    required_level: int
    reason: str
    kind: str = Field(
        description="untaught, completed, level, no-run, travel (runs exist only beyond the region and centres "
        "given), deadline or prerequisites."
    )
    centres: list[CentreRefOut] = Field(description="For kind travel: the centres that would close the gap.")


class PlanOut(Schema):
    role: str
    title: str
    start_date: date
    hours_per_week: float
    deadline: date | None
    region: str = Field("", description="The region given for on-site runs (empty: none).")
    centres: list[str] = Field(
        default_factory=list, description="Every centre the person can travel to, by slug (empty: anywhere)."
    )
    steps: list[StepOut]
    total_hours: float
    total_cost: float
    finish_date: date | None
    uncovered: list[UncoveredOut]
    method: str = Field(description="milp (optimal) or greedy (the fallback).")
    greedy_hours: float
    greedy_cost: float


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["body", "payload", field], "msg": message}])


def _profile(request: HttpRequest, payload: ProfileIn) -> services.ProfileResult:
    """The caller's profile, or a 422 naming each unknown job or skill, or saying the input is empty."""
    if not (payload.occupations or payload.skills or payload.text.strip()):
        raise _invalid("occupations", EMPTY_INPUT)
    try:
        result = services.profile_build(
            occupations=payload.occupations,
            skills={s.skill: s.level for s in payload.skills},
            text=payload.text,
            credentials=payload.credentials,
            user=request.user if request.user.is_authenticated else None,
        )
    except services.ConverterError as exc:
        raise _invalid(exc.field or "occupations", exc.message) from None
    errors = [
        {
            "type": "value_error",
            "loc": ["body", "payload", "occupations"],
            "msg": f"Unknown occupation or role: '{key}'.",
        }
        for key in result.unknown_occupations
    ] + [
        {"type": "value_error", "loc": ["body", "payload", "skills"], "msg": f"Unknown skill: '{key}'."}
        for key in result.unknown_skills
    ]
    if errors:
        raise ValidationError(errors)
    if result.is_empty:
        raise _invalid("text", "We found no skills in what you gave: add a previous job or rate some skills.")
    return result


@router.post(
    "/extract",
    response={200: ExtractOut, 422: Detail, 429: Detail},
    summary="Read skills from text",
    description="The skills mentioned in a CV or job description, each with a suggested level and the quote, "
    "and the jobs it names. They are suggestions for the person to confirm: on labelled CV paragraphs the reader "
    f"was not tuned on, {services.CV_READER_RECORD.precision:.0%} of the skills it suggested were ones a careful "
    f"reader accepts, and it found {services.CV_READER_RECORD.recall:.0%} of those.",
)
def extract(request: HttpRequest, payload: TextIn) -> Any:
    if (limited := _limited(request)) is not None:
        return limited
    return {
        "skills": [serializers.found_dict(f) for f in services.skills_extract(text=payload.text)],
        "jobs": [{"key": j.key, "title": j.title, "quote": j.quote} for j in services.jobs_in_cv(text=payload.text)],
    }


@router.post(
    "/matches",
    response={200: MatchesOut, 422: Detail, 429: Detail},
    summary="Rank industry roles for a person",
    description=(
        "From previous jobs, self-rated skills and/or CV text: the person's skills and where each came from, "
        "and the best-fitting roles with the skills met, transferred (from a named skill) and missing."
    ),
)
def matches(request: HttpRequest, payload: MatchesIn) -> Any:
    if (limited := _limited(request)) is not None:
        return limited
    result = _profile(request, payload)
    assessed = services.roles_assess(
        profile=result.profile,
        limit=payload.limit,
        families=payload.families,
        max_entry_level=payload.max_entry_level,
    )
    return serializers.matches_dict(result, assessed)


@router.post(
    "/plan",
    response={200: PlanOut, 422: Detail, 429: Detail},
    summary="Plan training for a role",
    description=(
        "A dated plan of online modules and on-site runs that closes the person's gaps for the role, the "
        "gaps no course can close (with the reason), and the optimiser's saving over the greedy plan."
    ),
)
def plan(request: HttpRequest, payload: PlanIn) -> Any:
    if (limited := _limited(request)) is not None:
        return limited
    result = _profile(request, payload)
    today = timezone.localdate()
    try:
        planned = services.plan_for_role(
            profile=result.profile,
            role_slug=payload.role,
            start=payload.start_date or today,
            hours_per_week=payload.hours_per_week,
            deadline=payload.deadline,
            centres=payload.centres,
            region=payload.region,
            essential_only=payload.essential_only,
            user=request.user if request.user.is_authenticated else None,
            today=today,
        )
    except services.ConverterError as exc:
        raise _invalid(exc.field or "role", exc.message) from None
    return serializers.plan_dict(planned)
