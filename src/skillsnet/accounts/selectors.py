"""Reads about users and roles. Other apps ask these questions instead of querying RoleGrant."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from skillsnet.accounts.models import Role, RoleGrant, User


def has_role(user: User | AnonymousUser, role: Role, *, scope: str | None = None) -> bool:
    """True when `user` holds `role` (for `scope`, if given). Every signed-in person is a learner."""
    if not user.is_authenticated:
        return False
    if role == Role.LEARNER:
        return True
    grants = RoleGrant.objects.filter(user_id=user.pk, role=role)
    if scope is not None:
        grants = grants.filter(scope=scope)
    return grants.exists()


def is_programme_admin(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return has_role(user, Role.PROGRAMME_ADMIN)


def scopes_for(user: User | AnonymousUser, role: Role) -> list[str]:
    """The organisations or centres (slugs) for which `user` holds `role`."""
    if not user.is_authenticated:
        return []
    return list(RoleGrant.objects.filter(user_id=user.pk, role=role).values_list("scope", flat=True))


def roles_of(user: User | AnonymousUser) -> list[tuple[str, str]]:
    """(role label, scope) pairs for display; learner first."""
    if not user.is_authenticated:
        return []
    rows = [(Role.LEARNER.label, "")]
    for grant in RoleGrant.objects.filter(user_id=user.pk).order_by("role", "scope"):
        rows.append((Role(grant.role).label, grant.scope))
    return rows
