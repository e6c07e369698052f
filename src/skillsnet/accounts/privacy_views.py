"""Your data: see what is held, download it, delete your account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from skillsnet.accounts import privacy
from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="To make sure it is you.",
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Enter the password you sign in with.")
        return password


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_GET
@never_cache
def privacy_overview(request: HttpRequest) -> HttpResponse:
    sections = privacy.data_summary(user=_user(request))
    return render(request, "accounts/privacy_overview.html", {"sections": sections})


@login_required
@require_GET
@never_cache
def privacy_download(request: HttpRequest) -> FileResponse:
    user = _user(request)
    archive = privacy.export_zip(user=user)
    audit_log(action="accounts.data.exported", actor=user, subject=user, data={"format": "zip"})
    filename = f"skillsnet-my-data-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def privacy_delete(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.account_delete(user=user)
        except privacy.PrivacyError as exc:
            form.add_error(None, str(exc))
        else:
            # Not `logout()`: its signal would write an audit entry naming the account that no longer exists.
            request.session.flush()
            request.user = AnonymousUser()
            return redirect("accounts:privacy-deleted")
    sections = [s for s in privacy.data_summary(user=user) if s.count]
    return render(request, "accounts/privacy_delete.html", {"form": form, "sections": sections})


@require_GET
def privacy_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy_deleted.html")
