"""Example content: whether the fictional providers, courses and centres are shown, and the courses the
public may see.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from skillsnet.catalogue.models import Course, CourseStatus


def show_example_content() -> bool:
    """Whether the example (fictional) providers, courses and centres are shown (SKILLSNET_SHOW_EXAMPLE_CONTENT)."""
    return bool(getattr(settings, "SKILLSNET_SHOW_EXAMPLE_CONTENT", True))


def visible_courses(courses: QuerySet[Course] | None = None) -> QuerySet[Course]:
    """The courses the public may see: published ones, without example content when it is hidden.

    Every public list, page, plan and API of courses starts here.
    """
    courses = Course.objects.all() if courses is None else courses
    courses = courses.filter(status=CourseStatus.PUBLISHED)
    if not show_example_content():
        courses = courses.filter(example=False)
    return courses
