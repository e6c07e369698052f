"""The accounts app's own personal data and retention rules, declared to the registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from skillsnet.accounts.models import AuditEntry, OutboundEmail, RoleGrant, User
from skillsnet.accounts.privacy.registration import Erasure, register, retention

# Keys in audit `data` that never hold personal details: kept when the entry is anonymised. Everything
# else (assessment names, reasons, free text) is dropped.
AUDIT_SAFE_KEYS = frozenset(
    {
        "run", "status", "was", "vacancy", "employer", "course", "rating", "statement_version", "role", "scope",
        "fields", "achievement", "source", "expires_at", "expires_on", "cv_text_kept", "pending_requests_hidden",
        "session", "mark", "format", "known_account",
    }
)  # fmt: skip


def _mentions(value: Any, needles: Sequence[str]) -> bool:
    if isinstance(value, str):
        lowered = value.lower()
        return any(n in lowered for n in needles)
    if isinstance(value, dict):
        return any(_mentions(k, needles) or _mentions(v, needles) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_mentions(v, needles) for v in value)
    return False


def personal_strings(user: User) -> list[str]:
    """The person's own words that identify them: email, name (lower-cased, for matching)."""
    needles = [user.email.lower()]
    if len(user.full_name.strip()) >= 3:
        needles.append(user.full_name.strip().lower())
    return needles


def _erase_audit(erasure: Erasure) -> None:
    """Keep each entry's action and time; drop who it was about and the personal details in `data`."""
    user, needles = erasure.user, personal_strings(erasure.user)
    for entry in AuditEntry.objects.filter(Q(subject=user) | Q(actor=user)):
        if entry.subject_id == user.pk:
            data = {k: v for k, v in entry.data.items() if k in AUDIT_SAFE_KEYS and not _mentions(v, needles)}
        else:  # the person acted on someone else's record: that record stays theirs, minus our person
            data = {k: v for k, v in entry.data.items() if not _mentions(v, needles)}
        entry.data = data
        entry.subject = None if entry.subject_id == user.pk else entry.subject
        entry.actor = None if entry.actor_id == user.pk else entry.actor
        if entry.object_type == "accounts.user" and entry.object_id == str(user.pk):
            entry.object_id = ""
        entry.save(update_fields=["data", "subject", "actor", "object_id"])
        erasure.count("audit_entries", "anonymised", 1)


def _erase_roles(erasure: Erasure) -> None:
    erasure.count("roles", "deleted", RoleGrant.objects.filter(user=erasure.user).delete()[0])


def _erase_account(erasure: Erasure) -> None:
    # The row itself is deleted last by `account_delete`; here only what the account row carries elsewhere.
    return None


register(
    key="account",
    model=User,
    title="Your account",
    rows=lambda user: User.objects.filter(pk=user.pk),
    erase=_erase_account,
    erasure="deleted",
    order=1000,
    fields=["id", "email", "full_name", "region", "date_joined", "last_login", "is_active", "is_staff"],
)
register(
    key="roles",
    model=RoleGrant,
    title="Your roles (staff of a provider, centre or employer; programme admin)",
    rows=lambda user: RoleGrant.objects.filter(user=user),
    erase=_erase_roles,
    erasure="deleted",
    order=900,
    exclude=["user"],
)
register(
    key="audit_entries",
    model=AuditEntry,
    title="The audit log about you (sign-ups, bookings, credentials, consents …)",
    rows=lambda user: AuditEntry.objects.filter(Q(subject=user) | Q(actor=user)).order_by("at", "id"),
    erase=_erase_audit,
    erasure="anonymised: the action and its time stay; who it was about and personal details go",
    order=950,
    exclude=["subject", "actor"],
    columns=lambda entry, user: {"about_you": entry.subject_id == user.pk, "by_you": entry.actor_id == user.pk},
)


def _emails_to(user: User) -> QuerySet[OutboundEmail]:
    """Sent-email records addressed to the person (`to` is a comma-separated list of addresses)."""
    email = user.email
    exact = Q(to__iexact=email) | Q(to__istartswith=f"{email},") | Q(to__iendswith=f", {email}")
    return OutboundEmail.objects.filter(exact | Q(to__icontains=f", {email},")).order_by("sent_at", "id")


