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
