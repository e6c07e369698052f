"""Middleware of our own: a clean 503 while the database is unreachable, a 400 for input the database
refuses to store or compare (a NUL byte in a search, a number past the column's range), CSRF for every
session-authenticated API write, and a 413 for a request body above the cap before it is read.

When PostgreSQL restarts, fails over or runs out of connections, every request that touches it raises
`OperationalError` or `InterfaceError`. Without this middleware those become 500 pages and error
reports; with it they become a short 503 page (or `{"detail": …}` for the API) with `Retry-After`, which
tells people, load balancers and API clients that the fault is temporary. Errors that are bugs (a
missing table, bad SQL) are left alone and stay 500s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
API_DETAIL = "The service is temporarily unavailable; try again shortly."
BAD_INPUT_DETAIL = (
    "The request contains a value that cannot be used: a control character such as NUL, or a number that "
    "is too large. Remove it and try again."
)

# PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": connection exceptions (class 08), the
# server shutting down or starting up (57P01–57P03), and too many connections (53300).
_UNAVAILABLE_SQLSTATES = {"57P01", "57P02", "57P03", "53300"}
# SQLite's messages for the same kind of trouble (a busy writer, an unreadable file).
_UNAVAILABLE_SQLITE = ("database is locked", "unable to open database file", "disk i/o error")

_REQUEST_ATTRIBUTE = "_skillsnet_database_unavailable"


def is_database_unavailable(exc: BaseException) -> bool:
    """True for a connection-level database failure: worth a 503 and a retry, not a bug report."""
    if isinstance(exc, InterfaceError):
        # The connection is closed or broken (psycopg: "connection already closed").
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate.startswith("08") or sqlstate in _UNAVAILABLE_SQLSTATES
    if type(cause).__module__.startswith("sqlite3"):
        message = str(cause).lower()
        return any(text in message for text in _UNAVAILABLE_SQLITE)
    # psycopg reports a refused or dropped connection without a SQLSTATE ("connection failed",
    # "server closed the connection unexpectedly"); so does a bare OperationalError raised by Django.
    return True


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 itself, built without the database: no context processors, no `request.user`."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": API_DETAIL}, status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _remember_unavailable(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Django sends this signal inside its `except` block, so sys.exc_info() holds the exception. It
    # lets the middleware see failures in other middleware (saving the session, say) that Django has
    # already turned into a 500 before the response comes back out.
    import sys

    exc = sys.exc_info()[1]
    if request is not None and exc is not None and is_database_unavailable(exc):
        setattr(request, _REQUEST_ATTRIBUTE, exc)


got_request_exception.connect(_remember_unavailable, dispatch_uid="skillsnet.middleware.database_unavailable")


class DatabaseUnavailableMiddleware:
    """Turn connection-level database failures into a 503 with `Retry-After`.

    Sits just inside SecurityMiddleware, so the 503 still carries the security headers. A failure in
    a view (or in rendering its template) is caught by `process_exception`; one in the middleware
    beneath (the session being saved) reaches us as a 500 marked by the signal above.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exc = getattr(request, _REQUEST_ATTRIBUTE, None)
        if exc is not None and response.status_code == 500:
            logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exc)
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DataError):
            # PostgreSQL refuses the value itself (class 22: NUL in text, numeric out of range): the
            # client's input is wrong, not the service.
            logger.info("Refused input on %s %s: %s", request.method, request.path, exception)
            return bad_input_response(request)
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return unavailable_response(request)


def api_database_error(request: HttpRequest, exc: Any) -> HttpResponse:
    """Django Ninja exception handler: the same 503 for the API, even with DEBUG on (where Ninja would
    otherwise answer with a traceback). Anything that is not a connection failure goes on to Django."""
    if not is_database_unavailable(exc):
        raise exc
    logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exc)
    return unavailable_response(request)


def bad_input_response(request: HttpRequest) -> HttpResponse:
    """400 for pages, 422 `{"detail": …}` for the API: input the database cannot take."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": BAD_INPUT_DETAIL}, status=422)
    return HttpResponse(loader.get_template("400.html").render({"detail": BAD_INPUT_DETAIL}), status=400)


def api_data_error(request: HttpRequest, exc: Any) -> HttpResponse:
    """Django Ninja exception handler for `DataError`: the caller's value, not a server fault."""
    logger.info("Refused input on %s %s: %s", request.method, request.path, exc)
    return bad_input_response(request)


# ---------------------------------------------------------------- CSRF for session-authenticated API writes

API_CSRF_DETAIL = (
    "CSRF check failed: a signed-in call that changes something must send the X-CSRFToken header with the "
    "value of the csrftoken cookie."
)


def _csrf_probe(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called, only inspected
    raise NotImplementedError


class ApiCsrfMiddleware:
    """Every state-changing API call that arrives with a signed-in session must carry the CSRF token.

    Django Ninja marks its views `csrf_exempt` and checks CSRF only in operations declared with
    `auth=django_auth`; an operation without `auth` that still acts for `request.user` (the Career Converter's
    plan, which records who asked) would otherwise accept a cross-site POST riding on the session cookie.
    This runs Django's own check for any non-safe method under /api/ when the session is signed in;
    anonymous calls carry no session to ride on and are left alone. Sits after AuthenticationMiddleware.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if request.method in self.SAFE_METHODS or not request.path.startswith("/api/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        # Django's CsrfViewMiddleware skipped this exempt view without marking the request as checked.
        refused = self.csrf.process_view(request, _csrf_probe, (), {})
        if refused is None:
            return None
        logger.info("API write without a CSRF token refused: %s %s", request.method, request.path)
        return JsonResponse({"detail": API_CSRF_DETAIL}, status=403)


# ---------------------------------------------------------------- the request-size cap


def too_large_detail(limit: int) -> str:
    return (
        f"The request is larger than {limit // (1024 * 1024)} MB, the most this service accepts. Send a smaller file."
    )


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is above `SKILLSNET_MAX_REQUEST_BYTES` with 413, before anything
    reads it (and so before Django spools an upload to a temporary file).

    Sits first, beside SecurityMiddleware. A body without Content-Length (chunked) is never read by Django at
    all. The reverse proxy should refuse the same size first (docs/OPERATIONS.md); this is the service's own
    line for when it is reached directly or the proxy is configured otherwise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "SKILLSNET_MAX_REQUEST_BYTES", 0))
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            size = int(declared)
        except ValueError:
            size = -1
        if size < 0:
            return self._refuse(request, 400, "The request's Content-Length is not a number.")
        if limit and size > limit:
            logger.info("Refused a %d-byte request to %s %s", size, request.method, request.path)
            return self._refuse(request, 413, too_large_detail(limit))
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, status: int, detail: str) -> HttpResponse:
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": detail}, status=status)
        else:
            template = "413.html" if status == 413 else "400.html"
            response = HttpResponse(loader.get_template(template).render({"detail": detail}), status=status)
        return response


# Addresses handed to people outside the service (a credential's verification link, the issuer's keys):
# whoever opens an unknown one gets our own 404 page, never Django's debug page listing every URL pattern.
PUBLIC_ADDRESS_PREFIXES = ("/credentials/", "/.well-known/")


class PublicNotFoundMiddleware:
    """With DEBUG on, a 404 under a public credential address is our own page, as it is in production.

    Without DEBUG, Django already renders `handler404`; with it, an unmatched address or an `Http404`
    becomes the technical page, which this replaces (the status stays 404).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.path.startswith(PUBLIC_ADDRESS_PREFIXES):
            from skillsnet.views import not_found

            return not_found(request)
        return response
