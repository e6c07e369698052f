"""National Training Centres: centres, their dated course runs, seat bookings and attendance.

Seats are never counted in a column. A run's availability is always recomputed from its bookings
(`selectors.availability`) while its row is locked (`services`), the way pretix does it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class Centre(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    national_training_centre = models.BooleanField(
        default=False, help_text="One of the network's National Training Centres (three were announced in 2020)."
    )
    example = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Example content: a fictional centre for demonstrations, hidden in production.",
    )
    address = models.TextField()
    region = models.CharField(max_length=80, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    facilities = models.JSONField(default=list, blank=True)
    accessibility = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    courses = models.ManyToManyField(
        "catalogue.Course", blank=True, related_name="centres", help_text="On-site courses this centre delivers."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Approval(models.TextChoices):
    NONE = "none", "No approval needed"
    CENTRE = "centre", "Centre staff approve each booking"
    EMPLOYER = "employer", "The learner's employer approves each booking"


class RunStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class CourseRun(models.Model):
    """One dated delivery of an on-site or blended course at a centre, with a fixed number of seats."""

    course = models.ForeignKey("catalogue.Course", on_delete=models.PROTECT, related_name="runs")
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="runs")
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(500)])
    booking_opens_at = models.DateTimeField()
    booking_closes_at = models.DateTimeField()
    requires_approval = models.CharField(max_length=10, choices=Approval.choices, default=Approval.NONE)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.SCHEDULED, db_index=True)
    offer_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text="How long a waiting-list offer holds a seat; empty uses the CENTRES_OFFER_HOURS setting (48).",
    )
    qualification_valid_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="For practical qualifications (such as gowning): months a completion stays valid. Empty: none.",
    )
    notes = models.TextField(blank=True, help_text="Shown to learners on the run's page.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["booking_closes_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booking_closes_at__gt=F("booking_opens_at")), name="centres_run_window_order"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="centres_run_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.course} at {self.centre} (run {self.pk})"

    @property
    def offer_window_hours(self) -> int:
        return self.offer_hours or int(getattr(settings, "CENTRES_OFFER_HOURS", 48))


class RunSession(models.Model):
    """One dated part of a run (a day in the cleanroom, say). Attendance is taken per session."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="centres_session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.run.course} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    PENDING_APPROVAL = "pending_approval", "Waiting for approval"
    WAITLISTED = "waitlisted", "On the waiting list"
    OFFERED = "offered", "Place offered"
    ATTENDED = "attended", "Attended"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Offer declined"
    EXPIRED = "expired", "Offer expired"
    REJECTED = "rejected", "Not approved"
    APPROVAL_EXPIRED = "approval_expired", "Not approved in time"


# A learner has at most one booking in these states per run (the partial unique constraint below).
ACTIVE_STATUSES = (
    BookingStatus.CONFIRMED,
    BookingStatus.PENDING_APPROVAL,
    BookingStatus.WAITLISTED,
    BookingStatus.OFFERED,
    BookingStatus.ATTENDED,
)
# These take a seat outright; an offer takes one only until it expires.
SEAT_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL, BookingStatus.ATTENDED)


class Booking(models.Model):
    """One learner's place (held, pending, offered or waited for) on one run.

    The waiting-list position is not stored: it is the rank of the id (creation order, under the run's
    lock) among the run's waitlisted bookings, so nobody can jump the queue and nothing needs renumbering.
    """

    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="bookings")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="centre_bookings")
    status = models.CharField(max_length=20, choices=BookingStatus.choices, db_index=True)
    employer = models.SlugField(
        max_length=100, blank=True, help_text="The learner's employer (organisation slug) when the employer approves."
    )
    offer_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "learner"],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="centres_booking_one_active_per_learner",
            ),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="centres_booking_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["run", "status", "created_at"], name="centres_booking_run_status")]

    def __str__(self) -> str:
        return f"{self.learner} on {self.run} ({self.status})"


class AttendanceMark(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(RunSession, on_delete=models.CASCADE, related_name="attendance")
    mark = models.CharField(max_length=10, choices=AttendanceMark.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session__starts_at", "booking_id"]
        constraints = [models.UniqueConstraint(fields=["booking", "session"], name="centres_attendance_once")]

    def __str__(self) -> str:
        return f"{self.booking.learner} {self.mark} at {self.session}"


class PracticalQualification(models.Model):
    """A practical sign-off (a gowning qualification, say) earned by attending a run; it expires."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qualifications")
    course = models.ForeignKey("catalogue.Course", on_delete=models.PROTECT, related_name="+")
    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="qualification")
    issued_on = models.DateField()
    expires_on = models.DateField()
    renewal_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["expires_on", "id"]

    def __str__(self) -> str:
        return f"{self.course} for {self.learner}, valid until {self.expires_on}"


class Notice(models.TextChoices):
    OFFER_EXPIRING = "offer_expiring", "Offer expiring"
    SESSION_REMINDER = "session_reminder", "Session reminder"


class BookingNotice(models.Model):
    """A reminder already sent, so the reminder commands can run as often as cron likes."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Notice.choices)
    ref = models.CharField(max_length=64, help_text="What the notice was about: a session id or an offer expiry.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["booking", "kind", "ref"], name="centres_notice_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} for booking {self.booking_id}"
