"""Download my data: the registry's sections as one JSON document, or a zip of JSON and CSV files."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.privacy.registration import EXPORT_FORMAT, registry
from skillsnet.csvcells import csv_cell


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
