"""Who may see the programme's figures and a provider's statistics. One condition per line."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role, is_programme_admin
from skillsnet.catalogue.models import Provider


def check_programme_admin(user: User | AnonymousUser) -> None:
    """The programme dashboard and its CSV exports are for programme admins only (403 for anyone else)."""
    if not is_programme_admin(user):
        raise PermissionDenied("Only the programme team can see the programme dashboard.")


def get_provider_for_staff(user: User | AnonymousUser, slug: str) -> Provider:
    """The provider if `user` is on its staff or a programme admin; 404 for no such provider, else 403."""
    provider = Provider.objects.filter(slug=slug).first()
    if provider is None:
        raise Http404("No such training provider.")
    if is_programme_admin(user):
        return provider
    if has_role(user, Role.PROVIDER_STAFF, scope=provider.slug):
        return provider
    raise PermissionDenied("Only this provider's staff can see its statistics.")
