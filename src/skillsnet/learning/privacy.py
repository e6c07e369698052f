"""The online learning platform's personal data, for export and erasure (see `accounts/privacy.py`).

Enrolments and their knowledge-check attempts are what provider statistics and the programme dashboard
count, so they move to the erased account; everything else about the person is deleted. Credentials are
revoked first (through the service, audited) and then deleted, so their verification page answers "not
found" and no signed document naming the person is kept.
"""

from __future__ import annotations

from typing import Any

from skillsnet.accounts.models import User
from skillsnet.accounts.privacy import Erasure, not_personal, register
from skillsnet.learning import services
from skillsnet.learning.models import (
    CheckAttempt,
    Credential,
    Enrolment,
    LearnerIdentity,
    LearningPlan,
    LessonProgress,
    Module,
    PlanItem,
    SkillEvidence,
    Statement,
)

REVOCATION_REASON = "The holder deleted their account."


def _erase_credentials(erasure: Erasure) -> None:
    for credential in Credential.objects.filter(learner=erasure.user, revoked_at__isnull=True):
        services.credential_revoke(credential=credential, actor=erasure.user, reason=REVOCATION_REASON)
        erasure.count("credentials", "revoked", 1)
    erasure.count("credentials", "deleted", Credential.objects.filter(learner=erasure.user).delete()[0])


def _delete(key: str, model: Any, lookup: str) -> Any:
    def erase(erasure: Erasure) -> None:
        erasure.count(key, "deleted", model.objects.filter(**{lookup: erasure.user}).delete()[0])

    return erase


def _erase_enrolments(erasure: Erasure) -> None:
    moved = Enrolment.objects.filter(learner=erasure.user).update(learner=erasure.placeholder)
    erasure.count("enrolments", "anonymised", moved)


def _count_attempts(erasure: Erasure) -> None:
    # They stay with the enrolment (pass rates count them); the answers are choice ids, nothing personal.
    erasure.count("check_attempts", "anonymised", CheckAttempt.objects.filter(enrolment__learner=erasure.user).count())


def _course(obj: Any, user: User) -> dict[str, Any]:
    return {"course_slug": obj.course.slug, "course_title": obj.course.title}


register(
    key="credentials",
    model=Credential,
    title="Credentials (Open Badges 3.0, the signed JWTs as issued)",
    rows=lambda user: Credential.objects.filter(learner=user).order_by("issued_at"),
    erase=_erase_credentials,
    erasure="revoked, then deleted: checking one answers that it is not found",
    order=10,
    tabular=False,
    exclude=["learner"],
)
register(
    key="learning_records",
    model=Statement,
    title="Learning records (xAPI statements)",
    rows=lambda user: Statement.objects.filter(learner=user).order_by("timestamp", "id"),
    erase=_delete("learning_records", Statement, "learner"),
    erasure="deleted",
    order=11,
    tabular=False,
    exclude=["learner"],
)
register(
    key="learner_identity",
    model=LearnerIdentity,
    title="The opaque id that stands for you in learning records and credentials",
    rows=lambda user: LearnerIdentity.objects.filter(learner=user),
    erase=_delete("learner_identity", LearnerIdentity, "learner"),
    erasure="deleted",
    order=12,
    exclude=["learner"],
)
register(
    key="skill_evidence",
    model=SkillEvidence,
    title="Skills verified by courses you completed or attended",
    rows=lambda user: SkillEvidence.objects.filter(learner=user).select_related("skill").order_by("at", "id"),
    erase=_delete("skill_evidence", SkillEvidence, "learner"),
    erasure="deleted",
    order=13,
    exclude=["learner"],
    columns=lambda obj, user: {"skill_slug": obj.skill.slug},
)
register(
    key="plan_items",
    model=PlanItem,
    title="Steps of your learning plans",
    rows=lambda user: PlanItem.objects.filter(plan__learner=user).select_related("course").order_by("plan", "position"),
    erase=_delete("plan_items", PlanItem, "plan__learner"),
    erasure="deleted",
    order=14,
    columns=_course,
)
register(
    key="learning_plans",
    model=LearningPlan,
    title="Learning plans",
    rows=lambda user: LearningPlan.objects.filter(learner=user).select_related("target_role").order_by("created_at"),
    erase=_delete("learning_plans", LearningPlan, "learner"),
    erasure="deleted",
    order=15,
    exclude=["learner"],
    columns=lambda obj, user: {"target_role_slug": obj.target_role.slug if obj.target_role else None},
)
register(
    key="lesson_progress",
    model=LessonProgress,
    title="Lessons you opened and finished",
    rows=lambda user: (
        LessonProgress.objects.filter(enrolment__learner=user).select_related("lesson").order_by("started_at", "id")
    ),
    erase=_delete("lesson_progress", LessonProgress, "enrolment__learner"),
    erasure="deleted",
    order=16,
    columns=lambda obj, user: {"lesson_title": obj.lesson.title},
)
register(
    key="check_attempts",
    model=CheckAttempt,
    title="Knowledge-check attempts",
    rows=lambda user: (
        CheckAttempt.objects.filter(enrolment__learner=user).select_related("lesson").order_by("at", "id")
    ),
    erase=_count_attempts,
    erasure="kept without you (with the anonymised enrolment), so pass rates stay",
    order=17,
    columns=lambda obj, user: {"lesson_title": obj.lesson.title},
)
register(
    key="enrolments",
    model=Enrolment,
    title="Online courses you enrolled on",
    rows=lambda user: Enrolment.objects.filter(learner=user).select_related("course").order_by("enrolled_at", "id"),
    erase=_erase_enrolments,
    erasure="kept without you (moved to an erased account), so enrolment and completion counts stay",
    order=18,
    exclude=["learner"],
    columns=_course,
)

not_personal(Module, reason="course content; linked to a person only through the course's reviewer")
