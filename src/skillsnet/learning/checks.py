"""System checks for online learning's configuration (`skillsnet check`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register()
def credentials_signing_key(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.PRODUCTION and not settings.CREDENTIALS_SIGNING_KEY:
        return [
            Warning(
                "No key to sign credentials: course completions will not get an Open Badges credential.",
                hint="Set CREDENTIALS_SIGNING_KEY_FILE to an Ed25519 private key in PEM form "
                "(openssl genpkey -algorithm ed25519 -out credentials-ed25519.pem).",
                id="learning.W001",
            )
        ]
    return []


@register()
def base_url(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.PRODUCTION and settings.SKILLSNET_BASE_URL.startswith(("http://127.", "http://localhost")):
        return [
            Warning(
                "SKILLSNET_BASE_URL still points at this machine: credentials and learning records would name it.",
                hint="Set SKILLSNET_BASE_URL to the public https address of the service.",
                id="learning.W002",
            )
        ]
    return []
