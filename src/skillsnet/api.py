"""The JSON API at /api/v1/: one NinjaAPI, with each app adding its router.

Errors always come back as `{"detail": ...}` with a 4xx code; validation errors are 422 with a list of
field messages in `detail`.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.responses import NinjaJSONEncoder

import skillsnet
from skillsnet.middleware import api_data_error, api_database_error

# Answers any operation may give that no single operation declares, because middleware or the API's own
# exception handlers produce them (skillsnet/middleware.py, the handlers below).
COMMON_RESPONSES: dict[str, str] = {
    "503": "The database is unavailable for a moment: retry after `Retry-After` seconds.",
}
BODY_RESPONSES: dict[str, str] = {
    "400": "The request's `Content-Length` is not a number.",
    "403": "CSRF check failed: a write made with a signed-in session must send the `X-CSRFToken` header.",
    "413": "The request body is larger than the service accepts (`SKILLSNET_MAX_REQUEST_BYTES`).",
    "422": "A value the service cannot use: `detail` names it.",
}
INPUT_RESPONSES: dict[str, str] = {"422": "A value the service cannot use: `detail` names it."}
AUTH_RESPONSES: dict[str, str] = {"401": "Sign in to use this endpoint."}


def _detail_response(description: str) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {"detail": {"title": "Detail"}},
        "required": ["detail"],
    }
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document_common_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the responses above to every operation that can give them, leaving declared ones as they are."""
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            extra = dict(COMMON_RESPONSES)
            if method != "get":
                extra.update(BODY_RESPONSES)
            if operation.get("parameters") or operation.get("requestBody"):
                extra.update(INPUT_RESPONSES)
            if operation.get("security"):
                extra.update(AUTH_RESPONSES)
            for code, description in extra.items():
                operation["responses"].setdefault(code, _detail_response(description))
    return schema


class SkillsnetAPI(NinjaAPI):
    """Django Ninja's API, whose OpenAPI document also lists the answers middleware can give."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_common_responses(schema)
        return schema

    def _get_urls(self) -> list[Any]:
        # The document at openapi_url is served by `openapi_document` below (built once, with validators).
        return [
            path(pattern.pattern._route, openapi_document, name="openapi-json")  # type: ignore[union-attr]
            if getattr(pattern, "name", None) == "openapi-json"
            else pattern
            for pattern in super()._get_urls()
        ]


# The document depends on the code only: built once per process (about 150 ms of CPU), then served with an
# ETag and Last-Modified so that clients and proxies revalidate with a 304 (skillsnet/caching.py).
_document: dict[str, Any] = {}
OPENAPI_MAX_AGE = 3600


@require_safe
def openapi_document(request: HttpRequest) -> HttpResponse:
    if not _document:
        body = json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder).encode()
        _document.update(
            body=body, etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"', last_modified=int(time.time())
        )
    answer = get_conditional_response(request, etag=_document["etag"], last_modified=_document["last_modified"])
    if answer is None:
        answer = HttpResponse(_document["body"], content_type="application/json")
    answer["ETag"] = _document["etag"]
    answer["Last-Modified"] = http_date(_document["last_modified"])
    patch_cache_control(answer, public=True, max_age=OPENAPI_MAX_AGE)
    return answer


api = SkillsnetAPI(
    title="skillsnet API",
    version="1",
    description=(
        "Career Converter, training catalogue and training-centre booking for the advanced-therapy and "
        "vaccine-manufacturing workforce. Errors are JSON objects with a `detail` member."
    ),
    urls_namespace="api",
    docs_url="/docs",
)


class VersionOut(Schema):
    service: str
    version: str
    api: str


@api.get("/version", response=VersionOut, tags=["service"], summary="Service and API version")
def version(request: HttpRequest) -> dict[str, str]:
    return {"service": "skillsnet", "version": skillsnet.__version__, "api": "v1"}


api.add_router("/", "skillsnet.catalogue.api.router")
api.add_router("/", "skillsnet.learning.api.router")
api.add_router("/converter", "skillsnet.converter.api.router")
api.add_router("/", "skillsnet.centres.api.router")
api.add_router("/", "skillsnet.industry.api.router")
api.add_router("/", "skillsnet.accounts.api.router")


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in to use this endpoint."}, status=401)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


# The database unreachable: 503 {"detail": …} with Retry-After, as on every other page (skillsnet/middleware.py).
api.add_exception_handler(OperationalError, api_database_error)
api.add_exception_handler(InterfaceError, api_database_error)
# A value PostgreSQL refuses (NUL in text, a number out of range) is the caller's error: 422.
api.add_exception_handler(DataError, api_data_error)
