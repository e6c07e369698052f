"""The role ↔ skill ↔ course graph that every part of the service shares.

Skills and source occupations come from two origins: the curated dataset in `data/` (our own words,
the roles' requirements) and the ESCO import (all 13,896 ESCO skills and 3,007 occupations). A curated
skill that carries an ESCO URI *is* that ESCO skill: the import enriches it instead of duplicating it.

Proficiency levels run 0–4 (none, awareness, working, practitioner, expert).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from skillsnet.catalogue.requirements import validate_requirement_codes


class Origin(models.TextChoices):
    CURATED = "curated", "Curated dataset"
    ESCO = "esco", "ESCO import"


class SkillKind(models.TextChoices):
    KNOWLEDGE = "knowledge", "Knowledge"
    SKILL = "skill", "Skill"
    BEHAVIOUR = "behaviour", "Behaviour"


class RoleFamily(models.TextChoices):
    MANUFACTURING = "manufacturing", "Manufacturing"
    QUALITY_CONTROL = "quality-control", "Quality control"
    QUALITY_ASSURANCE = "quality-assurance", "Quality assurance"
    DEVELOPMENT = "development", "Process and analytical development"
    ENGINEERING = "engineering", "Engineering"
    DIGITAL_DATA = "digital-data", "Digital and data"
    SUPPLY_CHAIN = "supply-chain", "Supply chain"
    REGULATORY = "regulatory", "Regulatory"
    CLINICAL = "clinical", "Clinical"


class CourseMode(models.TextChoices):
    ONLINE = "online", "Online"
    ON_SITE = "on-site", "On-site"
    BLENDED = "blended", "Blended"


class CourseStatus(models.TextChoices):
    """Where a course is in the programme team's review (docs/ARCHITECTURE.md, "Providers publish")."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    PUBLISHED = "published", "Published"


class CourseSource(models.TextChoices):
    DATASET = "dataset", "Curated dataset (data/courses.yaml)"
    PROVIDER = "provider", "Published by the provider"


LEVEL_LABELS = {0: "None", 1: "Awareness", 2: "Working", 3: "Practitioner", 4: "Expert"}
level_field_validators = [MinValueValidator(0), MaxValueValidator(4)]


