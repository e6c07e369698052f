"""Reads about users and roles (other apps ask these questions instead of querying RoleGrant), and the
audit log filtered as the programme team's audit page asks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry, Role, RoleGrant, User
from skillsnet.organisations import organisation_names


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
    """(role label, organisation name) pairs for display; learner first."""
    if not user.is_authenticated:
        return []
    rows = [(Role.LEARNER.label, "")]
    grants = list(RoleGrant.objects.filter(user_id=user.pk).order_by("role", "scope"))
    names = organisation_names(g.scope for g in grants)  # "RoslinCT", not "roslinct"
    for grant in grants:
        rows.append((Role(grant.role).label, names.get(grant.scope, grant.scope)))
    return rows


# Where each role works, by URL name: accounts depends on no other app, so it names their pages only.
_WORKSPACES: list[tuple[Role, str, str]] = [
    (Role.EMPLOYER, "Employer dashboard: vacancies and candidates", "industry:employer"),
    (Role.PROVIDER_STAFF, "Your courses' statistics", "insights:provider"),
    (Role.CENTRE_STAFF, "Centre dashboard: runs, rosters, approvals and attendance", "centres:manage"),
]


def workspaces(user: User | AnonymousUser) -> list[tuple[str, str]]:
    """(label, url) of the dashboards this person's roles open, for their account page."""
    if not user.is_authenticated:
        return []
    links: list[tuple[str, str]] = [("Your learning dashboard", _reverse("learning:dashboard"))]
    links += staff_workspaces(user)
    return [(label, url) for label, url in links if url]


def staff_workspaces(user: User | AnonymousUser) -> list[tuple[str, str]]:
    """(label, url) of the staff dashboards this person's roles open, organisations by name; [] for learners.

    One query for a learner; staff add one per kind of organisation named. None when anonymous.
    """
    if not user.is_authenticated:
        return []
    grants = list(RoleGrant.objects.filter(user_id=user.pk).order_by("role", "scope").values_list("role", "scope"))
    if not grants and not user.is_superuser:
        return []
    names = organisation_names(scope for _role, scope in grants)
    links: list[tuple[str, str]] = []
    for role, label, name in _WORKSPACES:
        for grant_role, scope in grants:
            if grant_role == role and scope:
                links.append((f"{label} ({names.get(scope, scope)})", _reverse(name, slug=scope)))
    if any(role == Role.PROVIDER_STAFF for role, _scope in grants):
        links.append(("Course content you author", _reverse("learning:provider")))
    if user.is_superuser or any(role == Role.PROGRAMME_ADMIN for role, _scope in grants):
        links.append(("Programme dashboard", _reverse("insights:dashboard")))
        links.append(("Read the full audit log", _reverse("accounts:audit")))
    return [(label, url) for label, url in links if url]


def has_staff_workspace(user: User | AnonymousUser) -> bool:
    """Whether the site navigation offers "Dashboards": any role beyond learner. One query, none if anonymous."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or RoleGrant.objects.filter(user_id=user.pk).exists()


def _reverse(name: str, **kwargs: str) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:  # an app that is not installed
        return ""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    subject: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first: `action` is the start of the code, `actor` and `subject` part of an email,
    and the dates are local days, both included."""
    entries = AuditEntry.objects.select_related("actor", "subject").order_by("-at", "-id")
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor__email__icontains=actor.strip())
    if subject:
        entries = entries.filter(subject__email__icontains=subject.strip())
    if date_from:
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(at__lt=_start_of(date_to + timedelta(days=1)))
    return entries
