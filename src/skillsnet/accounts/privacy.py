"""Privacy rights (UK GDPR): the registry of personal data, "download my data", "delete my account", retention.

Every app that holds personal data registers, in its own `privacy.py` (imported from its `AppConfig.ready`),
each model with a person's rows: how to find them, how to export them and how to erase them. The export,
the erasure and the test that enumerates every model with a link to a user all read this one registry, so
a new model that holds personal data and is not registered fails the test by name.

Erasure deletes what is only about the person, and anonymises what dashboards count (a seat taken, an
attendance, an enrolment, a rating): those rows move to an *erased account* made for the occasion — no
email (an address under the reserved `.invalid` domain), no name, no region, no password, never able to
sign in — so totals stay while nothing in them leads back to the person. The person's own account row
is then deleted. Apps erase through their services where a change has consequences for others (a
cancelled booking offers the seat to the next person; a revoked credential verifies as revoked).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from skillsnet.accounts.models import AuditEntry, OutboundEmail, RoleGrant, User
from skillsnet.accounts.services import audit_log
from skillsnet.csvcells import csv_cell
from skillsnet.tasks import enqueue_on_commit, send_email

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "skillsnet-personal-data/1"
ERASED_DOMAIN = "erased.invalid"


class PrivacyError(Exception):
    """A privacy request that cannot be carried out; the message is for the person."""


# ---------------------------------------------------------------- the registry


@dataclass
class Erasure:
    """One account being erased: what each registered eraser reads and reports to."""

    user: User
    now: datetime
    placeholder: User
    report: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, key: str, what: str, n: int) -> None:
        """Record that `n` of the section's rows were `what` (deleted, anonymised, cancelled, revoked …)."""
        if n:
            section = self.report.setdefault(key, {})
            section[what] = section.get(what, 0) + n


@dataclass(frozen=True)
class PersonalModel:
    """How one model's rows about a person are found, exported and erased."""

    key: str  # the section of the export: "bookings"
    model: type[models.Model]
    title: str  # for the person: "Bookings at training centres"
    rows: Callable[[User], QuerySet[Any]]
    erase: Callable[[Erasure], None]
    erasure: str  # what deletion does to these rows, in words, for the page and the docs
    order: int = 50  # erasers run in ascending order (services first, the audit scrub and the account last)
    tabular: bool = True  # also written as CSV in the zip
    fields: Sequence[str] | None = None  # exported columns; default every concrete field but `exclude`
    exclude: Sequence[str] = ()
    columns: Callable[[Any, User], dict[str, Any]] | None = None  # computed columns (a course's slug, say)

    @property
    def label(self) -> str:
        return self.model._meta.label

    def export_row(self, obj: models.Model, user: User) -> dict[str, Any]:
        names = self.fields or [f.name for f in obj._meta.concrete_fields if f.name not in self.exclude]
        row: dict[str, Any] = {}
        for name in names:
            model_field = obj._meta.get_field(name)
            value = getattr(obj, model_field.attname)  # type: ignore[union-attr]
            row[name] = _jsonable(value)
        if self.columns is not None:
            row.update({k: _jsonable(v) for k, v in self.columns(obj, user).items()})
        return row


@dataclass(frozen=True)
class Retention:
    """One rule that removes personal data nobody needs any more.

    `purge(now, cutoff)` removes what is older than `cutoff` (now minus the days in `setting`, default
    `default_days`) and returns how many rows went.
    """

    name: str
    description: str
    setting: str
    default_days: int
    purge: Callable[[datetime, datetime], int]

    def cutoff(self, now: datetime) -> datetime:
        return now - timedelta(days=retention_days(self.setting, self.default_days))


@dataclass
class Registry:
    personal: dict[str, PersonalModel] = field(default_factory=dict)
    # Models linked to a user that hold nothing personal, with the reason (the enumeration test reads it).
    exempt: dict[str, str] = field(default_factory=dict)
    retention: dict[str, Retention] = field(default_factory=dict)

    def register(self, entry: PersonalModel) -> PersonalModel:
        existing = self.personal.get(entry.key)
        if existing is not None and existing.model is not entry.model:
            raise ValueError(f"privacy section {entry.key!r} is already registered for {existing.label}")
        self.personal[entry.key] = entry
        return entry

    def entries(self) -> list[PersonalModel]:
        return sorted(self.personal.values(), key=lambda e: (e.order, e.key))

    def models(self) -> set[type[models.Model]]:
        return {e.model for e in self.personal.values()}


registry = Registry()