def _erase_emails(erasure: Erasure) -> None:
    # The key stays, so a retried task still finds it and sends nothing; only the address goes.
    erasure.count("emails_sent", "anonymised", _emails_to(erasure.user).update(to=""))


register(
    key="emails_sent",
    model=OutboundEmail,
    title="Emails we sent you (subject and time)",
    rows=_emails_to,
    erase=_erase_emails,
    erasure="kept without your address (so a retried email is never sent twice)",
    order=940,
)


def _task_results_of(user: User) -> QuerySet[Any]:
    """Background-task rows (django-tasks' database backend) whose arguments, result or error mention the
    person's address: queued and sent emails to them, with the greeting and body."""
    from django_tasks_db.models import DBTaskResult

    email = user.email
    mentions = Q(args_kwargs__icontains=email) | Q(return_value__icontains=email) | Q(traceback__icontains=email)
    return DBTaskResult.objects.filter(mentions).order_by("enqueued_at")


def _erase_task_results(erasure: Erasure) -> None:
    """Delete them at once, queued emails included (nothing more is sent to an erased person, except the
    confirmation of the erasure). A task a worker is running now is scrubbed instead of deleted, since the
    worker still has to record its end: its arguments are replaced, and it is deleted when the next
    erasure or `purge_expired_data` finds it."""
    from django_tasks_db.compat import TaskResultStatus

    rows = _task_results_of(erasure.user)
    running = rows.filter(status=TaskResultStatus.RUNNING)
    scrubbed = running.update(args_kwargs={"args": [], "kwargs": {}}, return_value=None, traceback="")
    deleted = rows.exclude(status=TaskResultStatus.RUNNING).delete()[0]
    erasure.count("task_results", "deleted", deleted)
    if scrubbed:
        erasure.count("task_results", "scrubbed", scrubbed)


def _register_task_results() -> None:
    from django_tasks_db.models import DBTaskResult

    register(
        key="task_results",
        model=DBTaskResult,
        title="Background tasks about you (emails queued or sent to you)",
        rows=_task_results_of,
        erase=_erase_task_results,
        erasure="deleted at once, emails not yet sent included",
        order=945,
        fields=["id", "task_path", "status", "enqueued_at", "finished_at"],
    )


_register_task_results()


def _register_axes() -> None:
    """django-axes keeps sign-in records by email address and IP: they are the person's too."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    def by_username(model: type[models.Model]) -> Callable[[User], QuerySet[Any]]:
        return lambda user: model._default_manager.filter(username__iexact=user.email).order_by("attempt_time")

    for key, model, title in (
        ("sign_in_log", AccessLog, "Your sign-ins (time, address, browser)"),
        ("sign_in_attempts", AccessAttempt, "Failed sign-in attempts being counted for throttling"),
        ("sign_in_failures", AccessFailureLog, "Failed sign-ins"),
    ):
        rows = by_username(model)

        def erase(erasure: Erasure, key: str = key, rows: Callable[[User], QuerySet[Any]] = rows) -> None:
            erasure.count(key, "deleted", rows(erasure.user).delete()[0])

        register(key=key, model=model, title=title, rows=rows, erase=erase, erasure="deleted", order=960)


_register_axes()


def _purge_sign_in_records(now: datetime, cutoff: datetime) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    removed = 0
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        removed += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return removed


retention(
    name="accounts.sign_in_records",
    description="sign-in records (email, address, browser)",
    setting="SKILLSNET_SIGNIN_LOG_RETENTION_DAYS",
    default_days=90,
    purge=_purge_sign_in_records,
)


def _purge_sent_emails(now: datetime, cutoff: datetime) -> int:
    return OutboundEmail.objects.filter(sent_at__lt=cutoff).delete()[0]


retention(
    name="accounts.sent_emails",
    description="records of emails sent (recipient, subject), kept only to stop a retried task sending twice",
    setting="SKILLSNET_SENT_EMAIL_RETENTION_DAYS",
    default_days=30,
    purge=_purge_sent_emails,
)
