"""Every write of online learning goes through here: keyword-only, typed, transactional.

Services raise `LearningError` (or `CredentialError`) with a sentence for the person; views show it as a
form error or a 4xx `{"detail": …}`.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.claims import is_practical, supported_level
from skillsnet.catalogue.models import LEVEL_LABELS, Course, Role, Skill
from skillsnet.learning import openbadges, selectors, signing, xapi
from skillsnet.learning.forwarding import forward_statement
from skillsnet.learning.models import (
    CheckAttempt,
    Choice,
    ContentStatus,
    Credential,
    Enrolment,
    EvidenceSource,
    LearnerIdentity,
    LearningPlan,
    Lesson,
    LessonFile,
    LessonProgress,
    Module,
    PlanItem,
    Question,
    SkillEvidence,
    Statement,
    Verb,
)
from skillsnet.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)


class LearningError(Exception):
    """A learning request that cannot be carried out; the message is for the person."""


class CredentialError(LearningError):
    """A credential cannot be issued or changed."""


def _titles(courses: Iterable[Course]) -> str:
    names = [f"‘{c.title}’" for c in courses]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def learner_identity(learner: User) -> LearnerIdentity:
    identity, _ = LearnerIdentity.objects.get_or_create(learner=learner)
    return identity


# ---------------------------------------------------------------- xAPI records


@transaction.atomic
def statement_record(
    *,
    learner: User,
    verb: Verb | str,
    activity: xapi.Activity,
    result: dict[str, Any] | None = None,
    parent: xapi.Activity | None = None,
    timestamp: datetime | None = None,
) -> Statement:
    """Store one xAPI statement about `learner` and, when an LRS is configured, forward it after commit.

    The centres app records `attended` through this too (with `xapi.Activity(..., type="meeting")`).
    """
    verb = Verb(verb)
    now = timezone.now()
    moment = timestamp or now
    if timezone.is_naive(moment):
        raise LearningError("Learning records need a timezone-aware time.")
    statement_id = uuid.uuid4()
    data = xapi.build_statement(
        statement_id=str(statement_id),
        actor_name=str(learner_identity(learner).opaque_id),
        verb=verb.value,
        activity=activity,
        timestamp=moment,
        stored=now,
        result=result,
        parent=parent,
    )
    statement = Statement.objects.create(
        id=statement_id, learner=learner, verb=verb.value, object_id=activity.id, timestamp=moment, data=data
    )
    from django.conf import settings

    if settings.XAPI_LRS_ENDPOINT:
        enqueue_on_commit(forward_statement, statement_id=str(statement_id))
    return statement


# ---------------------------------------------------------------- enrolment and progress


@transaction.atomic
def enrolment_create(*, learner: User, course: Course) -> Enrolment:
    """Enrol `learner` on `course` (idempotent) once its prerequisites are complete."""
    existing = Enrolment.objects.filter(learner=learner, course=course).first()
    if existing is not None:
        return existing
    if not selectors.course_has_content(course):
        raise LearningError(f"‘{course.title}’ has no online content to study yet.")
    missing = selectors.missing_prerequisites(learner, course)
    if missing:
        raise LearningError(f"Complete {_titles(missing)} before you enrol on ‘{course.title}’.")
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(learner=learner, course=course)
    except IntegrityError:
        # A double click: the other request enrolled first.
        return Enrolment.objects.get(learner=learner, course=course)
    statement_record(learner=learner, verb=Verb.REGISTERED, activity=xapi.course_activity(course))
    audit_log(
        action="learning.enrolment.created", actor=learner, subject=learner, obj=enrolment, data={"course": course.slug}
    )
    return enrolment


@transaction.atomic
def lesson_start(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """Note that the learner opened `lesson`; the first time is recorded as `launched`."""
    progress, created = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if created:
        course = enrolment.course
        statement_record(
            learner=enrolment.learner,
            verb=Verb.LAUNCHED,
            activity=xapi.lesson_activity(course, lesson.pk, lesson.title),
            parent=xapi.course_activity(course),
        )
    return progress


def _lesson_finished(enrolment: Enrolment, lesson: Lesson) -> None:
    progress, _ = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if progress.completed_at is not None:
        return
    progress.completed_at = timezone.now()
    progress.save(update_fields=["completed_at"])
    course = enrolment.course
    course_activity = xapi.course_activity(course)
    statement_record(
        learner=enrolment.learner,
        verb=Verb.COMPLETED,
        activity=xapi.lesson_activity(course, lesson.pk, lesson.title),
        result={"completion": True},
        parent=course_activity,
    )
    state = selectors.progress_of(enrolment)
    statement_record(
        learner=enrolment.learner,
        verb=Verb.PROGRESSED,
        activity=course_activity,
        result={"completion": state.all_done, "extensions": {xapi.PROGRESS_EXTENSION: state.percent}},
    )
    if state.all_done and enrolment.completed_at is None:
        _course_completed(enrolment)


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """Mark `lesson` done. A lesson with a knowledge check is done when the check is passed instead."""
    has_check = lesson.questions.exists()
    if has_check and not CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson, passed=True).exists():
        raise LearningError("Pass the knowledge check to complete this lesson.")
    _lesson_finished(enrolment, lesson)
    return LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)


@transaction.atomic
def check_submit(*, enrolment: Enrolment, lesson: Lesson, answers: Mapping[int, int]) -> CheckAttempt:
    """Score one attempt at `lesson`'s knowledge check; passing it completes the lesson."""
    questions = list(lesson.questions.prefetch_related("choices"))
    if not questions:
        raise LearningError("This lesson has no knowledge check.")
    unanswered = [q for q in questions if q.pk not in answers]
    if unanswered:
        raise LearningError(f"Answer every question: {len(unanswered)} of {len(questions)} have no answer.")
    correct = 0
    for question in questions:
        choice = next((c for c in question.choices.all() if c.pk == answers[question.pk]), None)
        if choice is None:
            raise LearningError("One of the answers is not a choice of its question. Reload the page and try again.")
        correct += choice.is_correct
    total = len(questions)
    score = round(100 * correct / total)
    passed = score >= lesson.pass_mark
    attempt = CheckAttempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        answers={str(q): a for q, a in answers.items() if q in {x.pk for x in questions}},
        correct=correct,
        total=total,
        score=score,
        passed=passed,
    )
    course = enrolment.course
    statement_record(
        learner=enrolment.learner,
        verb=Verb.PASSED if passed else Verb.FAILED,
        activity=xapi.check_activity(course, lesson.pk, lesson.title),
        result=xapi.scored_result(correct=correct, total=total, passed=passed),
        parent=xapi.course_activity(course),
    )
    if passed:
        _lesson_finished(enrolment, lesson)
    return attempt


