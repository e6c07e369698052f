"""Every write about runs, seats and attendance, by the module that makes it (this module keeps the old
import path, and the sweeps' task paths `skillsnet.centres.services.expire_offers` and the reminders):

- `centres.seats`: the run's row lock, settling its seats and passing them to the waiting list;
- `centres.bookings`: book, cancel, offers, approvals, settling or cancelling a run;
- `centres.sweeps`: expiring offers and approvals, warnings and reminders, and the same as tasks;
- `centres.attendance`: attendance marks and what completing a run gives;
- `centres.demo`: the demo schedule (`skillsnet demo_schedule`).
"""

from django.utils import timezone  # tests read the clock through this module

from skillsnet.centres.attendance import GOOD_MARKS, add_months, attendance_record
from skillsnet.centres.bookings import (
    booking_approve,
    booking_cancel,
    booking_create,
    booking_reject,
    can_approve,
    offer_accept,
    offer_decline,
    run_cancel,
    run_settle,
)
from skillsnet.centres.demo import ScheduleReport, demo_schedule_create
from skillsnet.centres.seats import LOCK_TIMEOUT, BookingError, approval_hours
from skillsnet.centres.sweeps import (
    OFFER_WARNING_HOURS,
    RENEWAL_REMINDER_DAYS,
    SESSION_REMINDER_HOURS,
    approvals_expire,
    expire_offers,
    offer_expiry_warnings_send,
    offers_expire,
    renewal_reminders_send,
    send_renewal_reminders,
    send_session_reminders,
    session_reminders_send,
)

__all__ = [
    "GOOD_MARKS",
    "LOCK_TIMEOUT",
    "OFFER_WARNING_HOURS",
    "RENEWAL_REMINDER_DAYS",
    "SESSION_REMINDER_HOURS",
    "BookingError",
    "ScheduleReport",
    "add_months",
    "approval_hours",
    "approvals_expire",
    "attendance_record",
    "booking_approve",
    "booking_cancel",
    "booking_create",
    "booking_reject",
    "can_approve",
    "demo_schedule_create",
    "expire_offers",
    "offer_accept",
    "offer_decline",
    "offer_expiry_warnings_send",
    "offers_expire",
    "renewal_reminders_send",
    "run_cancel",
    "run_settle",
    "send_renewal_reminders",
    "send_session_reminders",
    "session_reminders_send",
    "timezone",
]
