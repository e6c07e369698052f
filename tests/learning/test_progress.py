"""Enrolment, lesson progress, knowledge checks, completion and verified skills."""

from __future__ import annotations

import pytest

from skillsnet.accounts.models import AuditEntry
from skillsnet.learning import selectors, services
from skillsnet.learning.models import CheckAttempt, Credential, Enrolment, SkillEvidence

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def test_it_enrols_once_and_records_it(learner, catalogue):
    first = services.enrolment_create(learner=learner, course=catalogue.essentials)
    again = services.enrolment_create(learner=learner, course=catalogue.essentials)
    assert first.pk == again.pk
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert AuditEntry.objects.filter(action="learning.enrolment.created", subject=learner).count() == 1


def test_it_names_the_prerequisites_to_complete_first(learner, catalogue):
    with pytest.raises(services.LearningError, match="Complete ‘GMP essentials’ before you enrol on ‘Advanced GMP’"):
        services.enrolment_create(learner=learner, course=catalogue.advanced)


def test_it_enrols_once_prerequisites_are_complete(learner, catalogue, complete_course):
    complete_course(learner, catalogue.essentials)
    assert services.enrolment_create(learner=learner, course=catalogue.advanced).course == catalogue.advanced


def test_it_refuses_a_course_without_published_content(learner, catalogue):
    with pytest.raises(services.LearningError, match="no online content"):
        services.enrolment_create(learner=learner, course=catalogue.gowning)


def test_a_lesson_with_a_check_completes_only_when_the_check_is_passed(learner, catalogue):
    enrolment = services.enrolment_create(learner=learner, course=catalogue.essentials)
    with pytest.raises(services.LearningError, match="Pass the knowledge check"):
        services.lesson_complete(enrolment=enrolment, lesson=catalogue.checked)
    failed = services.check_submit(
        enrolment=enrolment, lesson=catalogue.checked, answers=answers_for(catalogue.checked, right=False)
    )
    assert (failed.score, failed.passed) == (0, False)
    assert not selectors.progress_of(enrolment).lesson_done(catalogue.checked)
    passed = services.check_submit(
        enrolment=enrolment, lesson=catalogue.checked, answers=answers_for(catalogue.checked)
    )
    assert (passed.score, passed.correct, passed.total, passed.passed) == (100, 2, 2, True)
    assert CheckAttempt.objects.filter(enrolment=enrolment).count() == 2
    assert selectors.progress_of(enrolment).lesson_done(catalogue.checked)


def test_the_pass_mark_decides(learner, catalogue):
    enrolment = services.enrolment_create(learner=learner, course=catalogue.essentials)
    questions = list(catalogue.checked.questions.all())
    half = answers_for(catalogue.checked)
    half[questions[1].pk] = next(c.pk for c in questions[1].choices.all() if not c.is_correct)
    attempt = services.check_submit(enrolment=enrolment, lesson=catalogue.checked, answers=half)
    assert (attempt.score, attempt.passed) == (50, True)  # the pass mark is 50%


def test_a_check_needs_every_answer_and_real_choices(learner, catalogue):
    enrolment = services.enrolment_create(learner=learner, course=catalogue.essentials)
    first = catalogue.checked.questions.first()
    with pytest.raises(services.LearningError, match="Answer every question: 1 of 2"):
        services.check_submit(
            enrolment=enrolment, lesson=catalogue.checked, answers={first.pk: first.choices.first().pk}
        )
    answers = answers_for(catalogue.checked)
    answers[first.pk] = catalogue.checked.questions.last().choices.first().pk  # a choice of another question
    with pytest.raises(services.LearningError, match="not a choice of its question"):
        services.check_submit(enrolment=enrolment, lesson=catalogue.checked, answers=answers)
    with pytest.raises(services.LearningError, match="no knowledge check"):
        services.check_submit(enrolment=enrolment, lesson=catalogue.intro, answers={})


