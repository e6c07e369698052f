"""Making, checking and revoking organisation API keys (audited `orgkeys.key.created` / `.revoked`)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role
from skillsnet.accounts.services import audit_log
from skillsnet.orgkeys.models import SCOPES, ApiKey, KeyRole
from skillsnet.orgkeys.webhooks import UnsafeAddress, check_address

ROLE_GRANTS = {
    KeyRole.PROVIDER: Role.PROVIDER_STAFF,
    KeyRole.CENTRE: Role.CENTRE_STAFF,
    KeyRole.EMPLOYER: Role.EMPLOYER,
}
MAX_DAYS = 366


class ApiKeyError(Exception):
    """A refused key action; the message is a sentence for the person."""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def may_manage(user: User, role: str, organisation: str) -> bool:
    return has_role(user, ROLE_GRANTS[KeyRole(role)], scope=organisation)


@transaction.atomic
def key_create(
    *,
    actor: User,
    role: str,
    organisation: str,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
    rate_per_minute: int = 60,
) -> tuple[ApiKey, str]:
    """A new key for `organisation`, made by its staff. Returns the key and its text, which is never shown again."""
    if role not in KeyRole.values:
        raise ApiKeyError(f"A key is for one of: {', '.join(KeyRole.values)}.")
    if not may_manage(actor, role, organisation):
        raise ApiKeyError("Only this organisation's staff can make its API keys.")
    wanted = sorted(set(scopes))
    allowed = SCOPES[KeyRole(role)]
    if not wanted or not set(wanted) <= set(allowed):
        raise ApiKeyError(f"Choose what the key may do: {', '.join(allowed)}.")
    now = timezone.now()
    expires_at = expires_at or now + timedelta(days=90)
    if expires_at <= now or expires_at > now + timedelta(days=MAX_DAYS):
        raise ApiKeyError(f"A key expires in the future and within {MAX_DAYS} days.")
    if not name.strip():
        raise ApiKeyError("Give the key a name, such as the system that will use it.")
    prefix = secrets.token_hex(6)
    text = f"sk_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        name=name.strip()[:100],
        prefix=prefix,
        secret_hash=_digest(text),
        role=role,
        organisation=organisation,
        scopes=wanted,
        created_by=actor,
        expires_at=expires_at,
        rate_per_minute=rate_per_minute,
    )
    audit_log(
        action="orgkeys.key.created",
        actor=actor,
        obj=key,
        data={"role": role, "organisation": organisation, "scopes": wanted},
    )
    return key, text


@transaction.atomic
def key_revoke(*, actor: User, key: ApiKey) -> ApiKey:
    if not may_manage(actor, key.role, key.organisation):
        raise ApiKeyError("Only this organisation's staff can revoke its API keys.")
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_log(action="orgkeys.key.revoked", actor=actor, obj=key, data={"organisation": key.organisation})
    return key


def key_find(text: str) -> ApiKey | None:
    """The active key whose text this is, or None (unknown, wrong secret, revoked or expired)."""
    parts = text.strip().split("_")
    if len(parts) < 3 or parts[0] != "sk":
        return None
    key = ApiKey.objects.filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _digest(text.strip())) or not key.active:
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


@transaction.atomic
def endpoint_create(*, actor: User, role: str, organisation: str, url: str, events: Iterable[str]) -> tuple[Any, str]:
    """A webhook endpoint for `organisation`; returns it and its signing secret, which is shown only now."""
    from skillsnet.orgkeys.models import WEBHOOK_EVENTS, WebhookEndpoint

    if role not in KeyRole.values or not may_manage(actor, role, organisation):
        raise ApiKeyError("Only this organisation's staff can add its webhooks.")
    chosen = sorted(set(events))
    if not chosen or not set(chosen) <= set(WEBHOOK_EVENTS):
        raise ApiKeyError(f"Choose the events to send: {', '.join(WEBHOOK_EVENTS)}.")
    try:
        check_address(url, resolve=False)
    except UnsafeAddress as exc:
        raise ApiKeyError(str(exc)) from exc
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint.objects.create(
        role=role, organisation=organisation, url=url, secret=secret, events=chosen, created_by=actor
    )
    audit_log(action="orgkeys.webhook.created", actor=actor, obj=endpoint, data={"organisation": organisation})
    return endpoint, secret
