"""The organisation staff's API key page: make a key (shown once), see the keys, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from skillsnet.accounts.models import User
from skillsnet.accounts.selectors import scopes_for
from skillsnet.organisations import organisation_names
from skillsnet.orgkeys import services
from skillsnet.orgkeys.models import SCOPES, WEBHOOK_EVENTS, ApiKey, KeyRole, WebhookAttempt, WebhookEndpoint


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _organisations(user: User) -> list[tuple[str, str]]:
    """(role, organisation) pairs this person may make keys for."""
    return [(role, org) for role, grant in services.ROLE_GRANTS.items() for org in scopes_for(user, grant) if org]


def _organisation_choices(organisations: list[tuple[str, str]], names: dict[str, str]) -> list[tuple[str, str]]:
    return [(f"{role}:{org}", f"{KeyRole(role).label}: {names.get(org, org)}") for role, org in organisations]


def _named(rows: list[ApiKey] | list[WebhookEndpoint], names: dict[str, str]) -> None:
    """Give each key or endpoint its organisation's name to show (`organisation` holds the slug). The rows are
    the person's own organisations', so the names read once for the form serve the table too."""
    for row in rows:
        row.organisation_name = names.get(row.organisation, row.organisation)  # type: ignore[union-attr]


def _theirs(organisations: list[tuple[str, str]]) -> Q:
    """Rows (keys, endpoints) of these organisations, filtered in the database."""
    query = Q(pk__in=[])
    for role, organisation in organisations:
        query |= Q(role=role, organisation=organisation)
    return query


class KeyForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100, help_text="What will use the key, e.g. our course system.")
    organisation = forms.ChoiceField(label="Organisation")
    scopes = forms.MultipleChoiceField(
        label="What the key may do", widget=forms.CheckboxSelectMultiple,
        choices=[(s, s) for scopes in SCOPES.values() for s in scopes],
    )  # fmt: skip
    days = forms.IntegerField(label="Days until it expires", min_value=1, max_value=services.MAX_DAYS, initial=90)

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def keys(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organisations = _organisations(user)
    if not organisations:
        raise Http404("You are not staff of a provider, centre or employer.")
    names = organisation_names(org for _role, org in organisations)
    form = KeyForm(request.POST or None, choices=_organisation_choices(organisations, names))
    shown = None
    if request.method == "POST" and form.is_valid():
        from datetime import timedelta

        from django.utils import timezone

        role, organisation = form.cleaned_data["organisation"].split(":", 1)
        try:
            expires = timezone.now() + timedelta(days=form.cleaned_data["days"])
            _key, shown = services.key_create(
                actor=user, role=role, organisation=organisation, name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"], expires_at=expires,
            )  # fmt: skip
        except services.ApiKeyError as exc:
            form.add_error(None, str(exc))
    listed = list(ApiKey.objects.filter(_theirs(organisations)))
    _named(listed, names)
    status = 400 if form.errors else 200
    return render(request, "orgkeys/keys.html", {"form": form, "keys": listed, "shown": shown}, status=status)


class WebhookForm(forms.Form):
    url = forms.URLField(label="Address that receives the events", max_length=500, assume_scheme="https")
    webhook_organisation = forms.ChoiceField(label="Organisation")
    events = forms.MultipleChoiceField(
        label="Events to send", widget=forms.CheckboxSelectMultiple, choices=[(e, e) for e in WEBHOOK_EVENTS]
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["webhook_organisation"].choices = choices  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organisations = _organisations(user)
    if not organisations:
        raise Http404("You are not staff of a provider, centre or employer.")
    names = organisation_names(org for _role, org in organisations)
    form = WebhookForm(request.POST or None, choices=_organisation_choices(organisations, names))
    secret = None
    if request.method == "POST" and form.is_valid():
        role, organisation = form.cleaned_data["webhook_organisation"].split(":", 1)
        try:
            _endpoint, secret = services.endpoint_create(
                actor=user, role=role, organisation=organisation, url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
            )  # fmt: skip
        except services.ApiKeyError as exc:
            form.add_error(None, str(exc))
    endpoints = list(WebhookEndpoint.objects.filter(_theirs(organisations)))
    _named(endpoints, names)
    log = (
        WebhookAttempt.objects.filter(delivery__endpoint__in=endpoints)
        .select_related("delivery__endpoint")
        .order_by("-at", "-id")[:50]
    )
    context = {"form": form, "endpoints": endpoints, "secret": secret, "log": log}
    return render(request, "orgkeys/webhooks.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = ApiKey.objects.filter(pk=pk).first()
    if key is None or not services.may_manage(_user(request), key.role, key.organisation):
        raise Http404("No such key.")
    services.key_revoke(actor=_user(request), key=key)
    messages.success(request, f"The key ‘{key.name}’ is revoked.")
    return redirect("orgkeys:keys")
