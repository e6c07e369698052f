"""How far ahead a training plan may be dated: a start within two years of today, a deadline within five.

Dates beyond these are refused with a sentence (a form error on the role page and the print view, 422 from
`POST /api/v1/converter/plan`) instead of being planned: a plan for the year 9999 helps nobody, and date
arithmetic on it overflows. The form checks them and so does `services.plan_for_role`, for every caller.
"""

from __future__ import annotations

from datetime import date, timedelta

MAX_START_YEARS = 2
MAX_DEADLINE_YEARS = 5
START_TOO_LATE = f"The start date must be within {MAX_START_YEARS} years of today."
DEADLINE_TOO_LATE = f"The deadline must be within {MAX_DEADLINE_YEARS} years of today."
CEILING = date(9000, 1, 1)


def latest_start(today: date) -> date:
    return today + timedelta(days=365 * MAX_START_YEARS)


def latest_deadline(today: date) -> date:
    return today + timedelta(days=365 * MAX_DEADLINE_YEARS)


def plan_dates_refusal(*, start: date, deadline: date | None, today: date | None) -> tuple[str, str] | None:
    """(field, sentence) for a start or deadline too far ahead; None when both are within bounds.

    Without `today` (a caller planning on its own calendar, such as a test) the start is its own reference,
    up to a ceiling far below the largest date, so the deadline is bounded from it and nothing overflows.
    """
    today = today or min(start, CEILING)
    if start > latest_start(today):
        return "start_date", START_TOO_LATE
    if deadline is not None and deadline > latest_deadline(today):
        return "deadline", DEADLINE_TOO_LATE
    return None
