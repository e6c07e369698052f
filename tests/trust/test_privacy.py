"""Privacy rights: the registry covers every model with personal data, export, deletion, retention.

The first tests walk every skillsnet model and fail, naming it, when one linked to a user (directly or
through one hop) is neither registered in an app's `privacy.py` nor declared not personal. The rest build a
learner with data in every app through the services, export it, delete the account, and then scan every
text and JSON column of the database for anything that would still lead back to her.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models import Avg
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts import privacy
from skillsnet.accounts.models import AuditEntry, OutboundEmail, Role, RoleGrant, User
from skillsnet.accounts.services import user_update_profile
from skillsnet.catalogue.models import Course, CourseSkill, Provider, RoleSkill, Skill
from skillsnet.catalogue.models import Role as JobRole
from skillsnet.centres import selectors as centre_selectors
from skillsnet.centres import services as centre_services
from skillsnet.centres.models import Attendance, Booking, BookingStatus, Centre, CourseRun, RunSession
from skillsnet.converter.services import assessment_save
from skillsnet.industry import services as industry_services
from skillsnet.industry.models import ContactRequest, TalentConsent, Vacancy
from skillsnet.insights import selectors as insight_selectors
from skillsnet.insights.models import CourseFeedback
from skillsnet.insights.services import feedback_save
from skillsnet.learning import services as learning_services
from skillsnet.learning.models import (
    CheckAttempt,
    ContentStatus,
    Credential,
    Enrolment,
    LessonProgress,
)

PASSWORD = "correct-horse-battery-staple"  # the personas' password (tests/conftest.py)
EMAIL = "priya.ramaswamy@example.com"
NAME = "Priya Ramaswamy-Okafor"
CV_TEXT = "Shift lead at the Glenmorangie distillery in Tain from 2015 to 2024; ran the mash tuns."
COMMENT = "Brilliant course, the Tain distillery never taught me this."
MESSAGE = "Dear candidate, we run a QC lab in Darlington and would love to talk."
ASSESSMENT_NAME = "Priya's route out of whisky"
PERSONAL = [EMAIL, NAME, CV_TEXT, "Glenmorangie", COMMENT, MESSAGE, ASSESSMENT_NAME]


# ---------------------------------------------------------------- the enumeration


def _links(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.get_fields() if f.concrete and f.is_relation and f.related_model is not None]


def personal_data_models() -> set[type[models.Model]]:
    """Every skillsnet model linked to the user model directly or through one hop, plus the user model."""
    user_model = apps.get_model("accounts", "User")
    ours = [m for m in apps.get_models() if m.__module__.startswith("skillsnet.")]
    direct = {m for m in ours if any(f.related_model is user_model for f in _links(m))} | {user_model}
    one_hop = {m for m in ours if any(f.related_model in direct - {user_model} for f in _links(m))}
    return direct | one_hop


def unregistered(registry: privacy.Registry) -> list[str]:
    """The models holding personal data that the registry neither exports and erases nor exempts."""
    known = {m._meta.label for m in registry.models()} | set(registry.exempt)
    return sorted(m._meta.label for m in personal_data_models() if m._meta.label not in known)


def test_every_model_holding_personal_data_is_registered_for_export_and_erasure():
    missing = unregistered(privacy.registry)
    assert not missing, (
        f"these models hold personal data but are not in the privacy registry: {', '.join(missing)}. Register "
        "each in its app's privacy.py (privacy.register: how to export and erase it), or declare it with "
        "privacy.not_personal(model, reason=...)."
    )


def test_the_enumeration_names_a_model_left_out_of_the_registry():
    without_bookings = replace(
        privacy.registry, personal={k: v for k, v in privacy.registry.personal.items() if k != "bookings"}
    )
    assert unregistered(without_bookings) == ["centres.Booking"]
    # A lesson's progress reaches the user only through the enrolment: one hop is enough to be found.
    without_progress = replace(
        privacy.registry, personal={k: v for k, v in privacy.registry.personal.items() if k != "lesson_progress"}
    )
    assert unregistered(without_progress) == ["learning.LessonProgress"]


def test_the_registry_covers_the_apps_being_built_alongside():
    labels = {m._meta.label for m in privacy.registry.models()}
    assert {
        "accounts.User", "accounts.RoleGrant", "accounts.AuditEntry", "converter.Assessment", "centres.Booking",
        "centres.Attendance", "centres.PracticalQualification", "learning.Enrolment", "learning.LessonProgress",
        "learning.CheckAttempt", "learning.Credential", "learning.Statement", "learning.LearningPlan",
        "industry.TalentConsent", "industry.ContactRequest", "insights.CourseFeedback",
    } <= labels  # fmt: skip
    assert "industry.VacancySkill" in privacy.registry.exempt


# ---------------------------------------------------------------- a learner with data everywhere


def _pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(autouse=True)
def _credentials_key(settings: Any) -> None:
    settings.CREDENTIALS_SIGNING_KEY = _pem()
    settings.SKILLSNET_BASE_URL = "https://skills.example.org"
    settings.XAPI_LRS_ENDPOINT = ""


@dataclass
class World:
    priya: User
    waiting: User  # next in the queue for Priya's place
    staff: User
    employer_user: User
    provider: Provider
    online: Course
    future_run: CourseRun
    past_run: CourseRun
    vacancy: Vacancy
    other_session_key: str


def _run(course: Course, centre: Centre, *, first: datetime, capacity: int, **fields: Any) -> CourseRun:
    run = CourseRun.objects.create(
        course=course,
        centre=centre,
        capacity=capacity,
        booking_opens_at=first - timedelta(days=40),
        booking_closes_at=first - timedelta(days=1),
        **fields,
    )
    RunSession.objects.create(run=run, starts_at=first, ends_at=first + timedelta(hours=7))
    return run


def _catalogue() -> dict[str, Any]:
    provider = Provider.objects.create(slug="cgt-catapult", name="CGT Catapult")
    gmp = Skill.objects.create(slug="gmp", name="Good manufacturing practice", category="quality")
    gowning = Skill.objects.create(slug="cleanroom-gowning", name="Cleanroom gowning", category="aseptic")
    role = JobRole.objects.create(
        slug="qc-analyst", title="QC analyst", family="quality-control", entry_level=4, description="Tests batches."
    )
    RoleSkill.objects.create(role=role, skill=gmp, level=3)

    def course(slug: str, mode: str, skill: Skill) -> Course:
        c = Course.objects.create(
            slug=slug, title=slug.replace("-", " ").capitalize(), provider=provider, mode=mode, hours=6, level=3,
            description="A course.",
        )  # fmt: skip
        CourseSkill.objects.create(course=c, skill=skill, to_level=3, assumes_level=0)
        return c

    online = course("gmp-essentials", "online", gmp)
    practical = course("gowning-practical", "on-site", gowning)
    module = learning_services.module_save(course=online, title="GMP", status=ContentStatus.PUBLISHED)
    lesson = learning_services.lesson_save(module=module, title="Deviations", body="Report them.", status="published")
    learning_services.question_add(lesson=lesson, text="Tell whom?", choices=["Nobody", "Supervisor"], correct=1)
    centre = Centre.objects.create(
        slug="roslinct", name="RoslinCT", organisation="RoslinCT", address="Edinburgh", region="Scotland",
        latitude=55.9, longitude=-3.1,
    )  # fmt: skip
    centre.courses.add(practical)
    return {"provider": provider, "online": online, "practical": practical, "lesson": lesson, "centre": centre,
            "role": role}  # fmt: skip


@pytest.fixture
def world(
    make_user: Callable[..., User], centre_manager: User, employer: User, django_capture_on_commit_callbacks: Any
) -> World:
    # The emails go out as they would in production, so the sent-email records hold her address too.
    with django_capture_on_commit_callbacks(execute=True):
        built = _build_world(make_user, centre_manager, employer)
    assert OutboundEmail.objects.filter(to=EMAIL).exists()
    mail.outbox.clear()
    return built


def _build_world(make_user: Callable[..., User], centre_manager: User, employer: User) -> World:
    cat = _catalogue()
    now = timezone.now()
    priya = make_user(EMAIL, full_name=NAME)
    user_update_profile(user=priya, full_name=NAME, region="scotland")
    waiting = make_user("wes.waiting@example.com", full_name="Wes Waiting")

    # Career Converter: a saved assessment with her CV text kept.
    assessment_save(
        owner=priya, name=ASSESSMENT_NAME, keep_cv_text=True,
        inputs={"occupations": [], "skills": {"gmp": 2}, "cv_skills": [["gmp", 2, "ran the mash tuns"]],
                "cv_text": CV_TEXT},
    )  # fmt: skip

    # Online learning: enrol, study, pass the check (completion, evidence, credential, records), a plan.
    enrolment = learning_services.enrolment_create(learner=priya, course=cat["online"])
    lesson = cat["lesson"]
    learning_services.lesson_start(enrolment=enrolment, lesson=lesson)
    wrong = {q.pk: q.choices.get(is_correct=False).pk for q in lesson.questions.all()}
    right = {q.pk: q.choices.get(is_correct=True).pk for q in lesson.questions.all()}
    learning_services.check_submit(enrolment=enrolment, lesson=lesson, answers=wrong)
    learning_services.check_submit(enrolment=enrolment, lesson=lesson, answers=right)
    plan = learning_services.plan_create(learner=priya, target_role=cat["role"])
    learning_services.plan_item_add(plan=plan, course=cat["practical"])

    # Centres: an attended run with a qualification, and the only place on a future run with someone waiting.
    past_first = (now - timedelta(days=10)).replace(hour=9, minute=30, second=0, microsecond=0)
    past_run = _run(cat["practical"], cat["centre"], first=past_first, capacity=4, qualification_valid_months=12)
    attended = centre_services.booking_create(run=past_run, learner=priya, now=past_first - timedelta(days=20))
    centre_services.attendance_record(
        session=past_run.sessions.get(), marks={attended.pk: "present"}, actor=centre_manager, now=now
    )
    future_run = _run(cat["practical"], cat["centre"], first=now + timedelta(days=20), capacity=1)
    centre_services.booking_create(run=future_run, learner=priya, now=now)
    centre_services.booking_create(run=future_run, learner=waiting, now=now)

    # Insights: a rating with a comment.
    feedback_save(learner=priya, course=cat["online"], rating=4, comment=COMMENT)

    # Industry: discoverable, an employer's request, accepted.
    biotech = industry_services.employer_create(slug="demo-biotech", name="Demo Biotech", region="north-east")
    vacancy = industry_services.vacancy_create(
        employer=biotech, role=cat["role"], title="QC analyst", location="Darlington", region="north-east",
        closing_date=timezone.localdate() + timedelta(days=30), description="A job in the lab.", actor=employer,
    )  # fmt: skip
    industry_services.consent_give(learner=priya)
    request = industry_services.contact_request(
        vacancy=vacancy, employer_user=employer, candidate=priya, message=MESSAGE
    )
    industry_services.contact_decide(request=request, learner=priya, accept=True)

    # Sign-in records (axes) and a second device whose session holds Career Converter answers.
    browser = Client()
    browser.post(reverse("accounts:sign-in"), {"username": EMAIL, "password": "not-her-password"})
    browser.post(reverse("accounts:sign-in"), {"username": EMAIL, "password": PASSWORD})
    session = browser.session
    session["converter"] = {"cv_text": CV_TEXT}
    session.save()
    return World(
        priya=priya, waiting=waiting, staff=centre_manager, employer_user=employer, provider=cat["provider"],
        online=cat["online"], future_run=future_run, past_run=past_run, vacancy=vacancy,
        other_session_key=session.session_key or "",
    )  # fmt: skip


# Sections Priya has no rows in (she is not staff anywhere and no reminder has been sent to her; tasks run at
# once in this world, leaving no stored results: tests/trust/test_erasure_tasks.py covers those).
EMPTY_FOR_A_LEARNER = {
    "roles", "vacancies_written", "booking_notices", "sign_in_attempts", "sign_in_failures", "task_results"
}  # fmt: skip


def test_the_export_holds_every_registered_section_with_all_her_rows(world):
    document = privacy.data_export(user=world.priya)
    assert document["account"] == EMAIL
    assert set(document["sections"]) == set(privacy.registry.personal)
    for key, entry in privacy.registry.personal.items():
        rows = document["sections"][key]["rows"]
        ids = sorted(str(r["id"]) for r in rows)
        assert ids == sorted(str(pk) for pk in entry.rows(world.priya).values_list("pk", flat=True)), key
        if key not in EMPTY_FOR_A_LEARNER:
            assert rows, f"the export's {key} section is empty, but Priya has {entry.label} rows"
    sections = document["sections"]
    assert sections["assessments"]["rows"][0]["inputs"]["cv_text"] == CV_TEXT
    credential = Credential.objects.get(learner=world.priya)
    assert sections["credentials"]["rows"][0]["jwt"] == credential.jwt
    assert {r["verb"] for r in sections["learning_records"]["rows"]} >= {"registered", "passed", "completed"}
    assert sections["contact_requests"]["rows"][0]["message"] == MESSAGE
    assert sections["contact_requests"]["rows"][0]["you_are"] == "candidate"
    assert sections["account"]["rows"][0]["full_name"] == NAME
    assert "password" not in sections["account"]["rows"][0]
    assert any(r["action"] == "industry.consent.given" for r in sections["audit_entries"]["rows"])
    json.dumps(document)  # all of it is JSON


def test_download_my_data_is_a_zip_of_json_and_csv(world, signed_in):
    client = signed_in(world.priya)
    response = client.get(reverse("accounts:privacy-download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "skillsnet.json", "json/bookings.json", "csv/bookings.csv", "csv/enrolments.csv"} <= names
    assert "csv/credentials.csv" not in names  # a signed document is not a table
    document = json.loads(archive.read("skillsnet.json"))
    assert set(document["sections"]) == set(privacy.registry.personal)
    bookings_csv = archive.read("csv/bookings.csv").decode()
    assert bookings_csv.splitlines()[0].startswith("id,run,status")
    assert len(bookings_csv.splitlines()) == 1 + Booking.objects.filter(learner=world.priya).count()
    assert AuditEntry.objects.filter(action="accounts.data.exported", subject=world.priya).exists()


def test_a_csv_cell_a_spreadsheet_would_run_is_neutralised():
    from skillsnet.accounts.privacy.export import _csv

    assert _csv([{"a": "=HYPERLINK(1)", "b": {"x": 1}}]).splitlines() == ["a,b", '\'=HYPERLINK(1),"{""x"": 1}"']


def test_the_api_returns_the_same_document(world, signed_in, client):
    anonymous = client.get("/api/v1/me/export")
    assert anonymous.status_code == 401
    assert anonymous.json() == {"detail": "Sign in to use this endpoint."}
    response = signed_in(world.priya).get("/api/v1/me/export")
    assert response.status_code == 200
    body = response.json()
    assert body["format"] == privacy.EXPORT_FORMAT
    assert set(body["sections"]) == set(privacy.registry.personal)
    assert body["sections"]["assessments"]["rows"][0]["inputs"]["cv_text"] == CV_TEXT


def test_the_privacy_page_lists_what_is_held_in_a_fixed_number_of_queries(
    world, signed_in, django_assert_max_num_queries
):
    client = signed_in(world.priya)
    with django_assert_max_num_queries(len(privacy.registry.personal) + 8):
        response = client.get(reverse("accounts:privacy"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "Bookings at training centres" in page
    assert reverse("accounts:privacy-download") in page
    assert reverse("accounts:privacy-delete") in page


def test_the_privacy_pages_need_a_signed_in_person(client):
    for name in ("accounts:privacy", "accounts:privacy-download", "accounts:privacy-delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_wrong_password_deletes_nothing(world, signed_in):
    client = signed_in(world.priya)
    response = client.post(reverse("accounts:privacy-delete"), {"password": "not-my-password"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The password is not right" in page
    assert User.objects.filter(email=EMAIL).exists()
    response = client.post(reverse("accounts:privacy-delete"), {"password": ""})
    assert "Enter your password" in response.content.decode()


# ---------------------------------------------------------------- deletion, end to end


def _aggregates(world: World) -> dict[str, Any]:
    since = timezone.localdate() - timedelta(days=365)
    monthly = {m.key: sum(insight_selectors.counts_by_month(m, since).values()) for m in insight_selectors.METRICS}
    return {
        **monthly,
        "users": User.objects.count(),
        "check_attempts": CheckAttempt.objects.count(),
        "attendance_marks": Attendance.objects.count(),
        "ratings": CourseFeedback.objects.count(),
        "average_rating": CourseFeedback.objects.aggregate(a=Avg("rating"))["a"],
        "provider_statistics": [
            [c.text for c in row] for row in insight_selectors.provider_statistics(world.provider).rows
        ],
        "past_run_seats": centre_selectors.availability(world.past_run).held,
    }


def _text_values() -> list[tuple[str, str]]:
    """Every text and JSON value in every skillsnet model (and the sessions and sign-in records)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    found = []
    targets = [m for m in apps.get_models() if m.__module__.startswith("skillsnet.")]
    for model in [*targets, Session, AccessAttempt, AccessFailureLog, AccessLog]:
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    found.append((model._meta.label, json.dumps(value) if not isinstance(value, str) else value))
        if model is Session:
            found += [("sessions", json.dumps(s.get_decoded())) for s in Session.objects.all()]
    return found


