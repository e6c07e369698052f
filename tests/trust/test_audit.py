"""Security events in the audit log, the programme team's audit log pages and each person's own activity."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.accounts.services import audit_log

from ..conftest import PASSWORD


def actions(**filters) -> list[str]:
    return list(AuditEntry.objects.filter(**filters).order_by("id").values_list("action", flat=True))


def sign_in(client, email: str, password: str, **extra):
    return client.post("/account/sign-in/", {"username": email, "password": password}, **extra)


# ---------------------------------------------------------------- security events


def test_signing_in_and_out_is_recorded_with_the_address(client, learner):
    assert sign_in(client, learner.email, PASSWORD, REMOTE_ADDR="203.0.113.20").status_code == 302
    entry = AuditEntry.objects.get(action="accounts.sign_in.succeeded")
    assert (entry.actor, entry.subject, entry.data) == (learner, learner, {"ip": "203.0.113.20"})
    client.post("/account/sign-out/")
    assert actions(subject=learner)[-1] == "accounts.sign_in.signed_out"


def test_a_failed_sign_in_is_recorded_against_the_account(client, learner):
    assert sign_in(client, learner.email.upper(), "wrong-password").status_code == 200
    entry = AuditEntry.objects.get(action="accounts.sign_in.failed")
    assert entry.subject == learner
    assert entry.actor is None
    assert entry.data == {"ip": "127.0.0.1", "known_account": True}


def test_a_failed_sign_in_for_no_account_keeps_no_email_address(client, db):
    sign_in(client, "nobody.here@example.com", "wrong-password")
    entry = AuditEntry.objects.get(action="accounts.sign_in.failed")
    assert entry.subject is None
    assert "nobody.here" not in str(entry.data)


def test_a_lock_out_is_recorded(client, learner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, learner.email, "wrong-password")
    locked = AuditEntry.objects.filter(action="accounts.sign_in.locked_out", subject=learner)
    assert locked.count() == 1
    # Even the right password waits now.
    response = sign_in(client, learner.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert not AuditEntry.objects.filter(action="accounts.sign_in.succeeded", subject=learner).exists()


def test_a_password_reset_is_recorded_from_request_to_completion(client, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/account/password-reset/", {"email": learner.email}).status_code == 302
    assert actions(subject=learner) == ["accounts.user.registered", "accounts.password.reset_requested"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line).strip()
    form_url = client.get(link[link.index("/account/") :]).url
    new = "a-brand-new-long-password"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert actions(subject=learner)[-1] == "accounts.password.reset_completed"
    assert "accounts.password.changed" not in actions(subject=learner)


def test_a_reset_for_an_unknown_address_records_nothing(client, db):
    client.post("/account/password-reset/", {"email": "nobody.here@example.com"})
    assert not AuditEntry.objects.filter(action__startswith="accounts.password").exists()


def test_any_other_password_change_is_recorded(learner):
    learner.set_password("another-long-password")
    learner.save(update_fields=["password"])
    assert actions(subject=learner)[-1] == "accounts.password.changed"
    # Saving other fields is not a password change.
    learner.full_name = "Lee L"
    learner.save(update_fields=["full_name"])
    assert actions(subject=learner).count("accounts.password.changed") == 1


# ---------------------------------------------------------------- the full audit log (programme team)


def test_the_audit_log_is_for_the_programme_team_only(client, signed_in, learner, centre_manager, programme_admin):
    assert client.get("/account/audit/").url.startswith("/account/sign-in/")
    assert signed_in(learner).get("/account/audit/").status_code == 403
    assert signed_in(centre_manager).get("/account/audit/audit-log.csv").status_code == 403
    assert signed_in(programme_admin).get("/account/audit/").status_code == 200


def test_the_audit_log_filters_by_action_people_and_dates(signed_in, learner, other_learner, programme_admin):
    old = audit_log(action="centres.booking.created", actor=learner, subject=learner)
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    audit_log(action="centres.booking.cancelled", actor=other_learner, subject=other_learner)
    client = signed_in(programme_admin)

    def shown(**query) -> str:
        response = client.get("/account/audit/", query)
        assert response.status_code == 200
        return response.content.decode()

    page = shown(action="centres.booking")
    assert "centres.booking.created" in page
    assert "centres.booking.cancelled" in page
    assert "accounts.user.registered" not in page
    assert "centres.booking.created" not in shown(action="centres", actor="olu.other")
    assert "centres.booking.cancelled" not in shown(action="centres", subject="lee.learner@")
    recent = shown(action="centres", date_from=str(timezone.localdate() - timedelta(days=7)))
    assert "centres.booking.cancelled" in recent
    assert "centres.booking.created" not in recent
    assert "centres.booking.created" in shown(date_to=str(timezone.localdate() - timedelta(days=30)))


def test_bad_filters_get_a_message_not_an_error(signed_in, programme_admin):
    client = signed_in(programme_admin)
    response = client.get(
        "/account/audit/", {"action": "DROP TABLE;", "date_from": "2025-05-02", "date_to": "2025-05-01"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the start of an action code" in body
    assert "must be the same as or after" in body
    assert client.get("/account/audit/audit-log.csv", {"date_from": "yesterday"}).status_code == 400


def test_the_audit_log_is_paginated_with_a_fixed_number_of_queries(
    signed_in, learner, programme_admin, django_assert_max_num_queries
):
    for n in range(60):
        audit_log(action="learning.enrolment.created", actor=learner, subject=learner, data={"n": n})
    client = signed_in(programme_admin)
    with django_assert_max_num_queries(12):
        first = client.get("/account/audit/", {"action": "learning"})
    assert "Page 1 of 2" in first.content.decode()
    second = client.get("/account/audit/", {"action": "learning", "page": 2})
    assert second.content.decode().count("learning.enrolment.created") == 10
    assert "action=learning&amp;page=1" in second.content.decode()


def test_the_csv_export_has_the_filtered_entries_and_is_itself_audited(signed_in, learner, programme_admin):
    audit_log(action="industry.consent.given", actor=learner, subject=learner, data={"note": "=HYPERLINK(1)"})
    audit_log(action="centres.booking.created", actor=learner, subject=learner)
    response = signed_in(programme_admin).get("/account/audit/audit-log.csv", {"action": "industry."})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="audit-log.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["at_utc", "action", "actor", "subject", "object_type", "object_id", "data"]
    assert [row[1] for row in rows[1:]] == ["industry.consent.given"]
    assert rows[1][2:4] == [learner.email, learner.email]
    assert rows[1][0].endswith("+00:00")
    assert AuditEntry.objects.filter(
        action="accounts.audit.exported", actor=programme_admin, data={"action": "industry."}
    ).exists()


def test_a_cell_a_spreadsheet_would_run_is_made_text(signed_in, programme_admin, db):
    audit_log(action="x.y", data={})
    AuditEntry.objects.filter(action="x.y").update(object_id="=cmd|' /C calc'!A0")
    response = signed_in(programme_admin).get("/account/audit/audit-log.csv", {"action": "x.y"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][5] == "'=cmd|' /C calc'!A0"


# ---------------------------------------------------------------- each person's own activity


def test_a_learner_sees_their_own_activity_in_plain_english(signed_in, learner, other_learner, programme_admin):
    audit_log(action="centres.booking.created", actor=learner, subject=learner)
    audit_log(action="centres.booking.approved", actor=programme_admin, subject=learner)
    audit_log(action="centres.booking.offered", subject=learner)
    audit_log(action="someapp.thing.happened", subject=learner)
    audit_log(action="converter.assessment.saved", actor=other_learner, subject=other_learner)
    response = signed_in(learner).get("/account/activity/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "You booked a place on a training-centre course" in page
    assert "A training-centre booking was approved" in page
    assert "You were offered a place from a waiting list" in page
    assert "someapp.thing.happened" in page  # no description yet: the code itself
    assert "You created your account" in page
    assert "Career Converter assessment" not in page  # someone else's
    assert "Someone else" in page
    assert programme_admin.email not in page  # staff stay anonymous to the learner


def test_activity_is_paginated_with_a_fixed_number_of_queries(signed_in, learner, django_assert_max_num_queries):
    for _ in range(30):
        audit_log(action="learning.enrolment.created", actor=learner, subject=learner)
    client = signed_in(learner)
    with django_assert_max_num_queries(8):
        page = client.get("/account/activity/").content.decode()
    # 25 a page: the sign-in just now, then 24 of the 30 enrolments.
    assert "You signed in" in page
    assert page.count("You enrolled on an online course") == 24
    assert "Page 1 of 2" in page


def test_activity_needs_an_account(client, db):
    assert client.get("/account/activity/").url.startswith("/account/sign-in/")


def test_a_role_grant_is_described_with_the_role(signed_in, centre_manager):
    assert "You were given a role: centre_staff" in signed_in(centre_manager).get("/account/activity/").content.decode()


@pytest.mark.parametrize(("persona", "sees_audit_link"), [("learner", False), ("programme_admin", True)])
def test_the_account_page_links_to_activity_and_for_admins_the_audit_log(request, signed_in, persona, sees_audit_link):
    page = signed_in(request.getfixturevalue(persona)).get("/account/").content.decode()
    assert 'href="/account/activity/"' in page
    assert ('href="/account/audit/"' in page) is sees_audit_link