def test_completion_needs_every_published_lesson(learner, catalogue):
    enrolment = services.enrolment_create(learner=learner, course=catalogue.essentials)
    services.lesson_complete(enrolment=enrolment, lesson=catalogue.intro)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    progress = selectors.progress_of(enrolment)
    assert (progress.done, progress.total, progress.percent) == (1, 2, 50)  # drafts do not count
    assert progress.next_lesson == catalogue.checked


def test_completion_adds_verified_skills_and_a_credential(learner, catalogue, complete_course):
    enrolment = complete_course(learner, catalogue.essentials)
    assert enrolment.completed_at is not None
    evidence = {(e.skill.slug, e.level, e.source) for e in SkillEvidence.objects.filter(learner=learner)}
    # The course claims gmp 3 and documentation 2; two quiz questions support awareness only.
    assert evidence == {("gmp", 1, "course_completion"), ("good-documentation-practice", 1, "course_completion")}
    verified = selectors.verified_skills(learner)
    assert [(slug, level) for slug, level, _ in verified] == [("gmp", 1), ("good-documentation-practice", 1)]
    assert "Completed the online course ‘GMP essentials’" in verified[0][2]
    assert selectors.completed_course_slugs(learner) == {"gmp-essentials"}
    credential = Credential.objects.get(learner=learner)
    assert credential.achievement_name == "GMP essentials"
    assert AuditEntry.objects.filter(action="learning.course.completed", subject=learner).exists()


def test_verified_skills_keep_the_highest_level(learner, catalogue, complete_course):
    complete_course(learner, catalogue.essentials)
    SkillEvidence.objects.create(
        learner=learner, skill=catalogue.gmp, source="course_completion", source_ref="elsewhere", level=3, detail="x"
    )
    assert {s: lvl for s, lvl, _ in selectors.verified_skills(learner)}["gmp"] == 3


def _ten_questions(lesson) -> None:
    for n in range(8):
        services.question_add(lesson=lesson, text=f"Question {n}?", choices=["Right", "Wrong"], correct=0)


def test_a_knowledge_check_of_ten_questions_supports_working_level(learner, catalogue, complete_course):
    _ten_questions(catalogue.checked)
    complete_course(learner, catalogue.essentials)
    levels = {e.skill.slug: e.level for e in SkillEvidence.objects.filter(learner=learner)}
    assert levels == {"gmp": 2, "good-documentation-practice": 2}  # never more than working level online
    narrative = Credential.objects.get(learner=learner).document["credentialSubject"]["achievement"]["criteria"]
    assert "10 multiple-choice questions in 1 online knowledge check, each passed at 50%" in narrative["narrative"]


def test_an_online_course_evidences_a_practical_skill_at_awareness_only(learner, catalogue, complete_course):
    from skillsnet.catalogue.models import CourseSkill, Skill

    aseptic = Skill.objects.create(slug="aseptic-technique", name="Aseptic technique", category="aseptic-cleanroom")
    CourseSkill.objects.create(course=catalogue.essentials, skill=aseptic, to_level=3, assumes_level=0)
    _ten_questions(catalogue.checked)
    complete_course(learner, catalogue.essentials)
    assert SkillEvidence.objects.get(learner=learner, skill=aseptic).level == 1


def test_an_example_course_issues_no_credential_and_no_evidence(learner, catalogue, complete_course):
    catalogue.essentials.example = True
    catalogue.essentials.save(update_fields=["example"])
    enrolment = complete_course(learner, catalogue.essentials)
    assert enrolment.completed_at is not None
    assert not SkillEvidence.objects.filter(learner=learner).exists()
    assert not Credential.objects.filter(learner=learner).exists()


