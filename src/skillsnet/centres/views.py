"""Pages for finding and booking runs, managing your bookings, and running a centre."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import scopes_for
from skillsnet.caching import SEATS_MAX_AGE, SEATS_TIMEOUT, public_page
from skillsnet.centres import selectors, services
from skillsnet.centres.access import get_booking_for_approver, get_booking_for_user, get_centre_for_staff
from skillsnet.centres.forms import AttendanceForm, BookingForm, RunFinderForm
from skillsnet.centres.ics import booking_calendar
from skillsnet.centres.models import ACTIVE_STATUSES, Approval, Booking, BookingStatus, Centre, CourseRun, RunSession
from skillsnet.learning.selectors import done_course_slugs
from skillsnet.organisations import organisation_names

RUNS_PER_PAGE = 50
# What "Cancel booking" is offered for on your bookings page (an offer is declined instead).
CANCELLABLE = {BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL, BookingStatus.WAITLISTED}


def _refusal(message: str) -> forms.Form:
    """A bare form carrying one message, so the shared error summary shows a refusal."""
    form = forms.Form(data={})
    form.is_valid()
    form.add_error(None, message)
    return form


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


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


# ---------------------------------------------------------------- my bookings


def _my_bookings(request: HttpRequest, *, form: forms.Form | None = None, status: int = 200) -> HttpResponse:
    rows = selectors.bookings_for_learner(request.user)
    current = [r for r in rows if r.booking.status in {s.value for s in ACTIVE_STATUSES}]
    past = [r for r in rows if r not in current]
    context = {"current": current, "past": past, "form": form, "now": timezone.now()}
    return render(request, "centres/my_bookings.html", context, status=status)


@login_required
@require_safe
def my_bookings(request: HttpRequest) -> HttpResponse:
    return _my_bookings(request)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    booking = get_booking_for_user(request.user, pk, write=True)
    actor = _user(request)
    try:
        if action == "cancel":
            services.booking_cancel(booking=booking, actor=actor)
            done = "Your booking is cancelled."
        elif action == "accept":
            booking = services.offer_accept(booking=booking, actor=actor)
            done = (
                "You accepted the place. It is booked."
                if booking.status == BookingStatus.CONFIRMED
                else "You accepted the place. It is waiting for approval."
            )
        else:
            services.offer_decline(booking=booking, actor=actor)
            done = "You declined the place. It has gone to the next person waiting."
    except services.BookingError as exc:
        return _my_bookings(request, form=_refusal(exc.message), status=409)
    messages.success(request, done)
    return redirect("centres:my-bookings")


@login_required
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first, on its own page (no script needed); only the POST from that page cancels."""
    if request.method == "POST":
        return _act(request, pk, "cancel")
    booking = get_booking_for_user(request.user, pk, write=True)
    if booking.status not in CANCELLABLE:
        message = f"This booking is {booking.get_status_display().lower()}: there is nothing to cancel."
        return _my_bookings(request, form=_refusal(message), status=409)
    context = {"booking": booking, "sessions": list(booking.run.sessions.all())}
    return render(request, "centres/cancel.html", context)


@login_required
@require_POST
def booking_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "accept")


@login_required
@require_POST
def booking_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "decline")


@login_required
@require_safe
def booking_ics(request: HttpRequest, pk: int) -> HttpResponse:
    # A calendar file is the learner's own schedule: owner only (write=True keeps staff out too).
    booking = get_booking_for_user(request.user, pk, write=True)
    if booking.status not in (BookingStatus.CONFIRMED, BookingStatus.ATTENDED):
        raise Http404("Only a confirmed booking has a calendar file.")
    response = HttpResponse(booking_calendar(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.pk}.ics"'
    return response


# ---------------------------------------------------------------- employers


def _approvals_page(request: HttpRequest, *, form: forms.Form | None = None, status: int = 200) -> HttpResponse:
    scopes = scopes_for(request.user, Role.EMPLOYER)
    if not scopes:
        raise Http404("You have no employer role.")
    bookings = list(selectors.pending_for_employer(scopes))
    return render(request, "centres/approvals.html", {"bookings": bookings, "form": form}, status=status)


@login_required
@require_safe
def employer_approvals(request: HttpRequest) -> HttpResponse:
    return _approvals_page(request)


@login_required
@require_POST
def employer_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    booking = get_booking_for_approver(request.user, pk)
    refusal = _decide(request, booking, decision)
    if refusal:
        return _approvals_page(request, form=_refusal(refusal), status=409)
    return redirect("centres:approvals")


def _decide(request: HttpRequest, booking: Booking, decision: str) -> str:
    """Approve or reject; returns the refusal message, or "" when it was done."""
    decide = {"approve": services.booking_approve, "reject": services.booking_reject}.get(decision)
    if decide is None:
        raise Http404("No such decision.")
    try:
        decide(booking=booking, actor=_user(request))
    except services.BookingError as exc:
        return exc.message
    name = booking.learner.get_full_name()
    messages.success(request, f"{name}'s booking is {'approved' if decision == 'approve' else 'rejected'}.")
    return ""


# ---------------------------------------------------------------- centre staff


def _dashboard(
    request: HttpRequest, centre: Centre, *, form: forms.Form | None = None, status: int = 200
) -> HttpResponse:
    pending = list(selectors.pending_approvals(centre))
    employers = organisation_names(b.employer for b in pending)
    for b in pending:
        b.employer_name = employers.get(b.employer, b.employer)  # type: ignore[attr-defined]
    context = {
        "centre": centre,
        "runs": selectors.centre_runs(centre),
        "pending": pending,
        "form": form,
    }
    return render(request, "centres/manage_dashboard.html", context, status=status)


@login_required
@require_safe
def manage_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, get_centre_for_staff(request.user, slug))


