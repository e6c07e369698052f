"""The Career Converter API's limit for anonymous callers, counted by the shared limiter (`skillsnet.ratelimit`).

`CONVERTER_ANON_RATE_PER_MINUTE` (default 30) requests per client address per minute, in scope
"converter-api" (so `SKILLSNET_RATE_LIMITS` can also set a per-hour limit); signed-in callers are not limited.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from skillsnet import ratelimit

DEFAULT_PER_MINUTE = 30


def limit_per_minute() -> int:
    return int(getattr(settings, "CONVERTER_ANON_RATE_PER_MINUTE", DEFAULT_PER_MINUTE))


def retry_after(request: HttpRequest, *, scope: str = "converter-api") -> int | None:
    """Count this request; None if it may go ahead, else the seconds until the window resets."""
    if request.user.is_authenticated:
        return None
    decision = ratelimit.check(request, scope, per_minute=limit_per_minute())
    return None if decision.allowed else decision.retry_after
