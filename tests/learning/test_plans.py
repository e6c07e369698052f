"""Learning plans: built by hand, or in one go from a Career Converter plan; statuses are derived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from skillsnet.learning import selectors, services
from skillsnet.learning.models import LearningPlan

pytestmark = pytest.mark.django_db


def steps_of(learner):
    return [(s.item.course.slug, s.status) for s in selectors.plan_view(learner).steps]


def test_statuses_are_derived_from_progress_and_prerequisites(learner, catalogue, complete_course):
    plan = services.plan_create(learner=learner, target_role=catalogue.role)
    for course in (catalogue.essentials, catalogue.advanced, catalogue.other):
        services.plan_item_add(plan=plan, course=course)
    assert steps_of(learner) == [
        ("gmp-essentials", "not started"),
        ("advanced-gmp", "cannot start yet"),
        ("docs-for-all", "not started"),
    ]
    assert selectors.plan_view(learner).steps[1].missing == [catalogue.essentials]
    services.enrolment_create(learner=learner, course=catalogue.other)
    complete_course(learner, catalogue.essentials)
    assert steps_of(learner) == [
        ("gmp-essentials", "completed"),
        ("advanced-gmp", "not started"),
        ("docs-for-all", "in progress"),
    ]
    view = selectors.plan_view(learner)
    assert view.completed == 1
    assert view.next_step.item.course == catalogue.advanced


def test_steps_move_up_and_down_and_are_removed(learner, catalogue):
    plan = services.plan_create(learner=learner)
    a = services.plan_item_add(plan=plan, course=catalogue.essentials)
    b = services.plan_item_add(plan=plan, course=catalogue.advanced)
    c = services.plan_item_add(plan=plan, course=catalogue.other)
    services.plan_item_move(item=c, direction="up")
    assert [s[0] for s in steps_of(learner)] == ["gmp-essentials", "docs-for-all", "advanced-gmp"]
    services.plan_item_move(item=a, direction="up")  # already first: nothing moves
    services.plan_item_move(item=a, direction="down")
    assert [s[0] for s in steps_of(learner)] == ["docs-for-all", "gmp-essentials", "advanced-gmp"]
    services.plan_item_remove(item=b)
    assert [s[0] for s in steps_of(learner)] == ["docs-for-all", "gmp-essentials"]
    assert list(plan.items.values_list("position", flat=True)) == [0, 1]
    with pytest.raises(services.LearningError, match="already in your plan"):
        services.plan_item_add(plan=plan, course=catalogue.other)
    with pytest.raises(services.LearningError, match="up or down"):
        services.plan_item_move(item=a, direction="sideways")


def test_one_active_plan_per_learner(learner, catalogue):
    first = services.plan_create(learner=learner)
    second = services.plan_create(learner=learner, target_date=timezone.localdate() + timedelta(days=90))
    first.refresh_from_db()
    assert not first.is_active
    assert second.is_active
    assert LearningPlan.objects.filter(learner=learner, is_active=True).count() == 1
    with pytest.raises(services.LearningError, match="today or later"):
        services.plan_create(learner=learner, target_date=date(2000, 1, 1))


def test_a_plan_from_converter_steps(learner, catalogue):
    plan = services.learning_plan_from_steps(
        learner=learner,
        role_slug="atmp-technician",
        steps=[
            {"course": "gmp-essentials", "starts": date(2027, 1, 4)},
            {"course": "gowning-practical", "run_id": 12, "starts": date(2027, 2, 1)},
            {"course": "gmp-essentials"},  # a repeat is dropped
        ],
        target_date=date(2027, 6, 30),
    )
    assert plan.target_role == catalogue.role
    assert plan.target_date == date(2027, 6, 30)
    items = list(plan.items.order_by("position"))
    assert [(i.course.slug, i.run_id, i.starts) for i in items] == [
        ("gmp-essentials", None, date(2027, 1, 4)),
        ("gowning-practical", 12, date(2027, 2, 1)),
    ]


def test_a_plan_from_the_converters_engine_steps(learner, catalogue):
    @dataclass
    class EngineStep:  # the Converter passes its engine's plan steps, with string run ids
        course: str
        run_id: str | None
        starts: date

    plan = services.learning_plan_from_steps(
        learner=learner, role_slug="atmp-technician", steps=[EngineStep("gowning-practical", "7", date(2027, 3, 1))]
    )
    assert plan.items.get().run_id == 7


def test_bad_converter_steps_are_refused_whole(learner, catalogue):
    with pytest.raises(services.LearningError, match="no role"):
        services.learning_plan_from_steps(learner=learner, role_slug="astronaut", steps=[])
    with pytest.raises(services.LearningError, match="do not exist: nope"):
        services.learning_plan_from_steps(learner=learner, role_slug="atmp-technician", steps=[{"course": "nope"}])
    with pytest.raises(services.LearningError, match="not a run id"):
        services.learning_plan_from_steps(
            learner=learner, role_slug="atmp-technician", steps=[{"course": "gmp-essentials", "run_id": "x"}]
        )
    assert not LearningPlan.objects.filter(learner=learner).exists()


def test_the_plan_pages(signed_in, learner, catalogue):
    client = signed_in(learner)
    page = client.get("/training/plan/").content.decode()
    assert "Start a plan" in page
    bad = client.post("/training/plan/new", {"target_date": "2001-01-01"})
    assert bad.status_code == 400
    assert "must be today or in the future" in bad.content.decode()
    client.post("/training/plan/new", {"target_role": catalogue.role.pk})
    for course in (catalogue.essentials, catalogue.advanced):
        assert client.post("/training/plan/steps/add", {"course": course.pk}).status_code == 302
    assert client.post("/training/plan/steps/add", {"course": ""}).status_code == 400
    page = client.get("/training/plan/").content.decode()
    assert "Aiming for: ATMP manufacturing technician" in page
    assert "Cannot start yet" in page
    assert "Complete GMP essentials first" in page
    second = selectors.plan_view(learner).steps[1].item
    response = client.post(f"/training/plan/steps/{second.pk}/up")
    assert response.url == f"/training/plan/#step-{second.pk}"
    assert [s[0] for s in steps_of(learner)] == ["advanced-gmp", "gmp-essentials"]
    client.post(f"/training/plan/steps/{second.pk}/remove")
    assert [s[0] for s in steps_of(learner)] == ["gmp-essentials"]
    dashboard = client.get("/training/dashboard/").content.decode()
    assert "Next step" in dashboard
    assert "GMP essentials" in dashboard
