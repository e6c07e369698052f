"""Pending approvals hold a seat for CENTRES_APPROVAL_HOURS only, then the seat goes to the waiting list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.centres import services
from skillsnet.centres.models import Approval, Booking, BookingStatus
from skillsnet.centres.services import BookingError


def test_an_unapproved_booking_expires_and_its_seat_is_offered_on(
    make_run, learner, other_learner, employers, now, settings, django_capture_on_commit_callbacks
):
    settings.CENTRES_APPROVAL_HOURS = 24
    run = make_run(capacity=1, requires_approval=Approval.EMPLOYER)
    pending = services.booking_create(run=run, learner=learner, employer="demo-biotech", now=now)
    waiting = services.booking_create(run=run, learner=other_learner, employer="demo-biotech", now=now)
    assert (pending.status, waiting.status) == (BookingStatus.PENDING_APPROVAL, BookingStatus.WAITLISTED)
    assert services.approvals_expire(now=now + timedelta(hours=23)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.approvals_expire(now=now + timedelta(hours=24, minutes=1)) == 1
    assert Booking.objects.get(pk=pending.pk).status == BookingStatus.APPROVAL_EXPIRED
    assert Booking.objects.get(pk=waiting.pk).status == BookingStatus.OFFERED
    assert AuditEntry.objects.filter(action="centres.booking.approval_expired", subject=learner).exists()
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Your booking was not approved in time") for s in subjects)
    assert any(s.startswith("A place is free for you") for s in subjects)
    # Idempotent: a second sweep finds nothing.
    assert services.approvals_expire(now=now + timedelta(hours=48)) == 0


def test_the_sweep_command_expires_unapproved_bookings(make_run, learner, now, settings, capsys):
    settings.CENTRES_APPROVAL_HOURS = 1
    run = make_run(capacity=2, requires_approval=Approval.CENTRE)
    pending = services.booking_create(run=run, learner=learner, now=now)
    # The command reads the real clock: the booking became pending two hours before it.
    Booking.objects.filter(pk=pending.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    call_command("expire_offers")
    assert "1 unapproved booking expired." in capsys.readouterr().out
    assert Booking.objects.get(pk=pending.pk).status == BookingStatus.APPROVAL_EXPIRED


def test_an_expired_approval_cannot_be_approved_afterwards(make_run, learner, employer, employers, now, settings):
    settings.CENTRES_APPROVAL_HOURS = 1
    run = make_run(capacity=1, requires_approval=Approval.EMPLOYER)
    pending = services.booking_create(run=run, learner=learner, employer="demo-biotech", now=now)
    services.approvals_expire(now=now + timedelta(hours=2))
    with pytest.raises(BookingError, match="not waiting for approval"):
        services.booking_approve(booking=pending, actor=employer, now=now + timedelta(hours=2))


def test_a_booking_naming_an_unknown_employer_is_refused_and_holds_no_seat(make_run, learner, employers, now):
    run = make_run(capacity=1, requires_approval=Approval.EMPLOYER)
    with pytest.raises(BookingError, match="There is no employer with the code") as caught:
        services.booking_create(run=run, learner=learner, employer="no-such-employer", now=now)
    assert caught.value.code == "invalid"
    assert not Booking.objects.exists()
