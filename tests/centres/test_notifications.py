"""Emails about bookings, sent by background tasks once the change commits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from skillsnet.centres import services
from skillsnet.centres.models import PracticalQualification


def subjects():
    return [m.subject for m in mail.outbox]


def test_booking_emails_the_details_with_a_calendar_file(make_run, learner, django_capture_on_commit_callbacks):
    run = make_run(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(run=run, learner=learner)
    assert subjects() == ["Your place is booked: Aseptic processing in practice"]
    message = mail.outbox[0]
    assert message.to == ["lee.learner@example.com"]
    assert "RoslinCT, Somewhere Road" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "booking.ics"
    assert mimetype.startswith("text/calendar")
    assert len(Calendar.from_ical(content).walk("VEVENT")) == 2


def test_nothing_is_sent_for_a_refused_booking(make_run, learner, django_capture_on_commit_callbacks):
    run = make_run(course="gowning")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.BookingError):
        services.booking_create(run=run, learner=learner)
    assert mail.outbox == []


def test_waitlist_offer_expiry_and_cancellation_emails(
    make_run, learner, other_learner, make_user, now, django_capture_on_commit_callbacks
):
    third = make_user("tess.third@example.com")
    run = make_run(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        holder = services.booking_create(run=run, learner=learner, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(run=run, learner=other_learner, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_create(run=run, learner=third, now=now)
    assert "You are number 1 in the queue" in mail.outbox[1].body
    assert "You are number 2 in the queue" in mail.outbox[2].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=holder, actor=learner, now=now)
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox) == [
        ("lee.learner@example.com", "Your booking is cancelled"),
        ("olu.other@example.com", "A place is free for you"),
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_expiry_warnings_send(now=now + timedelta(hours=40))
    assert subjects() == ["Your offered place is held only a few more hours: Aseptic processing in practice"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.offers_expire(now=now + timedelta(hours=49))
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox) == [
        ("olu.other@example.com", "Your offered place has passed to the next person"),
        ("tess.third@example.com", "A place is free for you"),
    ]


def test_reminder_attendance_and_renewal_emails(
    make_run, learner, centre_manager, now, django_capture_on_commit_callbacks
):
    run = make_run(
        starts_in=timedelta(days=1, hours=12), booking_closes_at=now + timedelta(hours=1), qualification_valid_months=12
    )
    booking = services.booking_create(run=run, learner=learner, now=now)
    session = run.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_reminders_send(now=now)
    assert subjects() == ["Reminder: Aseptic processing in practice starts soon"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(
            session=session, marks={booking.pk: "present"}, actor=centre_manager, now=session.ends_at
        )
    assert subjects() == ["Attendance recorded: Aseptic processing in practice"]
    assert "You have completed the course" in mail.outbox[0].body
    mail.outbox.clear()
    qualification = PracticalQualification.objects.get()
    from datetime import datetime, time

    due = datetime.combine(qualification.expires_on - timedelta(days=10), time(8), tzinfo=now.tzinfo)
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_reminders_send(now=due)
    assert subjects() == ["Renew your qualification: Aseptic processing in practice"]
    assert "?course=aseptic-processing-practical" in mail.outbox[0].body


def test_the_sweep_commands_run_and_report(make_run, learner, other_learner, now, capsys):
    call_command("expire_offers")
    call_command("send_session_reminders")
    call_command("send_renewal_reminders")
    out = capsys.readouterr().out
    assert "0 offers expired, 0 warned. 0 unapproved bookings expired." in out
    assert "0 reminders sent." in out
    assert "0 renewal reminders sent." in out


def test_the_tasks_call_the_sweeps(make_run):
    from skillsnet.centres import services

    assert services.expire_offers.enqueue().return_value == {"expired": 0, "unapproved": 0, "warned": 0}
    assert services.send_session_reminders.enqueue().return_value == 0
    assert services.send_renewal_reminders.enqueue().return_value == 0


def test_demo_schedule_command(centres, capsys):
    call_command("demo_schedule", "--start", "2027-01-04")
    assert "runs scheduled" in capsys.readouterr().out
    call_command("demo_schedule", "--start", "2027-01-04")
    assert " 0 runs scheduled" in " " + capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="must be a date"):
        call_command("demo_schedule", "--start", "soon")
    with pytest.raises(CommandError, match="between 1 and 24"):
        call_command("demo_schedule", "--months", "99")
