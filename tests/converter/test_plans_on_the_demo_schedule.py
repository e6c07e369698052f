"""Every curated previous job, planned for its three best roles on the real dataset and the demo schedule:
each step of each plan can be enrolled on or booked on the day the plan says, in order.

This is the engine's property test (tests/engine/test_engine_planning_properties.py) on real data: the
booking windows come from the centres app (`open_runs_for_planning`), prerequisites from the catalogue.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from skillsnet.catalogue.models import Origin, SourceOccupation
from skillsnet.catalogue.snapshot import clear_snapshot_cache, engine_snapshot
from skillsnet.centres.models import CourseRun
from skillsnet.centres.services import demo_schedule_create
from skillsnet.converter import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_dataset", stdout=StringIO())
    clear_snapshot_cache()
    demo_schedule_create(start=timezone.localdate(), months=6)
    yield
    clear_snapshot_cache()


def test_every_plan_from_every_previous_job_can_be_followed(demo: None) -> None:
    today = timezone.localdate()
    catalogue = engine_snapshot().catalogue
    closes = {str(run.pk): timezone.localtime(run.booking_closes_at) for run in CourseRun.objects.all()}
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
    assert planned_runs > 0