def _course_completed(enrolment: Enrolment) -> None:
    """Completion: the date, verified skill evidence, a credential and the `completed` statement."""
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    course, learner = enrolment.course, enrolment.learner
    when = timezone.localdate(enrolment.completed_at)
    taught = list(course.skills_taught.select_related("skill"))
    assessment = course_assessment(course)
    # The evidence records the level the assessment supports, never more than the course claims
    # (catalogue/claims.py); an example course evidences nothing.
    supported = {
        link.skill.slug: supported_level(
            to_level=link.to_level,
            practical=is_practical(link.skill.slug, link.skill.category, link.skill.kind),
            mode=course.mode,
            questions=assessment.questions,
            example=course.example,
        )
        for link in taught
    }
    for link in taught:
        if supported[link.skill.slug] < 1:
            continue
        SkillEvidence.objects.get_or_create(
            learner=learner,
            skill=link.skill,
            source=EvidenceSource.COURSE_COMPLETION,
            source_ref=f"enrolment:{enrolment.pk}",
            defaults={
                "level": supported[link.skill.slug],
                "detail": f"Completed the online course ‘{course.title}’ on {when:%-d %B %Y}",
            },
        )
    statement_record(
        learner=learner,
        verb=Verb.COMPLETED,
        activity=xapi.course_activity(course),
        result={"completion": True, "success": True},
    )
    audit_log(
        action="learning.course.completed", actor=learner, subject=learner, obj=enrolment, data={"course": course.slug}
    )
    if course.example:
        # Example content is invented: completing it is no evidence of competence, so no credential.
        return
    try:
        with transaction.atomic():
            credential_issue(
                learner=learner,
                achievement_name=course.title,
                description=course.description,
                criteria=assessment.narrative(course, supported),
                skills=[link.skill for link in taught if supported[link.skill.slug] >= 1],
                skill_levels=supported,
                achievement_id=xapi.absolute(reverse("learning:course", args=[course.slug])),
                source_object=enrolment,
            )
    except CredentialError as exc:
        # The completion and the evidence stand; the credential can be issued once a key is configured.
        logger.warning("No credential for enrolment %s: %s", enrolment.pk, exc)


# ---------------------------------------------------------------- credentials


