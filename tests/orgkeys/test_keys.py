"""Organisation API keys: shown once, stored hashed, scoped, expiring, revocable, rate-limited per key."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry, Role
from skillsnet.catalogue.models import Course, CourseStatus, Provider
from skillsnet.catalogue.services import dataset_load
from skillsnet.orgkeys import services
from skillsnet.orgkeys.models import ApiKey

from ..catalogue.conftest import MINI
from ..catalogue.test_publishing import BROKEN, hundred_courses_with_five_broken


@pytest.fixture
def provider(db) -> Provider:
    dataset_load(data_dir=MINI)
    return Provider.objects.create(slug="cgt-catapult", name="Cell and Gene Therapy Catapult")


def _key(user, *, scopes=("courses:read", "courses:write"), organisation="cgt-catapult", **extra) -> str:
    _key, text = services.key_create(
        actor=user, role="provider", organisation=organisation, name="Our course system", scopes=scopes, **extra
    )
    return text


def test_a_key_is_shown_once_and_stored_only_as_a_fingerprint(provider, provider_staff):
    text = _key(provider_staff)
    key = ApiKey.objects.get()
    assert text.startswith(f"sk_{key.prefix}_")
    assert text not in json.dumps([str(v) for v in ApiKey.objects.values().get().values()])
    assert services.key_find(text) == key
    assert services.key_find(text + "x") is None
    assert AuditEntry.objects.filter(action="orgkeys.key.created").exists()


def test_only_the_organisations_staff_make_keys_and_only_allowed_scopes(provider, provider_staff, learner):
    with pytest.raises(services.ApiKeyError, match="organisation's staff"):
        _key(learner)
    with pytest.raises(services.ApiKeyError, match="may do"):
        _key(provider_staff, scopes=("runs:write",))
    with pytest.raises(services.ApiKeyError, match="expires"):
        _key(provider_staff, expires_at=timezone.now() + timedelta(days=900))


def test_the_api_answers_401_403_404_and_429_as_it_should(client, provider, provider_staff, make_user):
    url = "/api/v1/providers/cgt-catapult/courses"
    assert client.get(url).status_code == 401
    read_only = _key(provider_staff, scopes=("courses:read",))
    assert client.get(url, HTTP_X_API_KEY=read_only).status_code == 200
    upload = "/api/v1/providers/cgt-catapult/courses/upload"
    refused = client.post(upload, {"courses": []}, content_type="application/json", HTTP_X_API_KEY=read_only)
    assert refused.status_code == 403
    other = make_user("pia@example.com", roles=[(Role.PROVIDER_STAFF, "other-provider")])
    Provider.objects.create(slug="other-provider", name="Other")
    foreign = _key(other, organisation="other-provider")
    assert client.get(url, HTTP_X_API_KEY=foreign).status_code == 404
    key = ApiKey.objects.get(prefix=read_only.split("_")[1])
    services.key_revoke(actor=provider_staff, key=key)
    assert client.get(url, HTTP_X_API_KEY=read_only).status_code == 401
    expired = _key(provider_staff)
    ApiKey.objects.filter(prefix=expired.split("_")[1]).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(url, HTTP_X_API_KEY=expired).status_code == 401
    limited = _key(provider_staff, rate_per_minute=2)
    with override_settings(SKILLSNET_RATE_LIMITS_ENABLED=True):
        codes = [client.get(url, HTTP_X_API_KEY=limited).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_provider_uploads_its_catalogue_with_a_key(client, provider, provider_staff, programme_admin):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(hundred_courses_with_five_broken().decode())))
    text = _key(provider_staff)
    url = "/api/v1/providers/cgt-catapult/courses/upload"
    dry = client.post(url, {"courses": rows}, content_type="application/json", HTTP_X_API_KEY=text).json()
    # JSON rows are numbered from 1; the CSV's header made them one higher.
    assert {(e["row"] + 1, e["field"]) for e in dry["errors"]} == set(BROKEN.items())
    assert dry["valid"] == 95
    assert not Course.objects.filter(provider=provider).exists()
    done = client.post(
        url, {"courses": rows, "dry_run": False}, content_type="application/json", HTTP_X_API_KEY=text
    ).json()
    assert done["written"] == 95
    assert Course.objects.filter(provider=provider, status=CourseStatus.SUBMITTED).count() == 95
    listed = client.get("/api/v1/providers/cgt-catapult/courses", HTTP_X_API_KEY=text).json()
    assert len(listed) == 95


def test_the_openapi_document_has_the_key_security_scheme(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["OrgKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": schema["components"]["securitySchemes"]["OrgKey"]["description"],
    }
    assert schema["paths"]["/api/v1/providers/{provider}/courses"]["get"]["security"] == [{"OrgKey": []}]


def test_the_keys_page_shows_a_new_key_once_and_revokes(client, provider, provider_staff, signed_in):
    signed_in(provider_staff)
    page = client.post(
        reverse("orgkeys:keys"),
        {"name": "CMS", "organisation": "provider:cgt-catapult", "scopes": ["courses:read"], "days": "30"},
    ).content.decode()
    key = ApiKey.objects.get()
    assert f"sk_{key.prefix}_" in page
    again = client.get(reverse("orgkeys:keys")).content.decode()
    assert f"sk_{key.prefix}_…" in again
    assert f"Training provider: {provider.name}</td>" in again  # the organisation by name, not its slug
    assert ">Training provider: cgt-catapult<" not in again
    assert again.count(f"sk_{key.prefix}_") == 1  # the full text is never shown again
    client.post(reverse("orgkeys:revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_the_webhooks_page_adds_an_endpoint_and_shows_its_secret_once(client, provider, provider_staff, signed_in):
    from skillsnet.orgkeys.models import WebhookEndpoint

    signed_in(provider_staff)
    page = client.post(
        reverse("orgkeys:webhooks"),
        {
            "url": "https://hooks.example.org/in",
            "webhook_organisation": "provider:cgt-catapult",
            "events": ["course.completed"],
        },
    ).content.decode()
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in page
    assert endpoint.secret not in client.get(reverse("orgkeys:webhooks")).content.decode()
    assert AuditEntry.objects.filter(action="orgkeys.webhook.created").exists()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://127.0.0.1/hooks", "not a public address"),
        ("https://localhost:8443/hooks", "not a public address"),
        ("https://10.1.2.3/in", "not a public address"),
        ("https://169.254.169.254/latest/meta-data", "not a public address"),
        ("https://[::1]/in", "not a public address"),
        ("https://intranet.internal/in", "not a public address"),
        ("http://hooks.example.org/in", "must start with https://"),
    ],
)
def test_in_production_a_webhook_may_not_point_at_this_machine_or_a_private_network(
    client, provider, provider_staff, signed_in, settings, url, why
):
    from skillsnet.orgkeys.models import WebhookEndpoint

    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    signed_in(provider_staff)
    page = client.post(
        reverse("orgkeys:webhooks"),
        {"url": url, "webhook_organisation": "provider:cgt-catapult", "events": ["course.completed"]},
    )
    assert page.status_code == 400
    assert why in page.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_public_name_that_resolves_to_a_private_address_is_not_sent_to(settings, monkeypatch):
    import socket

    from skillsnet.orgkeys import webhooks

    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *args, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))]
    )
    status, error = webhooks.post("https://hooks.example.org/in", b"{}", {})
    assert status == 0
    assert "not a public address (10.0.0.7)" in error


def test_a_receiver_that_redirects_is_not_followed(settings):
    """Redirects could lead to a private address: a 3xx answer is recorded as a failure, never followed."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from skillsnet.orgkeys import webhooks

    hits: list[str] = []

    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(self.path)
            self.send_response(307)
            self.send_header("Location", "/elsewhere")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
        status, error = webhooks.post(f"http://127.0.0.1:{server.server_port}/in", b"{}", {})
    finally:
        server.shutdown()
        server.server_close()
    assert (status, error) == (307, "HTTP 307")
    assert hits == ["/in"]
