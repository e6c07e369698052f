"""API keys for organisations: a provider, a centre or an employer calls the API as itself, not as a person.

A key is shown once when it is made (`sk_<prefix>_<secret>`); only the prefix (to find it) and the SHA-256 of
the whole key (to check it) are stored. Each key has a role and organisation (the scope of the staff grant
that made it), a list of scopes (what it may do), an expiry and a per-minute rate limit; it can be revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class KeyRole(models.TextChoices):
    PROVIDER = "provider", "Training provider"
    CENTRE = "centre", "Training centre"
    EMPLOYER = "employer", "Employer"


# What each kind of organisation's key may be allowed to do.
SCOPES: dict[str, tuple[str, ...]] = {
    KeyRole.PROVIDER: ("courses:read", "courses:write"),
    KeyRole.CENTRE: ("runs:write", "bookings:read"),
    KeyRole.EMPLOYER: ("vacancies:read",),
}


class ApiKey(models.Model):
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    role = models.CharField(max_length=10, choices=KeyRole.choices)
    organisation = models.SlugField(max_length=80, help_text="The provider, centre or employer slug.")
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    rate_per_minute = models.PositiveIntegerField(default=60)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role} {self.organisation}, sk_{self.prefix}_…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


# ---------------------------------------------------------------- webhooks

WEBHOOK_EVENTS = (
    "booking.created",
    "booking.waitlisted",
    "booking.cancelled",
    "booking.offered",
    "booking.attended",
    "course.completed",
)


class WebhookEndpoint(models.Model):
    """Where an organisation wants to hear about events; each delivery is signed with `secret` (HMAC-SHA256)."""

    role = models.CharField(max_length=10, choices=KeyRole.choices)
    organisation = models.SlugField(max_length=80)
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100, help_text="Shared with the receiver once; signs every delivery.")
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Gave up"


class WebhookDelivery(models.Model):
    """One event for one endpoint; tried until delivered or out of attempts (the log is its attempts)."""

    id = models.UUIDField(primary_key=True)
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status}, {self.attempts} attempts)"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(default=0, help_text="0: no answer.")
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error}"
