from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import F

from skillsnet.catalogue.models import CatalogueVersion

_signal_bumps_suppressed: ContextVar[bool] = ContextVar("catalogue_signal_bumps_suppressed", default=False)


@contextmanager
def bulk_catalogue_write() -> Iterator[None]:
    """Turn off the per-row version bump from signals; the bulk writer bumps once itself, if anything changed."""
    token = _signal_bumps_suppressed.set(True)
    try:
        yield
    finally:
        _signal_bumps_suppressed.reset(token)


def signal_bumps_suppressed() -> bool:
    return _signal_bumps_suppressed.get()


def bump_catalogue_version() -> None:
    """Increase the catalogue version by one (creating the row on first use)."""
    with transaction.atomic():
        updated = CatalogueVersion.objects.filter(pk=1).update(version=F("version") + 1)
        if not updated:
            CatalogueVersion.objects.get_or_create(pk=1, defaults={"version": 2})


def catalogue_version() -> int:
    row = CatalogueVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(row) if row is not None else 1
