"""The accounts part of the JSON API: the signed-in person's data (tag "privacy")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.security import django_auth

from skillsnet.accounts import privacy
from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log

router = Router(tags=["privacy"])


@router.get(
    "/me/export",
    auth=django_auth,
    response=dict[str, Any],
    summary="Everything skillsnet holds about the signed-in person, as one JSON document",
)
def my_export(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    assert isinstance(user, User)
    document = privacy.data_export(user=user)
    audit_log(action="accounts.data.exported", actor=user, subject=user, data={"format": "json"})
    return document