@dataclass(frozen=True)
class Assessment:
    """How an online course is assessed: its published knowledge checks."""

    checks: int
    questions: int
    pass_marks: tuple[int, ...]

    def narrative(self, course: Course, supported: Mapping[str, int]) -> str:
        """The credential's criteria: what was assessed, how, the pass mark and the level each skill gets."""
        if self.checks:
            marks = "/".join(f"{mark}%" for mark in self.pass_marks)
            how = (
                f"{self.questions} multiple-choice question{'s' if self.questions != 1 else ''} in "
                f"{self.checks} online knowledge check{'s' if self.checks != 1 else ''}, each passed at {marks}"
            )
        else:
            how = "no assessed knowledge check: completion of every lesson only"
        levels = "; ".join(
            f"{link.skill.name}: {LEVEL_LABELS.get(supported.get(link.skill.slug, 0), '?')}"
            f" ({supported.get(link.skill.slug, 0)} of 4)"
            for link in course.skills_taught.select_related("skill").order_by("skill__name")
        )
        return (
            f"Completed every lesson of the online course ‘{course.title}’ from {course.provider.name}. "
            f"Assessment: {how}. An online assessment cannot observe practical work, so practical skills are "
            f"recorded at awareness at most. Level the evidence supports: {levels}."
        )


def course_assessment(course: Course) -> Assessment:
    """The course's published knowledge checks (lessons with questions), as its credential states them."""
    lessons = (
        Lesson.objects.filter(
            module__course=course, module__status=ContentStatus.PUBLISHED, status=ContentStatus.PUBLISHED
        )
        .annotate(question_count=Count("questions"))
        .filter(question_count__gt=0)
    )
    counts = [(lesson.question_count, lesson.pass_mark) for lesson in lessons]
    return Assessment(
        checks=len(counts),
        questions=sum(n for n, _ in counts),
        pass_marks=tuple(sorted({mark for _, mark in counts})),
    )


def _aligned(skills: Sequence[Skill | str], levels: Mapping[str, int] | None = None) -> list[openbadges.AlignedSkill]:
    slugs = [s for s in skills if isinstance(s, str)]
    rows = [s for s in skills if isinstance(s, Skill)]
    if slugs:
        found = {s.slug: s for s in Skill.objects.filter(slug__in=slugs)}
        unknown = sorted(set(slugs) - found.keys())
        if unknown:
            raise CredentialError(f"Unknown skills: {', '.join(unknown)}.")
        rows.extend(found[s] for s in slugs)
    aligned = []
    for skill in rows:
        level = (levels or {}).get(skill.slug)
        note = f"Level the assessment supports: {LEVEL_LABELS.get(level, '?')} ({level} of 4)" if level else ""
        if skill.esco_uri:
            aligned.append(openbadges.AlignedSkill(skill.name, skill.esco_uri, skill.esco_uri, "ESCO", note))
        else:
            url = xapi.absolute(reverse("catalogue:skill", args=[skill.slug]))
            aligned.append(openbadges.AlignedSkill(skill.name, url, skill.slug, "skillsnet skills", note))
    return aligned


@transaction.atomic
def credential_issue(
    *,
    learner: User,
    achievement_name: str,
    description: str,
    skills: Sequence[Skill | str],
    expires_at: datetime | None = None,
    source_object: models.Model | None = None,
    criteria: str = "",
    achievement_id: str = "",
    skill_levels: Mapping[str, int] | None = None,
) -> Credential:
    """Issue an Open Badges 3.0 credential to `learner`, signed as a VC-JWT with the platform's key.

    Generic: online completions call it, and so can practical qualifications (pass `expires_at` for a
    sign-off that must be renewed). `skills` are Skill rows or slugs; each is aligned to its ESCO URI.
    Idempotent per `source_object`: a second call returns the credential already issued for it.
    """
    if not achievement_name.strip():
        raise CredentialError("A credential needs the name of the achievement.")
    now = timezone.now().replace(microsecond=0)
    if expires_at is not None and (timezone.is_naive(expires_at) or expires_at <= timezone.now()):
        raise CredentialError("The expiry of a credential must be a timezone-aware time in the future.")
    source_type = source_object._meta.label_lower if source_object is not None else ""
    source_id = str(source_object.pk) if source_object is not None else ""
    if source_type:
        existing = Credential.objects.filter(source_type=source_type, source_id=source_id).first()
        if existing is not None:
            return existing
    aligned = _aligned(skills, skill_levels)
    try:
        signing.private_key()
    except signing.SigningKeyMissing as exc:
        raise CredentialError(str(exc)) from None
    credential_id = uuid.uuid4()
    identity = learner_identity(learner)
    document = openbadges.credential_document(
        credential_id=str(credential_id),
        subject_id=f"urn:uuid:{identity.opaque_id}",
        identity=openbadges.email_identity(learner.email, secrets.token_hex(8)),
        achievement_id=achievement_id or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, achievement_name)}",
        achievement_name=achievement_name.strip(),
        description=description.strip(),
        criteria=criteria.strip(),
        skills=aligned,
        valid_from=now,
        valid_until=expires_at,
    )
    token = signing.sign(openbadges.jwt_claims(document, now, expires_at))
    credential = Credential.objects.create(
        id=credential_id,
        learner=learner,
        achievement_name=achievement_name.strip(),
        description=description.strip(),
        issued_at=now,
        expires_at=expires_at,
        source_type=source_type,
        source_id=source_id,
        document=document,
        jwt=token,
    )
    audit_log(
        action="learning.credential.issued",
        subject=learner,
        obj=credential,
        data={"achievement": credential.achievement_name, "source": f"{source_type}:{source_id}"},
    )
    return credential


