"""A provider's courses through review: create and update drafts (a published course's change waits in
`pending_changes`), submit, publish (one or several) and return; every write audited as `catalogue.course.*`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.course_checks import CourseData, PublishingError
from skillsnet.catalogue.models import (
    Course,
    CoursePrerequisite,
    CourseSkill,
    CourseSource,
    CourseStatus,
    Provider,
    Skill,
)
from skillsnet.catalogue.places import places
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version


def require_editor(user: User, provider: Provider) -> None:
    from skillsnet.accounts.models import Role
    from skillsnet.accounts.selectors import has_role

    if not has_role(user, Role.PROVIDER_STAFF, scope=provider.slug):
        raise PublishingError("Only this provider's staff can change its courses.")


def write_course(course: Course, data: CourseData) -> None:
    """Make `course` say what `data` says (fields, skills, prerequisites, centres)."""
    for name in ("title", "description", "mode", "hours", "cost", "level"):
        setattr(course, name, getattr(data, name))
    course.outcomes = list(data.outcomes)
    course.save()
    course.skills_taught.all().delete()
    skills = dict(Skill.objects.filter(slug__in=[s for s, _, _ in data.skills]).values_list("slug", "pk"))
    CourseSkill.objects.bulk_create(
        [CourseSkill(course=course, skill_id=skills[s], assumes_level=a, to_level=t) for s, a, t in data.skills]
    )
    course.prerequisite_links.all().delete()
    required = dict(Course.objects.filter(slug__in=data.prerequisites).values_list("slug", "pk"))
    CoursePrerequisite.objects.bulk_create(
        [CoursePrerequisite(course=course, requires_id=required[p]) for p in data.prerequisites if p in required]
    )
    places().set_for_course(course, data.centres)


def _pending(course: Course) -> CourseData:
    raw = dict(course.pending_changes or {})
    return CourseData(
        slug=course.slug,
        title=raw["title"],
        description=raw["description"],
        outcomes=tuple(raw["outcomes"]),
        mode=raw["mode"],
        hours=Decimal(raw["hours"]),
        cost=Decimal(raw["cost"]),
        level=raw["level"],
        skills=tuple((s["skill"], s["assumes_level"], s["to_level"]) for s in raw["skills"]),
        prerequisites=tuple(raw["prerequisites"]),
        centres=tuple(raw["centres"]),
    )


@transaction.atomic
def course_create(*, actor: User, provider: Provider, data: CourseData) -> Course:
    """A new draft course of `provider`, written by its staff; nobody else sees it until it is published."""
    require_editor(actor, provider)
    if Course.objects.filter(slug=data.slug).exists():
        raise PublishingError(f"There is already a course with the slug '{data.slug}'.")
    course = Course(
        slug=data.slug, provider=provider, source=CourseSource.PROVIDER, status=CourseStatus.DRAFT, example=False
    )
    write_course(course, data)
    audit_log(action="catalogue.course.created", actor=actor, obj=course, data={"course": course.slug})
    return course


@transaction.atomic
def course_update(*, actor: User, course: Course, data: CourseData) -> Course:
    """Change a course. A draft changes at once; a published course keeps its public version until review."""
    require_editor(actor, course.provider)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.PUBLISHED:
        course.pending_changes = data.as_json()
        course.save(update_fields=["pending_changes"])
    else:
        write_course(course, data)
    audit_log(action="catalogue.course.updated", actor=actor, obj=course, data={"course": course.slug})
    return course


@transaction.atomic
def course_submit(*, actor: User, course: Course) -> Course:
    """Send a draft (or a published course's pending changes) to the programme team for review."""
    require_editor(actor, course.provider)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.PUBLISHED and not course.pending_changes:
        raise PublishingError("This course is published and has no changes to review.")
    if course.status == CourseStatus.DRAFT:
        course.status = CourseStatus.SUBMITTED
    course.submitted_at = timezone.now()
    course.save(update_fields=["status", "submitted_at"])
    audit_log(action="catalogue.course.submitted", actor=actor, obj=course, data={"course": course.slug})
    return course


def _is_reviewer(user: User) -> bool:
    from skillsnet.accounts.selectors import is_programme_admin

    return bool(is_programme_admin(user))


def awaiting_review() -> list[Course]:
    """Submitted courses and published courses with submitted changes, oldest first."""
    from django.db.models import Q

    return list(
        Course.objects.filter(
            Q(status=CourseStatus.SUBMITTED) | Q(status=CourseStatus.PUBLISHED, pending_changes__isnull=False),
            submitted_at__isnull=False,
        )
        .select_related("provider")
        .order_by("submitted_at", "pk")
    )


@transaction.atomic
def course_publish(*, reviewer: User, course: Course) -> Course:
    """The programme team approves: the course (or its pending changes) becomes public, with who and when."""
    if not _is_reviewer(reviewer):
        raise PublishingError("Only the programme team reviews courses.")
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.DRAFT:
        raise PublishingError("This course has not been submitted for review.")
    if course.status == CourseStatus.PUBLISHED:
        if not course.pending_changes:
            raise PublishingError("This course is published and has no changes to review.")
        write_course(course, _pending(course))
    course.status = CourseStatus.PUBLISHED
    course.pending_changes = None
    course.reviewed_by = reviewer
    course.reviewed_at = timezone.now()
    course.review_note = ""
    course.save()
    audit_log(action="catalogue.course.published", actor=reviewer, obj=course, data={"course": course.slug})
    return course


@transaction.atomic
def course_return(*, reviewer: User, course: Course, note: str) -> Course:
    """The programme team sends a course (or its changes) back to the provider with a note."""
    if not _is_reviewer(reviewer):
        raise PublishingError("Only the programme team reviews courses.")
    if not note.strip():
        raise PublishingError("Say what the provider should change.")
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.SUBMITTED:
        course.status = CourseStatus.DRAFT
    course.submitted_at = None
    course.reviewed_by = reviewer
    course.reviewed_at = timezone.now()
    course.review_note = note.strip()[:2000]
    course.save()
    audit_log(action="catalogue.course.returned", actor=reviewer, obj=course, data={"course": course.slug})
    return course


def courses_publish(*, reviewer: User, courses: Iterable[Course]) -> int:
    """Publish several submitted courses at once (the programme team's "publish all")."""
    count = 0
    with transaction.atomic(), bulk_catalogue_write():
        for course in courses:
            course_publish(reviewer=reviewer, course=course)
            count += 1
        bump_catalogue_version()
    return count
