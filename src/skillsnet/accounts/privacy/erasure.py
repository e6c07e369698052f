"""Delete my account: run every registered eraser, move what dashboards count to an erased account."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.privacy.registration import ERASED_DOMAIN, Erasure, PrivacyError, registry
from skillsnet.accounts.services import audit_log
from skillsnet.tasks import enqueue_on_commit, send_email


def _placeholder_for(user: User) -> User:
    """The erased account that keeps the anonymous rows: the day the person joined and nothing else."""
    joined = timezone.localtime(user.date_joined).replace(hour=0, minute=0, second=0, microsecond=0)
    placeholder = User(
        email=f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}", full_name="", region="", is_active=False, date_joined=joined
    )
    placeholder.set_unusable_password()
    placeholder.save()
    return placeholder


def is_erased_account(user: User) -> bool:
    return user.email.endswith(f"@{ERASED_DOMAIN}")


def _delete_sessions_of(user: User) -> int:
    """Sign the person out everywhere: their sessions may hold Career Converter answers and CV text."""
    if "db" not in settings.SESSION_ENGINE:
        return 0
    doomed = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    return Session.objects.filter(pk__in=doomed).delete()[0]


@dataclass(frozen=True)
class ErasureReport:
    email: str
    counts: dict[str, dict[str, int]]


@transaction.atomic
def account_delete(*, user: User, now: datetime | None = None) -> ErasureReport:
    """Erase `user`: every registered section through its eraser, their sessions, then the account itself.

    Runs in one transaction: it all happens or none of it. Emails a confirmation to the address once
    committed. Audited as `accounts.user.deleted` without personal data.
    """
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_erased_account(user):
        raise PrivacyError("This account has already been erased.")
    email, name = user.email, user.get_short_name()
    erasure = Erasure(user=user, now=now, placeholder=_placeholder_for(user))
    for entry in registry.entries():
        entry.erase(erasure)
    erasure.count("sessions", "deleted", _delete_sessions_of(user))
    # Anything registered but left behind by an eraser goes with the account (the enumeration test makes sure
    # nothing unregistered is).
    User.objects.filter(pk=user.pk).delete()
    erasure.count("account", "deleted", 1)
    audit_log(action="accounts.user.deleted", data={"rows": erasure.report})
    # No idempotency key: its sent-email record would keep the address this deletion has just removed; and
    # `forget`: its task result is deleted as soon as it has been sent (skillsnet/tasks.py).
    subject = "Your skillsnet account has been deleted"
    enqueue_on_commit(send_email, to=[email], subject=subject, body=_email(name, erasure), forget=True)
    return ErasureReport(email=email, counts=erasure.report)


def _email(name: str, erasure: Erasure) -> str:
    report = erasure.report
    lines = [f"Hello {name},", "", "As you asked, we have deleted your skillsnet account and the data held about you."]
    cancelled = report.get("bookings", {}).get("cancelled", 0)
    if cancelled:
        lines.append(f"We cancelled {cancelled} training-centre booking(s); the places have gone to people waiting.")
    revoked = report.get("credentials", {}).get("revoked", 0)
    if revoked:
        lines.append(f"We revoked {revoked} credential(s): anyone checking one now is told it is no longer valid.")
    lines += [
        "",
        "Counts the programme reports (enrolments, attendance, ratings) still include your activity, but",
        "nothing in them leads back to you.",
        "",
        "If you did not ask for this, reply to this email at once.",
        "",
        "skillsnet",
    ]
    return "\n".join(lines)
