"""The API's organisation-key security scheme (`X-API-Key` header, OpenAPI `apiKey`), with a per-key limit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from skillsnet import ratelimit
from skillsnet.orgkeys.models import ApiKey
from skillsnet.orgkeys.services import key_find


class OrgKey(APIKeyHeader):
    """An organisation's API key in the `X-API-Key` header."""

    param_name = "X-API-Key"
    openapi_description = (
        "An organisation's API key (made by its staff at /api-keys/): `sk_<prefix>_<secret>`. Each key has scopes,"
        " an expiry and a per-minute rate limit."
    )

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        if not key:
            return None
        found = key_find(key)
        if found is None:
            return None
        if ratelimit.enabled():
            decision = ratelimit.limiter.hit("apikey", found.prefix, per_minute=found.rate_per_minute)
            if not decision.allowed:
                raise HttpError(429, f"Too many requests with this key: try again in {decision.retry_after} s.")
        return found


org_key = OrgKey()


def require(request: HttpRequest, *, scope: str, role: str, organisation: str) -> ApiKey:
    """The request's key if it may do `scope` for `organisation`: 404 for another organisation, 403 without scope."""
    key: Any = request.auth  # type: ignore[attr-defined]
    if not isinstance(key, ApiKey) or key.role != role or key.organisation != organisation:
        raise HttpError(404, "Not found.")
    if scope not in key.scopes:
        raise HttpError(403, f"This key may not do '{scope}'.")
    return key
