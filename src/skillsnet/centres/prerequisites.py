"""Which courses a person has completed, for checking an on-site course's prerequisites.

Online completion belongs to the learning app; attendance here counts too. The learning app may not be
installed (it lands separately), in which case only attendance counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from skillsnet.catalogue.models import Course

if TYPE_CHECKING:
    from skillsnet.accounts.models import User


def _learning_source() -> Callable[[Any], set[str]] | None:
    try:
        from skillsnet.learning.selectors import completed_course_slugs as learning_completed
    except ImportError:
        return None
    return learning_completed


def completed_course_slugs(user: User) -> set[str]:
    """Slugs of every course `user` has completed: online (learning app) or by attendance at a centre."""
    from skillsnet.centres.selectors import attended_course_slugs

    done = set(attended_course_slugs(user))
    source = _learning_source()
    if source is not None:
        done |= set(source(user))
    return done


def missing_prerequisites(user: User, course: Course) -> list[Course]:
    """The prerequisite courses of `course` that `user` has not completed, by title."""
    required = list(course.prerequisites.order_by("title"))
    if not required:
        return []
    done = completed_course_slugs(user)
    return [c for c in required if c.slug not in done]
