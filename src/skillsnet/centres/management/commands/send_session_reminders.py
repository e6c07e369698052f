"""`skillsnet send_session_reminders`: email seat-holders two days before each session (once each)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from skillsnet.centres import services


class Command(BaseCommand):
    help = "Remind people with a confirmed place of sessions starting within 48 hours; each reminder is sent once."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.session_reminders_send(now=timezone.now())
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
