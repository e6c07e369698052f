"""The audit log, read two ways: in full by the programme team at /account/audit/ (filters, pages, CSV), and
by each person at /account/activity/ (the entries about them, in plain English).

Also the password-reset views, which record their events before handing over to Django's.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC
from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from skillsnet.accounts.models import AuditEntry, User
from skillsnet.accounts.selectors import audit_entries, is_programme_admin
from skillsnet.accounts.services import audit_log
from skillsnet.accounts.signals import RESET_MARK
from skillsnet.csvcells import csv_cell
from skillsnet.ratelimit import client_ip

LOG_PAGE_SIZE = 50
ACTIVITY_PAGE_SIZE = 25

# What each common action code means, said to the person the entry is about. Codes without a line here are
# shown as they are: the list grows with the apps, never the other way round.
DESCRIPTIONS = {
    "accounts.user.registered": "You created your account",
    "accounts.user.updated": "Your account details were changed",
    "accounts.role.granted": "You were given a role: {role}",
    "accounts.role.revoked": "A role was taken away: {role}",
    "accounts.sign_in.succeeded": "You signed in",
    "accounts.sign_in.signed_out": "You signed out",
    "accounts.sign_in.failed": "Someone tried to sign in to your account with a wrong password",
    "accounts.sign_in.locked_out": "Signing in to your account was paused after too many wrong passwords",
    "accounts.password.reset_requested": "A link to reset your password was emailed to you",
    "accounts.password.reset_completed": "Your password was reset with an emailed link",
    "accounts.password.changed": "Your password was changed",
    "accounts.data.exported": "You downloaded a copy of your data",
    "centres.booking.created": "You booked a place on a training-centre course",
    "centres.booking.waitlisted": "You joined the waiting list for a training-centre course",
    "centres.booking.offered": "You were offered a place from a waiting list",
    "centres.booking.accepted": "You accepted an offered place",
    "centres.booking.declined": "An offered place was declined",
    "centres.booking.expired": "An offered place expired before it was accepted",
    "centres.booking.approval_expired": "A booking was not approved in time, so its place went to the next person",
    "centres.booking.cancelled": "A training-centre booking was cancelled",
    "centres.booking.approved": "A training-centre booking was approved",
    "centres.booking.rejected": "A training-centre booking was not approved",
    "centres.attendance.recorded": "Your attendance at a training-centre session was recorded",
    "centres.qualification.issued": "You gained a practical qualification",
    "centres.qualification.withdrawn": "A practical qualification was withdrawn",
    "learning.enrolment.created": "You enrolled on an online course",
    "learning.course.completed": "You completed an online course",
    "learning.credential.issued": "A credential was issued to you",
    "learning.credential.revoked": "One of your credentials was revoked",
    "learning.plan.created": "You started a learning plan",
    "converter.assessment.saved": "You saved a Career Converter assessment",
    "converter.assessment.renamed": "You renamed a saved Career Converter assessment",
    "converter.assessment.deleted": "You deleted a saved Career Converter assessment",
    "industry.consent.given": "You let employers find you through their vacancies",
    "industry.consent.withdrawn": "You stopped employers finding you",
    "industry.contact.requested": "An employer asked to contact you",
    "industry.contact.accepted": "You shared your name and email with an employer",
    "industry.contact.declined": "You declined an employer's request to contact you",
    "insights.feedback.saved": "You rated a course",
}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "–"


def describe(entry: AuditEntry) -> str:
    """The plain-English line for an entry, or its code when there is none."""
    template = DESCRIPTIONS.get(entry.action)
    if template is None:
        return entry.action
    return template.format_map(_Blank({k: str(v) for k, v in (entry.data or {}).items()}))


def check_audit_reader(user: User | AnonymousUser) -> None:
    """The full audit log is for the programme team only (403 for anyone else)."""
    if not is_programme_admin(user):
        raise PermissionDenied("Only the programme team can read the audit log.")


class AuditFilterForm(forms.Form):
    action = forms.RegexField(
        label="Action starts with",
        required=False,
        max_length=100,
        regex=r"^[a-z0-9_.-]+$",
        help_text="For example accounts.sign_in or centres.booking",
        error_messages={"invalid": "Enter the start of an action code: lower-case letters, digits, dots and _"},
    )
    actor = forms.CharField(label="Done by (email)", required=False, max_length=254)
    subject = forms.CharField(label="About (email)", required=False, max_length=254)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="For example 2025-03-31"
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Included"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned


def _filters(request: HttpRequest) -> tuple[AuditFilterForm, dict[str, Any]]:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, filters


@login_required
@require_safe
def audit_log_page(request: HttpRequest) -> HttpResponse:
    check_audit_reader(request.user)
    form, filters = _filters(request)
    page = Paginator(audit_entries(**filters), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [
        {"entry": entry, "description": describe(entry), "data": json.dumps(entry.data, sort_keys=True)}
        for entry in page.object_list
    ]
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "filtered": any(filters.values())}
    # A search form: a mistake shows the error summary (and every entry) with 200, like the other filter pages.
    return render(request, "accounts/audit_log.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(["at_utc", "action", "actor", "subject", "object_type", "object_id", "data"])
    for entry in entries.iterator(chunk_size=500):
        yield writer.writerow(
            [
                csv_cell(entry.at.astimezone(UTC).isoformat()),
                csv_cell(entry.action),
                csv_cell(entry.actor.email if entry.actor else ""),
                csv_cell(entry.subject.email if entry.subject else ""),
                csv_cell(entry.object_type),
                csv_cell(entry.object_id),
                csv_cell(json.dumps(entry.data, sort_keys=True)),
            ]
        )


@login_required
@require_safe
def audit_log_csv(request: HttpRequest) -> HttpResponseBase:
    check_audit_reader(request.user)
    form, filters = _filters(request)
    if form.errors:
        return render(request, "accounts/audit_log.html", {"form": form, "rows": [], "page": None}, status=400)
    assert isinstance(request.user, User)
    # Exporting the log is itself an event worth knowing about.
    audit_log(
        action="accounts.audit.exported",
        actor=request.user,
        data={k: str(v) for k, v in filters.items() if v},
    )
    response = StreamingHttpResponse(_csv_rows(audit_entries(**filters)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@login_required
@require_safe
def my_activity(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    entries = AuditEntry.objects.filter(subject=user).select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, ACTIVITY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for entry in page.object_list:
        if entry.actor_id is None:
            by = "skillsnet"
        elif entry.actor_id == user.pk:
            by = "You"
        else:
            by = "Someone else"
        rows.append({"entry": entry, "description": describe(entry), "by": by})
    return render(request, "accounts/audit_activity.html", {"page": page, "rows": rows})


# ---------------------------------------------------------------- password reset, with its audit entries


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request; records `accounts.password.reset_requested` for each account it emails."""

    def form_valid(self, form: Any) -> HttpResponse:
        for user in form.get_users(form.cleaned_data["email"]):
            audit_log(action="accounts.password.reset_requested", subject=user, data={"ip": client_ip(self.request)})
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's new-password page; the change is recorded as `accounts.password.reset_completed`."""

    def form_valid(self, form: Any) -> HttpResponse:
        setattr(form.user, RESET_MARK, True)
        return super().form_valid(form)