def _manage_run_page(
    request: HttpRequest,
    centre: Centre,
    pk: int,
    *,
    forms_by_session: dict[int, AttendanceForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    row = selectors.run_row(pk)
    if row is None or row.run.centre_id != centre.pk:
        raise Http404("No such run at this centre.")
    roster = selectors.run_roster(row.run)
    seated = [
        line.booking for line in roster if line.booking.status in (BookingStatus.CONFIRMED, BookingStatus.ATTENDED)
    ]
    now = timezone.now()
    sessions = []
    for session in row.run.sessions.all():
        current = {line.booking.pk: line.marks.get(session.pk, "") for line in roster}
        form = (forms_by_session or {}).get(session.pk) or AttendanceForm(
            bookings=seated, current=current, prefix=f"s{session.pk}"
        )
        sessions.append({"session": session, "form": form, "started": session.starts_at <= now})
    context = {"centre": centre, "row": row, "run": row.run, "roster": roster, "sessions": sessions}
    return render(request, "centres/manage_run.html", context, status=status)


@login_required
@require_safe
def manage_run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    centre = get_centre_for_staff(request.user, slug)
    return _manage_run_page(request, centre, pk)


@login_required
@require_POST
def manage_attendance(request: HttpRequest, slug: str, pk: int, session_pk: int) -> HttpResponse:
    centre = get_centre_for_staff(request.user, slug)
    session = get_object_or_404(RunSession.objects.select_related("run"), pk=session_pk, run_id=pk, run__centre=centre)
    seated = list(
        session.run.bookings.filter(status__in=(BookingStatus.CONFIRMED, BookingStatus.ATTENDED)).select_related(
            "learner"
        )
    )
    form = AttendanceForm(request.POST, bookings=seated, current={}, prefix=f"s{session.pk}")
    if not form.is_valid():
        return _manage_run_page(request, centre, pk, forms_by_session={session.pk: form})
    try:
        changed = services.attendance_record(session=session, marks=form.marks(), actor=_user(request))
    except services.BookingError as exc:
        form.add_error(None, exc.message)
        return _manage_run_page(request, centre, pk, forms_by_session={session.pk: form}, status=409)
    messages.success(request, f"Attendance saved: {changed} change{'s' if changed != 1 else ''}.")
    return redirect("centres:manage-run", centre.slug, pk)


@login_required
@require_POST
def manage_decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    centre = get_centre_for_staff(request.user, slug)
    booking = get_object_or_404(Booking.objects.select_related("learner", "run__centre"), pk=pk, run__centre=centre)
    refusal = _decide(request, booking, decision)
    if refusal:
        return _dashboard(request, centre, form=_refusal(refusal), status=409)
    return redirect("centres:manage", centre.slug)


# ---------------------------------------------------------------- centre staff publish runs


class RunForm(forms.Form):
    course = forms.ChoiceField(label="Course")
    capacity = forms.IntegerField(label="Seats", min_value=1, max_value=500)
    booking_opens_at = forms.CharField(label="Booking opens", help_text="Date and time, e.g. 2027-03-01T09:00.")
    booking_closes_at = forms.CharField(label="Booking closes", help_text="No later than the first session starts.")
    requires_approval = forms.ChoiceField(label="Approval", choices=Approval.choices)
    sessions = forms.CharField(
        label="Sessions",
        help_text="One a line: start/end, e.g. 2027-03-08T09:00/2027-03-08T17:00.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    qualification_valid_months = forms.IntegerField(
        label="Months a practical qualification stays valid (optional)", required=False, min_value=1, max_value=120
    )
    notes = forms.CharField(label="Notes for learners", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, centre: Centre, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        courses = centre.courses.filter(status="published").exclude(mode="online").order_by("title")
        self.fields["course"].choices = [(c.slug, c.title) for c in courses]  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def manage_run_new(request: HttpRequest, slug: str) -> HttpResponse:
    from skillsnet.catalogue.publishing import PublishingError
    from skillsnet.centres import publishing

    centre = get_centre_for_staff(request.user, slug)
    form = RunForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        raw = {**form.cleaned_data, "sessions": [line.strip() for line in form.cleaned_data["sessions"].splitlines()]}
        raw["sessions"] = ";".join(s for s in raw["sessions"] if s)
        data, errors = publishing.run_check(raw, centre=centre)
        for error in errors:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        if data is not None:
            try:
                run = publishing.run_create(actor=_user(request), centre=centre, data=data)
            except PublishingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "The run is published.")
                return redirect("centres:manage-run", centre.slug, run.pk)
    status = 400 if form.errors else 200
    return render(request, "centres/run_form.html", {"centre": centre, "form": form}, status=status)


class RunUploadForm(forms.Form):
    file = forms.FileField(label="Runs file (CSV or JSON)")


@login_required
@require_http_methods(["GET", "POST"])
def manage_runs_upload(request: HttpRequest, slug: str) -> HttpResponse:
    from skillsnet.centres import publishing

    centre = get_centre_for_staff(request.user, slug)
    form = RunUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        handle = form.cleaned_data["file"]
        apply = request.POST.get("action") == "apply"
        report = publishing.runs_upload(
            actor=_user(request), centre=centre, name=handle.name, content=handle.read()[:2_000_001], dry_run=not apply
        )
        if report.problem:
            form.add_error("file", report.problem)
        elif apply:
            messages.success(
                request, f"{report.written} run(s) published; {len(report.errors)} row(s) with errors skipped."
            )
    context = {"centre": centre, "form": form, "report": report, "columns": ",".join(publishing.COLUMNS)}
    return render(request, "centres/runs_upload.html", context, status=400 if form.errors else 200)
