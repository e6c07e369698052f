"""Every curated previous job, planned for its three best roles on the real dataset and the demo schedule:
each step of each plan can be enrolled on or booked on the day the plan says, in order.

This is the engine's property test (tests/engine/test_engine_planning_properties.py) on real data: the
booking windows come from the centres app (`open_runs_for_planning`), prerequisites from the catalogue.
Then each plan is followed through the real services as a new learner would, with the clock set to each
step's day: enrol (learning), finish the course when the plan says it ends, book the run (centres, which
refuses a closed window, a begun run or a missing prerequisite, and gives a waiting-list place when full).
"""

from __future__ import annotations

from datetime import date, datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course, Origin, SourceOccupation
from skillsnet.catalogue.snapshot import clear_snapshot_cache, engine_snapshot
from skillsnet.centres import services as centres
from skillsnet.centres.models import Booking, BookingStatus, CourseRun
from skillsnet.centres.services import demo_schedule_create
from skillsnet.converter import services
from skillsnet.engine import Plan
from skillsnet.learning import services as learning
from skillsnet.learning.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_dataset", stdout=StringIO())
    clear_snapshot_cache()
    demo_schedule_create(start=timezone.localdate(), months=6)
    call_command("seed_learning_content", stdout=StringIO())  # online courses a person can enrol on
    yield
    clear_snapshot_cache()


def test_every_plan_from_every_previous_job_can_be_followed(demo: None) -> None:
    today = timezone.localdate()
    catalogue = engine_snapshot().catalogue
    closes = {str(run.pk): timezone.localtime(run.booking_closes_at) for run in CourseRun.objects.all()}
    courses = {c.slug: c for c in Course.objects.all()}
    runs = {str(r.pk): r for r in CourseRun.objects.select_related("course", "centre")}
    followed = booked = 0
    occupations = list(SourceOccupation.objects.filter(origin=Origin.CURATED).values_list("slug", flat=True))
    assert occupations
    planned_runs = 0
    for slug in occupations:
        profile = services.profile_build(occupations=[slug]).profile
        for match in services.roles_match(profile=profile, limit=3):
            result = services.plan_for_role(profile=profile, role_slug=match.role, start=today, today=today)
            steps = {s.course: s for s in result.plan.steps}
            for step in result.plan.steps:
                course = catalogue.course(step.course)
                done_before = [steps[p].ends for p in course.prerequisites if p in steps]
                if step.run_id is None:
                    assert all(end <= step.starts for end in done_before), (slug, match.role, step)
                    continue
                planned_runs += 1
                assert step.book_from is not None
                assert step.book_by is not None
                assert all(end < step.book_from for end in done_before), (slug, match.role, step)
                assert today <= step.book_from <= step.book_by < step.starts, (slug, match.role, step)
                # booking is still open all day on the last day the plan gives for booking
                assert closes[step.run_id].date() > step.book_by
                assert step.centre is not None
                assert step.centre not in step.reason  # the centre's name, not its slug
            try:
                booked += follow_through_the_services(result.plan, courses, runs)
            except (centres.BookingError, learning.LearningError) as exc:
                pytest.fail(f"{slug} → {match.role}: {exc}")
            followed += 1
    assert planned_runs > 0
    assert followed == 3 * len(occupations)
    assert booked == planned_runs  # every run of every plan booked on its day, with a seat


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def follow_through_the_services(plan: Plan, courses: dict[str, Course], runs: dict[str, CourseRun]) -> int:
    """Act on every step on its day, in order, as a new learner; finish each when the plan says it ends.
    Returns the places booked. Everything is rolled back afterwards."""
    booked = 0
    with transaction.atomic():
        learner = User.objects.create_user(f"follower-{id(plan)}@example.com")
        events = []  # (day, 0 = finish a step at the end of its last day / 1 = act on a step, step)
        for step in plan.steps:
            events.append((step.ends, 0, step))
            events.append((step.starts if step.run_id is None else step.book_from, 1, step))
        for day, kind, step in sorted(events, key=lambda e: (e[0], e[1], e[2].course)):
            assert day is not None
            if kind == 0 and step.run_id is None:
                Enrolment.objects.filter(learner=learner, course=courses[step.course]).update(completed_at=_at(day))
            elif kind == 0:
                Booking.objects.filter(learner=learner, run=runs[step.run_id]).update(status=BookingStatus.ATTENDED)
            elif step.run_id is None:
                learning.enrolment_create(learner=learner, course=courses[step.course])  # refuses with a reason
            else:
                booking = centres.booking_create(run=runs[step.run_id], learner=learner, now=_at(day))
                assert booking.status in {BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL}, step
                booked += 1
        transaction.set_rollback(True)
    return booked
