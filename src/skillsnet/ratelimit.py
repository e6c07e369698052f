"""Abuse limits shared by every app: fixed windows counted on Django's cache.

A limit has a *scope* ("register", "sign-in", "converter-api", …) and allows at most `per_minute` and/or
`per_hour` requests per client address (and, optionally, per signed-in account or per submitted value such
as an email address). Over it, pages get a friendly "Too many requests" page and the API gets
`{"detail": …}`, both with status 429 and a `Retry-After` header.

- **Where the counts live.** Django's default cache. The local-memory default (development and tests) counts
  per process, so N processes allow up to N times the limit; production refuses to start without a shared
  one: Redis (`REDIS_URL`) or the database cache (`SKILLSNET_CACHE=database`), whose counters are locked
  while they are incremented so that concurrent workers count exactly.
- **Client address.** `REMOTE_ADDR`, unless `SKILLSNET_TRUSTED_PROXY_COUNT` says how many reverse proxies
  (each appending to `X-Forwarded-For`) stand in front of the service: then the address that many entries from
  the right of `X-Forwarded-For`. Never trust the header without a proxy that rewrites it: anyone can send one.
  IPv6 clients are counted per /64 network, since one subscriber usually holds a whole /64.
- **Settings.** `SKILLSNET_RATE_LIMITS = {"register": {"per_minute": 5, "per_hour": 20}, …}` overrides the
  defaults given at each call site; `SKILLSNET_RATE_LIMITS_ENABLED = False` switches every limit off.
- **Time.** The limiter reads the clock through `limiter.clock`, so tests freeze and move time instead of
  sleeping.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string

from skillsnet.accounts.emails import normalise_email

MINUTE = 60
HOUR = 60 * 60
# A counter outlives its window by a little, so a late increment never resurrects a stale count.
_GRACE = 5

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class Decision:
    """The outcome of counting one request: allowed, or refused for `retry_after` seconds."""

    allowed: bool
    retry_after: int = 0


@dataclass
class RateLimiter:
    """Counts requests in fixed windows; `clock` returns seconds since the epoch (replaceable in tests)."""

    clock: Callable[[], float] = field(default=time.time)

    def hit(self, scope: str, identity: str, *, per_minute: int | None = None, per_hour: int | None = None) -> Decision:
        """Count one request by `identity` in `scope` and say whether it is within every limit given."""
        now = self.clock()
        waits = []
        for length, limit in ((MINUTE, per_minute), (HOUR, per_hour)):
            if limit is None:
                continue
            window = int(now // length)
            key = f"ratelimit:{scope}:{length}:{window}:{_digest(identity)}"
            count = _increment(key, timeout=length + _GRACE)
            if count > limit:
                waits.append(max(1, int((window + 1) * length - now)))
        if waits:
            return Decision(allowed=False, retry_after=max(waits))
        return Decision(allowed=True)


def _increment(key: str, *, timeout: int) -> int:
    """Add one to the counter `key` (created at 0 when missing) and return the new count.

    Redis and local memory increment atomically. Django's database cache does not (its `incr` is a read and
    a write), so two workers could both read 7 and both write 8: there the row is locked first
    (`SELECT … FOR UPDATE`; SQLite's write transactions are serialised already), so counts stay exact.
    """
    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        # add() is atomic on every backend: it creates the counter only when it is missing.
        backend.add(key, 0, timeout=timeout)
        try:
            return int(backend.incr(key))
        except ValueError:  # the counter expired between add() and incr()
            backend.add(key, 1, timeout=timeout)
            return 1
    database = router.db_for_write(backend.cache_model_class)
    connection = connections[database]
    with transaction.atomic(using=database):
        backend.add(key, 0, timeout=timeout)
        if connection.vendor != "sqlite":
            table = connection.ops.quote_name(backend.cache_model_class._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 - our table name
                    [backend.make_and_validate_key(key)],
                )
        try:
            return int(backend.incr(key))
        except ValueError:
            backend.set(key, 1, timeout=timeout)
            return 1


# The one limiter every view and API operation uses; tests replace its clock.
limiter = RateLimiter()


def _digest(identity: str) -> str:
    # Keys stay short and never hold an email address or other personal data in clear.
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def client_ip(request: HttpRequest) -> str:
    """The client's address as this service can trust it (see the module docstring)."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = int(getattr(settings, "SKILLSNET_TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def configured(scope: str, *, per_minute: int | None, per_hour: int | None) -> tuple[int | None, int | None]:
    """The limits for `scope`: the call site's defaults, overridden by `SKILLSNET_RATE_LIMITS[scope]`."""
    override: dict[str, Any] = getattr(settings, "SKILLSNET_RATE_LIMITS", {}).get(scope, {})
    return override.get("per_minute", per_minute), override.get("per_hour", per_hour)


def enabled() -> bool:
    return bool(getattr(settings, "SKILLSNET_RATE_LIMITS_ENABLED", True))


def check(
    request: HttpRequest,
    scope: str,
    *,
    per_minute: int | None = None,
    per_hour: int | None = None,
    extra_identities: Iterable[str] = (),
) -> Decision:
    """Count `request` against `scope` by client address and any extra identities (an account, an email).

    Every identity is counted; the request is refused when any of them is over its limit.
    """
    if not enabled():
        return Decision(allowed=True)
    per_minute, per_hour = configured(scope, per_minute=per_minute, per_hour=per_hour)
    identities = [f"ip:{client_ip(request)}", *extra_identities]
    decisions = [limiter.hit(scope, who, per_minute=per_minute, per_hour=per_hour) for who in identities]
    refused = [d.retry_after for d in decisions if not d.allowed]
    return Decision(allowed=False, retry_after=max(refused)) if refused else Decision(allowed=True)


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 with `Retry-After`: JSON `{"detail": …}` under /api/, a plain page everywhere else."""
    message = f"Too many requests: try again in {retry_after} second{'s' if retry_after != 1 else ''}."
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        minutes = (retry_after + MINUTE - 1) // MINUTE
        body = render_to_string("429.html", {"retry_after": retry_after, "minutes": minutes}, request=request)
        response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def limited_response(
    request: HttpRequest,
    scope: str,
    *,
    per_minute: int | None = None,
    per_hour: int | None = None,
    extra_identities: Iterable[str] = (),
) -> HttpResponse | None:
    """Count `request`; None when it may go ahead, else the 429 response to send."""
    decision = check(request, scope, per_minute=per_minute, per_hour=per_hour, extra_identities=extra_identities)
    return None if decision.allowed else too_many_requests(request, decision.retry_after)


def rate_limit(
    scope: str,
    *,
    per_minute: int | None = None,
    per_hour: int | None = None,
    methods: Iterable[str] = ("POST",),
    per_account: bool = False,
    field: str | None = None,
) -> Callable[[ViewFunc], ViewFunc]:
    """Limit a view's `methods` (POST by default) per client address.

    `per_account` also counts a signed-in person across addresses; `field` also counts the submitted value
    of that form field (normalised like an email address: stripped, NFKC, case-folded), e.g. the email
    address a password reset is sent to.
    """
    limited_methods = frozenset(m.upper() for m in methods)

    def decorate(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method in limited_methods:
                extra = []
                if per_account and request.user.is_authenticated:
                    extra.append(f"user:{request.user.pk}")
                if field and request.POST.get(field, "").strip():
                    # The same form as sign-in and axes use: one address typed two ways is one identity.
                    extra.append(f"{field}:{normalise_email(request.POST[field])}")
                refusal = limited_response(
                    request, scope, per_minute=per_minute, per_hour=per_hour, extra_identities=extra
                )
                if refusal is not None:
                    return refusal
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
