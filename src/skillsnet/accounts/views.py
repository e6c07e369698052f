from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from skillsnet.accounts import selectors, services
from skillsnet.accounts.forms import AccountForm, RegisterForm
from skillsnet.accounts.models import User


def _next_page(request: HttpRequest) -> str:
    """Where to go after signing in, carried through registration: a path on this site, or nothing."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    local = target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    return target if local else ""


def _with_next(path: str, target: str) -> str:
    return f"{path}?{urlencode({'next': target})}" if target else path


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    # `next` travels through registration to the sign-in link, so a person who made an account to follow a
    # plan or save their results comes back to it.
    target = _next_page(request)
    if request.user.is_authenticated:
        return redirect(target or "accounts:account")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The same answer for a new address and one that has an account: an email says which it was.
        # Links in emails start from the configured site address, never from the request's Host header.
        site = settings.SKILLSNET_BASE_URL
        services.registration_request(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            region=form.cleaned_data.get("region") or "",
            sign_in_url=site + _with_next(reverse("accounts:sign-in"), target),
            reset_url=site + reverse("accounts:password-reset"),
        )
        return redirect(_with_next(reverse("accounts:registered"), target))
    context = {"form": form, "next": target}
    return render(request, "accounts/register.html", context, status=422 if form.errors else 200)


@require_safe
def registered(request: HttpRequest) -> HttpResponse:
    target = _next_page(request)
    return render(request, "accounts/registered.html", {"sign_in": _with_next(reverse("accounts:sign-in"), target)})


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = AccountForm(request.POST or None, initial={"full_name": user.full_name, "region": user.region})
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=user, full_name=form.cleaned_data["full_name"], region=form.cleaned_data.get("region") or ""
        )
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {"form": form, "roles": selectors.roles_of(user), "workspaces": selectors.workspaces(user)},
    )


@login_required
@require_safe
def dashboards(request: HttpRequest) -> HttpResponse:
    """Every dashboard this person's roles open; the site navigation links here for staff."""
    return render(request, "accounts/dashboards.html", {"workspaces": selectors.workspaces(request.user)})
