"""iCalendar (RFC 5545) files for bookings: one VEVENT per session, times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone
from icalendar import Calendar, Event

from skillsnet.centres.models import Booking

PRODID = "-//skillsnet//National Training Centres//EN"
UID_DOMAIN = "skillsnet.training-centres"


def session_uid(booking_id: int, session_id: int) -> str:
    """Stable per booking and session, so a calendar updates the event rather than adding a second one."""
    return f"booking-{booking_id}-session-{session_id}@{UID_DOMAIN}"


def booking_calendar(booking: Booking, *, now: datetime | None = None) -> bytes:
    """The booking's sessions as a METHOD:PUBLISH calendar (no attendees: nothing for a client to reply to)."""
    stamp = (now or timezone.now()).astimezone(UTC)
    run = booking.run
    centre = run.centre
    sessions = list(run.sessions.order_by("starts_at", "id"))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{run.course.title} at {centre.name}")
    location = f"{centre.name}, {centre.address}"
    for number, session in enumerate(sessions, start=1):
        event = Event()
        event.add("uid", session_uid(booking.pk, session.pk))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        suffix = f" (session {number} of {len(sessions)})" if len(sessions) > 1 else ""
        event.add("summary", f"{run.course.title}{suffix}")
        event.add("location", location)
        contact = f" Contact the centre: {centre.contact_email}." if centre.contact_email else ""
        event.add("description", f"Your place at {centre.name} on {run.course.title}.{contact}")
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return bytes(cal.to_ical())
