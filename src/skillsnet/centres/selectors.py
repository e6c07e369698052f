"""Reads about centres, runs and bookings, by the module that makes them (this module keeps the old import
path; other apps, the Career Converter and learning, call these):

- `centres.runs`: seats held and left, visible runs and centres, the run finder's queries, alternatives;
- `centres.learner_bookings`: a learner's bookings, waiting-list places, clashes, employer approvals;
- `centres.roster`: what centre staff see of their runs (dashboard, pending approvals, roster);
- `centres.attended`: courses attended here and the skills they verify;
- `centres.planning_runs`: open runs and a learner's live bookings as a learning plan needs them.
"""

from skillsnet.centres.attended import (
    attended_course_slugs,
    attended_course_slugs_of,
    verified_skills,
    verified_skills_of,
)
from skillsnet.centres.learner_bookings import (
    MyBooking,
    active_booking,
    bookings_for_learner,
    clashes_for,
    pending_for_employer,
    waitlist_position,
    waitlist_positions,
)
from skillsnet.centres.planning_runs import (
    PlannedBooking,
    bookings_for_planning,
    open_runs_for_planning,
)
from skillsnet.centres.roster import (
    DashboardRun,
    RosterLine,
    centre_runs,
    pending_approvals,
    run_roster,
)
from skillsnet.centres.runs import (
    BOOKABLE_MODES,
    EARTH_RADIUS_KM,
    Alternative,
    Availability,
    RunRow,
    alternatives,
    as_rows,
    availability,
    booking_window_open,
    filter_choices,
    haversine_km,
    holds_seat,
    run_row,
    upcoming_runs,
    upcoming_runs_query,
    visible_centres,
    visible_runs,
    with_seats,
)

__all__ = [
    "BOOKABLE_MODES",
    "EARTH_RADIUS_KM",
    "Alternative",
    "Availability",
    "DashboardRun",
    "MyBooking",
    "PlannedBooking",
    "RosterLine",
    "RunRow",
    "active_booking",
    "alternatives",
    "as_rows",
    "attended_course_slugs",
    "attended_course_slugs_of",
    "availability",
    "booking_window_open",
    "bookings_for_learner",
    "bookings_for_planning",
    "centre_runs",
    "clashes_for",
    "filter_choices",
    "haversine_km",
    "holds_seat",
    "open_runs_for_planning",
    "pending_approvals",
    "pending_for_employer",
    "run_roster",
    "run_row",
    "upcoming_runs",
    "upcoming_runs_query",
    "verified_skills",
    "verified_skills_of",
    "visible_centres",
    "visible_runs",
    "waitlist_position",
    "waitlist_positions",
    "with_seats",
]
