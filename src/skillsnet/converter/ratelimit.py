"""A small fixed-window rate limiter on Django's cache, for anonymous API use.

`CONVERTER_ANON_RATE_PER_MINUTE` (default 30) requests per client address per minute; signed-in callers
are not limited. With the default local-memory cache each process counts on its own, so a deployment with
several processes allows up to that many times the limit: configure a shared cache (Redis, database) to
make it exact.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60
DEFAULT_PER_MINUTE = 30


def limit_per_minute() -> int:
    return int(getattr(settings, "CONVERTER_ANON_RATE_PER_MINUTE", DEFAULT_PER_MINUTE))


def retry_after(request: HttpRequest, *, scope: str = "converter-api") -> int | None:
    """Count this request; None if it may go ahead, else the seconds until the window resets."""
    if request.user.is_authenticated:
        return None
    now = int(time.time())
    window = now // WINDOW_SECONDS
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"ratelimit:{scope}:{address}:{window}"
    # add() is atomic on every cache backend: it creates the counter only if it is missing.
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count > limit_per_minute():
        return max(1, (window + 1) * WINDOW_SECONDS - now)
    return None
