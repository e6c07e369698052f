"""Create one demo account per persona, for trying the service locally. Refuses to run in production."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from skillsnet.accounts import services
from skillsnet.accounts.models import Role, User
from skillsnet.organisations import organisation_names

DEMO_PASSWORD = "skillsnet-demo-2026"  # noqa: S105 - development-only accounts, refused in production

# (email, full name, roles with scopes, is_staff)
PERSONAS: list[tuple[str, str, list[tuple[Role, str]], bool]] = [
    ("learner@example.com", "Lee Learner", [], False),
    ("provider@example.com", "Priya Provider", [(Role.PROVIDER_STAFF, "example-advanced-therapies-institute")], False),
    ("centre@example.com", "Chris Centre", [(Role.CENTRE_STAFF, "example-centre-scotland")], False),
    ("employer@example.com", "Emma Employer", [(Role.EMPLOYER, "demo-biotech")], False),
    ("admin@example.com", "Ada Admin", [(Role.PROGRAMME_ADMIN, "")], True),
]


class Command(BaseCommand):
    help = "Create demo accounts (one per persona) with a shared development password."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Create the accounts without listing them.")
        parser.add_argument("--list", action="store_true", help="Only list the accounts (`make run` does, last).")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are for development only; this is a production environment.")
        created = 0 if options["list"] else self._create()
        if options["quiet"]:
            return
        names = organisation_names(scope for _e, _n, roles, _s in PERSONAS for _r, scope in roles)
        new = f" ({created} new)" if created else ""
        self.stdout.write(f"Demo accounts (development only){new}, all with the password '{DEMO_PASSWORD}':")
        for email, _name, roles, _staff in PERSONAS:
            label = ", ".join(r.label + (f" at {names.get(s, s)}" if s else "") for r, s in roles) or "Learner"
            self.stdout.write(f"  {email:24} {label}")

    def _create(self) -> int:
        created = 0
        for email, name, roles, is_staff in PERSONAS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = services.user_register(email=email, password=DEMO_PASSWORD, full_name=name)
                created += 1
            if is_staff and not user.is_superuser:
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            for role, scope in roles:
                services.role_grant(user=user, role=role, scope=scope)
        return created
