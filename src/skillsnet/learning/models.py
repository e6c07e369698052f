"""Online learning: course content, enrolment and progress, skill evidence, plans, credentials, records.

Content hangs off the catalogue's `Course`: a course has ordered modules, a module ordered lessons. A
lesson may carry files and a knowledge check (its questions). Modules and lessons are drafts until the
provider publishes them; learners only ever see published content inside published modules.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from skillsnet.catalogue.models import Course, Role, Skill, level_field_validators


class ContentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=ContentStatus.choices, default=ContentStatus.DRAFT)

    class Meta:
        ordering = ["course_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.course}: {self.title}"


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown. Headings, lists, links, tables and emphasis are kept.")
    video_url = models.URLField(
        "video link", blank=True, help_text="A link to a video (shown as a link, not embedded)."
    )
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=ContentStatus.choices, default=ContentStatus.DRAFT)
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percentage of questions to answer correctly to pass the knowledge check, if it has one.",
    )

    class Meta:
        ordering = ["module_id", "position", "id"]

    def __str__(self) -> str:
        return self.title


def lesson_file_path(instance: LessonFile, filename: str) -> str:
    # A random folder per file: names never collide and are never guessable from the lesson.
    return f"learning/lesson-files/{uuid.uuid4().hex}/{filename}"


class LessonFile(models.Model):
    """A download for a lesson. Served through a view that checks access, never from a public media URL."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=lesson_file_path, max_length=300)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["lesson_id", "title", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One multiple-choice question of a lesson's knowledge check (exactly one correct choice)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=500)
    explanation = models.TextField(blank=True, help_text="Shown after an attempt: why the right answer is right.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["lesson_id", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question_id", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Enrolment(models.Model):
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="learning_enrolment_unique")]

    def __str__(self) -> str:
        return f"{self.learner} on {self.course}"


class LessonProgress(models.Model):
    """A learner has opened a lesson (`started_at`) and perhaps finished it (`completed_at`)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_progress_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.lesson}"


class CheckAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attempts")
    answers = models.JSONField(default=dict, help_text="Question id → chosen choice id.")
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(help_text="Percentage correct, 0–100.")
    passed = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.lesson} {self.score}%"


class EvidenceSource(models.TextChoices):
    COURSE_COMPLETION = "course_completion", "Online course completed"
    ATTENDANCE = "attendance", "Attended an on-site course"


class SkillEvidence(models.Model):
    """A skill level the platform has verified for a learner, and how."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_evidence")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="evidence")
    level = models.PositiveSmallIntegerField(validators=level_field_validators)
    source = models.CharField(max_length=20, choices=EvidenceSource.choices)
    source_ref = models.CharField(max_length=120, help_text="What produced it, e.g. the enrolment id.")
    detail = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "skill", "source", "source_ref"], name="learning_evidence_unique"
            )
        ]
        verbose_name_plural = "skill evidence"

    def __str__(self) -> str:
        return f"{self.learner}: {self.skill} L{self.level}"


class LearningPlan(models.Model):
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_plans")
    target_role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    target_date = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"], condition=Q(is_active=True), name="learning_one_active_plan_per_learner"
            )
        ]

    def __str__(self) -> str:
        return f"Plan of {self.learner}"


class PlanItem(models.Model):
    """One course in a plan. Its status (not started … completed) is derived, never stored."""

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="items")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    run_id = models.PositiveIntegerField(null=True, blank=True, help_text="An on-site run chosen for this step.")
    starts = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "course"], name="learning_planitem_unique")]

    def __str__(self) -> str:
        return f"{self.plan}: {self.position}. {self.course}"


class LearnerIdentity(models.Model):
    """The opaque id that stands for a learner outside the platform (xAPI actor, credential subject).

    Records and credentials leave the platform; an email address or a database id in them would leak
    personal data or let outsiders count accounts.
    """

    learner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_identity")
    opaque_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name_plural = "learner identities"

    def __str__(self) -> str:
        return str(self.opaque_id)


class Credential(models.Model):
    """An Open Badges 3.0 credential: the signed VC-JWT as issued, and its revocation state."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credentials")
    achievement_name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)
    source_type = models.CharField(max_length=60, blank=True, help_text="What earned it, e.g. learning.enrolment.")
    source_id = models.CharField(max_length=64, blank=True)
    document = models.JSONField(help_text="The credential (unsigned JSON) exactly as signed.")
    jwt = models.TextField("VC-JWT", help_text="The signed credential (compact JWS).")

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=~Q(source_type=""),
                name="learning_one_credential_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.achievement_name} ({self.learner})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Verb(models.TextChoices):
    """xAPI verbs the platform records (ADL vocabulary)."""

    REGISTERED = "registered", "registered"
    LAUNCHED = "launched", "launched"
    PROGRESSED = "progressed", "progressed"
    COMPLETED = "completed", "completed"
    PASSED = "passed", "passed"
    FAILED = "failed", "failed"
    ATTENDED = "attended", "attended"


class Statement(models.Model):
    """One xAPI 1.0.3 statement about a learner; `data` is the statement exactly as exported."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_statements")
    verb = models.CharField(max_length=20, choices=Verb.choices)
    object_id = models.CharField(max_length=500)
    timestamp = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField()
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forward_attempts = models.PositiveSmallIntegerField(default=0)
    forward_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["timestamp", "id"]

    def __str__(self) -> str:
        return f"{self.learner} {self.verb} {self.object_id}"
