"""Organisation API keys and webhooks are the organisation's, not a person's (see accounts/privacy.py).

Each records which staff member created it; that link is set to NULL when their account is erased.
"""

from __future__ import annotations

from skillsnet.accounts.privacy import not_personal
from skillsnet.orgkeys.models import ApiKey, WebhookDelivery, WebhookEndpoint

CREATED = "an organisation's credential or integration; its creator link is set to NULL on erasure"
not_personal(ApiKey, reason=CREATED)
not_personal(WebhookEndpoint, reason=CREATED)
not_personal(
    WebhookDelivery, reason="a delivery of an organisation's webhook (event ids, no personal fields); " + CREATED
)