def test_deleting_her_account_erases_her_and_keeps_anonymous_totals(
    world, signed_in, django_capture_on_commit_callbacks
):
    priya, pk = world.priya, world.priya.pk
    before = _aggregates(world)
    credential = Credential.objects.get(learner=priya)
    enrolment_ids = list(Enrolment.objects.filter(learner=priya).values_list("pk", flat=True))
    assert LessonProgress.objects.filter(enrolment_id__in=enrolment_ids).exists()
    assert any(EMAIL in value for _, value in _text_values())  # the scan does see her before

    client = signed_in(priya)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:privacy-delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:privacy-deleted")

    # The account is gone and she is signed out, here and on her other device.
    assert not User.objects.filter(pk=pk).exists()
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert client.get(reverse("accounts:account")).status_code == 302
    assert not Session.objects.filter(session_key=world.other_session_key).exists()
    assert client.get(reverse("accounts:privacy-deleted")).status_code == 200

    # No row references her, directly or through her enrolments.
    user_model = apps.get_model("accounts", "User")
    for model in personal_data_models():
        for f in _links(model):
            if f.related_model is user_model:
                assert not model._default_manager.filter(**{f.attname: pk}).exists(), f"{model._meta.label}.{f.name}"
    assert not LessonProgress.objects.filter(enrolment_id__in=enrolment_ids).exists()

    # Nothing personal is left anywhere in the database.
    needles = [s.lower() for s in PERSONAL]
    leftovers = [(label, value[:80]) for label, value in _text_values() if any(n in value.lower() for n in needles)]
    assert not leftovers, f"personal data left after deletion: {leftovers}"

    # Her place went to the person waiting, who was offered it by email.
    offered = Booking.objects.get(run=world.future_run, learner=world.waiting)
    assert offered.status == BookingStatus.OFFERED
    assert any(m.to == [world.waiting.email] and "A place is free" in m.subject for m in mail.outbox)
    assert centre_selectors.availability(world.future_run).seats_left == 0  # the offer holds the seat

    # Her credential no longer verifies: revoked (audited), then deleted.
    assert client.get(reverse("credentials:verify", args=[credential.pk])).status_code == 404
    assert client.get(f"/api/v1/credentials/{credential.pk}").status_code == 404
    assert AuditEntry.objects.filter(action="learning.credential.revoked", object_id=str(credential.pk)).exists()

    # Consent withdrawn, then deleted; the employer's contact request is gone.
    assert AuditEntry.objects.filter(action="industry.consent.withdrawn", subject__isnull=True).exists()
    assert not TalentConsent.objects.exists()
    assert not ContactRequest.objects.exists()

    # The totals that count activity stay; the rows that were hers alone are gone, by design.
    after = _aggregates(world)
    for kept in (
        "registrations", "enrolments", "completions", "attendance", "users", "check_attempts", "attendance_marks",
        "ratings", "average_rating", "provider_statistics", "past_run_seats", "vacancies",
    ):  # fmt: skip
        assert after[kept] == before[kept], kept
    assert after["assessments"] == before["assessments"] - 1
    assert after["credentials"] == before["credentials"] - 1
    assert after["contacts"] == before["contacts"] - 1
    assert after["bookings"] == before["bookings"] - 1  # the cancelled future booking; the attended one stays

    # What stays belongs to an erased account that cannot sign in and says nothing about her.
    erased = User.objects.get(email__endswith="@erased.invalid")
    assert (erased.full_name, erased.region, erased.is_active, erased.has_usable_password()) == ("", "", False, False)
    assert Enrolment.objects.filter(learner=erased).count() == len(enrolment_ids)
    assert Booking.objects.get(run=world.past_run).learner == erased
    assert CourseFeedback.objects.get(learner=erased).comment == ""
    assert not RoleGrant.objects.filter(user=erased).exists()

    # One audit entry records the deletion, without personal data; her history keeps actions and times only.
    deleted = AuditEntry.objects.get(action="accounts.user.deleted")
    assert deleted.subject is None
    assert deleted.actor is None
    assert deleted.data["rows"]["bookings"] == {"cancelled": 1, "anonymised": 1, "deleted": 1}
    assert AuditEntry.objects.filter(action="accounts.user.registered", subject__isnull=True, actor__isnull=True)
    signed = AuditEntry.objects.filter(action="accounts.sign_in.succeeded")
    assert signed.exists()
    assert all("ip" not in e.data for e in signed)

    # A confirmation went to her address, and nothing to the erased account's.
    confirmations = [m for m in mail.outbox if m.to == [EMAIL]]
    assert [m.subject for m in confirmations] == ["Your skillsnet account has been deleted"]
    assert "cancelled 1 training-centre booking" in confirmations[0].body
    assert "revoked 1 credential" in confirmations[0].body
    assert not [m for m in mail.outbox if any(a.endswith(".invalid") for a in m.to)]


