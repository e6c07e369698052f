"""Centre staff's pages: the dashboard, a run with its roster and attendance, approvals, publishing runs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet.centres import selectors, services
from skillsnet.centres.access import get_centre_for_staff
from skillsnet.centres.forms import AttendanceForm
from skillsnet.centres.models import Approval, Booking, BookingStatus, Centre, RunSession
from skillsnet.centres.view_helpers import _decide, _refusal, _user
from skillsnet.organisations import organisation_names

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
