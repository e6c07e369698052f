"""Provider statistics (own courses only, small counts suppressed) and course feedback."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.insights import services
from skillsnet.insights.models import CourseFeedback
from skillsnet.learning.models import CheckAttempt, Enrolment, Lesson, Module

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(catalogue: dict[str, Any], make_user: Callable[..., Any]) -> Callable[..., list[Any]]:
    """`enrolled(course_slug, n, completed=k, passed=p)`: n learners on an online course, with results."""
    made = [0]

    def enrol(slug: str, n: int, *, completed: int = 0, passed: int = 0) -> list[Any]:
        course = catalogue["courses"][slug]
        module = Module.objects.create(course=course, title="Module", status="published")
        lesson = Lesson.objects.create(module=module, title="Lesson", status="published")
        enrolments = []
        for i in range(n):
            made[0] += 1
            user = make_user(f"{slug}-{made[0]}@example.com")
            enrolment = Enrolment.objects.create(
                learner=user, course=course, completed_at=timezone.now() if i < completed else None
            )
            CheckAttempt.objects.create(
                enrolment=enrolment,
                lesson=lesson,
                correct=1,
                total=1,
                score=100 if i < passed else 0,
                passed=i < passed,
            )
            enrolments.append(enrolment)
        return enrolments

    return enrol


def _rows(response: Any) -> dict[str, list[str]]:
    return {row[0].text: [c.text for c in row[1:]] for row in response.context["table"].rows}


def test_provider_staff_see_their_own_courses_only(
    catalogue: dict[str, Any], provider_staff: Any, signed_in: Any, enrolled: Callable[..., list[Any]]
) -> None:
    enrolled("gmp-essentials", 10, completed=6, passed=8)
    enrolled("pcr-lab", 9, completed=9)  # another provider's course
    response = signed_in(provider_staff).get(reverse("insights:provider", args=["cgt-catapult"]))
    rows = _rows(response)
    assert set(rows) == {"GMP essentials", "Cleanroom practical"}
    assert rows["GMP essentials"][:6] == ["Online", "10", "6", "60%", "10", "80%"]


def test_on_site_bookings_are_counted_as_places_and_attendance(
    catalogue: dict[str, Any], provider_staff: Any, signed_in: Any, make_user: Callable[..., Any]
) -> None:
    from datetime import timedelta

    from skillsnet.centres.models import Booking, BookingStatus, CourseRun

    now = timezone.now()
    run = CourseRun.objects.create(
        course=catalogue["courses"]["cleanroom-practical"],
        centre=catalogue["centre"],
        capacity=20,
        booking_opens_at=now - timedelta(days=30),
        booking_closes_at=now + timedelta(days=10),
    )
    statuses = [BookingStatus.CONFIRMED] * 8 + [BookingStatus.PENDING_APPROVAL] * 2 + [BookingStatus.ATTENDED] * 6
    statuses += [BookingStatus.CANCELLED, BookingStatus.WAITLISTED]  # neither holds a place
    for i, status in enumerate(statuses):
        Booking.objects.create(run=run, learner=make_user(f"onsite{i}@example.com"), status=status)
    response = signed_in(provider_staff).get(reverse("insights:provider", args=["cgt-catapult"]))
    columns = response.context["table"].columns
    row = dict(zip(columns[1:], _rows(response)["Cleanroom practical"], strict=True))
    assert row["Places booked on site"] == "16"
    assert row["Attended on site"] == "6"


def test_another_providers_statistics_are_refused(
    catalogue: dict[str, Any], provider_staff: Any, signed_in: Any
) -> None:
    client = signed_in(provider_staff)
    assert client.get(reverse("insights:provider", args=["other-provider"])).status_code == 403
    assert client.get(reverse("insights:provider-csv", args=["other-provider"])).status_code == 403
    assert client.get(reverse("insights:provider", args=["no-such-provider"])).status_code == 404


@pytest.mark.parametrize("who", ["learner", "employer", "centre_manager"])
def test_people_who_are_not_provider_staff_are_refused(
    catalogue: dict[str, Any], who: str, request: Any, signed_in: Any
) -> None:
    response = signed_in(request.getfixturevalue(who)).get(reverse("insights:provider", args=["cgt-catapult"]))
    assert response.status_code == 403


def test_programme_admins_may_see_any_provider(catalogue: dict[str, Any], programme_admin: Any, signed_in: Any) -> None:
    assert signed_in(programme_admin).get(reverse("insights:provider", args=["other-provider"])).status_code == 200


def test_small_figures_and_their_rates_are_suppressed(
    catalogue: dict[str, Any], provider_staff: Any, signed_in: Any, enrolled: Callable[..., list[Any]]
) -> None:
    enrolled("gmp-essentials", 7, completed=2, passed=7)
    client = signed_in(provider_staff)
    rows = _rows(client.get(reverse("insights:provider", args=["cgt-catapult"])))
    assert rows["GMP essentials"][:6] == ["Online", "7", "<5", "<5", "7", "100%"]
    body = client.get(reverse("insights:provider-csv", args=["cgt-catapult"])).content.decode()
    line = next(r for r in csv.reader(io.StringIO(body)) if r[0] == "GMP essentials")
    assert line[2:6] == ["7", "<5", "<5", "7"]
    assert "2" not in line[2:]


def test_ratings_show_as_an_average_from_five_people(
    catalogue: dict[str, Any], provider_staff: Any, signed_in: Any, enrolled: Callable[..., list[Any]]
) -> None:
    enrolments = enrolled("gmp-essentials", 6)
    for i, enrolment in enumerate(enrolments[:4]):
        services.feedback_save(learner=enrolment.learner, course=enrolment.course, rating=5 - i % 2)
    client = signed_in(provider_staff)
    assert _rows(client.get(reverse("insights:provider", args=["cgt-catapult"])))["GMP essentials"][-2:] == ["<5", "<5"]
    services.feedback_save(learner=enrolments[4].learner, course=enrolments[4].course, rating=3)
    assert _rows(client.get(reverse("insights:provider", args=["cgt-catapult"])))["GMP essentials"][-2:] == ["5", "4.2"]


def test_a_learner_rates_a_course_they_enrolled_on(catalogue: dict[str, Any], learner: Any, signed_in: Any) -> None:
    course = catalogue["courses"]["gmp-essentials"]
    client = signed_in(learner)
    url = reverse("insights:feedback", args=[course.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"rating": "5"}).status_code == 403
    Enrolment.objects.create(learner=learner, course=course)
    assert client.get(url).status_code == 200
    invalid = client.post(url, {"rating": "9"})
    assert "Choose a rating from 1 to 5" in invalid.content.decode()
    assert client.post(url, {"rating": "4", "comment": "Clear and useful."}).status_code == 302
    assert client.post(url, {"rating": "2"}).status_code == 302
    feedback = CourseFeedback.objects.get(learner=learner, course=course)
    assert (feedback.rating, feedback.comment) == (2, "")
    assert AuditEntry.objects.filter(action="insights.feedback.saved", subject=learner).count() == 2


def test_the_service_refuses_bad_ratings(catalogue: dict[str, Any], learner: Any) -> None:
    course = catalogue["courses"]["gmp-essentials"]
    Enrolment.objects.create(learner=learner, course=course)
    for bad in (0, 6, True):
        with pytest.raises(services.FeedbackError):
            services.feedback_save(learner=learner, course=course, rating=bad)
