"""`skillsnet expire_offers`: pass expired waiting-list offers and approvals that never came (after
`CENTRES_APPROVAL_HOURS`) on, and warn holders of offers ending soon.

Safe to run from cron every few minutes: a second run finds nothing left to do.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from skillsnet.centres import services


class Command(BaseCommand):
    help = (
        "Expire waiting-list offers past their time and bookings left unapproved for CENTRES_APPROVAL_HOURS "
        "(offering the seats on), and warn offers ending within 12 h."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        expired = services.offers_expire(now=now)
        unapproved = services.approvals_expire(now=now)
        warned = services.offer_expiry_warnings_send(now=now)
        self.stdout.write(
            f"{expired} offer{'s' if expired != 1 else ''} expired, {warned} warned. "
            f"{unapproved} unapproved booking{'s' if unapproved != 1 else ''} expired."
        )
