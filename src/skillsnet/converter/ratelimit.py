"""The Career Converter API's limits, counted by the shared limiter (`skillsnet.ratelimit`).

Anonymous callers: `CONVERTER_ANON_RATE_PER_MINUTE` (default 30) requests per client address per minute, in
scope "converter-api". Signed-in callers: `CONVERTER_USER_RATE_PER_MINUTE` (default 60) per account (and per
client address) per minute, in scope "converter-api-user". `SKILLSNET_RATE_LIMITS` can also set per-hour
limits for either scope.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from skillsnet import ratelimit

DEFAULT_PER_MINUTE = 30
DEFAULT_USER_PER_MINUTE = 60


def limit_per_minute() -> int:
    return int(getattr(settings, "CONVERTER_ANON_RATE_PER_MINUTE", DEFAULT_PER_MINUTE))


def user_limit_per_minute() -> int:
    return int(getattr(settings, "CONVERTER_USER_RATE_PER_MINUTE", DEFAULT_USER_PER_MINUTE))


def limited(request: HttpRequest) -> HttpResponse | None:
    """Count a request: None if it may go ahead, else the shared limiter's 429."""
    if request.user.is_authenticated:
        return ratelimit.limited_response(
            request,
            "converter-api-user",
            per_minute=user_limit_per_minute(),
            extra_identities=[f"user:{request.user.pk}"],
        )
    return ratelimit.limited_response(request, "converter-api", per_minute=limit_per_minute())
