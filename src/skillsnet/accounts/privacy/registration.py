"""The personal-data registry: each app declares its models with a person's rows, and its retention rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet

from skillsnet.accounts.models import User

EXPORT_FORMAT = "skillsnet-personal-data/1"
ERASED_DOMAIN = "erased.invalid"


class PrivacyError(Exception):
    """A privacy request that cannot be carried out; the message is for the person."""


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


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value
