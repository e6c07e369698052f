"""Pages for finding and booking runs (this module keeps the old import path for every centres page):

- here: the centre list and pages, the run finder, a run's page and booking it;
- `centres.booking_views`: your bookings (cancel, accept or decline an offer, calendar), employers' approvals;
- `centres.staff_views`: centre staff's dashboard, runs, attendance, approvals and publishing runs;
- `centres.view_helpers`: what these share.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from skillsnet.caching import SEATS_MAX_AGE, SEATS_TIMEOUT, public_page
from skillsnet.centres import selectors, services
from skillsnet.centres.booking_views import (
    CANCELLABLE,
    booking_accept,
    booking_cancel,
    booking_decline,
    booking_ics,
    employer_approvals,
    employer_decide,
    my_bookings,
)
from skillsnet.centres.forms import BookingForm, RunFinderForm
from skillsnet.centres.models import Approval, BookingStatus, CourseRun
from skillsnet.centres.staff_views import (
    RunForm,
    RunUploadForm,
    manage_attendance,
    manage_dashboard,
    manage_decide,
    manage_run,
    manage_run_new,
    manage_runs_upload,
)
from skillsnet.centres.view_helpers import _refusal, _user
from skillsnet.learning.selectors import done_course_slugs

RUNS_PER_PAGE = 50


# ---------------------------------------------------------------- centres


@require_safe
@public_page()
def centre_list(request: HttpRequest) -> HttpResponse:
    return render(request, "centres/centre_list.html", {"centres": selectors.visible_centres().order_by("name")})


@require_safe
@public_page(timeout=SEATS_TIMEOUT, max_age=SEATS_MAX_AGE, scope="seats")
def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    centre = get_object_or_404(selectors.visible_centres(), slug=slug)
    rows = selectors.upcoming_runs(centre=centre.slug)
    return render(request, "centres/centre_detail.html", {"centre": centre, "rows": rows})


# ---------------------------------------------------------------- finding and booking


@require_safe
@public_page(timeout=SEATS_TIMEOUT, max_age=SEATS_MAX_AGE, scope="seats")
def find_runs(request: HttpRequest) -> HttpResponse:
    form = RunFinderForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    runs = selectors.upcoming_runs_query(
        centre=filters.get("centre") or None,
        region=filters.get("region") or None,
        course=filters.get("course") or None,
        start=filters.get("start"),
        until=filters.get("until"),
    )
    # Paged in the database: one count, one page of runs.
    paginator = Paginator(runs, RUNS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = selectors.as_rows(page.object_list)
    context = {"form": form, "rows": rows, "page": page, "count": paginator.count, "query": query.urlencode()}
    return render(request, "centres/find.html", {**context, "filtered": bool(filters)})


def _run_page(request: HttpRequest, pk: int, *, form: forms.Form | None = None, status: int = 200) -> HttpResponse:
    row = selectors.run_row(pk)
    if row is None:
        raise Http404("No such course run.")
    run = row.run
    user = request.user
    booking = selectors.active_booking(learner=user, run=run)
    prerequisites = list(run.course.prerequisites.all())
    done = done_course_slugs(_user(request)) if user.is_authenticated and prerequisites else set()
    context = {
        "row": row,
        "run": run,
        "sessions": list(run.sessions.all()),
        "prerequisites": [(course, course.slug in done) for course in prerequisites],
        # Booking is refused until these are done, so the page says so before anyone presses "Book".
        "missing": [course for course in prerequisites if course.slug not in done] if user.is_authenticated else [],
        "booking": booking,
        "position": selectors.waitlist_position(booking) if booking else None,
        "clashes": selectors.clashes_for(learner=_user(request), run=run) if user.is_authenticated else [],
        "alternatives": selectors.alternatives(run) if row.seats_left == 0 else [],
        "needs_employer": run.requires_approval == Approval.EMPLOYER,
        "form": form or (BookingForm() if run.requires_approval == Approval.EMPLOYER else None),
    }
    return render(request, "centres/run_detail.html", context, status=status)


@require_safe
@public_page(timeout=SEATS_TIMEOUT, max_age=SEATS_MAX_AGE, scope="seats")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_page(request, pk)


@login_required
@require_POST
def run_book(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(CourseRun, pk=pk)
    employer = ""
    form: BookingForm | None = None
    if run.requires_approval == Approval.EMPLOYER:
        form = BookingForm(request.POST)
        if not form.is_valid():
            return _run_page(request, pk, form=form, status=422)
        employer = form.cleaned_data["employer"]
    learner = _user(request)
    try:
        booking = services.booking_create(run=run, learner=learner, employer=employer)
    except services.BookingError as exc:
        if exc.code == "invalid" and form is not None:
            form.add_error("employer", exc.message)
            return _run_page(request, pk, form=form, status=422)
        return _run_page(request, pk, form=_refusal(exc.message), status=409)
    message = {
        BookingStatus.CONFIRMED: "Your place is booked. We have emailed you the details and a calendar file.",
        BookingStatus.PENDING_APPROVAL: "Your booking is waiting for approval. It holds a place until then.",
    }.get(
        BookingStatus(booking.status),
        f"The run is full, so you are on the waiting list at number {selectors.waitlist_position(booking)}.",
    )
    clashes = selectors.clashes_for(learner=learner, run=run)
    messages.success(request, " ".join([message, *(f"Check the dates: {c}" for c in clashes)]))
    return redirect("centres:my-bookings")


__all__ = [
    "CANCELLABLE",
    "RUNS_PER_PAGE",
    "RunForm",
    "RunUploadForm",
    "booking_accept",
    "booking_cancel",
    "booking_decline",
    "booking_ics",
    "centre_detail",
    "centre_list",
    "employer_approvals",
    "employer_decide",
    "find_runs",
    "manage_attendance",
    "manage_dashboard",
    "manage_decide",
    "manage_run",
    "manage_run_new",
    "manage_runs_upload",
    "my_bookings",
    "run_book",
    "run_detail",
]
