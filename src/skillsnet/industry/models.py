"""Employers, their vacancies, and the learners who agreed to be found by them.

An employer's staff are people with `RoleGrant(role=EMPLOYER, scope=<employer slug>)`; this app keeps no
membership table of its own. A vacancy names a catalogue role and copies the role's skills at creation
(`VacancySkill`), which the employer may then edit: the catalogue can change without changing a post.

Talent search is opt-in: a learner is discoverable only while they hold a `TalentConsent` that has not
been withdrawn, and an employer learns their name and email only when they accept a `ContactRequest`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from skillsnet.accounts.models import UKRegion
from skillsnet.catalogue.models import Role, Skill


class Employer(models.Model):
    slug = models.SlugField(max_length=100, unique=True, help_text="Staff hold the employer role with this scope.")
    name = models.CharField(max_length=200)
    region = models.CharField(max_length=20, choices=UKRegion.choices, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VacancyStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Vacancy(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="vacancies")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(max_length=200)
    location = models.CharField(max_length=200, help_text="Town or site, as the employer words it.")
    region = models.CharField(max_length=20, choices=UKRegion.choices)
    closing_date = models.DateField()
    description = models.TextField()
    status = models.CharField(max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["closing_date", "id"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["status", "closing_date"], name="industry_vacancy_open")]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"

    @property
    def is_open(self) -> bool:
        return self.status == VacancyStatus.OPEN and self.closing_date >= timezone.localdate()


class VacancySkill(models.Model):
    """A skill a vacancy asks for; copied from the role at creation, then the employer's to edit."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    essential = models.BooleanField(default=True)

    class Meta:
        ordering = ["-essential", "-level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "skill"], name="industry_vacancyskill_unique"),
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=4), name="industry_vacancyskill_level"),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy}: {self.skill} L{self.level}"


class TalentConsent(models.Model):
    """A learner's agreement to be found by employers. Withdrawn consents stay as the record of it."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_consents")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    statement_version = models.CharField(max_length=20, help_text="The version of the statement the learner saw.")

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"], condition=Q(withdrawn_at__isnull=True), name="industry_one_active_consent"
            )
        ]

    def __str__(self) -> str:
        state = "withdrawn" if self.withdrawn_at else "active"
        return f"Consent of {self.learner} ({state})"


class ContactStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the candidate"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class ContactRequest(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="contact_requests")
    employer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests")
    message = models.TextField()
    status = models.CharField(max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "candidate"], name="industry_one_request_per_vacancy"),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy} → {self.candidate} ({self.status})"
