"""The emails the booking journey sends. Tasks call these with primary keys after the change commits."""

from __future__ import annotations

from datetime import datetime

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from skillsnet.centres.ics import booking_calendar
from skillsnet.centres.models import Booking, BookingStatus, PracticalQualification, RunSession
from skillsnet.centres.selectors import waitlist_position
from skillsnet.learning.xapi import absolute
from skillsnet.tasks import send_once

# event → subject template; {course} is the course title.
SUBJECTS = {
    "confirmed": "Your place is booked: {course}",
    "pending": "Booking received, waiting for approval: {course}",
    "waitlisted": "You are on the waiting list: {course}",
    "offered": "A place is free for you: {course}",
    "offer_expiring": "Your offered place is held only a few more hours: {course}",
    "expired": "Your offered place has passed to the next person: {course}",
    "declined": "You declined the offered place: {course}",
    "cancelled": "Your booking is cancelled: {course}",
    "rejected": "Your booking was not approved: {course}",
    "approval_expired": "Your booking was not approved in time: {course}",
    "run_cancelled": "The centre has cancelled this course run: {course}",
    "reminder": "Reminder: {course} starts soon",
    "attendance": "Attendance recorded: {course}",
}
EVENTS = frozenset(SUBJECTS)


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%A %-d %B %Y at %H:%M}"


def _opening(booking: Booking, event: str, session: RunSession | None) -> list[str]:
    run = booking.run
    centre = run.centre
    if event == "confirmed":
        return [f"Your place on {run.course.title} at {centre.name} is confirmed. The calendar file is attached."]
    if event == "pending":
        return [
            f"We have your booking for {run.course.title} at {centre.name}. It holds a place while "
            f"{'your employer' if booking.employer else 'the centre'} decides; we will email you the answer."
        ]
    if event == "waitlisted":
        position = waitlist_position(booking)
        where = f" You are number {position} in the queue." if position else ""
        return [
            f"{run.course.title} at {centre.name} is full, so you are on the waiting list.{where} "
            "If a place frees up we will offer it to you by email."
        ]
    if event in {"offered", "offer_expiring"}:
        deadline = _when(booking.offer_expires_at) if booking.offer_expires_at else "soon"
        return [
            f"A place on {run.course.title} at {centre.name} is held for you until {deadline}.",
            "Accept or decline it on your bookings page. If you do nothing it passes to the next person.",
        ]
    if event == "expired":
        return [f"You did not answer in time, so the place on {run.course.title} has gone to the next person."]
    if event == "declined":
        return [f"You declined the place on {run.course.title} at {centre.name}. Nothing else is needed."]
    if event == "cancelled":
        return [f"Your booking for {run.course.title} at {centre.name} is cancelled."]
    if event == "rejected":
        return [f"Your booking for {run.course.title} at {centre.name} was not approved. Ask the centre why."]
    if event == "approval_expired":
        return [
            f"Your booking for {run.course.title} at {centre.name} was not approved in time, so the place has "
            "gone to the next person waiting. Book again if you still want a place."
        ]
    if event == "run_cancelled":
        return [f"{centre.name} has cancelled this run of {run.course.title}. Your booking is cancelled."]
    if event == "reminder" and session is not None:
        return [f"{run.course.title} at {centre.name} starts on {_when(session.starts_at)}."]
    marks = {a.session_id: a.get_mark_display() for a in booking.attendance.all()}
    lines = [f"The centre recorded your attendance on {run.course.title}:"]
    for s in run.sessions.all():
        lines.append(f"  {_when(s.starts_at)}: {marks.get(s.pk, 'not yet recorded')}")
    if booking.status == BookingStatus.ATTENDED:
        lines.append("You have completed the course. It now counts as verified evidence of your skills.")
    return lines


def booking_email(*, booking_id: int, event: str, session_id: int | None = None) -> EmailMessage | None:
    """Build the email for `event` about a booking; None when the booking or session has gone."""
    if event not in EVENTS:
        raise ValueError(f"unknown booking email event {event!r}")
    booking = (
        Booking.objects.select_related("learner", "run__course", "run__centre")
        .prefetch_related("run__sessions", "attendance")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return None
    session = booking.run.sessions.filter(pk=session_id).first() if session_id else None
    run, centre = booking.run, booking.run.centre
    lines = [f"Hello {booking.learner.get_short_name()},", "", *_opening(booking, event, session), ""]
    lines.append(f"Course: {run.course.title}")
    lines.append(f"Centre: {centre.name}, {centre.address}")
    for s in run.sessions.all():
        lines.append(f"Session: {_when(s.starts_at)} to {timezone.localtime(s.ends_at):%H:%M}")
    if centre.contact_email:
        lines.append(f"Questions: {centre.contact_email}")
    lines += ["", f"Your bookings: {absolute(reverse('centres:my-bookings'))}", "", "skillsnet training centres"]
    message = EmailMessage(
        subject=SUBJECTS[event].format(course=run.course.title), body="\n".join(lines), to=[booking.learner.email]
    )
    if event == "confirmed":
        message.attach("booking.ics", booking_calendar(booking), "text/calendar; method=PUBLISH; charset=utf-8")
    return message


def renewal_email(*, qualification_id: int) -> EmailMessage | None:
    qualification = (
        PracticalQualification.objects.select_related("learner", "course").filter(pk=qualification_id).first()
    )
    if qualification is None:
        return None
    course = qualification.course
    body = "\n".join(
        [
            f"Hello {qualification.learner.get_short_name()},",
            "",
            f"Your {course.title} qualification expires on {qualification.expires_on:%-d %B %Y}.",
            "Book a renewal run now so your sign-off does not lapse:",
            absolute(reverse("centres:find") + f"?course={course.slug}"),
            "",
            "skillsnet training centres",
        ]
    )
    return EmailMessage(
        subject=f"Renew your qualification: {course.title}", body=body, to=[qualification.learner.email]
    )


# ---------------------------------------------------------------- the tasks that send them
# Thin: they take primary keys, build the message above and send it once (skillsnet/tasks.py).


@task()
def send_booking_email(
    *, booking_id: int, event: str, session_id: int | None = None, idempotency_key: str | None = None
) -> int:
    # The key makes a retried task (its worker died) send nothing the second time; see skillsnet/tasks.py.
    message = booking_email(booking_id=booking_id, event=event, session_id=session_id)
    return send_once(message, idempotency_key=idempotency_key) if message is not None else 0


@task()
def send_renewal_email(*, qualification_id: int) -> int:
    # One renewal reminder per qualification (the sweep claims it), so the key can follow from the id.
    message = renewal_email(qualification_id=qualification_id)
    key = f"centres.qualification.{qualification_id}.renewal"
    return send_once(message, idempotency_key=key) if message is not None else 0
