from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader

from skillsnet.accounts.emails import NormalisedEmailField, normalise_email
from skillsnet.accounts.models import UKRegion, User
from skillsnet.tasks import enqueue_on_commit, send_email


def region_field() -> forms.ChoiceField:
    """Optional: where someone lives, for the programme's regional figures (never shown to employers by name)."""
    return forms.ChoiceField(
        label="Where in the UK do you live?",
        required=False,
        choices=[("", "Prefer not to say"), *UKRegion.choices],
        help_text="Optional. It helps the programme see where training is needed.",
    )


class SignInForm(AuthenticationForm):
    """Django's sign-in form, labelled for an email address and with plain-English errors."""

    username = NormalisedEmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive except the email.",
        "inactive": "This account has been deactivated.",
    }


class RegisterForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        required=False,
        help_text="Optional. How we address you in emails.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    region = region_field()
    email = NormalisedEmailField(
        label="Email address",
        help_text="You will use this to sign in.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="At least 10 characters. Avoid common words and numbers only.",
        error_messages={"required": "Create a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Confirm password",
        strip=False,
        error_messages={"required": "Confirm your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        # Whether the address already has an account is never said here: the view answers both the same way.
        return normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        # The password's own problems first (too short, too common), whatever the confirmation says: a short
        # password typed twice differently is still, first of all, too short.
        if p1:
            probe = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as exc:
                for error in exc.error_list:
                    self.add_error("password1", _password_problem(error, p1))
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match")
        return cleaned


class AccountForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150, required=False)
    region = region_field()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending its email through the task queue instead of inside the request."""

    email = NormalisedEmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # The link starts from the configured site address, never from the Host header of the request.
        context = {**context, "site_url": settings.SKILLSNET_BASE_URL}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_on_commit(send_email, to=[to_email], subject=subject, body=body)


def _password_problem(error: forms.ValidationError, password: str) -> str | forms.ValidationError:
    """Django's password validators in our words; a validator we do not know keeps its own message."""
    params = error.params or {}
    if error.code == "password_too_short":
        least = params.get("min_length")
        return f"Your password is too short: use at least {least} characters (you used {len(password)})"
    if error.code == "password_too_common":
        return "Your password is too common: choose one that would be hard to guess, like three random words"
    if error.code == "password_entirely_numeric":
        return "Your password cannot be only numbers: add some letters"
    if error.code == "password_too_similar":
        return f"Your password is too like your {params.get('verbose_name', 'details')}: choose a different one"
    return error
