from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from skillsnet.accounts import selectors, services
from skillsnet.accounts.forms import AccountForm, RegisterForm
from skillsnet.accounts.models import User


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The same answer for a new address and one that has an account: an email says which it was.
        services.registration_request(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            region=form.cleaned_data.get("region") or "",
            sign_in_url=request.build_absolute_uri(reverse("accounts:sign-in")),
            reset_url=request.build_absolute_uri(reverse("accounts:password-reset")),
        )
        return redirect("accounts:registered")
    return render(request, "accounts/register.html", {"form": form})


@require_safe
def registered(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/registered.html")


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
