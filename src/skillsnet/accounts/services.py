"""Every write about accounts goes through here."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction

from skillsnet.accounts.emails import normalise_email
from skillsnet.accounts.models import SCOPED_ROLES, AuditEntry, Role, RoleGrant, User


class AccountError(Exception):
    """A request about an account that cannot be carried out; the message is for the person."""


def audit_log(
    *,
    action: str,
    actor: User | None = None,
    subject: User | None = None,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one audit entry (inside the caller's transaction, so it commits or rolls back with it)."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject=subject,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )


@transaction.atomic
def user_register(*, email: str, password: str, full_name: str = "", region: str = "") -> User:
    email = normalise_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError("An account with this email address already exists. Sign in or reset your password.")
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, full_name=full_name.strip(), region=region)
    except IntegrityError:
        raise AccountError(
            "An account with this email address already exists. Sign in or reset your password."
        ) from None
    audit_log(action="accounts.user.registered", actor=user, subject=user, obj=user)
    return user


def registration_request(
    *, email: str, password: str, full_name: str = "", region: str = "", sign_in_url: str, reset_url: str
) -> User | None:
    """A registration form, answered the same way whether or not the address has an account.

    A new address gets its account and a welcome email; an address that already has one gets no second
    account, and its owner is emailed that someone tried to register with it (with the links back in). The
    caller shows one "check your email" page for both, so registration never says which addresses exist.
    The password is hashed in both cases, so the two take about as long. Returns the new account, or None.
    """
    from django.contrib.auth.hashers import make_password

    from skillsnet.tasks import enqueue_on_commit, send_email

    email = normalise_email(email)
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            try:
                user = user_register(email=email, password=password, full_name=full_name, region=region)
            except AccountError:  # registered in the same instant by another request: treat as existing
                existing = User.objects.filter(email__iexact=email).first()
            else:
                body = "\n".join(
                    [
                        f"Hello {user.get_short_name()},",
                        "",
                        "Your skillsnet account is ready. Sign in with this email address and the password you chose:",
                        sign_in_url,
                        "",
                        "If you did not create it, ignore this email: without the password no one can use it.",
                    ]
                )
                enqueue_on_commit(send_email, to=[email], subject="Your skillsnet account is ready", body=body)
                return user
        make_password(password)  # the same work as creating an account, so timing tells nothing
        if existing is not None and existing.is_active:
            audit_log(action="accounts.user.registration_repeated", subject=existing)
            body = "\n".join(
                [
                    f"Hello {existing.get_short_name()},",
                    "",
                    "Someone asked to create a skillsnet account with this email address, which already has one.",
                    f"If it was you, sign in: {sign_in_url}",
                    f"Forgotten your password? Reset it: {reset_url}",
                    "",
                    "If it was not you, you need do nothing: your account has not changed.",
                ]
            )
            enqueue_on_commit(
                send_email, to=[existing.email], subject="You already have a skillsnet account", body=body
            )
    return None


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, region: str | None = None) -> User:
    fields = ["full_name"]
    user.full_name = full_name.strip()
    if region is not None:
        user.region = region
        fields.append("region")
    user.save(update_fields=fields)
    audit_log(action="accounts.user.updated", actor=user, subject=user, obj=user, data={"fields": fields})
    return user


@transaction.atomic
def role_grant(*, user: User, role: Role, scope: str = "") -> RoleGrant:
    if role == Role.LEARNER:
        raise AccountError("Everyone with an account is a learner; there is nothing to grant.")
    if role in SCOPED_ROLES and not scope:
        raise AccountError(f"The role '{role.label}' needs the organisation or centre it applies to.")
    if role not in SCOPED_ROLES and scope:
        raise AccountError(f"The role '{role.label}' is programme-wide and takes no scope.")
    grant, created = RoleGrant.objects.get_or_create(user=user, role=role, scope=scope)
    if created:
        audit_log(action="accounts.role.granted", subject=user, obj=grant, data={"role": role.value, "scope": scope})
    return grant


@transaction.atomic
def role_revoke(*, user: User, role: Role, scope: str = "") -> int:
    deleted, _ = RoleGrant.objects.filter(user=user, role=role, scope=scope).delete()
    if deleted:
        audit_log(action="accounts.role.revoked", subject=user, data={"role": role.value, "scope": scope})
    return deleted
