from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from skillsnet.accounts import selectors, services
from skillsnet.accounts.models import Role, User

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def register(client, **overrides):
    data = {
        "full_name": "Rae Register",
        "email": "rae@example.com",
        "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
    }
    data.update(overrides)
    return client.post(reverse("accounts:register"), data)


def test_it_registers_and_says_to_check_email(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client)
    assert response.status_code == 302
    assert response.url == reverse("accounts:registered")
    user = User.objects.get(email="rae@example.com")
    assert user.full_name == "Rae Register"
    assert user.check_password("a-long-enough-passphrase")
    assert "_auth_user_id" not in client.session  # the same answer as for a known address: not signed in
    assert [m.subject for m in mailoutbox] == ["Your skillsnet account is ready"]
    assert "/account/sign-in/" in mailoutbox[0].body
    page = client.get(reverse("accounts:registered"))
    assert "Check your email" in page.content.decode()
    response = client.post(
        reverse("accounts:sign-in"), {"username": "rae@example.com", "password": "a-long-enough-passphrase"}
    )
    assert response.status_code == 302
    assert b"rae@example.com" in client.get(reverse("accounts:account")).content


def test_it_stores_emails_in_lower_case_and_signs_in_case_insensitively(client):
    register(client, email="Rae.Mixed@Example.COM")
    client.logout()
    assert User.objects.filter(email="rae.mixed@example.com").exists()
    response = client.post(
        reverse("accounts:sign-in"), {"username": "RAE.MIXED@example.com", "password": "a-long-enough-passphrase"}
    )
    assert response.status_code == 302


def test_registration_gives_the_same_answer_for_a_known_email_and_emails_its_owner(
    client, learner, mailoutbox, django_capture_on_commit_callbacks
):
    new = register(client, email="someone.new@example.com")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        known = register(
            client, email=learner.email.upper(), password1="another-passphrase-1", password2="another-passphrase-1"
        )
    assert (known.status_code, known.url) == (new.status_code, new.url)
    assert client.get(known.url).content == client.get(new.url).content
    assert User.objects.filter(email__iexact=learner.email).count() == 1
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)  # nothing about the account changed
    assert [(m.to, m.subject) for m in mailoutbox] == [([learner.email], "You already have a skillsnet account")]
    assert "/account/password-reset/" in mailoutbox[0].body
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": ""}, b"Enter your email address"),
        ({"email": "not-an-email"}, b"Enter an email address in the correct format"),
        ({"password2": "something-else-entirely"}, b"The passwords do not match"),
        ({"password1": "short", "password2": "short"}, b"Your password is too short: use at least 10 characters"),
        ({"password1": "short", "password2": "different"}, b"Your password is too short"),
        ({"password1": "password123456", "password2": "password123456"}, b"Your password is too common"),
        ({"password1": "8402917365012", "password2": "8402917365012"}, b"cannot be only numbers"),
    ],
)
def test_it_explains_what_is_wrong_with_a_registration(client, overrides, message):
    response = register(client, **overrides)
    body = response.content.decode()
    assert response.status_code == 422
    assert message.decode() in body
    assert 'class="error-summary"' in body
    assert "autofocus" in body
    assert "<title>Error: Create an account – skillsnet</title>" in body
    assert "This password" not in body  # Django's own wording never shows
    assert not User.objects.exists()


