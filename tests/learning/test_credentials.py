"""Open Badges 3.0 credentials: issue, verify against the published JWK Set, revoke, expire."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from django.core.management import call_command
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.learning import services, signing
from skillsnet.learning.models import Credential
from skillsnet.learning.verification import verify_credential

from .conftest import GMP_ESCO, pem

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(learner, catalogue, complete_course):
    complete_course(learner, catalogue.essentials)
    return Credential.objects.get(learner=learner)


def test_the_credential_is_an_open_badge_aligned_to_esco(credential, learner):
    doc = credential.document
    assert doc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["id"] == f"urn:uuid:{credential.pk}"
    assert doc["issuer"]["id"] == "https://skills.example.org/credentials/issuer"
    subject = doc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert learner.email not in str(doc)  # only a salted hash of it
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    esco = [a for a in achievement["alignment"] if a["targetFramework"] == "ESCO"]
    assert esco == [
        {
            "type": ["Alignment"],
            "targetName": "Good manufacturing practice",
            "targetUrl": GMP_ESCO,
            "targetCode": GMP_ESCO,
            "targetFramework": "ESCO",
            "targetType": "ext:ESCOSkill",
            # Two knowledge-check questions support awareness only (catalogue/claims.py).
            "targetDescription": "Level the assessment supports: Awareness (1 of 4)",
        }
    ]
    criteria = achievement["criteria"]["narrative"]
    assert "2 multiple-choice questions in 1 online knowledge check, each passed at 50%" in criteria
    assert "Good manufacturing practice: Awareness (1 of 4)" in criteria


def test_round_trip_issue_verify_with_the_published_key_then_revoke(client, credential, programme_admin):
    key_set = client.get("/.well-known/jwks.json").json()
    assert [k["kty"] for k in key_set["keys"]] == ["OKP"]
    assert "d" not in key_set["keys"][0]  # the private part is never published
    header = jwt.get_unverified_header(credential.jwt)
    assert (header["alg"], header["typ"], header["kid"]) == ("EdDSA", "vc+jwt", key_set["keys"][0]["kid"])
    public = signing.public_key_from_jwk(key_set["keys"][0])
    payload = jwt.decode(credential.jwt, public, algorithms=["EdDSA"])
    assert payload["jti"] == f"urn:uuid:{credential.pk}"
    assert payload["credentialSubject"] == credential.document["credentialSubject"]
    assert verify_credential(credential, key_set).verdict == "valid"
    page = client.get(f"/credentials/{credential.pk}/verify")
    assert page.status_code == 200
    assert "This credential is genuine and valid." in page.content.decode()
    assert client.get(f"/credentials/{credential.pk}/status").json()["status"] == "active"

    services.credential_revoke(credential=credential, actor=programme_admin, reason="Issued by mistake.")
    credential.refresh_from_db()
    assert verify_credential(credential).verdict == "revoked"
    page = client.get(f"/credentials/{credential.pk}/verify").content.decode()
    assert "has been revoked" in page
    assert "Issued by mistake." in page
    status = client.get(f"/credentials/{credential.pk}/status").json()
    assert status["status"] == "revoked"
    assert status["revokedCredentials"] == [
        {"id": f"urn:uuid:{credential.pk}", "revoked": True, "revocationReason": "Issued by mistake."}
    ]
    assert AuditEntry.objects.filter(action="learning.credential.revoked", actor=programme_admin).exists()
    with pytest.raises(services.CredentialError, match="already revoked"):
        services.credential_revoke(credential=credential, actor=programme_admin, reason="Again.")


def test_a_revocation_needs_a_reason(credential, programme_admin):
    with pytest.raises(services.CredentialError, match="reason"):
        services.credential_revoke(credential=credential, actor=programme_admin, reason="  ")


def test_a_tampered_credential_fails_verification(credential):
    head, _body, sig = credential.jwt.split(".")
    other = services.credential_issue(
        learner=credential.learner, achievement_name="Something else", description="", skills=[]
    )
    credential.jwt = ".".join([head, other.jwt.split(".")[1], sig])
    assert verify_credential(credential).verdict == "invalid"


def test_a_credential_signed_by_another_key_fails(credential, settings):
    settings.CREDENTIALS_SIGNING_KEY = pem()  # the service now publishes a different key
    result = verify_credential(credential)
    assert result.verdict == "invalid"
    assert "key this service does not publish" in result.checks[0].message


def test_an_expired_credential_says_so(learner, catalogue):
    credential = services.credential_issue(
        learner=learner,
        achievement_name="Gowning qualification",
        description="Gowned for grade B.",
        skills=["gmp"],
        expires_at=timezone.now() + timedelta(days=365),
    )
    assert credential.document["validUntil"]
    assert verify_credential(credential).verdict == "valid"
    Credential.objects.filter(pk=credential.pk).update(expires_at=timezone.now() - timedelta(days=1))
    credential.refresh_from_db()
    assert verify_credential(credential).verdict == "expired"


def test_credential_issue_is_generic_and_checks_its_input(learner, catalogue):
    with pytest.raises(services.CredentialError, match="Unknown skills: nope"):
        services.credential_issue(learner=learner, achievement_name="X", description="", skills=["nope"])
    with pytest.raises(services.CredentialError, match="future"):
        services.credential_issue(
            learner=learner, achievement_name="X", description="", skills=[], expires_at=timezone.now()
        )
    with pytest.raises(services.CredentialError, match="name"):
        services.credential_issue(learner=learner, achievement_name=" ", description="", skills=[])


def test_one_credential_per_source(learner, catalogue, credential):
    enrolment = learner.enrolments.get()
    again = services.credential_issue(
        learner=learner, achievement_name="GMP essentials", description="", skills=[], source_object=enrolment
    )
    assert again.pk == credential.pk


def test_production_refuses_to_issue_without_a_key(learner, catalogue, settings):
    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.PRODUCTION = True
    with pytest.raises(services.CredentialError, match="CREDENTIALS_SIGNING_KEY"):
        services.credential_issue(learner=learner, achievement_name="X", description="", skills=[])
    assert signing.jwks() == {"keys": []}


def test_development_generates_a_key_file_once(settings, tmp_path):
    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.CREDENTIALS_SIGNING_KEY_PATH = tmp_path / "var" / "key.pem"
    first = signing.jwks()["keys"][0]["x"]
    assert settings.CREDENTIALS_SIGNING_KEY_PATH.exists()
    assert oct(settings.CREDENTIALS_SIGNING_KEY_PATH.stat().st_mode)[-3:] == "600"
    signing._key_for.cache_clear()
    assert signing.jwks()["keys"][0]["x"] == first


def test_the_system_check_warns_in_production_without_a_key(settings):
    from skillsnet.learning.checks import credentials_signing_key

    settings.PRODUCTION = True
    settings.CREDENTIALS_SIGNING_KEY = ""
    assert [w.id for w in credentials_signing_key(None)] == ["learning.W001"]
    settings.CREDENTIALS_SIGNING_KEY = pem()
    assert credentials_signing_key(None) == []


def test_the_issuer_profile_and_downloads(client, credential):
    profile = client.get("/credentials/issuer").json()
    assert profile["type"] == ["Profile"]
    assert profile["id"] == "https://skills.example.org/credentials/issuer"
    download = client.get(f"/credentials/{credential.pk}.json")
    assert download["Content-Disposition"].startswith("attachment")
    assert download.json()["jwt"] == credential.jwt
    token = client.get(f"/credentials/{credential.pk}.jwt")
    assert token.content.decode() == credential.jwt
    assert client.get("/credentials/00000000-0000-0000-0000-000000000000/verify").status_code == 404


def test_programme_admins_revoke_from_the_admin(client, credential, make_user):
    admin = make_user("root@example.com")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        "/admin/learning/credential/", {"action": "revoke", "_selected_action": [str(credential.pk)]}
    )
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.revoked_at is not None


def test_dev_signing_key_is_not_needed_by_check(settings, tmp_path):
    """Outside production `skillsnet check` is clean without a key, and does not make one to find out."""
    from io import StringIO

    from django.core import checks

    settings.PRODUCTION = False
    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.CREDENTIALS_SIGNING_KEY_PATH = tmp_path / "credentials-ed25519.pem"
    signing._key_for.cache_clear()
    out = StringIO()
    call_command("check", "--fail-level", "WARNING", stdout=out, stderr=out)
    assert "System check identified no issues" in out.getvalue()
    assert not any(m.id.startswith("learning.") for m in checks.run_checks())
    assert not settings.CREDENTIALS_SIGNING_KEY_PATH.exists()


def test_issuer_and_status_urls_come_from_the_configured_site_url_not_the_request(
    client, learner, catalogue, settings, signed_in
):
    """A request with another Host header still yields a credential naming the configured public site."""
    from .conftest import answers_for

    settings.SKILLSNET_BASE_URL = "https://skills.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    signed_in(learner)
    host = {"HTTP_HOST": "attacker.example.net"}
    base = f"/training/courses/{catalogue.essentials.slug}"
    client.post(f"{base}/enrol", **host)
    client.post(f"{base}/lessons/{catalogue.intro.pk}/complete", **host)
    right = {f"question-{q}": c for q, c in answers_for(catalogue.checked).items()}
    client.post(f"{base}/lessons/{catalogue.checked.pk}/check", right, **host)
    document = Credential.objects.get(learner=learner).document
    text = str(document)
    assert "attacker.example.net" not in text
    assert document["issuer"]["id"].startswith("https://skills.example.org/")
    status = client.get(f"/credentials/{Credential.objects.get(learner=learner).pk}/status", **host)
    assert "attacker.example.net" not in status.content.decode()
