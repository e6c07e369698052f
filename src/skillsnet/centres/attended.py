"""What attendance here gives a learner, for the Career Converter and learning: the courses attended and
the skills they verify."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from skillsnet.catalogue.models import CourseSkill
from skillsnet.centres.models import Booking, BookingStatus, RunSession

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from skillsnet.accounts.models import User


def attended_course_slugs(user: User | AnonymousUser) -> set[str]:
    """Courses the user completed here: present or late at every session of a run."""
    if not user.is_authenticated:
        return set()
    return set(
        Booking.objects.filter(learner_id=user.pk, status=BookingStatus.ATTENDED).values_list(
            "run__course__slug", flat=True
        )
    )


def attended_course_slugs_of(user_ids: Iterable[int]) -> dict[int, set[str]]:
    """`attended_course_slugs` for many learners in one query: learner id -> course slugs."""
    found: dict[int, set[str]] = {}
    rows = Booking.objects.filter(learner_id__in=list(user_ids), status=BookingStatus.ATTENDED)
    for learner_id, slug in rows.values_list("learner_id", "run__course__slug"):
        found.setdefault(learner_id, set()).add(slug)
    return found


def verified_skills(user: User | AnonymousUser) -> list[tuple[str, int, str]]:
    """(skill slug, level, detail) for skills raised by courses attended here; the highest level per skill."""
    if not user.is_authenticated:
        return []
    return verified_skills_of([user.pk]).get(user.pk, [])


def verified_skills_of(user_ids: Iterable[int]) -> dict[int, list[tuple[str, int, str]]]:
    """`verified_skills` for many learners in two queries: learner id -> (skill slug, level, detail)."""
    attended = list(
        Booking.objects.filter(learner_id__in=list(user_ids), status=BookingStatus.ATTENDED, run__course__example=False)
        .select_related("run__course", "run__centre")
        .annotate(
            last_day=Subquery(
                RunSession.objects.filter(run_id=OuterRef("run_id")).order_by("-ends_at").values("ends_at")[:1]
            )
        )
    )
    best: dict[int, dict[str, tuple[str, int, str]]] = {}
    by_course: dict[int, list[Any]] = {}
    for link in CourseSkill.objects.filter(course_id__in=[b.run.course_id for b in attended]).select_related("skill"):
        by_course.setdefault(link.course_id, []).append(link)
    for booking in attended:
        when = timezone.localdate(booking.last_day) if booking.last_day else None
        detail = f"Attended {booking.run.course.title} at {booking.run.centre.name}" + (
            f", completed {when:%-d %B %Y}" if when else ""
        )
        mine = best.setdefault(booking.learner_id, {})
        for link in by_course.get(booking.run.course_id, []):
            current = mine.get(link.skill.slug)
            if current is None or link.to_level > current[1]:
                mine[link.skill.slug] = (link.skill.slug, link.to_level, detail)
    return {learner_id: sorted(found.values()) for learner_id, found in best.items()}
