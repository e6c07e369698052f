"""Query budgets: every HTML list page and every API list operation, one test each (issue 18).

Each test asks for the page, then adds more of what it lists (runs, bookings, enrolments, vacancies,
candidates …) and asks again: the second answer must take **no more queries than the first** (a query per
row, an N+1, fails here however small the budget) and stay within the page's budget. The fixture world is the
access matrix's (tests/trust/conftest.py): every persona with something in every app. The shared page cache
is emptied before each count, so the counts are of a page really being built.
Signed-in pages include one query for the navigation's Dashboards link (who has a staff role).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..industry import helpers
from ..trust.conftest import World, _run

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def _queries(client: Any, url: str, *, method: str = "get", **extra: Any) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, **extra)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return len(captured)


def _check(
    client: Any, url: str, grow: Callable[[], Any], budget: int, assert_max: Any, **extra: Any
) -> tuple[int, int]:
    """The queries for `url` before and after `grow()` adds rows to the list; no growth, and within `budget`."""
    _queries(client, url, **extra)  # the engine snapshot and per-process caches are built once: not counted
    before = _queries(client, url, **extra)
    grow()
    _queries(client, url, **extra)  # a catalogue change rebuilds the engine snapshot once: not counted
    cache.clear()
    with assert_max(budget if not os.environ.get("BUDGET_REPORT") else 999):
        after = _queries(client, url, **extra)
    assert after <= before, f"{url}: {before} queries, then {after} with more rows (a query per row?)"
    if os.environ.get("BUDGET_REPORT"):
        print(f"\nBUDGET {url} {before} {after} (budget {budget})")
    return before, after


# ---------------------------------------------------------------- growing the lists


def more_roles(w: World, n: int = 3) -> None:
    from skillsnet.catalogue.models import Role, RoleSkill, Skill

    skills = list(Skill.objects.all()[:3])
    for _ in range(n):
        i = next(_numbers)
        role = Role.objects.create(
            slug=f"budget-role-{i}", title=f"Budget role {i}", family="manufacturing", entry_level=3, description="A"
        )
        for skill in skills:
            RoleSkill.objects.create(role=role, skill=skill, level=2, essential=True)


def more_courses(w: World, n: int = 3, *, provider: Any = None, mode: str = "online") -> list[Any]:
    from skillsnet.catalogue.models import Course, CourseSkill, Provider, Skill

    provider = provider or Provider.objects.get(slug="cgt-catapult")
    skill = Skill.objects.get(slug="gmp")
    made = []
    for _ in range(n):
        i = next(_numbers)
        course = Course.objects.create(
            slug=f"budget-course-{i}",
            title=f"Budget course {i}",
            provider=provider,
            mode=mode,
            hours=Decimal(4),
            level=3,
            description="A course.",
        )
        CourseSkill.objects.create(course=course, skill=skill, to_level=2, assumes_level=0)
        if mode != "online":
            w.centre.courses.add(course)
        made.append(course)
    return made


def more_runs(w: World, n: int = 3) -> list[Any]:
    courses = more_courses(w, 1, mode="on-site")
    return [_run(courses[0] if i % 2 else w.run.course, w.centre) for i in range(n)]


def more_bookings(w: World, learner: Any, n: int = 3, **kwargs: Any) -> list[Any]:
    from skillsnet.centres import services

    return [services.booking_create(run=run, learner=learner, **kwargs) for run in more_runs(w, n)]


def more_people(n: int = 3) -> list[Any]:
    from skillsnet.accounts.services import user_register

    return [
        user_register(email=f"budget{next(_numbers)}@example.com", password="budget-password-1", full_name="B P")
        for _ in range(n)
    ]


def more_enrolments(w: World, learner: Any, n: int = 3) -> None:
    from skillsnet.learning import services
    from skillsnet.learning.models import ContentStatus

    for course in more_courses(w, n):
        module = services.module_save(course=course, title="Part", summary="S", status=ContentStatus.PUBLISHED)
        lesson = services.lesson_save(module=module, title="Lesson", body="B", status=ContentStatus.PUBLISHED)
        services.question_add(lesson=lesson, text="Q?", choices=["A", "B"], correct=1)
        enrolment = services.enrolment_create(learner=learner, course=course)
        services.lesson_start(enrolment=enrolment, lesson=lesson)


def more_vacancies(w: World, n: int = 3) -> None:
    for i in range(n):
        helpers.make_vacancy(w.employer, "qc-analyst", actor=w.users["employer_own"], title=f"Budget job {i}")


def more_candidates(w: World, n: int = 3) -> None:
    from skillsnet.learning import services

    for person in more_people(n):
        helpers.discoverable(person, occupations=["biomedical-scientist"], skills={"gmp": 2})
        plan = services.plan_create(learner=person)
        services.plan_item_add(plan=plan, course=w.course)


# ---------------------------------------------------------------- public HTML list pages


def test_role_list(world: World, django_assert_max_num_queries: Any) -> None:
    _check(world.clients["anonymous"], "/roles/", lambda: more_roles(world), 4, django_assert_max_num_queries)


def test_course_catalogue(world: World, django_assert_max_num_queries: Any) -> None:
    _check(world.clients["anonymous"], "/training/", lambda: more_courses(world), 8, django_assert_max_num_queries)


def test_run_finder(world: World, django_assert_max_num_queries: Any) -> None:
    _check(world.clients["anonymous"], "/training-centres/", lambda: more_runs(world), 6, django_assert_max_num_queries)


def test_run_finder_pages_in_the_database(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from skillsnet.centres import views

    monkeypatch.setattr(views, "RUNS_PER_PAGE", 2)
    more_runs(world, 4)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = world.clients["anonymous"].get("/training-centres/?page=2")
    assert response.status_code == 200
    paged = [q["sql"] for q in captured if "centres_courserun" in q["sql"] and "LIMIT 2 OFFSET 2" in q["sql"].upper()]
    assert paged, "the finder does not read just the page of runs it shows"


def test_centre_list(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.centres.models import Centre

    def grow() -> None:
        for i in range(3):
            Centre.objects.create(
                slug=f"budget-centre-{i}", name=f"C {i}", organisation="O", address="A", region="Wales",
                latitude=51.5, longitude=-3.2,
            )  # fmt: skip

    _check(world.clients["anonymous"], "/centres/", grow, 3, django_assert_max_num_queries)


def test_centre_page_with_its_runs(world: World, django_assert_max_num_queries: Any) -> None:
    url = f"/centres/{world.centre.slug}/"
    _check(world.clients["anonymous"], url, lambda: more_runs(world), 4, django_assert_max_num_queries)


def test_public_vacancies(world: World, django_assert_max_num_queries: Any) -> None:
    _check(world.clients["anonymous"], "/vacancies/", lambda: more_vacancies(world), 2, django_assert_max_num_queries)


def test_employer_page_with_its_vacancies(world: World, django_assert_max_num_queries: Any) -> None:
    url = f"/employers/{world.employer.slug}/"
    _check(world.clients["employer_own"], url, lambda: more_vacancies(world), 6, django_assert_max_num_queries)


# ---------------------------------------------------------------- a learner's own lists


def test_my_bookings(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(world.clients["learner_a"], "/bookings/", lambda: more_bookings(world, a), 6, django_assert_max_num_queries)


def test_learning_dashboard(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]

    def grow() -> None:
        more_enrolments(world, a)
        more_bookings(world, a)

    _check(world.clients["learner_a"], "/training/dashboard/", grow, 21, django_assert_max_num_queries)


def test_learning_plan(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.learning import selectors, services

    plan = selectors.active_plan(world.users["learner_a"])

    def grow() -> None:
        for course in more_courses(world):
            services.plan_item_add(plan=plan, course=course)

    _check(world.clients["learner_a"], "/training/plan/", grow, 12, django_assert_max_num_queries)


def test_saved_assessments(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]

    def grow() -> None:
        for _ in range(3):
            helpers.save_assessment(a, occupations=["brew-house-operator"])

    _check(world.clients["learner_a"], "/career-converter/saved/", grow, 4, django_assert_max_num_queries)


def test_contact_requests(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.industry import services

    a = world.users["learner_a"]

    def grow() -> None:
        for i in range(3):
            vacancy = helpers.make_vacancy(world.employer, actor=world.users["employer_own"], title=f"Contact {i}")
            services.contact_request(
                vacancy=vacancy, employer_user=world.users["employer_own"], candidate=a, message="Hi"
            )

    _check(world.clients["learner_a"], "/account/contact-requests/", grow, 5, django_assert_max_num_queries)


def test_account_activity(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(
        world.clients["learner_a"], "/account/activity/", lambda: more_bookings(world, a), 5,
        django_assert_max_num_queries,
    )  # fmt: skip


# ---------------------------------------------------------------- organisations' lists


def test_talent_search(world: World, django_assert_max_num_queries: Any) -> None:
    url = f"/employers/{world.employer.slug}/vacancies/{world.vacancy.pk}/candidates/"
    _check(world.clients["employer_own"], url, lambda: more_candidates(world), 20, django_assert_max_num_queries)


def test_employer_approvals(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.centres.models import Approval

    def grow() -> None:
        for run in more_runs(world):
            run.requires_approval = Approval.EMPLOYER
            run.save(update_fields=["requires_approval"])
            from skillsnet.centres import services

            for person in more_people(1):
                services.booking_create(run=run, learner=person, employer=world.employer.slug)

    _check(world.clients["employer_own"], "/bookings/approvals/", grow, 5, django_assert_max_num_queries)


def test_centre_management_runs(world: World, django_assert_max_num_queries: Any) -> None:
    url = f"/centres/{world.centre.slug}/manage/"
    _check(world.clients["centre_own"], url, lambda: more_runs(world), 10, django_assert_max_num_queries)


def test_centre_run_bookings(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.centres import services

    run = world.free_run
    url = f"/centres/{world.centre.slug}/manage/runs/{run.pk}/"
    services.booking_create(run=run, learner=more_people(1)[0])  # a run with bookings (and so a queue to number)

    def grow() -> None:
        for person in more_people(3):
            services.booking_create(run=run, learner=person)

    _check(world.clients["centre_own"], url, grow, 12, django_assert_max_num_queries)


def test_provider_course_list(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.catalogue.models import Provider

    provider = Provider.objects.get(slug="cgt-catapult")
    url = "/publish/cgt-catapult/"
    _check(
        world.clients["provider_own"], url, lambda: more_courses(world, provider=provider), 6,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_course_review_queue(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.catalogue.models import Course

    def grow() -> None:
        for course in more_courses(world):
            Course.objects.filter(pk=course.pk).update(status="submitted", submitted_at=timezone.now())

    _check(world.clients["admin"], "/publish/review/", grow, 5, django_assert_max_num_queries)


def test_provider_content_courses(world: World, django_assert_max_num_queries: Any) -> None:
    _check(
        world.clients["provider_own"], "/training/provider/", lambda: more_courses(world), 5,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_keys(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.orgkeys.models import SCOPES
    from skillsnet.orgkeys.services import key_create

    person = world.users["provider_own"]

    def grow() -> None:
        for i in range(3):
            key_create(
                actor=person, role="provider", organisation="cgt-catapult", name=f"k{i}", scopes=SCOPES["provider"]
            )

    _check(world.clients["provider_own"], "/api-keys/", grow, 10, django_assert_max_num_queries)


def test_audit_log(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(world.clients["admin"], "/account/audit/", lambda: more_bookings(world, a), 6, django_assert_max_num_queries)


def test_programme_dashboard(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(world.clients["admin"], "/insights/", lambda: more_bookings(world, a), 44, django_assert_max_num_queries)


def test_provider_statistics(world: World, django_assert_max_num_queries: Any) -> None:
    url = "/providers/cgt-catapult/statistics/"
    _check(world.clients["provider_own"], url, lambda: more_courses(world), 11, django_assert_max_num_queries)


# ---------------------------------------------------------------- API list operations


def test_api_skills(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.catalogue.models import Skill

    def grow() -> None:
        for _ in range(3):
            i = next(_numbers)
            Skill.objects.create(slug=f"budget-skill-{i}", name=f"Budget skill {i}", category="quality")

    _check(world.clients["anonymous"], "/api/v1/skills?limit=100", grow, 3, django_assert_max_num_queries)


def test_api_occupations(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.catalogue.models import OccupationSkill, Sector, Skill, SourceOccupation

    def grow() -> None:
        sector = Sector.objects.first()
        skill = Skill.objects.get(slug="gmp")
        for _ in range(3):
            i = next(_numbers)
            job = SourceOccupation.objects.create(slug=f"budget-job-{i}", title=f"Budget job {i}", sector=sector)
            OccupationSkill.objects.create(occupation=job, skill=skill, level=2, essential=True)

    _check(world.clients["anonymous"], "/api/v1/occupations?limit=100", grow, 3, django_assert_max_num_queries)


def test_api_roles(world: World, django_assert_max_num_queries: Any) -> None:
    _check(
        world.clients["anonymous"],
        "/api/v1/roles?limit=100",
        lambda: more_roles(world),
        3,
        django_assert_max_num_queries,
    )


def test_api_courses(world: World, django_assert_max_num_queries: Any) -> None:
    _check(
        world.clients["anonymous"], "/api/v1/courses?limit=100", lambda: more_courses(world), 6,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_provider_courses(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.catalogue.models import Provider

    provider = Provider.objects.get(slug="cgt-catapult")
    _check(
        world.clients["provider_own"], "/api/v1/providers/cgt-catapult/courses",
        lambda: more_courses(world, provider=provider), 6, django_assert_max_num_queries,
    )  # fmt: skip


def test_api_runs(world: World, django_assert_max_num_queries: Any) -> None:
    _check(
        world.clients["anonymous"], "/api/v1/runs?limit=100", lambda: more_runs(world), 3, django_assert_max_num_queries
    )


def test_api_runs_pages_in_the_database(world: World) -> None:
    """A page of runs reads that page, not every upcoming run: the SQL carries LIMIT and OFFSET."""
    more_runs(world, 4)
    with CaptureQueriesContext(connection) as captured:
        body = world.clients["anonymous"].get("/api/v1/runs?limit=2&offset=1").json()
    assert len(body["items"]) == 2
    assert body["count"] >= 6
    paged = [q["sql"] for q in captured if "centres_courserun" in q["sql"] and "LIMIT 2 OFFSET 1" in q["sql"].upper()]
    assert paged, "no query reads just the page of runs asked for"


def test_api_my_bookings(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(
        world.clients["learner_a"], "/api/v1/bookings", lambda: more_bookings(world, a), 6,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_my_enrolments(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(
        world.clients["learner_a"], "/api/v1/me/enrolments", lambda: more_enrolments(world, a), 8,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_my_statements(world: World, django_assert_max_num_queries: Any) -> None:
    a = world.users["learner_a"]
    _check(
        world.clients["learner_a"], "/api/v1/me/statements", lambda: more_enrolments(world, a), 4,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_centre_bookings(world: World, django_assert_max_num_queries: Any) -> None:
    from skillsnet.centres import services

    def grow() -> None:
        for person in more_people(3):
            services.booking_create(run=world.free_run, learner=person)

    url = f"/api/v1/centres/{world.centre.slug}/bookings"
    _check(world.clients["centre_own"], url, grow, 6, django_assert_max_num_queries)


def test_api_vacancies(world: World, django_assert_max_num_queries: Any) -> None:
    _check(
        world.clients["anonymous"], "/api/v1/vacancies", lambda: more_vacancies(world), 5,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_vacancy_counts(world: World, django_assert_max_num_queries: Any) -> None:
    _check(
        world.clients["anonymous"], "/api/v1/vacancies/counts", lambda: more_vacancies(world), 2,
        django_assert_max_num_queries,
    )  # fmt: skip


def test_api_matches(world: World, django_assert_max_num_queries: Any) -> None:
    body = {"occupations": ["biomedical-scientist"], "skills": [{"skill": "gmp", "level": 2}], "limit": 50}
    _check(
        world.clients["anonymous"], "/api/v1/converter/matches", lambda: more_roles(world), 4,
        django_assert_max_num_queries, method="post", data=body, content_type="application/json",
    )  # fmt: skip


def test_results_page_with_more_roles(world: World, django_assert_max_num_queries: Any) -> None:
    client = world.clients["anonymous"]
    client.post("/career-converter/from/jobs/", {"key": "biomedical-scientist"})
    _check(client, "/career-converter/results/", lambda: more_roles(world), 7, django_assert_max_num_queries)