@transaction.atomic
def credential_revoke(*, credential: Credential, actor: User | None, reason: str) -> Credential:
    """Revoke `credential`; verification reports it as revoked from now on."""
    reason = reason.strip()
    if not reason:
        raise CredentialError("Give the reason for revoking the credential: the verification page shows it.")
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at is not None:
        raise CredentialError("This credential is already revoked.")
    credential.revoked_at = timezone.now()
    credential.revocation_reason = reason[:300]
    credential.save(update_fields=["revoked_at", "revocation_reason"])
    audit_log(
        action="learning.credential.revoked",
        actor=actor,
        subject=credential.learner,
        obj=credential,
        data={"reason": credential.revocation_reason},
    )
    return credential


# ---------------------------------------------------------------- learning plans


def _renumber(plan: LearningPlan, ordered: list[PlanItem]) -> None:
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def plan_create(*, learner: User, target_role: Role | None = None, target_date: date | None = None) -> LearningPlan:
    """Start a new active plan; the learner's previous active plan (if any) is kept, inactive."""
    if target_date is not None and target_date < timezone.localdate():
        raise LearningError("The target date must be today or later.")
    LearningPlan.objects.filter(learner=learner, is_active=True).update(is_active=False)
    plan = LearningPlan.objects.create(learner=learner, target_role=target_role, target_date=target_date)
    audit_log(
        action="learning.plan.created",
        actor=learner,
        subject=learner,
        obj=plan,
        data={"role": target_role.slug if target_role else ""},
    )
    return plan


@transaction.atomic
def plan_item_add(
    *, plan: LearningPlan, course: Course, run_id: int | None = None, starts: date | None = None
) -> PlanItem:
    if plan.items.filter(course=course).exists():
        raise LearningError(f"‘{course.title}’ is already in your plan.")
    last = plan.items.aggregate(last=Max("position"))["last"]
    return PlanItem.objects.create(
        plan=plan, course=course, run_id=run_id, starts=starts, position=0 if last is None else last + 1
    )


@transaction.atomic
def plan_item_remove(*, item: PlanItem) -> None:
    plan = item.plan
    item.delete()
    _renumber(plan, list(plan.items.order_by("position", "id")))


