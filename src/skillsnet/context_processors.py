from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from skillsnet.accounts.selectors import has_staff_workspace


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "site_name": settings.SKILLSNET_SITE_NAME,
        "debug": settings.DEBUG,
        # A callable, so the query runs only on pages that render the navigation for a signed-in person.
        "has_dashboards": (lambda: has_staff_workspace(user)) if user is not None else False,
    }
