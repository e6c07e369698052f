"""Reading the ESCO export's CSVs into occupations, skills and relations, checked row by row, without
touching the database (`read_export`; `read_rows` for the other CSVs the bridge builder reads).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from skillsnet.catalogue.esco_files import (
    OCCUPATIONS_FILE,
    RELATIONS_FILE,
    REQUIRED_FILES,
    SKILLS_FILE,
    EscoImportError,
    ExportFiles,
    ProgressCallback,
    default_export_path,
    open_export,
)
from skillsnet.catalogue.models import SkillKind

BATCH_SIZE = 2000

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
OCCUPATION_URI = re.compile(rf"http://data\.europa\.eu/esco/occupation/({_UUID})")
SKILL_URI = re.compile(rf"http://data\.europa\.eu/esco/skill/({_UUID})")
_SKILL_KINDS = {"knowledge": SkillKind.KNOWLEDGE, "skill/competence": SkillKind.SKILL, "": SkillKind.SKILL}
_RELATION_ESSENTIAL = {"essential": True, "optional": False}


@dataclass(frozen=True)
class EscoOccupation:
    uri: str
    title: str
    alt_titles: tuple[str, ...]
    description: str
    isco_code: str

    @property
    def slug(self) -> str:
        return "esco-occupation-" + self.uri.rsplit("/", 1)[1].lower()


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    name: str
    kind: str
    alt_labels: tuple[str, ...]
    description: str

    @property
    def slug(self) -> str:
        return "esco-skill-" + self.uri.rsplit("/", 1)[1].lower()


@dataclass(frozen=True)
class EscoRelation:
    occupation_uri: str
    skill_uri: str
    essential: bool


@dataclass
class EscoExport:
    occupations: list[EscoOccupation]
    skills: list[EscoSkill]
    relations: list[EscoRelation]
    relation_rows: int  # every row of occupationSkillRelations.csv, including the skipped ones
    dangling_relations: int  # rows naming an occupation or skill the export does not define


class _RowError(Exception):
    """A problem with one row; `_records` adds the file and row number."""


def _records(
    export: ExportFiles, name: str, columns: Sequence[str], progress: ProgressCallback | None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, the named columns' values) for each record; the header is row 1, as in a spreadsheet.

    Lines are decoded one at a time so that a bad byte is reported at its exact row: a UTF-8 line break is
    always the byte 0x0A, so splitting bytes on it never cuts a character in two.
    """
    label = export.label(name)
    stage, total = f"Reading {name}", export.size(name)
    with export.open(name) as raw:
        row = 1

        def lines() -> Iterator[str]:
            for number, line in enumerate(raw):
                yield line.decode("utf-8-sig" if number == 0 else "utf-8")

        try:
            reader = csv.reader(lines(), strict=True)
            header = next(reader, None)
            if header is None:
                raise EscoImportError(f"{label} is empty; expected a header row naming {', '.join(columns)}.")
            missing = [column for column in columns if column not in header]
            if missing:
                raise EscoImportError(f"{label} lacks the column(s) {', '.join(missing)} in its header row.")
            positions = [header.index(column) for column in columns]
            width = len(header)
            for record in reader:
                row += 1
                if not record:
                    continue
                if len(record) != width:
                    raise _RowError(f"has {len(record)} fields where the header has {width}")
                yield row, [record[position] for position in positions]
                if progress and row % BATCH_SIZE == 0:
                    progress(stage, raw.tell(), total)
        except UnicodeDecodeError:
            raise EscoImportError(f"{label}, row {row + 1}: is not valid UTF-8 text.") from None
        except csv.Error as exc:
            raise EscoImportError(f"{label}, row {row + 1}: is not well-formed CSV ({exc}).") from None
        except _RowError as exc:
            raise EscoImportError(f"{label}, row {row}: {exc}.") from None
        except (OSError, EOFError) as exc:  # a corrupt zip member fails its CRC check here, a cut gzip file too
            raise EscoImportError(f"{label} cannot be read ({exc}).") from None
    if progress:
        progress(stage, total, total)


def _uri(value: str, pattern: re.Pattern[str], column: str, kind: str) -> str:
    match = pattern.fullmatch(value.strip())
    if not match:
        raise _RowError(f"{column} {value!r} is not an ESCO {kind} URI")
    # ESCO URIs are lower-case; normalising keeps links by URI exact.
    return match.group(0).lower()