def test_creating_an_account_from_the_converter_leads_back_to_the_results(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SKILLSNET_BASE_URL = "http://127.0.0.1:8001"
    results = reverse("converter:results")
    form = client.get(reverse("accounts:register"), {"next": results}).content.decode()
    assert f'<input type="hidden" name="next" value="{results}">' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, next=results)
    assert response.url == reverse("accounts:registered") + "?next=%2Fcareer-converter%2Fresults%2F"
    page = client.get(response.url).content.decode()
    sign_in = reverse("accounts:sign-in") + "?next=%2Fcareer-converter%2Fresults%2F"
    assert f'href="{sign_in}"' in page
    assert f"http://127.0.0.1:8001{sign_in}" in mailoutbox[0].body  # from the site address, not the request
    form = client.get(sign_in).content.decode()
    assert f'<input type="hidden" name="next" value="{results}">' in form
    signed = client.post(
        sign_in, {"username": "rae@example.com", "password": "a-long-enough-passphrase", "next": results}
    )
    assert signed.url == results


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)"])
def test_registration_ignores_a_next_page_off_this_site(client, mailoutbox, django_capture_on_commit_callbacks, target):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, next=target)
    assert response.url == reverse("accounts:registered")
    assert "evil" not in mailoutbox[0].body
    assert "javascript" not in mailoutbox[0].body


