"""The Career Converter API's limit for anonymous callers, counted by the shared limiter (`skillsnet.ratelimit`).

`CONVERTER_ANON_RATE_PER_MINUTE` (default 30) requests per client address per minute, in scope
"converter-api" (so `SKILLSNET_RATE_LIMITS` can also set a per-hour limit); signed-in callers are not limited.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from skillsnet import ratelimit

DEFAULT_PER_MINUTE = 30


def limit_per_minute() -> int:
    return int(getattr(settings, "CONVERTER_ANON_RATE_PER_MINUTE", DEFAULT_PER_MINUTE))


def limited(request: HttpRequest) -> HttpResponse | None:
    """Count an anonymous caller's request: None if it may go ahead, else the shared limiter's 429."""
    if request.user.is_authenticated:
        return None
    return ratelimit.limited_response(request, "converter-api", per_minute=limit_per_minute())