def test_a_failure_part_way_leaves_everything_as_it_was(world, monkeypatch, django_capture_on_commit_callbacks):
    def broken(erasure: privacy.Erasure) -> None:
        raise RuntimeError("disk full")

    entry = privacy.registry.personal["course_feedback"]
    monkeypatch.setitem(privacy.registry.personal, "course_feedback", replace(entry, erase=broken))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        privacy.account_delete(user=world.priya)
    assert User.objects.filter(email=EMAIL).exists()
    assert Booking.objects.get(run=world.future_run, learner=world.priya).status == BookingStatus.CONFIRMED
    assert Credential.objects.get(learner=world.priya).revoked_at is None
    assert not User.objects.filter(email__endswith="@erased.invalid").exists()
    assert not [m for m in mail.outbox if m.to == [EMAIL]]


def test_deleting_an_employer_staff_member_keeps_the_vacancy_without_them(world):
    report = privacy.account_delete(user=world.employer_user)
    vacancy = Vacancy.objects.get(pk=world.vacancy.pk)
    assert vacancy.created_by is None
    assert report.counts["roles"] == {"deleted": 1}
    assert report.counts["vacancies_written"] == {"anonymised": 1}
    assert report.counts["contact_requests"] == {"deleted": 1}  # the one sent to Priya goes with its sender
    assert not RoleGrant.objects.filter(role=Role.EMPLOYER, scope="demo-biotech").exists()


