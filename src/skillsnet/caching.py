"""Answers that are the same for everyone, kept in Django's shared cache (docs/PERFORMANCE.md, "Issue 18").

- **Public pages** (`@public_page`): the catalogue, role, course and centre pages as an anonymous visitor
  sees them, keyed by the path and the *public version* — the catalogue version (bumped by every catalogue
  write, `catalogue/versioning.py`) and *generation* counters in the cache, bumped by any save or delete of
  what those pages show besides the catalogue: "content" (centres, modules, lessons, feedback, vacancies and
  employers) for every page, and "seats" (runs, their sessions, bookings) for the pages that show runs.
  A page is served with an `ETag` (a hash of its bytes), a `Last-Modified`
  (when it was rendered) and `Cache-Control: public, max-age=…` with `Vary: Cookie`; a conditional GET
  whose validator still holds gets 304 with no body. Never cached: a signed-in visitor, a visitor with a
  message waiting, any method but GET and HEAD, an answer other than 200, one that sets a cookie or uses
  the CSRF token. Signed-in answers to these URLs say `Cache-Control: private, no-cache`.
- **Plans** (`cached_plan`): the engine's plan for the same inputs (gaps, courses held, the open runs
  with their free seats, dates, hours, centres) under the same catalogue version, shared by the role page,
  its print view and `POST /api/v1/converter/plan`.
- **The OpenAPI document** depends on the code only: built once per process (`skillsnet/api.py`).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])

# How long a public page is kept and how long browsers and proxies may reuse it without asking again.
PAGE_TIMEOUT = 600
PAGE_MAX_AGE = 60
# Pages that show seats left follow bookings through the generation; a short life covers changes made
# without a model signal (queryset updates).
SEATS_TIMEOUT = 30
SEATS_MAX_AGE = 10
PLAN_TIMEOUT = 600
MAX_QUERY_STRING = 300

# Models whose rows public pages show, besides the catalogue's own (which bump the catalogue version), by
# the generation a save bumps: "content" for every public page, "seats" for the pages that show runs and seats
# too, so that bookings (many, under load) do not throw away the role and catalogue pages.
PUBLIC_MODELS = {
    ("learning", "module"): "content",
    ("learning", "lesson"): "content",
    ("learning", "question"): "content",
    ("insights", "coursefeedback"): "content",
    ("industry", "vacancy"): "content",  # role pages list open vacancies
    ("industry", "employer"): "content",
    ("centres", "centre"): "content",
    ("centres", "courserun"): "seats",
    ("centres", "runsession"): "seats",
    ("centres", "booking"): "seats",
}
SCOPES = {"content": ("content",), "seats": ("content", "seats")}


# ---------------------------------------------------------------- the public version


def generation(name: str) -> int:
    key = f"public:generation:{name}"
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, None)
        value = cache.get(key, 1)
    return int(value)


def bump_generation(name: str) -> None:
    key = f"public:generation:{name}"
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): any new value differs from what pages were keyed by
        cache.set(key, int(time.time()), None)


def public_version(scope: str = "seats") -> str:
    """The catalogue version and the generations a page of `scope` ("content" or "seats") depends on."""
    from skillsnet.catalogue.versioning import catalogue_version

    return ".".join([str(catalogue_version()), *(str(generation(name)) for name in SCOPES[scope])])


def _on_change(sender: type, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    name = PUBLIC_MODELS.get((meta.app_label, meta.model_name)) if meta is not None else None
    if name is not None:
        bump_generation(name)


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="skillsnet.caching.save")
    post_delete.connect(_on_change, dispatch_uid="skillsnet.caching.delete")


# ---------------------------------------------------------------- public pages


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    if "messages" in request.COOKIES:
        return False
    if request.user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.get("_messages"))


def _cacheable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


def _page_key(request: HttpRequest, version: str) -> str:
    raw = f"{version}|{request.get_full_path()}|{request.headers.get('HX-Request', '')}"
    return "public:page:" + hashlib.sha256(raw.encode()).hexdigest()


def public_page(
    *, timeout: int = PAGE_TIMEOUT, max_age: int = PAGE_MAX_AGE, scope: str = "content"
) -> Callable[[ViewFunc], ViewFunc]:
    """Serve a page that anonymous visitors all see alike from the shared cache (see the module's docstring).

    `scope` "seats" for pages that show runs or seats left: they also follow runs, sessions and bookings."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not _cacheable_request(request):
                response = view(request, *args, **kwargs)
                if request.user.is_authenticated:
                    patch_cache_control(response, private=True, no_cache=True)
                patch_vary_headers(response, ["Cookie"])
                return response
            key = _page_key(request, public_version(scope))
            entry = cache.get(key)
            if entry is None:
                fresh = view(request, *args, **kwargs)
                if not _cacheable_response(request, fresh):
                    patch_vary_headers(fresh, ["Cookie"])
                    return fresh
                assert isinstance(fresh, HttpResponse)
                entry = {
                    "content": fresh.content,
                    "content_type": fresh["Content-Type"],
                    "etag": '"' + hashlib.sha256(fresh.content).hexdigest()[:32] + '"',
                    "last_modified": int(time.time()),
                }
                cache.set(key, entry, timeout)
            answer = get_conditional_response(request, etag=entry["etag"], last_modified=entry["last_modified"])
            if answer is None:
                answer = HttpResponse(entry["content"], content_type=entry["content_type"])
            answer["ETag"] = entry["etag"]
            answer["Last-Modified"] = http_date(entry["last_modified"])
            patch_cache_control(answer, public=True, max_age=max_age)
            patch_vary_headers(answer, ["Cookie", "HX-Request"])
            return answer

        return wrapped  # type: ignore[return-value]

    return decorator


# ---------------------------------------------------------------- plans


def cached_plan(inputs: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """`make()`, or the value it gave for the same `inputs` (a tuple of plain values with a stable repr)."""
    key = "public:plan:" + hashlib.sha256(repr(inputs).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, PLAN_TIMEOUT)
    return value
