"""Webhook events come from the audit log: every booking change and course completion is audited already.

The app that owns an audited object declares its events with `webhook_event` (from its `AppConfig.ready`),
with a function that describes the object: the event's data and the organisations told about it. orgkeys
sits below those apps (docs/ARCHITECTURE.md, "Layers") and imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from skillsnet.accounts.models import AuditEntry

# (data, [(role, organisation slug), ...]) for an audited object id, or None when the object is gone.
Described = tuple[dict[str, Any], list[tuple[str, str]]]
Describe = Callable[[str], Described | None]

# audit action -> (webhook event, how to describe the object)
EVENTS: dict[str, tuple[str, Describe]] = {}


def webhook_event(*, action: str, event: str, describe: Describe) -> None:
    """Send `event` (one of `models.WEBHOOK_EVENTS`) whenever `action` is audited."""
    EVENTS[action] = (event, describe)


@receiver(post_save, sender=AuditEntry, dispatch_uid="orgkeys-webhook-events")
def _audited(sender: Any, instance: AuditEntry, created: bool, **kwargs: Any) -> None:
    declared = EVENTS.get(instance.action)
    if not created or declared is None or not instance.object_id:
        return
    from skillsnet.orgkeys.models import WebhookEndpoint

    if not WebhookEndpoint.objects.filter(active=True).exists():
        return
    from skillsnet.orgkeys.webhooks import emit

    event, describe = declared
    described = describe(str(instance.object_id))
    if described is not None:
        data, organisations = described
        emit(event, data, organisations)
