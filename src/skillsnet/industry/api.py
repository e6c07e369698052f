"""Open vacancies in the JSON API (read only and public: no candidate or consent data is ever exposed here)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from skillsnet.accounts.models import UKRegion
from skillsnet.catalogue.models import RoleFamily
from skillsnet.industry import selectors
from skillsnet.schemas import ErrorOut as Detail

router = Router(tags=["vacancies"])

MAX_LIMIT = 100


class VacancyFilters(Schema):
    family: str = Field("", max_length=40, description="Only vacancies whose role is in this job family.")
    region: str = Field("", max_length=20, description="Only vacancies in this UK region (a region code).")
    role: str = Field("", max_length=120, description="Only vacancies for the catalogue role with this slug.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000)


class VacancySkillOut(Schema):
    skill: str
    name: str
    level: int
    essential: bool


class VacancyOut(Schema):
    id: int
    title: str
    employer: str
    role: str
    role_title: str
    location: str
    region: str
    region_name: str
    closing_date: date
    description: str
    skills: list[VacancySkillOut]


class VacancyPage(Schema):
    count: int
    items: list[VacancyOut]


def _out(vacancy: Any) -> dict[str, Any]:
    return {
        "id": vacancy.pk,
        "title": vacancy.title,
        "employer": vacancy.employer.name,
        "role": vacancy.role.slug,
        "role_title": vacancy.role.title,
        "location": vacancy.location,
        "region": vacancy.region,
        "region_name": vacancy.get_region_display(),
        "closing_date": vacancy.closing_date,
        "description": vacancy.description,
        "skills": [
            {"skill": s.skill.slug, "name": s.skill.name, "level": s.level, "essential": s.essential}
            for s in vacancy.skills.all()
        ],
    }


@router.get("/vacancies", response={200: VacancyPage, 400: Detail}, summary="Open vacancies, soonest closing first")
def vacancy_list(request: HttpRequest, filters: Query[VacancyFilters]) -> dict[str, Any]:
    if filters.family and filters.family not in RoleFamily.values:
        raise HttpError(400, f"There is no job family '{filters.family}'.")
    if filters.region and filters.region not in UKRegion.values:
        raise HttpError(400, f"There is no region '{filters.region}'. Use one of: {', '.join(UKRegion.values)}.")
    vacancies = selectors.public_vacancies(family=filters.family, region=filters.region)
    if filters.role:
        vacancies = vacancies.filter(role__slug=filters.role)
    page = vacancies.prefetch_related("skills__skill")[filters.offset : filters.offset + filters.limit]
    return {"count": vacancies.count(), "items": [_out(v) for v in page]}


@router.get("/vacancies/counts", response=dict[str, int], summary="Open vacancies per catalogue role (slug → count)")
def vacancy_counts(request: HttpRequest) -> dict[str, int]:
    return selectors.open_vacancy_counts()


@router.get("/vacancies/{pk}", response={200: VacancyOut, 404: Detail}, summary="One open vacancy")
def vacancy_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    vacancy = selectors.public_vacancies().prefetch_related("skills__skill").filter(pk=pk).first()
    if vacancy is None:
        raise HttpError(404, "This vacancy is closed or does not exist.")
    return _out(vacancy)
