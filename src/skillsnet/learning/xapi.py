"""xAPI 1.0.3 statements: the verbs and activity types we use, and how one statement is put together.

The actor is never an email address: it is an account on this platform (`homePage` = the service's base
URL, `name` = the learner's opaque id), so records can leave the platform without personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from skillsnet.catalogue.models import Course

XAPI_VERSION = "1.0.3"
LANGUAGE = "en-GB"
VERB_IRIS = {
    "registered": "http://adlnet.gov/expapi/verbs/registered",
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "progressed": "http://adlnet.gov/expapi/verbs/progressed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "attended": "http://adlnet.gov/expapi/verbs/attended",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "meeting": "http://adlnet.gov/expapi/activities/meeting",
}
# cmi5's progress extension: how far through the course a learner is, 0–100.
PROGRESS_EXTENSION = "https://w3id.org/xapi/cmi5/result/extensions/progress"


@dataclass(frozen=True)
class Activity:
    id: str
    name: str
    type: str = "course"

    def as_object(self) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": self.id,
            "definition": {"name": {LANGUAGE: self.name}, "type": ACTIVITY_TYPES[self.type]},
        }


def absolute(path: str) -> str:
    return f"{settings.SKILLSNET_BASE_URL}{path}"


def course_activity(course: Course) -> Activity:
    return Activity(id=absolute(reverse("learning:course", args=[course.slug])), name=course.title, type="course")


def lesson_activity(course: Course, lesson_id: int, title: str) -> Activity:
    iri = absolute(reverse("learning:lesson", args=[course.slug, lesson_id]))
    return Activity(id=iri, name=title, type="lesson")


def check_activity(course: Course, lesson_id: int, title: str) -> Activity:
    iri = absolute(reverse("learning:lesson", args=[course.slug, lesson_id])) + "#knowledge-check"
    return Activity(id=iri, name=f"Knowledge check: {title}", type="assessment")


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds, the precision xAPI requires an LRS to keep."""
    if moment.tzinfo is None:
        raise ValueError("xAPI timestamps must be timezone-aware.")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build_statement(
    *,
    statement_id: str,
    actor_name: str,
    verb: str,
    activity: Activity,
    timestamp: datetime,
    stored: datetime,
    result: dict[str, Any] | None = None,
    parent: Activity | None = None,
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "id": statement_id,
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": settings.SKILLSNET_BASE_URL, "name": actor_name},
        },
        "verb": {"id": VERB_IRIS[verb], "display": {LANGUAGE: verb}},
        "object": activity.as_object(),
    }
    if result:
        statement["result"] = result
    context: dict[str, Any] = {"platform": settings.SKILLSNET_SITE_NAME, "language": LANGUAGE}
    if parent is not None:
        context["contextActivities"] = {"parent": [{"objectType": "Activity", "id": parent.id}]}
    statement["context"] = context
    statement["timestamp"] = iso(timestamp)
    statement["stored"] = iso(stored)
    statement["version"] = XAPI_VERSION
    return statement


def scored_result(*, correct: int, total: int, passed: bool) -> dict[str, Any]:
    return {
        "score": {"scaled": round(correct / total, 4) if total else 0.0, "raw": correct, "min": 0, "max": total},
        "success": passed,
        "completion": True,
    }
