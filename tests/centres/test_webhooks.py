"""Signed webhooks to a receiver on loopback: one request per attempt, valid signatures, retries with backoff."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from skillsnet.centres import services
from skillsnet.orgkeys import webhooks
from skillsnet.orgkeys.models import WEBHOOK_EVENTS, DeliveryStatus, WebhookDelivery, WebhookEndpoint

SECRET = "whsec-test-0123456789"


class Receiver:
    """An HTTP server on 127.0.0.1 that records each request and answers `fail_first` 500s, then 200s."""

    def __init__(self, fail_first: int = 0) -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail_first = fail_first
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append({"headers": dict(self.headers), "body": body})
                code = 500 if len(outer.requests) <= outer.fail_first else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hooks"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def _endpoint(url: str, role: str = "centre", organisation: str = "roslinct") -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        role=role, organisation=organisation, url=url, secret=SECRET, events=list(WEBHOOK_EVENTS)
    )


def test_each_event_reaches_the_receiver_once_with_a_valid_signature(
    make_run, learner, other_learner, now, django_capture_on_commit_callbacks
):
    run = make_run(capacity=1)
    with Receiver() as receiver:
        _endpoint(receiver.url)
        _endpoint(receiver.url, role="provider", organisation="cgt-catapult")  # the course's provider hears too
        with django_capture_on_commit_callbacks(execute=True):
            booking = services.booking_create(run=run, learner=learner, now=now)
        with django_capture_on_commit_callbacks(execute=True):
            services.booking_create(run=run, learner=other_learner, now=now)  # full: waitlisted
        with django_capture_on_commit_callbacks(execute=True):
            services.booking_cancel(booking=booking, actor=learner, now=now)  # frees the seat: an offer
    events = [r["headers"]["X-Skillsnet-Event"] for r in receiver.requests]
    assert sorted(events) == sorted(
        ["booking.created"] * 2 + ["booking.waitlisted"] * 2 + ["booking.cancelled"] * 2 + ["booking.offered"] * 2
    )
    ids = [r["headers"]["X-Skillsnet-Delivery"] for r in receiver.requests]
    assert len(ids) == len(set(ids))  # once per delivery
    for request in receiver.requests:
        assert webhooks.signature_valid(SECRET, request["headers"]["X-Skillsnet-Signature"], request["body"])
        assert not webhooks.signature_valid(
            "another-secret", request["headers"]["X-Skillsnet-Signature"], request["body"]
        )
        payload = json.loads(request["body"])
        assert payload["data"]["run"] == run.pk
        assert "lee" not in request["body"].decode().lower()  # no personal data in the payload
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}


def test_a_failing_receiver_is_retried_with_backoff_and_the_log_shows_it(
    make_run, learner, now, django_capture_on_commit_callbacks
):
    run = make_run(capacity=3)
    with Receiver(fail_first=3) as receiver:
        _endpoint(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            services.booking_create(run=run, learner=learner, now=now)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
        waits = []
        for _ in range(3):
            delivery.refresh_from_db()
            due = delivery.next_attempt_at
            assert webhooks.send_due(now=due - timedelta(seconds=1)) == 0  # not yet due
            last = delivery.log.order_by("-number").first().at
            waits.append(round((due - last).total_seconds()))
            assert webhooks.send_due(now=due) == 1
        delivery.refresh_from_db()
    assert waits == [30, 60, 120]
    assert delivery.status == DeliveryStatus.DELIVERED
    assert list(delivery.log.values_list("number", "status_code")) == [(1, 500), (2, 500), (3, 500), (4, 200)]
    assert len(receiver.requests) == 4
    assert {r["headers"]["X-Skillsnet-Delivery"] for r in receiver.requests} == {str(delivery.pk)}


def test_a_receiver_that_never_answers_is_given_up_after_the_last_attempt(make_run, learner, now):
    run = make_run(capacity=3)
    endpoint = _endpoint("http://127.0.0.1:9/closed")  # nothing listens on the discard port
    delivery = webhooks.emit("booking.created", {"run": run.pk}, [("centre", "roslinct")])[0]
    for _ in range(webhooks.MAX_ATTEMPTS):
        webhooks.deliver(delivery_id=str(delivery.pk))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, webhooks.MAX_ATTEMPTS)
    assert endpoint.deliveries.count() == 1


@pytest.mark.parametrize("header", ["", "t=1,v1=abc", "nonsense"])
def test_bad_or_stale_signatures_are_refused(header):
    assert not webhooks.signature_valid(SECRET, header, b"{}")


@pytest.mark.django_db(transaction=True)
def test_the_receiver_is_called_with_no_transaction_open(monkeypatch):
    from django.db import connection

    seen = []

    def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        # The attempt is claimed and committed before the call; no row lock is held during it.
        seen.append((connection.in_atomic_block, WebhookDelivery.objects.get().attempts))
        return 200, ""

    monkeypatch.setattr(webhooks, "post", post)
    _endpoint("https://hooks.example.org/in")
    webhooks.emit("booking.created", {"run": 1}, [("centre", "roslinct")])  # delivered by the task on commit
    assert seen == [(False, 1)]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.log.count()) == (DeliveryStatus.DELIVERED, 1, 1)