def search_text_of(*labels: str | list[str]) -> str:
    """The lower-cased labels joined by " | ": what skill and occupation search matches against.

    Bulk writers (the dataset loader, the ESCO import) fill `search_text` with this; `save()` keeps it
    current for single edits such as the admin's.
    """
    flat: list[str] = []
    for label in labels:
        flat.extend([label] if isinstance(label, str) else label)
    seen: dict[str, None] = {}
    for label in flat:
        cleaned = " ".join(label.lower().replace("|", " ").split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return " | ".join(seen)


def _with_search_text(update_fields: Any, sources: set[str]) -> Any:
    if update_fields is None or not sources.intersection(update_fields):
        return update_fields
    return {*update_fields, "search_text"}


class CatalogueVersion(models.Model):
    """One row whose number every catalogue write increases: the engine snapshot's cache key."""

    version = models.PositiveBigIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"catalogue v{self.version}"


class Sector(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=SkillKind.choices, default=SkillKind.SKILL)
    category = models.SlugField(max_length=60, blank=True)
    generic = models.BooleanField(
        default=False,
        help_text="A general-purpose skill people in almost any job hold (a behaviour, numeracy, customer service…);"
        " it transfers only to other generic skills.",
    )
    esco_uri = models.URLField(max_length=255, null=True, blank=True, unique=True)
    alt_labels = models.JSONField(default=list, blank=True, help_text="Synonyms used for search and for reading CVs.")
    esco_alt_labels = models.JSONField(default=list, blank=True, help_text="Alternative labels from ESCO (import).")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.CURATED, db_index=True)
    search_text = models.TextField(blank=True, editable=False, help_text="Lower-cased name and labels, for search.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_text_of(self.name, self.alt_labels, self.esco_alt_labels)
        kwargs["update_fields"] = _with_search_text(
            kwargs.get("update_fields"), {"name", "alt_labels", "esco_alt_labels"}
        )
        super().save(*args, **kwargs)


class SkillTransfer(models.Model):
    """How much of a skill someone holds carries over to another skill the industry needs."""

    from_skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="transfers_out")
    to_skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="transfers_in")
    credit = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    rationale = models.CharField(max_length=300)

    class Meta:
        ordering = ["from_skill__slug", "to_skill__slug"]
        constraints = [
            models.UniqueConstraint(fields=["from_skill", "to_skill"], name="catalogue_transfer_unique"),
            models.CheckConstraint(condition=~Q(from_skill=models.F("to_skill")), name="catalogue_transfer_not_self"),
            models.CheckConstraint(condition=Q(credit__gte=0) & Q(credit__lte=1), name="catalogue_transfer_credit_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.from_skill} → {self.to_skill} ({self.credit:.2f})"


class BridgeMethod(models.TextChoices):
    IDENTITY = "identity", "Identity (the curated skill's own ESCO URI)"
    HIERARCHY = "hierarchy", "ESCO hierarchy (a narrower skill)"
    LABEL = "label", "Label match"
    RELATED = "related", "ESCO skill–skill relation"
    MANUAL = "manual", "Added by a reviewer"


class EscoSkillLink(models.Model):
    """How far holding an ESCO skill counts as holding a curated skill: the ESCO → curated bridge.

    Loaded from data/esco_bridge.csv by the ESCO import (see docs/decisions/0006-esco-bridge.md). Many
    ESCO skills may link to one curated skill and one ESCO skill to several, each with a strength 0–1.
    `esco_skill` is the row holding the ESCO URI: an ESCO-origin skill, or the curated row itself when the
    curated skill carries that URI (method identity).
    """

    esco_skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="bridge_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="bridged_from")
    strength = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    method = models.CharField(max_length=10, choices=BridgeMethod.choices)
    reviewed = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["esco_skill__name", "skill__slug"]
        verbose_name = "ESCO skill link"
        constraints = [
            models.UniqueConstraint(fields=["esco_skill", "skill"], name="catalogue_escolink_unique"),
            models.CheckConstraint(
                condition=Q(strength__gte=0) & Q(strength__lte=1), name="catalogue_escolink_strength_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.esco_skill} → {self.skill} ({self.strength:.2f}, {self.method})"


class Role(models.Model):
    """A job in the advanced-therapy and vaccine-manufacturing industry."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    family = models.CharField(max_length=32, choices=RoleFamily.choices, db_index=True)
    description = models.TextField()
    entry_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2), MaxValueValidator(8)], help_text="England's RQF level (2–8)."
    )
    entry_routes = models.JSONField(default=list, blank=True)
    apprenticeship_standards = models.JSONField(default=list, blank=True, help_text="IfATE codes such as ST1406.")
    soc_code = models.CharField("UK SOC 2020 code", max_length=8, blank=True)
    esco_uri = models.URLField(max_length=255, blank=True)
    shortage = models.BooleanField(default=False)
    shortage_source = models.CharField(max_length=300, blank=True)
    entry_requirements = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_requirement_codes],
        help_text="Hard requirements an employer rejects an applicant without (codes in catalogue/requirements.py).",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class RoleSkill(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_requirements")
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    essential = models.BooleanField(default=True)

    class Meta:
        ordering = ["-essential", "-level", "skill__name"]
        constraints = [models.UniqueConstraint(fields=["role", "skill"], name="catalogue_roleskill_unique")]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill} L{self.level}"


class SourceOccupation(models.Model):
    """A job people come from (curated, or any ESCO occupation after the import)."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=255)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="occupations")
    alt_titles = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    esco_uri = models.URLField(max_length=255, null=True, blank=True, unique=True)
    soc_code = models.CharField("UK SOC 2020 code", max_length=8, blank=True)
    isco_code = models.CharField(max_length=16, blank=True)
    credentials = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_requirement_codes],
        help_text="Entry requirements that holding this job implies, such as NMC registration for a nurse.",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.CURATED, db_index=True)
    job_titles = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="UK job titles people type for it, from data/job_titles.yaml (search only).",
    )
    search_text = models.TextField(
        blank=True, editable=False, help_text="Lower-cased title, alternative titles and job titles."
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_text_of(self.title, self.alt_titles, self.job_titles)
        kwargs["update_fields"] = _with_search_text(kwargs.get("update_fields"), {"title", "alt_titles", "job_titles"})
        super().save(*args, **kwargs)


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(SourceOccupation, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="occupation_links")
    level = models.PositiveSmallIntegerField(validators=level_field_validators)
    essential = models.BooleanField(default=True)

    class Meta:
        ordering = ["-essential", "-level", "skill__name"]
        constraints = [models.UniqueConstraint(fields=["occupation", "skill"], name="catalogue_occskill_unique")]

    def __str__(self) -> str:
        return f"{self.occupation}: {self.skill} L{self.level}"


class Provider(models.Model):
    """An organisation that provides training courses (industry drives the content)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    example = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Example content: a fictional provider for demonstrations, hidden in production.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="courses")
    mode = models.CharField(max_length=10, choices=CourseMode.choices, db_index=True)
    hours = models.DecimalField(max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])
    cost = models.DecimalField(max_digits=8, decimal_places=2, default=0, help_text="Pounds; 0 means free.")
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(8)], help_text="RQF level of the course."
    )
    description = models.TextField()
    outcomes = models.JSONField(default=list, blank=True)
    prerequisites = models.ManyToManyField(
        "self", through="CoursePrerequisite", symmetrical=False, related_name="required_by", blank=True
    )
    example = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Example content: an invented course for demonstrations. It issues no credential and is"
        " hidden when SKILLSNET_SHOW_EXAMPLE_CONTENT is off.",
    )
    # Publishing: the dataset loader owns `dataset` courses; providers own the ones they publish on the site.
    source = models.CharField(max_length=10, choices=CourseSource.choices, default=CourseSource.DATASET)
    status = models.CharField(
        max_length=10, choices=CourseStatus.choices, default=CourseStatus.PUBLISHED, db_index=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    pending_changes = models.JSONField(
        null=True,
        blank=True,
        help_text="A provider's changes to a published course, waiting for review; the public sees the published"
        " version until they are approved.",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_free(self) -> bool:
        return self.cost == 0


class CourseSkill(models.Model):
    """A skill a course raises: to `to_level`, assuming the learner starts at `assumes_level`."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="skills_taught")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="taught_by")
    to_level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    assumes_level = models.PositiveSmallIntegerField(default=0, validators=[MinValueValidator(0), MaxValueValidator(3)])

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="catalogue_courseskill_unique"),
            models.CheckConstraint(
                condition=Q(assumes_level__lt=models.F("to_level")), name="catalogue_courseskill_raises"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course}: {self.skill} {self.assumes_level}→{self.to_level}"


class CoursePrerequisite(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="prerequisite_links")
    requires = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="required_by_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "requires"], name="catalogue_prereq_unique"),
            models.CheckConstraint(condition=~Q(course=models.F("requires")), name="catalogue_prereq_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.course} requires {self.requires}"


class CareerRoute(models.Model):
    """Where people from one ISCO-08 group of jobs usually start in the industry (data/career_routes.yaml):
    the roles a recruiter would put first for them. A previous job takes the route of its longest ISCO prefix."""

    isco = models.CharField("ISCO-08 prefix", max_length=4, unique=True)
    name = models.CharField(max_length=200)
    roles = models.JSONField(default=list, help_text="Role slugs, most usual first.")
    rationale = models.CharField(max_length=300)

    class Meta:
        ordering = ["isco"]

    def __str__(self) -> str:
        return f"{self.isco} {self.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.isco.isascii() and self.isco.isdigit()):
            errors["isco"] = "Give an ISCO-08 code prefix: one to four digits."
        roles = self.roles if isinstance(self.roles, list) else None
        if not roles or not all(isinstance(slug, str) for slug in roles):
            errors["roles"] = 'Give a list of role slugs, such as ["gmp-production-operative"].'
        else:
            unknown = sorted(set(roles) - set(Role.objects.filter(slug__in=roles).values_list("slug", flat=True)))
            if unknown:
                errors["roles"] = f"Unknown role(s): {', '.join(unknown)}."
        if errors:
            raise ValidationError(errors)
