"""What the centres' pages share: a refusal shown in the error summary, the signed-in user, and deciding an
approval (for employers and centre staff alike)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from skillsnet.accounts.models import User
from skillsnet.centres import services
from skillsnet.centres.models import Booking


def _refusal(message: str) -> forms.Form:
    """A bare form carrying one message, so the shared error summary shows a refusal."""
    form = forms.Form(data={})
    form.is_valid()
    form.add_error(None, message)
    return form


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


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
