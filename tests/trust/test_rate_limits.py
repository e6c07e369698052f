"""Abuse limits: for each limited page and endpoint, N requests pass, the next gets 429 with Retry-After, another
client address is unaffected and the window resets. Time is a fake clock handed to the limiter, never sleep.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from skillsnet import ratelimit

from ..conftest import PASSWORD

# The start of an hour (and so of a minute), so the windows in these tests are whole.
T0 = 1_699_999_200.0


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(ratelimit.limiter, "clock", fake)
    cache.clear()
    return fake


@pytest.fixture
def limits(settings: Any) -> Any:
    def set_limit(scope: str, per_minute: int | None = None, per_hour: int | None = None) -> None:
        settings.SKILLSNET_RATE_LIMITS = {
            **settings.SKILLSNET_RATE_LIMITS,
            scope: {k: v for k, v in (("per_minute", per_minute), ("per_hour", per_hour)) if v is not None},
        }

    return set_limit


def assert_limited(response: Any, *, html: bool = True) -> int:
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert wait >= 1
    if html:
        body = response.content.decode()
        assert '<h1 class="heading-xl">Too many requests</h1>' in body
    else:
        assert response.json()["detail"].startswith("Too many requests")
    return wait


# ---------------------------------------------------------------- registration


def test_registration_allows_n_posts_per_address_then_429(client, clock, limits, db):
    limits("register", per_minute=3, per_hour=10)
    for _ in range(3):
        assert client.post("/account/register/", {"email": "not-an-email"}).status_code == 422  # a form error
    wait = assert_limited(client.post("/account/register/", {"email": "not-an-email"}))
    assert wait == 60
    # Reading the form is never limited.
    assert client.get("/account/register/").status_code == 200


def test_registration_limit_is_per_address(client, clock, limits, db):
    limits("register", per_minute=1)
    assert client.post("/account/register/", {}).status_code == 200
    assert client.post("/account/register/", {}).status_code == 429
    assert client.post("/account/register/", {}, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_registration_window_resets(client, clock, limits, db):
    limits("register", per_minute=2)
    for _ in range(2):
        client.post("/account/register/", {})
    clock.advance(30)
    assert assert_limited(client.post("/account/register/", {})) == 30
    clock.advance(30)
    assert client.post("/account/register/", {}).status_code == 200


def test_the_hourly_limit_holds_across_minutes(client, clock, limits, db):
    limits("register", per_minute=2, per_hour=3)
    client.post("/account/register/", {})
    client.post("/account/register/", {})
    clock.advance(60)
    assert client.post("/account/register/", {}).status_code == 200
    # Over the hour's allowance: wait until the hour ends, not just the minute.
    assert assert_limited(client.post("/account/register/", {})) == 3600 - 60
    clock.advance(3600 - 60)
    assert client.post("/account/register/", {}).status_code == 200


def test_a_successful_registration_counts_too(client, clock, limits, db):
    limits("register", per_minute=1)
    form = {"email": "new.person@example.com", "password1": "a-long-new-password", "password2": "a-long-new-password"}
    assert client.post("/account/register/", form).status_code == 302
    client.logout()
    assert client.post("/account/register/", {**form, "email": "second@example.com"}).status_code == 429


# ---------------------------------------------------------------- sign-in


def test_sign_in_is_limited_per_address_across_accounts(client, clock, limits, db):
    # axes pauses one account after repeated failures; this limit stops one address trying many accounts.
    limits("sign-in", per_minute=4)
    for n in range(4):
        response = client.post("/account/sign-in/", {"username": f"person{n}@example.com", "password": "wrong-guess"})
        assert response.status_code == 200
    assert_limited(client.post("/account/sign-in/", {"username": "person9@example.com", "password": "wrong-guess"}))
    other = client.post("/account/sign-in/", {"username": "x@example.com", "password": "y"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200
    clock.advance(60)
    assert client.post("/account/sign-in/", {"username": "z@example.com", "password": "y"}).status_code == 200


def test_a_limited_sign_in_never_reaches_authentication(client, clock, limits, learner):
    from skillsnet.accounts.models import AuditEntry

    limits("sign-in", per_minute=1)
    client.post("/account/sign-in/", {"username": "someone@example.com", "password": "wrong-guess"})
    response = client.post("/account/sign-in/", {"username": learner.email, "password": PASSWORD})
    assert_limited(response)
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="accounts.sign_in.succeeded", subject=learner).exists()


# ---------------------------------------------------------------- password reset


def test_password_reset_is_limited_per_address(client, clock, limits, db):
    limits("password-reset", per_minute=2)
    for n in range(2):
        assert client.post("/account/password-reset/", {"email": f"p{n}@example.com"}).status_code == 302
    assert_limited(client.post("/account/password-reset/", {"email": "p3@example.com"}))
    assert (
        client.post("/account/password-reset/", {"email": "q@example.com"}, REMOTE_ADDR="192.0.2.44").status_code == 302
    )
    clock.advance(60)
    assert client.post("/account/password-reset/", {"email": "p4@example.com"}).status_code == 302


def test_password_reset_is_limited_per_email_across_addresses(client, clock, limits, db):
    # Many addresses must not be able to flood one person's inbox with reset emails.
    limits("password-reset", per_minute=2)
    for n in range(2):
        response = client.post("/account/password-reset/", {"email": "Target@Example.com"}, REMOTE_ADDR=f"192.0.2.{n}")
        assert response.status_code == 302
    assert_limited(client.post("/account/password-reset/", {"email": "target@example.com"}, REMOTE_ADDR="192.0.2.99"))


# ---------------------------------------------------------------- the Career Converter


CV = {"cv_text": "I ran fermenters under HACCP and kept batch records for five years."}


def test_cv_upload_is_limited_per_address(client, clock, limits, db):
    limits("cv-upload", per_minute=2)
    for _ in range(2):
        assert client.post("/career-converter/from/cv/", CV).status_code in (302, 422)
    assert_limited(client.post("/career-converter/from/cv/", CV))
    assert client.get("/career-converter/from/cv/").status_code == 200
    assert client.post("/career-converter/from/cv/", CV, REMOTE_ADDR="203.0.113.50").status_code in (302, 422)
    clock.advance(60)
    assert client.post("/career-converter/from/cv/", CV).status_code in (302, 422)


def test_cv_upload_limit_follows_a_signed_in_person_across_addresses(signed_in, learner, clock, limits):
    limits("cv-upload", per_minute=2)
    client = signed_in(learner)
    client.post("/career-converter/from/cv/", CV, REMOTE_ADDR="203.0.113.1")
    client.post("/career-converter/from/cv/", CV, REMOTE_ADDR="203.0.113.2")
    assert_limited(client.post("/career-converter/from/cv/", CV, REMOTE_ADDR="203.0.113.3"))


def test_converter_api_uses_the_shared_limiter(client, clock, settings, db):
    settings.CONVERTER_ANON_RATE_PER_MINUTE = 2
    url = "/api/v1/converter/extract"

    def post(**extra: Any) -> Any:
        return client.post(url, {"text": "PCR"}, content_type="application/json", **extra)

    assert post().status_code != 429
    assert post().status_code != 429
    assert assert_limited(post(), html=False) == 60
    assert post(REMOTE_ADDR="10.9.8.7").status_code != 429
    clock.advance(60)
    assert post().status_code != 429


def test_every_limit_can_be_switched_off(client, clock, limits, settings, db):
    limits("register", per_minute=1)
    settings.SKILLSNET_RATE_LIMITS_ENABLED = False
    for _ in range(3):
        assert client.post("/account/register/", {}).status_code == 200


# ---------------------------------------------------------------- the limiter itself


def test_windows_are_counted_per_scope_and_identity(clock):
    hit = ratelimit.limiter.hit
    assert hit("a", "one", per_minute=1).allowed
    assert not hit("a", "one", per_minute=1).allowed
    assert hit("b", "one", per_minute=1).allowed
    assert hit("a", "two", per_minute=1).allowed


def test_retry_after_counts_down_to_the_end_of_the_window(clock):
    ratelimit.limiter.hit("s", "me", per_minute=1)
    clock.advance(45.5)
    assert ratelimit.limiter.hit("s", "me", per_minute=1).retry_after == 14


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "", "192.0.2.1"),
        # Without a trusted proxy the header is anyone's to write: ignore it.
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),
        # One proxy appends the address it saw: the rightmost entry.
        (1, "10.0.0.1", "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # Fewer entries than proxies: the request did not come through them all.
        (2, "10.0.0.1", "203.0.113.5", "10.0.0.1"),
        # IPv6 clients are counted per /64.
        (0, "2001:db8:1:2:aaaa::1", "", "2001:db8:1:2::/64"),
        (0, "::ffff:192.0.2.8", "", "192.0.2.8"),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.SKILLSNET_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_ip(request) == expected


def test_api_refusals_are_json_and_pages_are_html(rf):
    api = ratelimit.too_many_requests(rf.get("/api/v1/roles"), 7)
    assert api.status_code == 429
    assert api["Retry-After"] == "7"
    assert json.loads(api.content) == {"detail": "Too many requests: try again in 7 seconds."}
    page = ratelimit.too_many_requests(rf.get("/account/register/"), 61)
    assert page.status_code == 429
    assert page["Retry-After"] == "61"
    assert "Wait 2 minutes and try again" in page.content.decode()


def test_the_limits_setting_is_read_from_one_variable():
    from skillsnet.settings import _rate_limits

    assert _rate_limits("register=5/30, sign-in=20/, cv-upload=/60") == {
        "register": {"per_minute": 5, "per_hour": 30},
        "sign-in": {"per_minute": 20},
        "cv-upload": {"per_hour": 60},
    }
    for bad in ("register", "register=five", "=5/5", "register=/"):
        with pytest.raises(ImproperlyConfigured, match="SKILLSNET_RATE_LIMITS must look like"):
            _rate_limits(bad)
