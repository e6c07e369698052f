"""One email address, however it is typed, is one account with one lockout count and one rate-limit count."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from skillsnet import ratelimit
from skillsnet.accounts.emails import axes_username, normalise_email
from skillsnet.accounts.models import User

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password})


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("  Mallory@Example.COM ", "mallory@example.com"),
        ("ｍａｌｌｏｒｙ@example.com", "mallory@example.com"),  # full-width letters (NFKC)
        ("MALLORY@EXAMPLE.COM", "mallory@example.com"),
        (None, ""),
    ],
)
def test_an_address_is_stripped_nfkc_and_case_folded(typed, normalised):
    assert normalise_email(typed) == normalised


def test_axes_counts_by_the_normalised_address(rf):
    assert axes_username(rf.post("/", {"username": " Mallory@Example.com"}), None) == "mallory@example.com"
    assert axes_username(None, {"username": "MALLORY@example.com"}) == "mallory@example.com"


def test_the_lockout_holds_across_spellings_of_one_email(client, settings, make_user):
    mallory = make_user("mallory@example.com")
    spellings = ["mallory@example.com", "Mallory@example.com", "mAllory@example.com", " MALLORY@example.com"]
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, spellings[n % len(spellings)], "wrong-guess").status_code == 200
    # One more wrong guess, in yet another spelling, reaches the limit for the one account.
    assert sign_in(client, "MaLLoRy@Example.Com", "wrong-guess").status_code == 429
    # Now even the right password, spelt differently again, waits; the lockout is not reset.
    response = sign_in(client, "MALLORY@EXAMPLE.COM", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="mallory@example.com").get().failures_since_start == (
        settings.AXES_FAILURE_LIMIT + 1
    )
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"mallory@example.com"}
    assert mallory.pk


def test_registration_and_sign_in_agree_on_the_form(client):
    form = {
        "email": "  Ｒae.Mixed@Example.COM ",
        "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
    }
    client.post(reverse("accounts:register"), form)
    assert User.objects.filter(email="rae.mixed@example.com").exists()
    client.logout()
    assert sign_in(client, "RAE.MIXED@example.com ", "a-long-enough-passphrase").status_code == 302


def test_an_account_stored_with_capitals_still_signs_in(client, make_user):
    # Stored before normalisation (or by hand): the lookup is case-insensitive, so it still works.
    user = make_user("legacy@example.com")
    User.objects.filter(pk=user.pk).update(email="Legacy.Person@Example.com")
    assert sign_in(client, "legacy.person@example.com", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "LEGACY.PERSON@EXAMPLE.COM", PASSWORD).status_code == 302


def test_a_password_reset_finds_the_account_however_the_address_is_typed(
    client, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    make_user("reset.me@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": " RESET.ME@Example.com"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["reset.me@example.com"]]


def test_rate_limits_count_spellings_of_one_email_together(client, settings, db):
    settings.SKILLSNET_RATE_LIMITS = {**settings.SKILLSNET_RATE_LIMITS, "password-reset": {"per_minute": 2}}
    ratelimit.limiter.clock = lambda: 1_000_020.0
    try:
        for n, typed in enumerate(["target@example.com", "TARGET@example.com"]):
            client.post(reverse("accounts:password-reset"), {"email": typed}, REMOTE_ADDR=f"192.0.2.{n}")
        response = client.post(
            reverse("accounts:password-reset"), {"email": "Ｔarget@example.com"}, REMOTE_ADDR="192.0.2.9"
        )
        assert response.status_code == 429
    finally:
        import time

        ratelimit.limiter.clock = time.time
