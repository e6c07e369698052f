"""The public credential addresses: the issuer's keys and profile, and each credential's verification page,
status, JSON and JWT.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


def _credential(pk: UUID) -> Any:
    from skillsnet.learning.models import Credential

    credential = Credential.objects.filter(pk=pk).first()
    if credential is None:
        raise Http404("No such credential.")
    return credential


@require_safe
def jwks(request: HttpRequest) -> JsonResponse:
    from skillsnet.learning import signing

    response = JsonResponse(signing.jwks())
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def issuer(request: HttpRequest) -> JsonResponse:
    from skillsnet.learning import openbadges

    response = JsonResponse(openbadges.issuer_profile())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def credential_verify(request: HttpRequest, pk: UUID) -> HttpResponse:
    from skillsnet.learning.verification import verify_credential

    credential = _credential(pk)
    result = verify_credential(credential)
    achievement = credential.document["credentialSubject"]["achievement"]
    context = {"credential": credential, "result": result, "achievement": achievement}
    return render(request, "learning/verify.html", context)


@require_safe
def credential_status(request: HttpRequest, pk: UUID) -> JsonResponse:
    from skillsnet.learning.verification import status_document

    response = JsonResponse(status_document(_credential(pk)))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def credential_json(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = _credential(pk)
    body = json.dumps({"credential": credential.document, "jwt": credential.jwt}, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.pk}.json"'
    return response


@require_safe
def credential_jwt(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = _credential(pk)
    response = HttpResponse(credential.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.pk}.jwt"'
    return response
