from __future__ import annotations

from django.db import transaction
from django.db.models import F

from skillsnet.catalogue.models import CatalogueVersion


def bump_catalogue_version() -> None:
    """Increase the catalogue version by one (creating the row on first use)."""
    with transaction.atomic():
        updated = CatalogueVersion.objects.filter(pk=1).update(version=F("version") + 1)
        if not updated:
            CatalogueVersion.objects.get_or_create(pk=1, defaults={"version": 2})


def catalogue_version() -> int:
    row = CatalogueVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(row) if row is not None else 1
