"""`skillsnet send_renewal_reminders`: email holders of practical qualifications expiring within 30 days."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from skillsnet.centres import services


class Command(BaseCommand):
    help = "Email people whose practical qualifications expire within 30 days; each qualification once."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.renewal_reminders_send(now=timezone.now())
        self.stdout.write(f"{sent} renewal reminder{'s' if sent != 1 else ''} sent.")
