"""One form of an email address for everything that compares them: sign-in, the sign-in lockout (axes),
rate limits, registration and password reset.

`normalise_email` strips surrounding space, applies Unicode NFKC (so full-width and other compatibility
characters become their plain forms) and case-folds the whole address. RFC 5321 lets a mail server treat
the local part as case-sensitive; no common one does, and one person typing their address in two ways must
be one account with one lockout count. Stored addresses are in this form (`UserManager` writes them so);
accounts stored earlier with capitals still sign in, because the lookup is case-insensitive too.

Imports nothing from Django models, so the rate limiter and settings can use it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms


def normalise_email(value: str | None) -> str:
    """The comparable form of an email address: stripped, NFKC, case-folded ("" for None)."""
    return unicodedata.normalize("NFKC", value or "").strip().casefold()


def axes_username(request: Any, credentials: dict[str, Any] | None = None) -> str:
    """`AXES_USERNAME_CALLABLE`: axes counts failures and lockouts per normalised email address."""
    raw: Any = None
    if credentials:
        raw = credentials.get("username") or credentials.get("email")
    if raw is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", None) or {}
        raw = data.get("username") or data.get("email")
    return normalise_email(raw if isinstance(raw, str) else "")


class NormalisedEmailField(forms.EmailField):
    """An email field that normalises before validating, so `ＲＡＥ@example.com` is `rae@example.com`."""

    def to_python(self, value: Any) -> str:
        return normalise_email(super().to_python(value))
