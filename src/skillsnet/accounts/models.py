"""Users and their roles.

Every person signs in with an email address. Roles are first-class rows, not Django groups: a role
can be scoped to one organisation or centre (`scope` holds that object's slug), so "centre staff at
RoslinCT" and "centre staff at Stevenage" are different grants. Everyone with an account is a learner.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone

from skillsnet.accounts.emails import normalise_email


class Role(models.TextChoices):
    LEARNER = "learner", "Learner"
    PROVIDER_STAFF = "provider_staff", "Training-provider staff"
    CENTRE_STAFF = "centre_staff", "Training-centre staff"
    EMPLOYER = "employer", "Employer"
    PROGRAMME_ADMIN = "programme_admin", "Programme admin"


# Roles that only make sense for one organisation or centre.
SCOPED_ROLES = frozenset({Role.PROVIDER_STAFF, Role.CENTRE_STAFF, Role.EMPLOYER})


class UKRegion(models.TextChoices):
    """The twelve UK nations and English regions (ONS ITL1), for where a person lives or a job is."""

    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire-humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST_OF_ENGLAND = "east-of-england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


REGION_NOT_GIVEN = "Not given"


def region_label(value: str | None) -> str:
    """The label of a `UKRegion` value ("Not given" for a blank or unknown one)."""
    try:
        return str(UKRegion(value or "").label)
    except ValueError:
        return REGION_NOT_GIVEN


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # Addresses are stored normalised; the lookup is case-insensitive as well, so an account stored
        # with capitals before normalisation (or by hand) still signs in.
        normalised = normalise_email(username)
        try:
            return self.get(email__iexact=normalised)
        except self.model.DoesNotExist:
            legacy = (username or "").strip().lower()  # lower() and casefold() differ beyond ASCII (ß)
            if legacy == normalised:
                raise
            return self.get(email__iexact=legacy)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    region = models.CharField(
        "where in the UK they live", max_length=20, choices=UKRegion.choices, blank=True, db_index=True
    )
    is_staff = models.BooleanField(default=False, help_text="Can sign in to the Django admin.")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class RoleGrant(models.Model):
    """One role held by one user, optionally for one organisation or centre (its slug)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=32, choices=Role.choices)
    scope = models.SlugField(
        max_length=100,
        blank=True,
        help_text="Slug of the organisation or centre this role is for; empty for programme-wide roles.",
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "scope"], name="accounts_rolegrant_unique"),
        ]
        ordering = ["user_id", "role", "scope"]

    def __str__(self) -> str:
        label = Role(self.role).label
        return f"{self.user} — {label}{f' ({self.scope})' if self.scope else ''}"


class AuditEntry(models.Model):
    """One security event or change to seats, credentials, consents or personal data.

    `action` is a dotted code (`centres.booking.cancelled`, `accounts.user.registered`); `subject` is the
    person the entry is about (they can see it), `actor` who did it (None for the system).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=100, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_actions")
    subject = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries")
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class OutboundEmail(models.Model):
    """An email sent under an idempotency key (`centres.booking.42.confirmed`): a retried task that finds
    its key here has already sent it and sends nothing. See `skillsnet.tasks.send_email`."""

    key = models.CharField(max_length=200, unique=True)
    to = models.TextField(help_text="Recipients, comma-separated.")
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
