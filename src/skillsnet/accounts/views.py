from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_safe

from skillsnet.accounts import selectors, services
from skillsnet.accounts.forms import AccountForm, RegisterForm
from skillsnet.accounts.models import User


def _next(request: HttpRequest) -> str:
    """Where to go once signed in (a page on this site the person came from), or ""."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    hosts = {request.get_host()}
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts=hosts, require_https=request.is_secure())
    return wanted if safe else ""


def _sign_in_path(next_url: str) -> str:
    return reverse("accounts:sign-in") + (f"?{urlencode({'next': next_url})}" if next_url else "")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    # `next` travels through registration to the sign-in link, so a person who made an account to
    # follow a plan comes back to that plan.
    next_url = _next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:account")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The same answer for a new address and one that has an account: an email says which it was.
        services.registration_request(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            region=form.cleaned_data.get("region") or "",
            sign_in_url=request.build_absolute_uri(_sign_in_path(next_url)),
            reset_url=request.build_absolute_uri(reverse("accounts:password-reset")),
        )
        done = reverse("accounts:registered")
        return redirect(f"{done}?{urlencode({'next': next_url})}" if next_url else done)
    context = {"form": form, "next": next_url, "sign_in": _sign_in_path(next_url)}
    return render(request, "accounts/register.html", context)


@require_safe
def registered(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/registered.html", {"sign_in": _sign_in_path(_next(request))})


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