def test_verified_skills_include_attendance_from_the_centres(learner, catalogue, complete_course, make_user):
    """Attendance recorded by a centre joins the online evidence; each skill keeps its highest level."""
    from datetime import timedelta

    from django.utils import timezone

    from skillsnet.catalogue.models import CourseSkill, Skill
    from skillsnet.centres import services as centres_services
    from skillsnet.centres.models import Centre, CourseRun, RunSession

    gowning_skill = Skill.objects.create(slug="cleanroom-gowning", name="Cleanroom gowning", category="technical")
    CourseSkill.objects.create(course=catalogue.gowning, skill=gowning_skill, to_level=2, assumes_level=0)
    CourseSkill.objects.create(course=catalogue.gowning, skill=catalogue.docs, to_level=3, assumes_level=0)
    centre = Centre.objects.create(
        slug="example-centre", name="Example Training Centre", organisation="Example Training Centre",
        address="1 Example Road, AB1 2CD", region="Example region", latitude=54.0, longitude=-2.0,
    )  # fmt: skip
    centre.courses.add(catalogue.gowning)
    now = timezone.now()
    start = (now + timedelta(days=10)).replace(hour=9, minute=30, second=0, microsecond=0)
    run = CourseRun.objects.create(
        course=catalogue.gowning, centre=centre, capacity=4,
        booking_opens_at=now - timedelta(days=1), booking_closes_at=start - timedelta(days=1),
    )  # fmt: skip
    session = RunSession.objects.create(run=run, starts_at=start, ends_at=start + timedelta(hours=7))
    complete_course(learner, catalogue.essentials)  # online, two questions: awareness (1) of each skill
    assert [(slug, level) for slug, level, _ in selectors.verified_skills(learner)] == [
        ("gmp", 1), ("good-documentation-practice", 1),
    ]  # fmt: skip

    booking = centres_services.booking_create(run=run, learner=learner, now=now)
    staff = make_user("staff@example.com")
    after = session.ends_at + timedelta(hours=1)
    centres_services.attendance_record(session=session, marks={booking.pk: "present"}, actor=staff, now=after)

    verified = selectors.verified_skills(learner)
    assert [(slug, level) for slug, level, _ in verified] == [
        ("good-documentation-practice", 3), ("cleanroom-gowning", 2), ("gmp", 1),
    ]  # fmt: skip
    details = {slug: detail for slug, _, detail in verified}
    assert details["cleanroom-gowning"].startswith("Attended Cleanroom gowning (practical) at Example Training Centre")
    assert details["good-documentation-practice"] == details["cleanroom-gowning"]
    assert selectors.verified_skills(make_user("someone-else@example.com")) == []


def test_completion_stands_without_a_signing_key_in_production(learner, catalogue, complete_course, settings):
    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.PRODUCTION = True
    enrolment = complete_course(learner, catalogue.essentials)
    assert enrolment.completed_at is not None
    assert not Credential.objects.filter(learner=learner).exists()
    assert selectors.verified_skills(learner)


def test_other_learners_progress_is_their_own(learner, other_learner, catalogue, complete_course):
    complete_course(learner, catalogue.essentials)
    assert selectors.completed_course_slugs(other_learner) == set()
    assert selectors.verified_skills(other_learner) == []


def test_completing_a_course_tells_the_providers_webhook(learner, catalogue, complete_course, monkeypatch):
    import json

    from skillsnet.orgkeys import webhooks
    from skillsnet.orgkeys.models import WebhookEndpoint

    sent = []
    monkeypatch.setattr(webhooks, "post", lambda url, body, headers: sent.append((url, body, headers)) or (204, ""))
    WebhookEndpoint.objects.create(
        role="provider", organisation=catalogue.essentials.provider.slug, url="https://hooks.example.org/in",
        secret="s3cret", events=["course.completed"],
    )  # fmt: skip
    complete_course(learner, catalogue.essentials)
    from skillsnet.orgkeys.models import WebhookDelivery

    delivery = WebhookDelivery.objects.get()
    webhooks.deliver(delivery_id=str(delivery.pk))  # the task runs on commit; here, by hand
    (_url, body, headers) = sent[-1]
    assert json.loads(body)["data"] == {"enrolment": delivery.payload["data"]["enrolment"], "course": "gmp-essentials"}
    assert webhooks.signature_valid("s3cret", headers["X-Skillsnet-Signature"], body)
