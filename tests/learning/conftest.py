"""A small catalogue with online content, built with the ORM (fast and deterministic), and a signing key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from skillsnet.catalogue.models import Course, CoursePrerequisite, CourseSkill, Provider, Role, RoleSkill, Skill
from skillsnet.learning import services
from skillsnet.learning.models import ContentStatus, Lesson, Module

PUBLISHED, DRAFT = ContentStatus.PUBLISHED, ContentStatus.DRAFT
GMP_ESCO = "http://data.europa.eu/esco/skill/gmp-test-uri"


def pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(autouse=True)
def _signing_key(settings: Any) -> None:
    # A fresh key per test, from settings (never the development key file in var/).
    settings.CREDENTIALS_SIGNING_KEY = pem()
    settings.SKILLSNET_BASE_URL = "https://skills.example.org"
    settings.XAPI_LRS_ENDPOINT = ""


@dataclass
class Catalogue:
    gmp: Skill
    docs: Skill
    essentials: Course
    advanced: Course
    other: Course
    gowning: Course
    intro: Lesson
    checked: Lesson
    draft_lesson: Lesson
    hidden_lesson: Lesson
    advanced_lesson: Lesson
    other_lesson: Lesson
    role: Role


def _course(slug: str, title: str, provider: Provider, mode: str = "online", **extra: Any) -> Course:
    return Course.objects.create(
        slug=slug,
        title=title,
        provider=provider,
        mode=mode,
        hours=extra.pop("hours", 6),
        cost=extra.pop("cost", 0),
        level=extra.pop("level", 3),
        description=f"{title}: what it covers.",
        outcomes=[f"Explain {title.lower()}"],
        **extra,
    )


@pytest.fixture
def catalogue(db: None) -> Catalogue:
    catapult = Provider.objects.create(slug="cgt-catapult", name="Cell and Gene Therapy Catapult")
    open_learning = Provider.objects.create(slug="open-learning", name="Open Learning")
    gmp = Skill.objects.create(
        slug="gmp", name="Good manufacturing practice", category="quality", esco_uri=GMP_ESCO,
        description="Following the rules that make every batch of a medicine safe.",
    )  # fmt: skip
    docs = Skill.objects.create(
        slug="good-documentation-practice", name="Good documentation practice", category="quality",
        description="Writing records that are attributable, legible and made at the time.",
    )  # fmt: skip
    essentials = _course("gmp-essentials", "GMP essentials", catapult)
    CourseSkill.objects.create(course=essentials, skill=gmp, to_level=3, assumes_level=0)
    CourseSkill.objects.create(course=essentials, skill=docs, to_level=2, assumes_level=0)
    advanced = _course("advanced-gmp", "Advanced GMP", catapult, level=4, cost=250, hours=20)
    CourseSkill.objects.create(course=advanced, skill=gmp, to_level=4, assumes_level=3)
    CoursePrerequisite.objects.create(course=advanced, requires=essentials)
    other = _course("docs-for-all", "Documentation for everyone", open_learning, hours=2)
    CourseSkill.objects.create(course=other, skill=docs, to_level=2, assumes_level=0)
    gowning = _course("gowning-practical", "Cleanroom gowning (practical)", catapult, mode="on-site", cost=150)

    module = services.module_save(course=essentials, title="What GMP is", summary="The basics.", status=PUBLISHED)
    intro = services.lesson_save(
        module=module, title="GMP in one page", body="# GMP\n\nGood manufacturing practice **builds quality in**.",
        status=PUBLISHED,
    )  # fmt: skip
    checked = services.lesson_save(
        module=module, title="Deviations", body="Report them.", status=PUBLISHED, pass_mark=50
    )
    services.question_add(
        lesson=checked, text="What is a deviation?", choices=["A departure from a procedure", "A holiday"], correct=0
    )
    services.question_add(
        lesson=checked, text="Who do you tell first?", choices=["Nobody", "Your supervisor"], correct=1
    )
    draft_lesson = services.lesson_save(module=module, title="Secret draft lesson", body="Not yet.", status=DRAFT)
    draft_module = services.module_save(course=essentials, title="Draft module", status=DRAFT)
    hidden_lesson = services.lesson_save(module=draft_module, title="Hidden by its module", status=PUBLISHED)
    adv_module = services.module_save(course=advanced, title="Beyond the basics", status=PUBLISHED)
    advanced_lesson = services.lesson_save(
        module=adv_module, title="Annex 1", body="Contamination control.", status=PUBLISHED
    )
    other_module = services.module_save(course=other, title="Records", status=PUBLISHED)
    other_lesson = services.lesson_save(module=other_module, title="ALCOA+", body="Attributable…", status=PUBLISHED)

    role = Role.objects.create(
        slug="atmp-technician", title="ATMP manufacturing technician", family="manufacturing",
        description="Makes cell therapies.", entry_level=3,
    )  # fmt: skip
    RoleSkill.objects.create(role=role, skill=gmp, level=3)
    return Catalogue(
        gmp=gmp, docs=docs, essentials=essentials, advanced=advanced, other=other, gowning=gowning, intro=intro,
        checked=checked, draft_lesson=draft_lesson, hidden_lesson=hidden_lesson, advanced_lesson=advanced_lesson,
        other_lesson=other_lesson, role=role,
    )  # fmt: skip


def answers_for(lesson: Lesson, *, right: bool = True) -> dict[int, int]:
    return {q.pk: next(c.pk for c in q.choices.all() if c.is_correct == right) for q in lesson.questions.all()}


@pytest.fixture
def complete_course() -> Any:
    """Study every published lesson of a course to completion for a learner (through the services)."""
    from skillsnet.learning import selectors

    def run(learner: Any, course: Course) -> Any:
        enrolment = services.enrolment_create(learner=learner, course=course)
        for lesson in selectors.published_lessons(course):
            services.lesson_start(enrolment=enrolment, lesson=lesson)
            if lesson.questions.exists():
                services.check_submit(enrolment=enrolment, lesson=lesson, answers=answers_for(lesson))
            else:
                services.lesson_complete(enrolment=enrolment, lesson=lesson)
        enrolment.refresh_from_db()
        return enrolment

    return run


@pytest.fixture
def draft_module_id(catalogue: Catalogue) -> int:
    return Module.objects.get(title="Draft module").pk
