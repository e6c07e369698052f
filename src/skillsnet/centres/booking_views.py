"""A learner's bookings pages (cancel with confirmation, accept or decline an offer, the calendar file) and
an employer's approvals."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet.accounts.models import Role
from skillsnet.accounts.selectors import scopes_for
from skillsnet.centres import selectors, services
from skillsnet.centres.access import get_booking_for_approver, get_booking_for_user
from skillsnet.centres.ics import booking_calendar
from skillsnet.centres.models import ACTIVE_STATUSES, BookingStatus
from skillsnet.centres.view_helpers import _decide, _refusal, _user

# What "Cancel booking" is offered for on your bookings page (an offer is declined instead).
CANCELLABLE = {BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL, BookingStatus.WAITLISTED}


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
