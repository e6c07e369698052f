"""Site-wide pages that belong to no single app: home, static information pages, health and errors."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# What each part of the service will do, shown until that part lands.
PARTS = {
    "converter": {
        "title": "Career Converter",
        "summary": (
            "Tell us the jobs you have done, rate your skills or paste your CV. We will show which roles in "
            "cell and gene therapy and vaccine manufacturing fit you, why, and the training that closes the gap."
        ),
    },
    "training": {
        "title": "Online training",
        "summary": (
            "Short online courses you can study from home, at your own pace, with a record of what you have "
            "learned and credentials that employers can check."
        ),
    },
    "centres": {
        "title": "Training centres",
        "summary": (
            "Hands-on courses in real cleanroom facilities at the national training centres: gowning, aseptic "
            "processing, environmental monitoring and more. Book a place or join a waiting list."
        ),
    },
}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"parts": PARTS})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html")


@require_GET
def coming_soon(request: HttpRequest, part: str) -> HttpResponse:
    if part not in PARTS:
        raise Http404("No such part of the service")
    return render(request, "coming_soon.html", {"part": PARTS[part]})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness in one: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("healthz: database unavailable: %s", exc)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Something went wrong on our side. Please try again later."}, status=500)
    # No context processors here: the failure may lie in one of them.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