def test_deleting_centre_staff_keeps_the_attendance_they_recorded(world):
    marks = Attendance.objects.count()
    privacy.account_delete(user=world.staff)
    assert Attendance.objects.count() == marks
    assert Attendance.objects.get().recorded_by is None
    assert Booking.objects.get(run=world.past_run).status == BookingStatus.ATTENDED


def test_a_seat_on_a_run_already_under_way_stays_taken_without_her(world, make_user):
    run = world.future_run
    session = run.sessions.get()
    started = session.starts_at + timedelta(hours=1)
    report = privacy.account_delete(user=world.priya, now=started)
    booking = Booking.objects.get(run=run, status=BookingStatus.CONFIRMED)
    assert booking.learner.email.endswith("@erased.invalid")
    assert booking.employer == ""
    assert report.counts["bookings"].get("cancelled", 0) == 0
    assert Booking.objects.get(run=run, learner=world.waiting).status == BookingStatus.WAITLISTED


def test_an_erased_account_cannot_be_erased_again(world):
    privacy.account_delete(user=world.priya)
    erased = User.objects.get(email__endswith="@erased.invalid")
    with pytest.raises(privacy.PrivacyError):
        privacy.account_delete(user=erased)


# ---------------------------------------------------------------- retention


def _session(*, expires: datetime, user: User | None = None, data: dict[str, Any] | None = None) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    for key, value in (data or {}).items():
        store[key] = value
    if user is not None:
        store["_auth_user_id"] = str(user.pk)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key or ""


