"""Open Badges 3.0 documents: the issuer profile, an OpenBadgeCredential, and how we verify one.

A credential is signed as a VC-JWT: the JWT payload is the credential itself plus the registered claims
(`iss`, `jti`, `sub`, `nbf`, `iat`, `exp`) that OB 3.0 asks for, signed with EdDSA (Ed25519).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from skillsnet.learning.xapi import absolute

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def issuer_id() -> str:
    return absolute(reverse("credentials:issuer"))


def issuer_profile() -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.SKILLSNET_SITE_NAME,
        "url": settings.SKILLSNET_BASE_URL + "/",
        "description": (
            "The UK advanced therapies skills network. Credentials are signed as VC-JWTs with Ed25519; the "
            f"public keys are at {absolute(reverse('credentials:jwks'))}."
        ),
    }


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def email_identity(email: str, salt: str) -> dict[str, Any]:
    """An OB 3.0 IdentityObject: the hashed email lets a verifier confirm the holder without reading it."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


@dataclass(frozen=True)
class AlignedSkill:
    name: str
    url: str
    code: str
    framework: str
    # What the evidence supports for this skill, e.g. "Level the assessment supports: Awareness (1 of 4)".
    description: str = ""


def alignment(skills: list[AlignedSkill]) -> list[dict[str, Any]]:
    rows = []
    for skill in skills:
        row = {
            "type": ["Alignment"],
            "targetName": skill.name,
            "targetUrl": skill.url,
            "targetCode": skill.code,
            "targetFramework": skill.framework,
            "targetType": "ext:ESCOSkill" if skill.framework == "ESCO" else "ext:Skill",
        }
        if skill.description:
            row["targetDescription"] = skill.description
        rows.append(row)
    return rows


def credential_document(
    *,
    credential_id: str,
    subject_id: str,
    identity: dict[str, Any],
    achievement_id: str,
    achievement_name: str,
    description: str,
    criteria: str,
    skills: list[AlignedSkill],
    valid_from: datetime,
    valid_until: datetime | None,
) -> dict[str, Any]:
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": achievement_name,
        "description": description or achievement_name,
        "criteria": {"narrative": criteria or description or achievement_name},
        "creator": {"id": issuer_id(), "type": ["Profile"], "name": settings.SKILLSNET_SITE_NAME},
    }
    if skills:
        achievement["alignment"] = alignment(skills)
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement_name,
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.SKILLSNET_SITE_NAME,
            "url": settings.SKILLSNET_BASE_URL + "/",
        },
        "validFrom": iso(valid_from),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "identifier": [identity],
            "achievement": achievement,
        },
        "credentialStatus": {
            "id": absolute(reverse("credentials:status", args=[credential_id])),
            "type": "1EdTechRevocationList",
        },
    }
    if valid_until is not None:
        document["validUntil"] = iso(valid_until)
    return document


def jwt_claims(document: dict[str, Any], valid_from: datetime, valid_until: datetime | None) -> dict[str, Any]:
    """The VC-JWT payload: the credential and the JWT claims OB 3.0 maps onto it."""
    claims = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "sub": document["credentialSubject"]["id"],
        "nbf": int(valid_from.timestamp()),
        "iat": int(valid_from.timestamp()),
    }
    if valid_until is not None:
        claims["exp"] = int(valid_until.timestamp())
    return claims


@dataclass
class Check:
    name: str
    passed: bool
    message: str


@dataclass
class Verification:
    """What the verification page and the API report: a verdict and the checks behind it."""

    verdict: str  # valid | revoked | expired | invalid
    summary: str
    checks: list[Check] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.verdict == "valid"
