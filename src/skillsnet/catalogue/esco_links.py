"""The ESCO bridge file (data/esco_bridge.csv) and its links in the database: reading and writing the CSV,
and loading it into `EscoSkillLink` (the ESCO import does, in its own transaction).

Apart from `esco_bridge` (which builds the file) so that the import, which loads it, and the builder, which
reads the ESCO export, do not import each other.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from skillsnet.catalogue.esco_read import SKILL_URI
from skillsnet.catalogue.models import BridgeMethod, EscoSkillLink, Origin, Skill
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

COLUMNS = ("esco_uri", "esco_label", "skill", "strength", "method", "reviewed", "note")
METHODS = tuple(m.value for m in BridgeMethod)
MIN_STRENGTH = 0.3  # weaker links are not written


class BridgeError(Exception):
    """The bridge or review file is wrong; the message names the file and row."""


def default_bridge_path() -> Path:
    return Path(settings.DATA_DIR) / "esco_bridge.csv"


@dataclass(frozen=True)
class Link:
    esco_uri: str
    esco_label: str
    skill: str
    strength: float
    method: str
    reviewed: bool
    note: str

    def row(self) -> list[str]:
        return [
            self.esco_uri,
            self.esco_label,
            self.skill,
            f"{self.strength:.2f}",
            self.method,
            "yes" if self.reviewed else "no",
            self.note,
        ]


# --- The CSV ---------------------------------------------------------------------------------------------


def sort_key(link: Link) -> tuple[str, str, str]:
    return (link.esco_label.casefold(), link.esco_uri, link.skill)


def write_bridge(links: Iterable[Link], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for link in sorted(links, key=sort_key):
        writer.writerow(link.row())
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_bridge(path: Path | str | None = None) -> list[Link]:
    """The links in the bridge CSV, checked field by field; raises BridgeError naming the row."""
    path = Path(path) if path is not None else default_bridge_path()
    if not path.is_file():
        raise BridgeError(f"{path} does not exist; build it with `skillsnet build_esco_bridge`.")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or tuple(header) != COLUMNS:
            raise BridgeError(f"{path}, row 1: the header must be {','.join(COLUMNS)}.")
        links: list[Link] = []
        seen: dict[tuple[str, str], int] = {}
        for number, record in enumerate(reader, start=2):
            if not record:
                continue
            if len(record) != len(COLUMNS):
                raise BridgeError(
                    f"{path}, row {number}: has {len(record)} fields where the header has {len(COLUMNS)}."
                )
            uri, label, skill, strength, method, reviewed, note = (value.strip() for value in record)
            if not SKILL_URI.fullmatch(uri):
                raise BridgeError(f"{path}, row {number}: esco_uri {uri!r} is not an ESCO skill URI.")
            try:
                value = float(strength)
            except ValueError:
                value = -1.0
            if not 0.0 <= value <= 1.0:
                raise BridgeError(f"{path}, row {number}: strength {strength!r} is not a number from 0 to 1.")
            if method not in METHODS:
                raise BridgeError(f"{path}, row {number}: method {method!r} is not one of {', '.join(METHODS)}.")
            if reviewed not in ("yes", "no"):
                raise BridgeError(f"{path}, row {number}: reviewed must be yes or no, not {reviewed!r}.")
            first = seen.setdefault((uri, skill), number)
            if first != number:
                raise BridgeError(f"{path}, row {number}: repeats the ESCO skill and curated skill of row {first}.")
            links.append(Link(uri, label, skill, value, method, reviewed == "yes", note))
    return links


# --- Loading into the database ---------------------------------------------------------------------------


@dataclass
class BridgeTally:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def sync_links(links: Sequence[Link], source: str = "data/esco_bridge.csv") -> BridgeTally:
    """Make EscoSkillLink exactly `links` (adding, updating, deleting); raises BridgeError on unknown names.

    Call inside a transaction; the caller bumps the catalogue version when the tally says it changed.
    """
    by_uri = dict(Skill.objects.filter(esco_uri__isnull=False).values_list("esco_uri", "id"))
    curated = dict(Skill.objects.filter(origin=Origin.CURATED).values_list("slug", "id"))
    wanted: dict[tuple[int, int], dict[str, Any]] = {}
    for number, link in enumerate(links, start=2):
        esco_id = by_uri.get(link.esco_uri)
        if esco_id is None:
            raise BridgeError(
                f"{source}, row {number}: no skill has the ESCO URI {link.esco_uri} ({link.esco_label}); "
                "import the ESCO export it was built from."
            )
        skill_id = curated.get(link.skill)
        if skill_id is None:
            raise BridgeError(
                f"{source}, row {number}: {link.skill!r} is not a curated skill; load the dataset first "
                "(skillsnet load_dataset) or rebuild the bridge (skillsnet build_esco_bridge)."
            )
        wanted[(esco_id, skill_id)] = {
            "strength": link.strength,
            "method": link.method,
            "reviewed": link.reviewed,
            "note": link.note[:300],
        }
    tally = BridgeTally()
    current: dict[tuple[int, int], dict[str, Any]] = {
        (row["esco_skill_id"], row["skill_id"]): dict(row)
        for row in EscoSkillLink.objects.values(
            "id", "esco_skill_id", "skill_id", "strength", "method", "reviewed", "note"
        )
    }
    new, changed = [], []
    for (esco_id, skill_id), values in wanted.items():
        row = current.pop((esco_id, skill_id), None)
        if row is None:
            new.append(EscoSkillLink(esco_skill_id=esco_id, skill_id=skill_id, **values))
        elif any(row[name] != value for name, value in values.items()):
            changed.append(EscoSkillLink(pk=row["id"], **values))
        else:
            tally.unchanged += 1
    EscoSkillLink.objects.bulk_create(new, batch_size=1000)
    EscoSkillLink.objects.bulk_update(changed, ["strength", "method", "reviewed", "note"], batch_size=1000)
    stale = [row["id"] for row in current.values()]
    for start in range(0, len(stale), 1000):
        EscoSkillLink.objects.filter(pk__in=stale[start : start + 1000]).delete()
    tally.created, tally.updated, tally.deleted = len(new), len(changed), len(stale)
    return tally


def load_bridge(path: Path | str | None = None) -> BridgeTally:
    """Load the bridge CSV on its own (import_esco does this after the relations); bumps the version on change."""
    path = Path(path) if path is not None else default_bridge_path()
    links = read_bridge(path)
    with transaction.atomic(), bulk_catalogue_write():
        tally = sync_links(links, str(path))
        if tally.changed:
            bump_catalogue_version()
    return tally
