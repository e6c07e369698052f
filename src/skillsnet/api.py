"""The JSON API at /api/v1/: one NinjaAPI, with each app adding its router.

Errors always come back as `{"detail": ...}` with a 4xx code; validation errors are 422 with a list of
field messages in `detail`.
"""

from __future__ import annotations

from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

import skillsnet
from skillsnet.middleware import api_data_error, api_database_error

api = NinjaAPI(
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
