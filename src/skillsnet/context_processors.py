from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"site_name": settings.SKILLSNET_SITE_NAME, "debug": settings.DEBUG}
