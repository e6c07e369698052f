"""Signed webhooks: tell a provider or a centre when someone books, cancels, is offered a seat, attends or
completes a course.

- `emit(event, data, organisations)` records one `WebhookDelivery` per active endpoint subscribed to the event
  (inside the caller's transaction) and enqueues its first attempt after commit.
- `deliver(delivery_id)` makes one attempt: `POST` the JSON body with `X-Skillsnet-Event`,
  `X-Skillsnet-Delivery` (the delivery id, the same on every retry: receivers de-duplicate by it) and
  `X-Skillsnet-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. Every attempt is logged
  (`WebhookAttempt`). A failure (no answer, 429 or 5xx) is retried with exponential backoff (30 s, 1, 2, 4, 8
  min; six attempts) by a deferred task where the backend can defer, and by `skillsnet send_webhooks` (cron)
  otherwise; after the last attempt, or on another 4xx, the delivery is marked failed.
- `signature_valid(secret, header, body)` is what a receiver runs (and the tests do).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from skillsnet.orgkeys.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 30
TIMEOUT_SECONDS = 10
TOLERANCE_SECONDS = 300


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, 8 min after the 1st, 2nd, 3rd … failed attempt."""
    return timedelta(seconds=BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0))


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signature_valid(secret: str, header: str, body: bytes, *, now: float | None = None) -> bool:
    """A receiver's check: the signature matches and is recent (replays are refused)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(sign(secret, body, timestamp), header)


def emit(event: str, data: dict[str, Any], organisations: Iterable[tuple[str, str]]) -> list[WebhookDelivery]:
    """Record a delivery of `event` for every subscribed endpoint of the (role, organisation) pairs given."""
    deliveries = []
    for role, organisation in set(organisations):
        for endpoint in WebhookEndpoint.objects.filter(role=role, organisation=organisation, active=True):
            if event not in endpoint.events:
                continue
            delivery_id = uuid.uuid4()
            body = {"id": str(delivery_id), "event": event, "created": timezone.now().isoformat(), "data": data}
            deliveries.append(
                WebhookDelivery.objects.create(
                    id=delivery_id, endpoint=endpoint, event=event, payload=body, next_attempt_at=timezone.now()
                )
            )
    for delivery in deliveries:
        _enqueue(delivery.pk)
    return deliveries


def _enqueue(delivery_id: Any, run_after: datetime | None = None) -> bool:
    if run_after is not None:
        if not deliver_webhook.get_backend().supports_defer:
            return False  # the immediate backend cannot wait: `skillsnet send_webhooks` retries when due
        task = deliver_webhook.using(run_after=run_after)
        transaction.on_commit(lambda: task.enqueue(delivery_id=str(delivery_id)))
        return True
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id=str(delivery_id)))
    return True


class UnsafeAddress(ValueError):
    """A webhook address that would make the server call itself or a private network."""


def check_address(url: str, *, resolve: bool) -> None:
    """Refuse an address on this machine or a private network, unless WEBHOOK_ALLOW_PRIVATE_HOSTS is set
    (development and tests, whose receivers listen on 127.0.0.1). Without `resolve` only the written host
    is judged (a form must not wait on DNS); with it, every address the name resolves to is, just before
    sending, so a public name pointing at 10.0.0.1 is refused too. Raises UnsafeAddress with a sentence."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise UnsafeAddress("The address must start with https:// and name a host.")
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_HOSTS", False):
        return
    if parts.scheme != "https":
        raise UnsafeAddress("The address must start with https://.")
    host = parts.hostname.rstrip(".").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise UnsafeAddress(f"'{host}' is not a public address: webhooks go to the internet only.")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        addresses = []
        if resolve:
            try:
                infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
            except OSError as exc:
                raise UnsafeAddress(f"'{host}' could not be resolved: {exc}") from exc
            addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    for address in addresses:
        if not address.is_global:
            raise UnsafeAddress(f"'{host}' is not a public address ({address}): webhooks go to the internet only.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A receiver may not bounce us elsewhere (a redirect could point at a private address)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """One HTTP POST; (status, error). The only place that touches the network; tests may replace it.
    The address is checked again as it is resolved now, and redirects are not followed."""
    try:
        check_address(url, resolve=True)
    except UnsafeAddress as exc:
        return 0, str(exc)[:300]
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return 0, str(exc)[:300]


def _claim(delivery_id: str) -> WebhookDelivery | str:
    """Count the attempt under the row lock and commit, so no lock or transaction is held while we send."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("endpoint").filter(pk=delivery_id).first()
        if delivery is None:
            return "gone"
        if delivery.status != DeliveryStatus.PENDING:
            return f"already {delivery.status}"
        delivery.attempts += 1
        delivery.save(update_fields=["attempts"])
        return delivery


def deliver(*, delivery_id: str, now: datetime | None = None) -> str:
    """One attempt at one delivery; returns what happened.

    Claim (count the attempt, commit), send with no transaction open, then record the outcome: a slow
    receiver never holds a database row or connection. Two workers may both send one delivery; its
    X-Skillsnet-Delivery id lets the receiver drop the repeat.
    """
    now = now or timezone.now()
    delivery = _claim(delivery_id)
    if isinstance(delivery, str):
        return delivery
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "skillsnet-webhooks/1",
        "X-Skillsnet-Event": delivery.event,
        "X-Skillsnet-Delivery": str(delivery.pk),
        "X-Skillsnet-Signature": sign(delivery.endpoint.secret, body, int(now.timestamp())),
    }
    status, error = post(delivery.endpoint.url, body, headers)
    with transaction.atomic():
        return _record(delivery, now, status, error)


def _record(delivery: WebhookDelivery, now: datetime, status: int, error: str) -> str:
    WebhookAttempt.objects.create(delivery=delivery, number=delivery.attempts, at=now, status_code=status, error=error)
    if 200 <= status < 300:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
        return "delivered"
    retryable = status == 0 or status == 429 or status >= 500
    if retryable and delivery.attempts < MAX_ATTEMPTS:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(update_fields=["next_attempt_at"])
        _enqueue(delivery.pk, run_after=delivery.next_attempt_at)
        return "retry scheduled"
    delivery.status = DeliveryStatus.FAILED
    delivery.next_attempt_at = None
    delivery.save(update_fields=["status", "next_attempt_at"])
    logger.warning("Webhook %s to %s failed: %s", delivery.pk, delivery.endpoint.url, error or status)
    return "failed"


def send_due(*, now: datetime | None = None) -> int:
    """Attempt every pending delivery that is due (cron: `skillsnet send_webhooks`); returns how many."""
    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    for pk in due:
        deliver(delivery_id=str(pk), now=now)
    return len(due)


@task()
def deliver_webhook(*, delivery_id: str) -> str:
    """One delivery attempt as a background task, defined beside the code it runs."""
    return deliver(delivery_id=delivery_id)