def _text(value: str, column: str, *, max_length: int, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise _RowError(f"{column} is empty")
    if len(value) > max_length:
        raise _RowError(f"{column} is longer than {max_length} characters")
    return value


def _labels(value: str) -> tuple[str, ...]:
    """ESCO's newline-separated labels, trimmed, with inner runs of spaces collapsed and repeats dropped."""
    labels: dict[str, str] = {}
    for line in value.splitlines():
        label = " ".join(line.split())
        if label:
            labels.setdefault(label.casefold(), label)
    return tuple(labels.values())


_Item = TypeVar("_Item")


def _parse(
    export: ExportFiles,
    name: str,
    columns: Sequence[str],
    build: Callable[[list[str]], _Item],
    progress: ProgressCallback | None,
) -> Iterator[tuple[int, _Item]]:
    label = export.label(name)
    for row, values in _records(export, name, columns, progress):
        try:
            yield row, build(values)
        except _RowError as exc:
            raise EscoImportError(f"{label}, row {row}: {exc}.") from None


def _occupation(values: list[str]) -> EscoOccupation:
    uri, isco_group, preferred, alt, description = values
    return EscoOccupation(
        uri=_uri(uri, OCCUPATION_URI, "conceptUri", "occupation"),
        title=_text(preferred, "preferredLabel", max_length=255, required=True),
        alt_titles=_labels(alt),
        description=description.strip(),
        isco_code=_text(isco_group, "iscoGroup", max_length=16),
    )


def _skill(values: list[str]) -> EscoSkill:
    uri, skill_type, preferred, alt, description = values
    kind = _SKILL_KINDS.get(skill_type.strip())
    if kind is None:
        raise _RowError(f"skillType {skill_type!r} is neither 'skill/competence' nor 'knowledge'")
    return EscoSkill(
        uri=_uri(uri, SKILL_URI, "conceptUri", "skill"),
        name=_text(preferred, "preferredLabel", max_length=255, required=True),
        kind=kind.value,
        alt_labels=_labels(alt),
        description=description.strip(),
    )


def _relation(values: list[str]) -> EscoRelation:
    occupation_uri, relation_type, skill_uri = values
    essential = _RELATION_ESSENTIAL.get(relation_type.strip())
    if essential is None:
        raise _RowError(f"relationType {relation_type!r} is neither 'essential' nor 'optional'")
    return EscoRelation(
        occupation_uri=_uri(occupation_uri, OCCUPATION_URI, "occupationUri", "occupation"),
        skill_uri=_uri(skill_uri, SKILL_URI, "skillUri", "skill"),
        essential=essential,
    )


def _unique(items: Iterator[tuple[int, Any]], label: str, key: Callable[[Any], object], what: str) -> list[Any]:
    seen: dict[object, int] = {}
    result = []
    for row, item in items:
        first = seen.setdefault(key(item), row)
        if first != row:
            raise EscoImportError(f"{label}, row {row}: repeats the {what} of row {first}.")
        result.append(item)
    return result


def _read(export: ExportFiles, progress: ProgressCallback | None) -> EscoExport:
    occupations: list[EscoOccupation] = _unique(
        _parse(
            export,
            OCCUPATIONS_FILE,
            ["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"],
            _occupation,
            progress,
        ),
        export.label(OCCUPATIONS_FILE),
        lambda o: o.uri,
        "conceptUri",
    )
    skills: list[EscoSkill] = _unique(
        _parse(
            export,
            SKILLS_FILE,
            ["conceptUri", "skillType", "preferredLabel", "altLabels", "description"],
            _skill,
            progress,
        ),
        export.label(SKILLS_FILE),
        lambda s: s.uri,
        "conceptUri",
    )
    all_relations: list[EscoRelation] = _unique(
        _parse(export, RELATIONS_FILE, ["occupationUri", "relationType", "skillUri"], _relation, progress),
        export.label(RELATIONS_FILE),
        lambda r: (r.occupation_uri, r.skill_uri),
        "occupation and skill",
    )
    occupation_uris = {o.uri for o in occupations}
    skill_uris = {s.uri for s in skills}
    relations = [r for r in all_relations if r.occupation_uri in occupation_uris and r.skill_uri in skill_uris]
    return EscoExport(
        occupations=occupations,
        skills=skills,
        relations=relations,
        relation_rows=len(all_relations),
        dangling_relations=len(all_relations) - len(relations),
    )


def read_export(path: Path | str | None = None, *, progress: ProgressCallback | None = None) -> EscoExport:
    """Parse and check the ESCO export at `path` (default: data/esco; see the module docstring).

    Raises EscoImportError.
    """
    with open_export(Path(path) if path is not None else default_export_path()) as export:
        return _read(export, progress)


def read_rows(path: Path | str | None, name: str, columns: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """(row number, the named columns) of any CSV of the export, e.g. broaderRelationsSkillPillar.csv.

    The export is found and its checksums verified as for the import; raises EscoImportError.
    """
    with open_export(Path(path) if path is not None else default_export_path(), (*REQUIRED_FILES, name)) as export:
        yield from _records(export, name, columns, None)