def test_it_signs_in_and_out(client, learner):
    response = client.post(reverse("accounts:sign-in"), {"username": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200
    assert client.get(reverse("accounts:sign-out")).status_code == 405  # signing out is a POST
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 200
    assert b"You have signed out" in response.content
    assert client.get(reverse("accounts:account")).status_code == 302


def test_it_rejects_a_wrong_password_with_a_message(client, learner):
    response = client.post(reverse("accounts:sign-in"), {"username": learner.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert b"Enter a correct email address and password" in response.content


def test_it_locks_sign_in_after_repeated_failures(client, learner):
    for _ in range(5):
        client.post(reverse("accounts:sign-in"), {"username": learner.email, "password": "wrong-password"})
    # Even the right password is refused while the lock lasts.
    response = client.post(reverse("accounts:sign-in"), {"username": learner.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many attempts to sign in" in response.content
    assert client.get(reverse("accounts:account")).status_code == 302


def test_a_lock_for_one_account_does_not_lock_another(client, learner, other_learner):
    for _ in range(5):
        client.post(reverse("accounts:sign-in"), {"username": learner.email, "password": "wrong-password"})
    response = client.post(reverse("accounts:sign-in"), {"username": other_learner.email, "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_sends_a_working_link(client, learner, django_capture_on_commit_callbacks, settings):
    settings.SKILLSNET_BASE_URL = "http://127.0.0.1:8001"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    # The email goes through the task queue once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": learner.email}, HTTP_HOST="evil.example")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert "evil.example" not in message.body  # the configured site address, never the request's Host
    link = re.search(r"http://127\.0\.0\.1:8001(/account/password-reset/\S+/)", message.body)
    assert link, message.body
    form_page = client.get(link.group(1), follow=True)
    assert b"Set a new password" in form_page.content
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("a-brand-new-passphrase")


def test_password_reset_does_not_reveal_whether_an_account_exists(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_account_page_needs_sign_in_and_saves_details(client, learner, signed_in):
    assert client.get(reverse("accounts:account")).status_code == 302
    signed_in(learner)
    response = client.post(reverse("accounts:account"), {"full_name": "  Lee L. Learner "})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.full_name == "Lee L. Learner"


def test_every_account_holder_is_a_learner_and_roles_are_scoped(learner, centre_manager, programme_admin):
    assert selectors.has_role(learner, Role.LEARNER)
    assert not selectors.has_role(learner, Role.CENTRE_STAFF)
    assert selectors.has_role(centre_manager, Role.CENTRE_STAFF, scope="roslinct")
    assert not selectors.has_role(centre_manager, Role.CENTRE_STAFF, scope="stevenage")
    assert selectors.scopes_for(centre_manager, Role.CENTRE_STAFF) == ["roslinct"]
    assert selectors.is_programme_admin(programme_admin)
    assert not selectors.is_programme_admin(centre_manager)


def test_anonymous_people_hold_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.has_role(AnonymousUser(), Role.LEARNER)
    assert not selectors.is_programme_admin(AnonymousUser())


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        (Role.CENTRE_STAFF, "", "needs the organisation or centre"),
        (Role.PROGRAMME_ADMIN, "roslinct", "programme-wide"),
        (Role.LEARNER, "", "Everyone with an account is a learner"),
    ],
)
def test_role_grants_are_validated(learner, role, scope, message):
    with pytest.raises(services.AccountError, match=message):
        services.role_grant(user=learner, role=role, scope=scope)


def test_granting_a_role_twice_is_harmless(learner):
    first = services.role_grant(user=learner, role=Role.EMPLOYER, scope="acme")
    second = services.role_grant(user=learner, role=Role.EMPLOYER, scope="acme")
    assert first.pk == second.pk
    assert services.role_revoke(user=learner, role=Role.EMPLOYER, scope="acme") == 1
    assert not selectors.has_role(learner, Role.EMPLOYER)


def test_the_admin_is_for_staff_only(client, learner, signed_in):
    signed_in(learner)
    assert client.get("/admin/").status_code == 302
    staff = User.objects.create_superuser(email="root@example.com", password=PASSWORD)
    signed_in(staff)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/accounts/user/add/").status_code == 200


def test_registration_and_role_changes_are_audited(client, learner):
    from skillsnet.accounts.models import AuditEntry

    assert AuditEntry.objects.filter(action="accounts.user.registered", subject=learner).exists()
    services.role_grant(user=learner, role=Role.EMPLOYER, scope="acme")
    services.role_revoke(user=learner, role=Role.EMPLOYER, scope="acme")
    actions = list(AuditEntry.objects.filter(subject=learner).values_list("action", flat=True))
    assert "accounts.role.granted" in actions
    assert "accounts.role.revoked" in actions


def test_the_account_page_links_each_role_to_its_dashboard(client, signed_in, centre_manager, provider_staff):
    from skillsnet.accounts.models import Role

    signed_in(centre_manager)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "/centres/roslinct/manage/" in html
    assert "/training/dashboard/" in html
    assert "/insights/" not in html
    services.role_grant(user=provider_staff, role=Role.PROGRAMME_ADMIN)
    signed_in(provider_staff)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "/providers/cgt-catapult/statistics/" in html
    assert "/training/provider/" in html
    assert "/insights/" in html
    assert "/account/audit/" in html


def test_staff_reach_their_dashboards_from_the_navigation_by_organisation_name(
    client, signed_in, centre_manager, learner
):
    from skillsnet.centres.models import Centre

    Centre.objects.create(slug="roslinct", name="RoslinCT Ltd", latitude=55.9, longitude=-3.1)
    dashboards = reverse("accounts:dashboards")
    nav = f'<a href="{dashboards}" class="site-nav__link">Dashboards</a>'
    signed_in(learner)
    assert nav not in client.get("/").content.decode()  # a learner has only the learning dashboard
    signed_in(centre_manager)
    assert nav in client.get("/").content.decode()
    html = client.get(dashboards).content.decode()
    assert "Centre dashboard: runs, rosters, approvals and attendance (RoslinCT Ltd)" in html
    assert "/centres/roslinct/manage/" in html
    account = client.get(reverse("accounts:account")).content.decode()
    assert "(RoslinCT Ltd)" in account
    assert "(roslinct)" not in account
    client.logout()
    assert nav not in client.get("/").content.decode()


def test_demo_accounts_are_created_quietly_then_listed_by_organisation_name():
    from io import StringIO

    from django.core.management import call_command

    from skillsnet.industry.models import Employer

    Employer.objects.create(slug="demo-biotech", name="Demo Biotech (example)")
    listed = StringIO()
    call_command("demo_accounts", "--list", stdout=listed)
    assert not User.objects.exists()  # listing writes nothing
    quiet = StringIO()
    call_command("demo_accounts", "--quiet", stdout=quiet)
    assert quiet.getvalue() == ""
    assert User.objects.filter(email="employer@example.com").exists()
    out = StringIO()
    call_command("demo_accounts", "--list", stdout=out)
    assert "Employer at Demo Biotech (example)" in out.getvalue()
    assert "demo-biotech" not in out.getvalue()
