"""The webhook task lives beside the code it runs (`webhooks.deliver_webhook`); this name stays for tasks
queued under it before the move."""

from __future__ import annotations

from skillsnet.orgkeys.webhooks import deliver_webhook as deliver_webhook
