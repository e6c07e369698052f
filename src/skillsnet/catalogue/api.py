"""The catalogue's part of the JSON API: skills, roles, source occupations and courses (read only)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from skillsnet.catalogue import selectors
from skillsnet.catalogue.dataset import Family
from skillsnet.catalogue.models import LEVEL_LABELS, Course, Role, Skill, SourceOccupation
from skillsnet.catalogue.requirements import describe
from skillsnet.schemas import ErrorOut as Detail

router = Router()

MAX_LIMIT = 100
# Far beyond any catalogue, and small enough that offset + limit stays a 64-bit integer in SQL.
MAX_OFFSET = 1_000_000_000


class Page(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"How many items to return (1–{MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"How many items to skip (0–{MAX_OFFSET:,}).")


class SearchPage(Page):
    q: str = Field("", max_length=200, description="Words to look for; empty lists everything, curated first.")


class RoleFilters(Page):
    family: Family | None = Field(None, description="Only roles in this job family.")
    max_entry_level: int | None = Field(None, ge=2, le=8, description="Only roles entered at this RQF level or below.")


class CourseFilters(Page):
    mode: Literal["online", "on-site", "blended"] | None = Field(None, description="Only courses in this format.")
    skill: str | None = Field(None, max_length=120, description="Only courses that raise the skill with this slug.")


class SkillOut(Schema):
    slug: str
    name: str
    kind: str
    category: str
    description: str
    origin: str
    esco_uri: str | None
    alt_labels: list[str]


class SkillList(Schema):
    count: int
    items: list[SkillOut]


class SectorOut(Schema):
    slug: str
    name: str


class OccupationOut(Schema):
    slug: str
    title: str
    alt_titles: list[str]
    sector: SectorOut | None
    origin: str
    esco_uri: str | None
    credentials: list[str] = Field(description="Entry requirement codes that holding this job implies.")


class OccupationList(Schema):
    count: int
    items: list[OccupationOut]


class RoleOut(Schema):
    slug: str
    title: str
    family: str
    description: str
    entry_level: int
    shortage: bool


class RoleList(Schema):
    count: int
    items: list[RoleOut]


class RoleSkillOut(Schema):
    slug: str
    name: str
    level: int = Field(description="1 awareness, 2 working, 3 practitioner, 4 expert.")
    level_label: str
    essential: bool


class EntryRequirementOut(Schema):
    code: str
    label: str
    description: str


class RoleDetail(RoleOut):
    entry_requirements: list[EntryRequirementOut] = Field(
        description="Hard requirements an employer checks first (degree, registration, QP eligibility, experience)."
    )
    entry_routes: list[str]
    apprenticeship_standards: list[str]
    soc_code: str
    esco_uri: str
    shortage_source: str
    skills: list[RoleSkillOut]


class ProviderOut(Schema):
    slug: str
    name: str
    example: bool = Field(description="Example content: a fictional provider for demonstrations.")


class CourseSkillOut(Schema):
    slug: str
    name: str
    assumes_level: int
    to_level: int


class CourseOut(Schema):
    slug: str
    title: str
    provider: ProviderOut
    mode: str
    hours: float
    cost: float = Field(description="Pounds; 0 means free.")
    level: int = Field(description="RQF level of the course.")
    description: str
    outcomes: list[str]
    skills: list[CourseSkillOut]
    prerequisites: list[str] = Field(description="Slugs of the courses to take first.")
    centres: list[str] = Field(description="Slugs of the training centres that run it (on-site and blended).")
    example: bool = Field(
        description="Example content: an invented course for demonstrations, not a real offer. It issues no credential."
    )


class CourseList(Schema):
    count: int
    items: list[CourseOut]


def _role(role: Role) -> dict[str, Any]:
    return {
        "slug": role.slug,
        "title": role.title,
        "family": role.family,
        "description": role.description,
        "entry_level": role.entry_level,
        "shortage": role.shortage,
    }


def _course(course: Course) -> dict[str, Any]:
    return {
        "slug": course.slug,
        "title": course.title,
        "provider": course.provider,
        "mode": course.mode,
        "hours": float(course.hours),
        "cost": float(course.cost),
        "level": course.level,
        "description": course.description,
        "outcomes": course.outcomes,
        "skills": [
            {"slug": t.skill.slug, "name": t.skill.name, "assumes_level": t.assumes_level, "to_level": t.to_level}
            for t in course.skills_taught.all()
        ],
        "prerequisites": sorted(p.slug for p in course.prerequisites.all()),
        "centres": sorted(c.slug for c in course.centres.all()),
        "example": course.example,
    }


@router.get("/skills", response=SkillList, tags=["catalogue"], summary="Search or list skills")
def list_skills(request: HttpRequest, filters: Query[SearchPage]) -> dict[str, Any]:
    """Skills ranked by how well their name or alternative labels match `q`: a whole label first, then a
    label that starts with the query, then labels with every word, then some words. Curated skills come
    before ESCO ones on ties."""
    if filters.q.strip():
        count, skills = selectors.search_skills_page(filters.q, filters.limit, filters.offset)
        return {"count": count, "items": skills}
    everything = selectors.skill_list()
    items: list[Skill] = list(everything[filters.offset : filters.offset + filters.limit])
    return {"count": everything.count(), "items": items}


@router.get("/occupations", response=OccupationList, tags=["catalogue"], summary="Search or list source occupations")
def list_occupations(request: HttpRequest, filters: Query[SearchPage]) -> dict[str, Any]:
    """Jobs people come from (curated and ESCO), ranked by title and alternative titles like skill search."""
    if filters.q.strip():
        count, occupations = selectors.search_occupations_page(filters.q, filters.limit, filters.offset)
        return {"count": count, "items": occupations}
    everything = selectors.occupation_list()
    items: list[SourceOccupation] = list(everything[filters.offset : filters.offset + filters.limit])
    return {"count": everything.count(), "items": items}


@router.get("/roles", response=RoleList, tags=["catalogue"], summary="List job roles")
def list_roles(request: HttpRequest, filters: Query[RoleFilters]) -> dict[str, Any]:
    roles = selectors.role_list(family=filters.family, max_entry_level=filters.max_entry_level)
    page = roles[filters.offset : filters.offset + filters.limit]
    return {"count": roles.count(), "items": [_role(role) for role in page]}


@router.get(
    "/roles/{slug}", response={200: RoleDetail, 404: Detail}, tags=["catalogue"], summary="A job role and its skills"
)
def get_role(request: HttpRequest, slug: str) -> dict[str, Any]:
    role = selectors.role_with_skills(slug)
    if role is None:
        raise HttpError(404, f"There is no role with the slug '{slug}'.")
    return {
        **_role(role),
        "entry_requirements": [
            {"code": r.code, "label": r.label, "description": r.sentence} for r in describe(role.entry_requirements)
        ],
        "entry_routes": role.entry_routes,
        "apprenticeship_standards": role.apprenticeship_standards,
        "soc_code": role.soc_code,
        "esco_uri": role.esco_uri,
        "shortage_source": role.shortage_source,
        "skills": [
            {
                "slug": r.skill.slug,
                "name": r.skill.name,
                "level": r.level,
                "level_label": LEVEL_LABELS[r.level],
                "essential": r.essential,
            }
            for r in role.requirements.all()
        ],
    }


@router.get("/courses", response=CourseList, tags=["catalogue"], summary="List courses")
def list_courses(request: HttpRequest, filters: Query[CourseFilters]) -> dict[str, Any]:
    courses = selectors.course_list(mode=filters.mode, skill=filters.skill)
    page = courses[filters.offset : filters.offset + filters.limit]
    return {"count": courses.count(), "items": [_course(course) for course in page]}


# ---------------------------------------------------------------- organisation keys: a provider's own catalogue


class UploadErrorOut(Schema):
    row: int
    slug: str
    field: str
    message: str


class UploadOut(Schema):
    dry_run: bool
    problem: str = Field(description="Why the whole upload was refused; empty when it was read.")
    rows: int
    valid: int
    written: int
    create: int
    update: int
    errors: list[UploadErrorOut] = Field(description="Every error, with its row (item number) and field.")


class CoursesUploadIn(Schema):
    courses: list[dict[str, Any]] = Field(
        [], description="Courses with the fields of the CSV upload (docs/ARCHITECTURE.md)."
    )
    dry_run: bool = Field(True, description="Check only: report what would change and every error; write nothing.")
    submit: bool = Field(True, description="Send the written courses to the programme team for review.")


class OwnCourseOut(Schema):
    slug: str
    title: str
    mode: str
    status: str = Field(description="draft, submitted or published.")
    pending_changes: bool = Field(description="A change to the published course waits for review.")


def _key_actor(request: HttpRequest, provider: str, scope: str) -> tuple[Any, Any]:
    from skillsnet.catalogue.models import Provider
    from skillsnet.orgkeys.auth import require

    key = require(request, scope=scope, role="provider", organisation=provider)
    owner = Provider.objects.filter(slug=provider).first()
    if owner is None or key.created_by is None:
        raise HttpError(404, "Not found.")
    return owner, key.created_by


def _org_key() -> Any:
    from skillsnet.orgkeys.auth import org_key

    return org_key


@router.get(
    "/providers/{provider}/courses",
    auth=_org_key(),
    response={200: list[OwnCourseOut], 401: Detail, 403: Detail, 404: Detail, 429: Detail},
    tags=["organisations"],
    summary="A provider's own courses, drafts included (key scope courses:read)",
)
def provider_courses(request: HttpRequest, provider: str) -> list[dict[str, Any]]:
    owner, _actor = _key_actor(request, provider, "courses:read")
    return [
        {
            "slug": c.slug,
            "title": c.title,
            "mode": c.mode,
            "status": c.status,
            "pending_changes": bool(c.pending_changes),
        }
        for c in Course.objects.filter(provider=owner).order_by("slug")
    ]


@router.post(
    "/providers/{provider}/courses/upload",
    auth=_org_key(),
    response={200: UploadOut, 401: Detail, 403: Detail, 404: Detail, 429: Detail},
    tags=["organisations"],
    summary="Check (dry run) or publish a provider's catalogue (key scope courses:write)",
)
def provider_courses_upload(request: HttpRequest, provider: str, body: CoursesUploadIn) -> dict[str, Any]:
    import json

    from skillsnet.catalogue import publishing

    owner, actor = _key_actor(request, provider, "courses:write")
    try:
        report = publishing.catalogue_upload(
            actor=actor, provider=owner, name="api.json", content=json.dumps(body.courses).encode(),
            dry_run=body.dry_run, submit=body.submit,
        )  # fmt: skip
    except publishing.PublishingError as exc:
        raise HttpError(403, str(exc)) from None
    return report.as_json()
