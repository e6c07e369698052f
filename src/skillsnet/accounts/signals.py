"""Security events written to the audit log: signing in and out, failed attempts, lock-outs and password
changes. Connected in `AccountsConfig.ready()`.

The client address is recorded the same way the rate limiter sees it (`skillsnet.ratelimit.client_ip`). A
failed attempt for an email address with no account is logged without the address typed, so the log never
collects other people's email addresses.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from skillsnet.accounts.emails import normalise_email
from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.ratelimit import client_ip

# Set on a user by the password-reset confirmation view, so the change is recorded as a completed reset.
RESET_MARK = "_skillsnet_password_reset"
# Set on a user just created, so the password it was created with is not audited as a change.
CREATED_MARK = "_skillsnet_just_created"


def _ip(request: HttpRequest | None) -> dict[str, str]:
    return {"ip": client_ip(request)} if request is not None else {}


def _account(email: str | None) -> User | None:
    if not email:
        return None
    return User.objects.filter(email__iexact=normalise_email(email)).first()


@receiver(user_logged_in, dispatch_uid="skillsnet.audit.signed_in")
def on_signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit_log(action="accounts.sign_in.succeeded", actor=user, subject=user, data=_ip(request))


@receiver(user_logged_out, dispatch_uid="skillsnet.audit.signed_out")
def on_signed_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None:  # the session had already ended
        return
    audit_log(action="accounts.sign_in.signed_out", actor=user, subject=user, data=_ip(request))


@receiver(user_login_failed, dispatch_uid="skillsnet.audit.sign_in_failed")
def on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    subject = _account(credentials.get("username") or credentials.get("email"))
    audit_log(action="accounts.sign_in.failed", subject=subject, data={**_ip(request), "known_account": bool(subject)})


@receiver(user_locked_out, dispatch_uid="skillsnet.audit.locked_out")
def on_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    subject = _account(username)
    audit_log(
        action="accounts.sign_in.locked_out", subject=subject, data={**_ip(request), "known_account": bool(subject)}
    )


@receiver(post_save, sender=User, dispatch_uid="skillsnet.audit.user_created")
def on_user_created(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    # The password a new account is created with is not a change: `passwords.password_saved` skips it.
    if created:
        setattr(instance, CREATED_MARK, True)


def password_saved(user: User) -> None:
    """Audit a saved password change, wherever it came from (reset link, account page, admin, `changepassword`).

    Called by the `password_changed` hook of `passwords.AuditedMinimumLengthValidator`, which Django runs
    for every validator once a new password has been saved.
    """
    if getattr(user, CREATED_MARK, False):
        setattr(user, CREATED_MARK, False)
        return
    if getattr(user, RESET_MARK, False):
        setattr(user, RESET_MARK, False)
        audit_log(action="accounts.password.reset_completed", actor=user, subject=user)
        return
    audit_log(action="accounts.password.changed", subject=user)