def register(
    *,
    key: str,
    model: type[models.Model],
    title: str,
    rows: Callable[[User], QuerySet[Any]],
    erase: Callable[[Erasure], None],
    erasure: str,
    order: int = 50,
    tabular: bool = True,
    fields: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    columns: Callable[[Any, User], dict[str, Any]] | None = None,
) -> PersonalModel:
    """Register one model holding personal data (call from the app's `privacy.py`)."""
    entry = PersonalModel(
        key=key, model=model, title=title, rows=rows, erase=erase, erasure=erasure, order=order,
        tabular=tabular, fields=fields, exclude=exclude, columns=columns,
    )  # fmt: skip
    return registry.register(entry)


def not_personal(model: type[models.Model], *, reason: str) -> None:
    """Declare that a model linked to a user (often through one hop) holds no personal data, and why."""
    registry.exempt[model._meta.label] = reason


def retention(
    *, name: str, description: str, setting: str, default_days: int, purge: Callable[[datetime, datetime], int]
) -> None:
    """Register a retention rule run by `skillsnet purge_expired_data`."""
    registry.retention[name] = Retention(name, description, setting, default_days, purge)


def retention_days(setting: str, default: int) -> int:
    days = int(getattr(settings, setting, default))
    if days < 1:
        raise PrivacyError(f"{setting} must be at least 1 day; it is {days}.")
    return days


# ---------------------------------------------------------------- export


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as one JSON-able document (one query per section)."""
    sections: dict[str, Any] = {}
    for entry in registry.entries():
        sections[entry.key] = {
            "title": entry.title,
            "model": entry.label,
            "on_deletion": entry.erasure,
            "rows": [entry.export_row(obj, user) for obj in entry.rows(user)],
        }
    return {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now().isoformat(),
        "account": user.email,
        "sections": sections,
    }


def _csv(rows: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [name for name in row if name not in columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in columns])
    return out.getvalue()


README = """Your data from skillsnet, {generated_at}

skillsnet.json holds everything in one document. json/ holds the same data one file per section, and
csv/ the sections that are tables, for a spreadsheet. Each section says what deleting your account would
do to it ("on_deletion"). Credentials are included exactly as issued (signed JWTs).

Sections:
{sections}
"""


def export_zip(*, user: User) -> io.BytesIO:
    """The export as a zip built in memory (JSON for everything, CSV for tabular sections), rewound."""
    document = data_export(user=user)
    lines = [f"- {key}: {s['title']} ({len(s['rows'])})" for key, s in document["sections"].items()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(generated_at=document["generated_at"], sections="\n".join(lines)))
        archive.writestr("skillsnet.json", json.dumps(document, indent=2, ensure_ascii=False))
        for key, section in document["sections"].items():
            archive.writestr(f"json/{key}.json", json.dumps(section["rows"], indent=2, ensure_ascii=False))
            if registry.personal[key].tabular:
                archive.writestr(f"csv/{key}.csv", _csv(section["rows"]))
    buffer.seek(0)
    return buffer


@dataclass(frozen=True)
class SectionSummary:
    key: str
    title: str
    count: int
    erasure: str


def data_summary(*, user: User) -> list[SectionSummary]:
    """How many rows each section holds about `user` (for the privacy page), one count query per section."""
    return [SectionSummary(e.key, e.title, e.rows(user).count(), e.erasure) for e in registry.entries()]


# ---------------------------------------------------------------- erasure


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


# ---------------------------------------------------------------- this app's own personal data

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


# ---------------------------------------------------------------- retention


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


def _expired_sessions(now: datetime) -> int:
    """Django's `clearsessions`, counted: sessions past their expiry (anonymous Career Converter answers too)."""
    expired = Session.objects.filter(expire_date__lt=now).count() if "db" in settings.SESSION_ENGINE else 0
    call_command("clearsessions")
    return expired


def purge_expired_data(*, now: datetime | None = None) -> dict[str, int]:
    """Run every retention rule (each in its own transaction); returns rows removed per rule. Idempotent."""
    now = now or timezone.now()
    # Every period is checked before anything is removed: a bad setting stops the whole sweep.
    cutoffs = {rule.name: rule.cutoff(now) for rule in registry.retention.values()}
    removed = {"accounts.expired_sessions": _expired_sessions(now)}
    for rule in registry.retention.values():
        with transaction.atomic():
            removed[rule.name] = rule.purge(now, cutoffs[rule.name])
    total = {name: n for name, n in removed.items() if n}
    if total:
        audit_log(action="accounts.retention.purged", data={"removed": total})
    return removed


@task()
def purge_expired_data_task() -> dict[str, int]:
    """The retention sweep as a task, for a scheduler that enqueues tasks instead of running commands."""
    return purge_expired_data()
