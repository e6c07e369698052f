"""The online training platform's part of the JSON API (tag "learning")."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from skillsnet.accounts.models import User
from skillsnet.learning import selectors, services
from skillsnet.learning.models import Credential, Enrolment
from skillsnet.schemas import ErrorOut as Detail

router = Router(tags=["learning"])


class LessonOut(Schema):
    id: int
    title: str
    has_knowledge_check: bool


class ModuleOut(Schema):
    title: str
    summary: str
    lessons: list[LessonOut]


class OutlineOut(Schema):
    course: str
    title: str
    modules: list[ModuleOut]


class EnrolmentIn(Schema):
    course: str = Field(max_length=120, description="Slug of the course to enrol on.")


class EnrolmentOut(Schema):
    course: str
    title: str
    enrolled_at: datetime
    completed_at: datetime | None
    lessons_done: int
    lessons_total: int
    percent: int


class CheckOut(Schema):
    name: str
    passed: bool
    message: str


class VerificationOut(Schema):
    verdict: str = Field(description="valid, revoked, expired or invalid.")
    summary: str
    checks: list[CheckOut]


class CredentialOut(Schema):
    id: UUID
    credential: dict[str, Any] = Field(description="The OpenBadgeCredential as signed.")
    jwt: str = Field(description="The VC-JWT (compact JWS, EdDSA).")
    verification: VerificationOut


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _enrolment(enrolment: Enrolment, progress: selectors.Progress | None = None) -> dict[str, Any]:
    progress = progress or selectors.progress_of(enrolment)
    return {
        "course": enrolment.course.slug,
        "title": enrolment.course.title,
        "enrolled_at": enrolment.enrolled_at,
        "completed_at": enrolment.completed_at,
        "lessons_done": progress.done,
        "lessons_total": progress.total,
        "percent": 100 if enrolment.completed_at else progress.percent,
    }


@router.get(
    "/courses/{slug}/outline",
    response={200: OutlineOut, 404: Detail},
    summary="A course's published modules and lessons",
)
def course_outline(request: HttpRequest, slug: str) -> dict[str, Any]:
    from skillsnet.catalogue.selectors import visible_courses

    course = visible_courses().filter(slug=slug).first()
    if course is None:
        raise HttpError(404, f"There is no course with the slug '{slug}'.")
    return {
        "course": course.slug,
        "title": course.title,
        "modules": [
            {
                "title": outline.module.title,
                "summary": outline.module.summary,
                "lessons": [
                    {"id": lesson.pk, "title": lesson.title, "has_knowledge_check": bool(lesson.question_count)}  # type: ignore[attr-defined]
                    for lesson in outline.lessons
                ],
            }
            for outline in selectors.published_modules(course)
        ],
    }


@router.post(
    "/enrolments",
    auth=django_auth,
    response={201: EnrolmentOut, 400: Detail, 404: Detail},
    summary="Enrol the signed-in learner on a course",
)
def create_enrolment(request: HttpRequest, body: EnrolmentIn) -> Status[dict[str, Any]]:
    from skillsnet.catalogue.selectors import visible_courses

    course = visible_courses().filter(slug=body.course).first()
    if course is None:
        raise HttpError(404, f"There is no course with the slug '{body.course}'.")
    try:
        enrolment = services.enrolment_create(learner=_user(request), course=course)
    except services.LearningError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, _enrolment(enrolment))


@router.get("/me/enrolments", auth=django_auth, response=list[EnrolmentOut], summary="The signed-in learner's courses")
def my_enrolments(request: HttpRequest) -> list[dict[str, Any]]:
    enrolments = list(selectors.enrolments_of(_user(request)))
    progress = selectors.progress_of_many(enrolments)
    return [_enrolment(e, progress[e.pk]) for e in enrolments]


@router.get(
    "/me/statements",
    auth=django_auth,
    response=list[dict[str, Any]],
    summary="The signed-in learner's learning records (xAPI 1.0.3 statements)",
)
def my_statements(request: HttpRequest) -> list[dict[str, Any]]:
    return selectors.statements_of(_user(request))


@router.get(
    "/credentials/{credential_id}",
    response={200: CredentialOut, 404: Detail},
    summary="A credential, signed, with the result of verifying it now",
)
def get_credential(request: HttpRequest, credential_id: UUID) -> dict[str, Any]:
    from skillsnet.learning.verification import verify_credential

    credential = Credential.objects.filter(pk=credential_id).first()
    if credential is None:
        raise HttpError(404, "There is no credential with that id.")
    result = verify_credential(credential)
    return {
        "id": credential.pk,
        "credential": credential.document,
        "jwt": credential.jwt,
        "verification": {
            "verdict": result.verdict,
            "summary": result.summary,
            "checks": [{"name": c.name, "passed": c.passed, "message": c.message} for c in result.checks],
        },
    }