def test_purge_removes_expired_and_stale_anonymous_data_and_is_idempotent(
    learner, other_learner, employer, settings, capsys
):
    settings.SESSION_COOKIE_AGE = 90 * 24 * 3600  # a long cookie: retention, not expiry, must end the answers
    settings.SKILLSNET_ANON_RETENTION_DAYS = 30
    now = timezone.now()
    expired = _session(expires=now - timedelta(minutes=1), data={"converter": {"cv_text": CV_TEXT}})
    # Last saved 40 days ago (expiry = last save + 90 days): older than the 30-day retention.
    stale_anonymous = _session(expires=now + timedelta(days=50), data={"converter": {"cv_text": CV_TEXT}})
    fresh_anonymous = _session(expires=now + timedelta(days=80), data={"converter": {"skills": {"gmp": 2}}})
    stale_signed_in = _session(expires=now + timedelta(days=50), user=learner)

    biotech = industry_services.employer_create(slug="demo-biotech", name="Demo Biotech")
    role = JobRole.objects.create(slug="qc", title="QC", family="quality-control", entry_level=4, description="QC")
    vacancy = industry_services.vacancy_create(
        employer=biotech, role=role, title="QC", location="Leeds", region="yorkshire-humber",
        closing_date=date.today() + timedelta(days=30), description="Lab work.", actor=employer,
    )  # fmt: skip
    for person in (learner, other_learner):
        industry_services.consent_give(learner=person)
        request = industry_services.contact_request(
            vacancy=vacancy, employer_user=employer, candidate=person, message="Hello"
        )
        industry_services.contact_decide(request=request, learner=person, accept=False)
    ContactRequest.objects.filter(candidate=learner).update(decided_at=now - timedelta(days=91))
    industry_services.consent_withdraw(learner=learner)
    TalentConsent.objects.filter(learner=learner).update(withdrawn_at=now - timedelta(days=366))

    call_command("purge_expired_data")
    out = capsys.readouterr().out
    assert "accounts.expired_sessions: 1 removed" in out
    assert "converter.anonymous_sessions: 1 removed" in out
    assert "industry.declined_contact_requests: 1 removed" in out
    assert "industry.withdrawn_consents: 1 removed" in out

    remaining = set(Session.objects.values_list("session_key", flat=True))
    assert expired not in remaining
    assert stale_anonymous not in remaining
    assert {fresh_anonymous, stale_signed_in} <= remaining
    assert list(ContactRequest.objects.values_list("candidate", flat=True)) == [other_learner.pk]
    assert TalentConsent.objects.filter(learner=other_learner, withdrawn_at__isnull=True).exists()
    assert not TalentConsent.objects.filter(learner=learner).exists()
    assert AuditEntry.objects.filter(action="accounts.retention.purged").count() == 1

    call_command("purge_expired_data")
    assert "Removed 0 in all." in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="accounts.retention.purged").count() == 1


