"""The fixture world for the access-control matrix: personas, and learner A's private objects in every app.

Built once per test module through the apps' services, inside a transaction that is rolled back at the end,
with one signed-in test client per persona (see `access_rules.PERSONAS`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from ..conftest import PASSWORD
from ..industry import helpers

A_EMAIL = "lee.learner@example.com"
A_NAME = "Lee Learnerton"
A_ASSESSMENT = "Lee's private career notes"


@dataclass
class World:
    users: dict[str, Any]
    clients: dict[str, Client]
    role: Any
    course: Any
    module: Any
    lesson: Any
    question: Any
    lesson_file: Any
    enrolment: Any
    plan_item: Any
    credential: Any
    assessment: Any
    centre: Any
    run: Any
    session: Any
    free_run: Any
    booking: Any
    employer_pending: Any
    centre_pending: Any
    offered: Any
    employer: Any
    vacancy: Any
    contact: Any
    handle: str
    reset_uid: str
    reset_token: str
    provider_key: Any = None  # the provider_own persona's API key (orgkeys:revoke)

    @property
    def secrets_of_a(self) -> list[str]:
        return [A_EMAIL, A_NAME, A_ASSESSMENT]


def _pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _users() -> dict[str, Any]:
    from skillsnet.accounts import services
    from skillsnet.accounts.models import Role

    def user(email: str, name: str = "", role: Any = None, scope: str = "") -> Any:
        person = services.user_register(email=email, password=PASSWORD, full_name=name)
        if role is not None:
            services.role_grant(user=person, role=role, scope=scope)
        return person

    admin = user("ada.admin@example.com", "Ada Admin", Role.PROGRAMME_ADMIN)
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    return {
        "learner_a": user(A_EMAIL, A_NAME),
        "learner_b": user("olu.other@example.com", "Olu Other"),
        "provider_other": user("pia.provider@example.com", "", Role.PROVIDER_STAFF, "other-provider"),
        "provider_own": user("pat.provider@example.com", "", Role.PROVIDER_STAFF, "cgt-catapult"),
        "centre_other": user("cy.centre@example.com", "", Role.CENTRE_STAFF, "other-centre"),
        "centre_own": user("cara.centre@example.com", "", Role.CENTRE_STAFF, "roslinct"),
        "employer_other": user("oscar.other@example.com", "", Role.EMPLOYER, "other-labs"),
        "employer_own": user("eve.employer@example.com", "", Role.EMPLOYER, "demo-biotech"),
        "admin": admin,
    }


def _run(course: Any, centre: Any, *, capacity: int = 5, approval: str = "none") -> Any:
    from skillsnet.centres.models import CourseRun, RunSession

    first = (timezone.now() + timedelta(days=20)).replace(hour=9, minute=30, second=0, microsecond=0)
    run = CourseRun.objects.create(
        course=course,
        centre=centre,
        capacity=capacity,
        requires_approval=approval,
        booking_opens_at=timezone.now() - timedelta(days=30),
        booking_closes_at=first - timedelta(days=1),
    )
    RunSession.objects.create(run=run, starts_at=first, ends_at=first + timedelta(hours=7))
    return run


def build_world() -> World:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from skillsnet.centres import services as centres
    from skillsnet.centres.models import Approval, Centre
    from skillsnet.converter import services as converter
    from skillsnet.industry import selectors as industry_selectors
    from skillsnet.industry import services as industry
    from skillsnet.learning import services as learning
    from skillsnet.learning.models import ContentStatus

    catalogue = helpers.build_catalogue()
    users = _users()
    a, b = users["learner_a"], users["learner_b"]

    # Online training: a published module and lesson with a knowledge check and a file; A is enrolled on it,
    # has a learning plan with it and holds a credential.
    course = catalogue["courses"]["gmp-essentials"]
    published = ContentStatus.PUBLISHED
    module = learning.module_save(course=course, title="What GMP is", summary="The basics.", status=published)
    lesson = learning.lesson_save(module=module, title="Deviations", body="Report them.", status=published)
    question = learning.question_add(lesson=lesson, text="Who do you tell?", choices=["Nobody", "QA"], correct=1)
    lesson_file = learning.lesson_file_add(
        lesson=lesson, title="Notes", upload=SimpleUploadedFile("notes.txt", b"GMP notes", content_type="text/plain")
    )
    enrolment = learning.enrolment_create(learner=a, course=course)
    learning.lesson_start(enrolment=enrolment, lesson=lesson)
    plan = learning.plan_create(learner=a)
    plan_item = learning.plan_item_add(plan=plan, course=course)
    learning.plan_item_add(plan=plan, course=catalogue["courses"]["pcr-lab"])
    credential = learning.credential_issue(
        learner=a, achievement_name="GMP essentials", description="Completed GMP essentials.", skills=["gmp"]
    )

    # The Career Converter: A's saved assessment; A agrees to be found by employers.
    assessment = converter.assessment_save(
        owner=a, name=A_ASSESSMENT, inputs={"occupations": ["biomedical-scientist"], "skills": {"gmp": 2}}
    )
    industry.consent_give(learner=a)

    # Training centres: A's confirmed booking, a booking waiting for the employer's approval, one waiting for the
    # centre's, and a place offered from the waiting list; and a run no one has booked.
    centre = catalogue["centre"]
    Centre.objects.create(
        slug="other-centre",
        name="Other Centre",
        organisation="Other",
        address="Leeds",
        region="Yorkshire",
        latitude=53.8,
        longitude=-1.55,
    )
    practical = catalogue["courses"]["cleanroom-practical"]
    # (The employers exist first: an employer-approved booking must name a real one.)
    employer = helpers.make_employer("demo-biotech", "Demo Biotech")
    other_labs = helpers.make_employer("other-labs", "Other Labs")
    run = _run(practical, centre)
    booking = centres.booking_create(run=run, learner=a)
    employer_pending = centres.booking_create(
        run=_run(practical, centre, approval=Approval.EMPLOYER), learner=a, employer="demo-biotech"
    )
    centre_pending = centres.booking_create(run=_run(practical, centre, approval=Approval.CENTRE), learner=a)
    full = _run(practical, centre, capacity=1)
    first = centres.booking_create(run=full, learner=b)
    offered = centres.booking_create(run=full, learner=a)
    centres.booking_cancel(booking=first, actor=b)
    offered.refresh_from_db()
    assert offered.status == "offered", offered.status
    free_run = _run(practical, centre)

    # Employers: demo-biotech's vacancy has asked A (pending) whether it may contact them; other-labs has its own.
    vacancy = helpers.make_vacancy(employer, "qc-analyst", actor=users["employer_own"])
    helpers.make_vacancy(other_labs, "atmp-manufacturing-technician", actor=users["employer_other"])
    contact = industry.contact_request(
        vacancy=vacancy, employer_user=users["employer_own"], candidate=a, message="We would like to talk."
    )

    # Organisation staff also send their organisation's API key (every scope it may have), so the matrix
    # checks the key-protected API operations too: a key of another organisation gets 404, no key 401.
    from skillsnet.orgkeys.models import SCOPES
    from skillsnet.orgkeys.services import key_create

    org_roles = {"provider": "provider", "centre": "centre", "employer": "employer"}
    clients = {"anonymous": Client()}
    keys: dict[str, Any] = {}
    for persona, person in users.items():
        headers = {}
        kind = persona.split("_")[0]
        if kind in org_roles:
            grant = person.role_grants.get()
            key, text = key_create(
                actor=person, role=kind, organisation=grant.scope, name="matrix", scopes=SCOPES[kind]
            )
            keys[persona] = key
            headers["HTTP_X_API_KEY"] = text
        client = Client(**headers)
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        clients[persona] = client

    return World(
        provider_key=keys["provider_own"],
        users=users,
        clients=clients,
        role=catalogue["roles"]["qc-analyst"],
        course=course,
        module=module,
        lesson=lesson,
        question=question,
        lesson_file=lesson_file,
        enrolment=enrolment,
        plan_item=plan_item,
        credential=credential,
        assessment=assessment,
        centre=centre,
        run=run,
        session=run.sessions.get(),
        free_run=free_run,
        booking=booking,
        employer_pending=employer_pending,
        centre_pending=centre_pending,
        offered=offered,
        employer=employer,
        vacancy=vacancy,
        contact=contact,
        handle=industry_selectors.candidate_handle(employer.slug, a.pk),
        reset_uid=urlsafe_base64_encode(force_bytes(a.pk)),
        reset_token=default_token_generator.make_token(a),
    )


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from skillsnet.catalogue.snapshot import clear_snapshot_cache

    overrides = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        CREDENTIALS_SIGNING_KEY=_pem(),
        SKILLSNET_BASE_URL="https://skills.example.org",
        XAPI_LRS_ENDPOINT="",
    )
    overrides.enable()
    try:
        with django_db_blocker.unblock():
            # Everything the world creates is undone at the end of the module.
            with transaction.atomic():
                clear_snapshot_cache()
                yield build_world()
                transaction.set_rollback(True)
            clear_snapshot_cache()
    finally:
        overrides.disable()