@transaction.atomic
def plan_item_move(*, item: PlanItem, direction: str) -> PlanItem:
    """Swap `item` with its neighbour above (`up`) or below (`down`); a move past either end is a no-op."""
    if direction not in {"up", "down"}:
        raise LearningError("Move a step up or down.")
    ordered = list(item.plan.items.select_for_update().order_by("position", "id"))
    index = next(i for i, row in enumerate(ordered) if row.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(item.plan, ordered)
    return next(row for row in ordered if row.pk == item.pk)


@transaction.atomic
def learning_plan_from_steps(
    *, learner: User, role_slug: str, steps: Sequence[Mapping[str, Any] | Any], target_date: date | None = None
) -> LearningPlan:
    """Create the learner's active plan from a Career Converter plan in one go.

    `steps` are dicts (or objects with these attributes) with `course` (a course slug), optional `run_id`
    (an on-site run) and optional `starts` (a date), in the order to take them. Unknown roles or courses
    raise `LearningError`.
    """
    role = Role.objects.filter(slug=role_slug).first()
    if role is None:
        raise LearningError(f"There is no role with the slug ‘{role_slug}’.")
    slugs = [str(_step_value(step, "course") or "") for step in steps]
    courses = {c.slug: c for c in Course.objects.filter(slug__in=slugs)}
    unknown = [s or "(no course)" for s in slugs if s not in courses]
    if unknown:
        raise LearningError(f"These courses do not exist: {', '.join(unknown)}.")
    plan = plan_create(learner=learner, target_role=role, target_date=target_date)
    seen: set[str] = set()
    for step, slug in zip(steps, slugs, strict=True):
        if slug in seen:
            continue
        seen.add(slug)
        starts = _step_value(step, "starts")
        if starts is not None and not isinstance(starts, date):
            raise LearningError(f"The start of ‘{slug}’ must be a date.")
        run_id = _step_value(step, "run_id")
        try:
            run = int(run_id) if run_id not in (None, "") else None
        except (TypeError, ValueError):
            raise LearningError(f"The run chosen for ‘{slug}’ is not a run id.") from None
        plan_item_add(plan=plan, course=courses[slug], run_id=run, starts=starts)
    return plan


def _step_value(step: Mapping[str, Any] | Any, key: str) -> Any:
    # The Converter hands over its engine's plan steps (objects); other callers pass dicts.
    return step.get(key) if isinstance(step, Mapping) else getattr(step, key, None)


# ---------------------------------------------------------------- authoring (training-provider staff)


@transaction.atomic
def module_save(
    *, course: Course, title: str, summary: str = "", status: str = ContentStatus.DRAFT, module: Module | None = None
) -> Module:
    if module is None:
        last = Module.objects.filter(course=course).aggregate(last=Max("position"))["last"]
        return Module.objects.create(
            course=course, title=title, summary=summary, status=status, position=0 if last is None else last + 1
        )
    module.title, module.summary, module.status = title, summary, status
    module.save(update_fields=["title", "summary", "status"])
    return module


@transaction.atomic
def lesson_save(
    *,
    module: Module,
    title: str,
    body: str = "",
    video_url: str = "",
    status: str = ContentStatus.DRAFT,
    pass_mark: int = 70,
    lesson: Lesson | None = None,
) -> Lesson:
    if not 1 <= pass_mark <= 100:
        raise LearningError("The pass mark must be between 1 and 100 per cent.")
    if lesson is None:
        last = Lesson.objects.filter(module=module).aggregate(last=Max("position"))["last"]
        return Lesson.objects.create(
            module=module,
            title=title,
            body=body,
            video_url=video_url,
            status=status,
            pass_mark=pass_mark,
            position=0 if last is None else last + 1,
        )
    lesson.title, lesson.body, lesson.video_url = title, body, video_url
    lesson.status, lesson.pass_mark = status, pass_mark
    lesson.save(update_fields=["title", "body", "video_url", "status", "pass_mark"])
    return lesson


ALLOWED_FILE_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "png", "jpg", "jpeg"}
MAX_FILE_BYTES = 20 * 1024 * 1024


@transaction.atomic
def lesson_file_add(*, lesson: Lesson, title: str, upload: UploadedFile[Any]) -> LessonFile:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_FILE_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_FILE_EXTENSIONS))
        raise LearningError(f"The file must be one of these types: {allowed}.")
    if upload.size is None or upload.size > MAX_FILE_BYTES:
        raise LearningError("The file must be smaller than 20 MB.")
    return LessonFile.objects.create(lesson=lesson, title=title.strip() or name, file=upload)


@transaction.atomic
def lesson_file_delete(*, lesson_file: LessonFile) -> None:
    stored = lesson_file.file
    lesson_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def question_add(*, lesson: Lesson, text: str, choices: Sequence[str], correct: int, explanation: str = "") -> Question:
    """Add a multiple-choice question; `correct` is the index of the right answer in `choices`."""
    options = [c.strip() for c in choices if c.strip()]
    if len(options) < 2:
        raise LearningError("A question needs at least two answers to choose from.")
    if not 0 <= correct < len(options):
        raise LearningError("Choose which answer is correct.")
    last = Question.objects.filter(lesson=lesson).aggregate(last=Max("position"))["last"]
    question = Question.objects.create(
        lesson=lesson, text=text.strip(), explanation=explanation.strip(), position=0 if last is None else last + 1
    )
    Choice.objects.bulk_create(
        Choice(question=question, text=option, is_correct=i == correct, position=i) for i, option in enumerate(options)
    )
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    question.delete()
