"""Verifying a credential the way an outsider would: signature against the published JWK Set, then the
expiry, then the revocation status."""

from __future__ import annotations

from typing import Any

import jwt
from django.urls import reverse
from django.utils import timezone

from skillsnet.learning import openbadges, signing, xapi
from skillsnet.learning.models import Credential
from skillsnet.learning.openbadges import Check, Verification


def verify_credential(credential: Credential, key_set: dict[str, Any] | None = None) -> Verification:
    checks: list[Check] = []
    keys = key_set if key_set is not None else signing.jwks()
    try:
        payload = signing.verify(credential.jwt, keys)
    except (jwt.PyJWTError, ValueError) as exc:
        checks.append(Check("Signature", False, f"The signature does not check out: {exc}"))
        return Verification("invalid", "This credential is not genuine: its signature does not check out.", checks)
    if payload.get("jti") != f"urn:uuid:{credential.pk}" or payload.get("iss") != openbadges.issuer_id():
        checks.append(Check("Signature", False, "The signed credential is not the one at this address."))
        return Verification("invalid", "This credential is not genuine: it does not match this address.", checks)
    checks.append(Check("Signature", True, "Signed by this service's published Ed25519 key."))

    now = timezone.now()
    if credential.expires_at is not None and credential.expires_at <= now:
        checks.append(Check("Expiry", False, f"Expired on {credential.expires_at:%-d %B %Y}."))
        expired = True
    else:
        checks.append(
            Check(
                "Expiry",
                True,
                "Does not expire."
                if credential.expires_at is None
                else f"Valid until {credential.expires_at:%-d %B %Y}.",
            )
        )
        expired = False

    if credential.revoked_at is not None:
        reason = credential.revocation_reason
        checks.append(Check("Revocation", False, f"Revoked on {credential.revoked_at:%-d %B %Y}: {reason}"))
        return Verification("revoked", "This credential has been revoked and is no longer valid.", checks)
    checks.append(Check("Revocation", True, "Not revoked."))
    if expired:
        return Verification("expired", "This credential was genuine but has expired.", checks)
    return Verification("valid", "This credential is genuine and valid.", checks)


def status_document(credential: Credential) -> dict[str, Any]:
    """The credential's status: a 1EdTech revocation list holding this credential if it is revoked."""
    revoked = credential.revoked_at is not None
    expired = credential.expires_at is not None and credential.expires_at <= timezone.now()
    return {
        "id": xapi.absolute(reverse("credentials:status", args=[credential.pk])),
        "issuer": openbadges.issuer_id(),
        "status": "revoked" if revoked else "expired" if expired else "active",
        "revokedAt": openbadges.iso(credential.revoked_at) if credential.revoked_at else None,
        "revokedCredentials": (
            [{"id": f"urn:uuid:{credential.pk}", "revoked": True, "revocationReason": credential.revocation_reason}]
            if revoked
            else []
        ),
    }
