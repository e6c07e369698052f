"""Example content: marked everywhere it appears, and hidden everywhere by SKILLSNET_SHOW_EXAMPLE_CONTENT."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import reverse

from skillsnet.catalogue.models import Course, CourseSkill, Provider, Skill
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.catalogue.snapshot import clear_snapshot_cache, engine_snapshot
from skillsnet.centres.models import Centre


@pytest.fixture
def real_course(mini) -> Course:
    """A real provider's course next to the mini dataset's example content."""
    provider = Provider.objects.create(slug="real-provider", name="A Real Provider")
    course = Course.objects.create(
        slug="real-gmp",
        title="Real GMP",
        provider=provider,
        mode="online",
        hours=3,
        level=2,
        description="A real course.",
    )
    CourseSkill.objects.create(course=course, skill=Skill.objects.get(slug="gmp"), to_level=1)
    Centre.objects.create(
        slug="real-centre", name="Real Centre", organisation="Someone", address="Town", region="Scotland",
        latitude=55.9, longitude=-3.2,
    )  # fmt: skip
    clear_snapshot_cache()
    return course


def test_example_content_is_shown_and_marked_in_development(client, real_course):
    assert set(visible_courses().values_list("slug", flat=True)) >= {"real-gmp", "gmp-essentials"}
    page = client.get(reverse("learning:course", args=["gmp-essentials"])).content.decode()
    assert "This is an example course." in page
    assert "gives no credential" in page
    assert (
        "This is an example course." not in client.get(reverse("learning:course", args=["real-gmp"])).content.decode()
    )
    items = {c["slug"]: c for c in client.get("/api/v1/courses").json()["items"]}
    assert items["gmp-essentials"]["example"] is True
    assert items["gmp-essentials"]["provider"]["example"] is True
    assert items["real-gmp"]["example"] is False
    assert "gmp-essentials" in engine_snapshot().example_courses
    listing = client.get(reverse("centres:centres")).content.decode()
    assert "Example North Lab (example)" in listing
    assert "A fictional centre for trying out booking." in listing


@override_settings(SKILLSNET_SHOW_EXAMPLE_CONTENT=False)
def test_the_setting_hides_example_content_everywhere(client, real_course):
    assert list(visible_courses().values_list("slug", flat=True)) == ["real-gmp"]
    assert client.get(reverse("learning:course", args=["gmp-essentials"])).status_code == 404
    assert client.get(reverse("learning:course", args=["real-gmp"])).status_code == 200
    assert [c["slug"] for c in client.get("/api/v1/courses").json()["items"]] == ["real-gmp"]
    catalogue_page = client.get("/training/").content.decode()
    assert "Real GMP" in catalogue_page
    assert "GMP essentials" not in catalogue_page
    snapshot = engine_snapshot()
    assert [c.slug for c in snapshot.catalogue.courses] == ["real-gmp"]
    assert snapshot.example_courses == frozenset()
    listing = client.get(reverse("centres:centres")).content.decode()
    assert "Real Centre" in listing
    assert "Example North Lab" not in listing
    assert client.get(reverse("centres:centre", args=["example-lab-north"])).status_code == 404


def test_plan_steps_say_which_courses_are_example_content(real_course):
    from datetime import date

    from skillsnet.converter.serializers import plan_dict
    from skillsnet.engine.planning import PlanStep

    snapshot = engine_snapshot()
    steps = [
        PlanStep(course=slug, title=slug, mode="online", run_id=None, centre=None, starts=date(2027, 1, 4),
                 ends=date(2027, 1, 5), hours=3.0, cost=0.0, closes=(), reason="")
        for slug in ("gmp-essentials", "real-gmp")
    ]  # fmt: skip

    plan = SimpleNamespace(
        steps=steps, total_hours=0, total_cost=0, finish_date=None, uncovered=[], method="milp", greedy_hours=0,
        greedy_cost=0,
    )  # fmt: skip
    result = SimpleNamespace(
        plan=plan, match=SimpleNamespace(role="r", title="R"), start=date(2027, 1, 4), hours_per_week=5,
        deadline=None, centres=(), centre_names={}, saving_hours=0, region="", booked={},
    )  # fmt: skip
    steps_out = plan_dict(result, snapshot)["steps"]  # type: ignore[arg-type]
    assert [(s["course"], s["example"]) for s in steps_out] == [("gmp-essentials", True), ("real-gmp", False)]