def test_purge_removes_old_sign_in_records(learner, client):
    from axes.models import AccessLog

    client.post(reverse("accounts:sign-in"), {"username": learner.email, "password": PASSWORD})
    assert AccessLog.objects.filter(username=learner.email).exists()
    AccessLog.objects.update(attempt_time=timezone.now() - timedelta(days=91))
    assert privacy.purge_expired_data()["accounts.sign_in_records"] == 1
    assert not AccessLog.objects.exists()


def test_purge_refuses_a_retention_shorter_than_a_day_before_removing_anything(db, settings):
    expired = _session(expires=timezone.now() - timedelta(minutes=1))
    settings.SKILLSNET_DECLINED_CONTACT_RETENTION_DAYS = 0
    with pytest.raises(CommandError, match="SKILLSNET_DECLINED_CONTACT_RETENTION_DAYS must be at least 1 day"):
        call_command("purge_expired_data")
    assert Session.objects.filter(session_key=expired).exists()


def test_the_purge_task_runs_the_sweep(db):
    result = privacy.purge_expired_data_task.enqueue()
    assert result.return_value["accounts.expired_sessions"] == 0


def test_purge_forgets_who_old_emails_went_to(db):
    old = OutboundEmail.objects.create(
        key="old", to="a@example.com", subject="Hi", sent_at=timezone.now() - timedelta(days=31)
    )
    recent = OutboundEmail.objects.create(key="recent", to="b@example.com", subject="Hi")
    assert privacy.purge_expired_data()["accounts.sent_emails"] == 1
    assert list(OutboundEmail.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
