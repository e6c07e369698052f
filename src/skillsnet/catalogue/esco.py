"""Import the official ESCO v1.1.1 CSV export: every occupation, skill and occupation–skill relation.

`read_export(path)` parses and checks the export without touching the database; `import_esco(path=…)`
then writes it in one transaction and bumps the catalogue version once, when anything changed.

Where the export may be
    By default `data/esco/`, the copy shipped in the repository: the official CSVs, each gzip-compressed
    (`occupations_en.csv.gz`, …) beside a `SHA256SUMS` of their uncompressed content. Otherwise a folder
    holding the CSVs, plain or `.csv.gz` (directly or one folder down), a folder holding the official zips
    (`classification-en-csv.zip`, `relations-csv.zip`), or the path of one of those zips. Zips are read in
    place; when the zip named lacks a file, the other zips beside it are searched too.

Checksums
    When a folder holding the CSVs also holds `SHA256SUMS` (lines `<sha256>  <name>.csv`, as `sha256sum`
    writes them), every file it lists must be there and its uncompressed content must match, or nothing is
    imported: a damaged or edited copy of the official export is refused, never half-read.

What becomes what
    Each ESCO occupation becomes a `SourceOccupation` and each ESCO skill a `Skill`, both with
    `origin = esco` and slugs derived from the URI's UUID: `esco-occupation-<uuid>` and `esco-skill-<uuid>`
    (stable, and never a curated slug). ESCO's alternative labels go to `alt_titles` (occupations) and
    `esco_alt_labels` (skills; `alt_labels` stays for our curated synonyms). skillType "knowledge" becomes
    kind knowledge; "skill/competence" and the six DigComp area skills that have no type become kind skill.

Proficiency levels for the relations
    ESCO says only whether a skill is essential or optional for an occupation; it has no proficiency levels.
    Someone who held the job has used its essential skills day to day, so they hold them at level 2
    (working); the optional skills vary from post to post, so we credit level 1 (awareness).

Curated rows are linked, never duplicated
    A curated skill or occupation that carries the same ESCO URI *is* that concept: the import enriches it
    (a skill's `esco_alt_labels`; an occupation's missing alternative titles and ISCO code) and leaves our
    own name, title and description alone. Relations point at curated skills, but no ESCO relation is added
    to a curated occupation: its curated skills stay authoritative. If the curated dataset is reloaded after
    the import, running the import again restores the enrichment.

UK job titles
    After the occupations, the reviewed titles in data/job_titles.yaml are written onto the rows carrying
    their URIs (`titles.sync_job_titles`), so that people typing "HCA" or "lance corporal" find the new
    rows; a broken job_titles.yaml stops the import before anything is written.

Idempotent
    Rows are compared with the export and only those that differ are written, so a second import of the
    same export changes nothing and leaves the catalogue version alone. ESCO occupations and skills in the
    database that the export no longer holds are left in place (a user may point at them) and counted in
    the report. Relations are the export's alone: a stored relation of an occupation in the export that
    the export no longer holds is deleted (for example after a curated skill's `esco_uri` changed, the
    relations that pointed at the curated skill now point at the ESCO row, and the old ones go).

Relations naming an occupation or skill the export does not define are skipped and counted: v1.1.1 has 67
such rows, all for one occupation (a9e54177-…) that appears only in broaderRelationsOccPillar.csv.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from django.conf import settings
from django.db import DatabaseError, models, transaction

from skillsnet.catalogue.dataset import DatasetError, read_job_titles
from skillsnet.catalogue.models import OccupationSkill, Origin, Skill, SkillKind, SourceOccupation, search_text_of
from skillsnet.catalogue.titles import sync_job_titles, titles_by_uri
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

OCCUPATIONS_FILE = "occupations_en.csv"
SKILLS_FILE = "skills_en.csv"
RELATIONS_FILE = "occupationSkillRelations.csv"
REQUIRED_FILES = (OCCUPATIONS_FILE, SKILLS_FILE, RELATIONS_FILE)
CHECKSUMS_FILE = "SHA256SUMS"

ESSENTIAL_LEVEL = 2  # working: see the module docstring
OPTIONAL_LEVEL = 1  # awareness
BATCH_SIZE = 2000

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_OCCUPATION_URI = re.compile(rf"http://data\.europa\.eu/esco/occupation/({_UUID})")
_SKILL_URI = re.compile(rf"http://data\.europa\.eu/esco/skill/({_UUID})")
_SKILL_KINDS = {"knowledge": SkillKind.KNOWLEDGE, "skill/competence": SkillKind.SKILL, "": SkillKind.SKILL}
_RELATION_ESSENTIAL = {"essential": True, "optional": False}

# (stage, done, total): done and total are bytes while reading and rows while writing.
ProgressCallback = Callable[[str, int, int], None]


class EscoImportError(Exception):
    """The export cannot be imported; the message names the file and row so the operator can fix it."""


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


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    curated: int = 0  # of the export's rows, how many matched a curated row (enriched, not duplicated)
    not_in_export: int = 0  # ESCO rows that this export no longer holds (concepts left in place, relations deleted)
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class ImportReport:
    occupations: Tally = field(default_factory=Tally)
    skills: Tally = field(default_factory=Tally)
    relations: Tally = field(default_factory=Tally)
    bridge: Any = None  # esco_bridge.BridgeTally when a bridge file was loaded
    relations_of_curated_occupations: int = 0  # not imported: curated occupations keep their own skills
    job_titles_updated: int = 0  # occupations whose synonyms from data/job_titles.yaml changed
    dangling_relations: int = 0
    relation_rows: int = 0
    catalogue_version_bumped: bool = False

    @property
    def changed(self) -> bool:
        bridge_changed = bool(self.bridge is not None and self.bridge.changed)
        titles_changed = self.job_titles_updated > 0
        return (
            self.occupations.changed
            or self.skills.changed
            or self.relations.changed
            or bridge_changed
            or titles_changed
        )


# --- Finding the files ---------------------------------------------------------------------------------


def default_export_path() -> Path:
    """The ESCO export shipped in the repository: `data/esco/` (the official CSVs, gzip-compressed)."""
    return Path(settings.DATA_DIR) / "esco"


@dataclass(frozen=True)
class _Member:
    archive: zipfile.ZipFile | None  # None: a file on disk
    name: str  # the member's name in the zip, or the file's path
    gzipped: bool = False


class _Export:
    """The export's CSV files by name, wherever they sit: loose in a folder (plain or .csv.gz) or inside zips."""

    def __init__(self, path: Path, stack: ExitStack, required: Sequence[str] = REQUIRED_FILES) -> None:
        self.path = path
        self._stack = stack
        self._files: dict[str, _Member] = {}
        self._checksums: list[tuple[Path, dict[str, str]]] = []  # (folder, {csv name: sha256})
        if path.is_dir():
            folders = [path, *sorted(sub for sub in path.iterdir() if sub.is_dir())]
            candidates = [p for folder in folders for p in sorted(folder.iterdir()) if p.is_file()]
            for candidate in candidates:
                name = candidate.name
                if name.lower().endswith(".csv"):
                    self._files.setdefault(name, _Member(None, str(candidate)))
                elif name.lower().endswith(".csv.gz"):
                    self._files.setdefault(name[:-3], _Member(None, str(candidate), gzipped=True))
                elif name == CHECKSUMS_FILE:
                    self._checksums.append((candidate.parent, _read_checksums(candidate)))
            for candidate in candidates:
                if candidate.suffix.lower() == ".zip":
                    self._add_zip(candidate)
        elif path.is_file() and path.suffix.lower() == ".zip":
            self._add_zip(path)
            if any(name not in self._files for name in required):
                for sibling in sorted(path.parent.glob("*.zip")):
                    if sibling != path:
                        self._add_zip(sibling)
        elif path.exists():
            raise EscoImportError(f"{path} is neither a folder nor a .zip file of the ESCO CSV export.")
        else:
            raise EscoImportError(f"{path} does not exist.")
        for name in required:
            if name not in self._files:
                raise EscoImportError(
                    f"{name} is missing from {path} (looked in the folder, one folder down and inside .zip files)."
                )

    def _add_zip(self, path: Path) -> None:
        try:
            archive = self._stack.enter_context(zipfile.ZipFile(path))
        except (zipfile.BadZipFile, OSError) as exc:
            raise EscoImportError(f"{path} cannot be read as a zip file ({exc}).") from None
        for info in archive.infolist():
            parts = info.filename.rstrip("/").split("/")
            if not info.is_dir() and len(parts) <= 2 and parts[-1].lower().endswith(".csv"):
                self._files.setdefault(parts[-1], _Member(archive, info.filename))

    def has(self, name: str) -> bool:
        return name in self._files

    def label(self, name: str) -> str:
        member = self._files[name]
        if member.archive is not None:
            return f"{name} (in {Path(str(member.archive.filename)).name})"
        return f"{name}.gz" if member.gzipped else name

    def size(self, name: str) -> int:
        member = self._files[name]
        if member.archive is not None:
            return member.archive.getinfo(member.name).file_size
        if member.gzipped:  # gzip's trailer holds the uncompressed size (modulo 2**32)
            with open(member.name, "rb") as f:
                f.seek(-4, 2)
                return int.from_bytes(f.read(4), "little")
        return Path(member.name).stat().st_size

    def open(self, name: str) -> IO[bytes]:
        member = self._files[name]
        try:
            if member.archive is not None:
                return member.archive.open(member.name)
            if member.gzipped:
                return cast(IO[bytes], gzip.open(member.name, "rb"))
            return open(member.name, "rb")
        except (OSError, zipfile.BadZipFile) as exc:
            raise EscoImportError(f"{self.label(name)} cannot be opened ({exc}).") from None

    def verify(self) -> None:
        """Check every file that a SHA256SUMS beside the CSVs lists; raise EscoImportError on any mismatch."""
        for folder, sums in self._checksums:
            for name, expected in sums.items():
                member = self._files.get(name)
                if member is None or member.archive is not None or Path(member.name).parent != folder:
                    raise EscoImportError(
                        f"{folder / CHECKSUMS_FILE} lists {name}, but neither {name} nor {name}.gz is in {folder}."
                    )
                digest = hashlib.sha256()
                try:
                    with self.open(name) as f:
                        while chunk := f.read(1 << 20):
                            digest.update(chunk)
                except (OSError, EOFError) as exc:
                    raise EscoImportError(f"{folder / self.label(name)} cannot be read ({exc}).") from None
                if digest.hexdigest() != expected:
                    raise EscoImportError(
                        f"{folder / self.label(name)} does not match its checksum in {CHECKSUMS_FILE}: the copy "
                        "was changed or damaged, so nothing was imported. Restore it (git checkout data/esco, "
                        "or extract it again from the official zips as data/esco/README.md explains)."
                    )


def _read_checksums(path: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](\S+)", line.strip())
        if not match:
            raise EscoImportError(f"{path}, line {number}: expected '<sha256>  <file name>' as sha256sum writes it.")
        sums[match.group(2)] = match.group(1).lower()
    return sums


@contextmanager
def _open_export(path: Path, required: Sequence[str] = REQUIRED_FILES) -> Iterator[_Export]:
    with ExitStack() as stack:
        export = _Export(Path(path), stack, required)
        export.verify()
        yield export


# --- Reading the CSVs ----------------------------------------------------------------------------------


class _RowError(Exception):
    """A problem with one row; `_records` adds the file and row number."""


def _records(
    export: _Export, name: str, columns: Sequence[str], progress: ProgressCallback | None
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
    export: _Export,
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
        uri=_uri(uri, _OCCUPATION_URI, "conceptUri", "occupation"),
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
        uri=_uri(uri, _SKILL_URI, "conceptUri", "skill"),
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
        occupation_uri=_uri(occupation_uri, _OCCUPATION_URI, "occupationUri", "occupation"),
        skill_uri=_uri(skill_uri, _SKILL_URI, "skillUri", "skill"),
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


def _read(export: _Export, progress: ProgressCallback | None) -> EscoExport:
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
    with _open_export(Path(path) if path is not None else default_export_path()) as export:
        return _read(export, progress)


def read_rows(path: Path | str | None, name: str, columns: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """(row number, the named columns) of any CSV of the export, e.g. broaderRelationsSkillPillar.csv.

    The export is found and its checksums verified as for the import; raises EscoImportError.
    """
    with _open_export(Path(path) if path is not None else default_export_path(), (*REQUIRED_FILES, name)) as export:
        yield from _records(export, name, columns, None)


# --- Writing -------------------------------------------------------------------------------------------

_Model = TypeVar("_Model", bound=models.Model)


def _write(
    objects: list[_Model],
    write: Callable[[list[_Model]], object],
    stage: str,
    done: int,
    total: int,
    progress: ProgressCallback | None,
) -> int:
    for start in range(0, len(objects), BATCH_SIZE):
        batch = objects[start : start + BATCH_SIZE]
        write(batch)
        done += len(batch)
        if progress:
            progress(stage, done, total)
    return done


def _other_labels(labels: Sequence[str], name: str) -> list[str]:
    """`labels` once each, without `name` itself: a row's own name is not an alternative to it."""
    seen = {name.casefold()}
    result = []
    for label in labels:
        if label.casefold() not in seen:
            seen.add(label.casefold())
            result.append(label)
    return result


_Concept = TypeVar("_Concept", EscoSkill, EscoOccupation)


def _sync(
    model: type[Skill] | type[SourceOccupation],
    concepts: list[_Concept],
    *,
    new_row: Callable[[_Concept], Any],
    esco_values: Callable[[_Concept], dict[str, Any]],
    curated_values: Callable[[_Concept, Any], dict[str, Any]],
    search_text: Callable[[Any], str],
    stage: str,
    progress: ProgressCallback | None,
) -> Tally:
    """Create the rows that are missing and update those whose fields differ from the export; return the tally."""
    tally = Tally()
    manager: Any = model._default_manager
    existing: dict[str, Any] = {row.esco_uri: row for row in manager.filter(esco_uri__isnull=False)}
    new: list[Any] = []
    changed: dict[tuple[str, ...], list[Any]] = {}  # rows to update, by the fields that may have changed
    for concept in concepts:
        row = existing.pop(concept.uri, None)
        if row is None:
            tally.created += 1
            row = new_row(concept)
            row.search_text = search_text(row)
            new.append(row)
            continue
        wanted: dict[str, Any]
        if row.origin == Origin.ESCO:
            wanted = esco_values(concept)
        else:
            tally.curated += 1
            wanted = curated_values(concept, row)
        before = {name: getattr(row, name) for name in (*wanted, "search_text")}
        for name, value in wanted.items():
            setattr(row, name, value)
        row.search_text = search_text(row)
        if all(getattr(row, name) == value for name, value in before.items()):
            tally.unchanged += 1
            continue
        tally.updated += 1
        changed.setdefault(tuple(before), []).append(row)
    tally.not_in_export = sum(1 for row in existing.values() if row.origin == Origin.ESCO)

    total = len(new) + sum(len(rows) for rows in changed.values())
    done = _write(new, manager.bulk_create, stage, 0, total, progress)
    for fields, rows in changed.items():
        done = _write(rows, partial(manager.bulk_update, fields=fields), stage, done, total, progress)
    return tally


def _esco_skill_values(skill: EscoSkill) -> dict[str, Any]:
    return {
        "name": skill.name,
        "description": skill.description,
        "kind": skill.kind,
        "esco_alt_labels": _other_labels(skill.alt_labels, skill.name),
    }


def _curated_skill_values(skill: EscoSkill, row: Skill) -> dict[str, Any]:
    # A curated skill keeps our name and words; ESCO's preferred label becomes one of its synonyms.
    return {"esco_alt_labels": _other_labels((skill.name, *skill.alt_labels), row.name)}


def _new_skill(skill: EscoSkill) -> Skill:
    return Skill(slug=skill.slug, esco_uri=skill.uri, origin=Origin.ESCO, alt_labels=[], **_esco_skill_values(skill))


def _esco_occupation_values(occupation: EscoOccupation) -> dict[str, Any]:
    return {
        "title": occupation.title,
        "alt_titles": _other_labels(occupation.alt_titles, occupation.title),
        "description": occupation.description,
        "isco_code": occupation.isco_code,
    }


def _curated_occupation_values(occupation: EscoOccupation, row: SourceOccupation) -> dict[str, Any]:
    # A curated occupation keeps its title, description and alternative titles, gaining the ESCO titles it
    # lacks (after its own) and ESCO's ISCO code if it has none.
    titles = _other_labels((*row.alt_titles, occupation.title, *occupation.alt_titles), row.title)
    return {"alt_titles": titles, "isco_code": row.isco_code or occupation.isco_code}


def _new_occupation(occupation: EscoOccupation) -> SourceOccupation:
    return SourceOccupation(
        slug=occupation.slug, esco_uri=occupation.uri, origin=Origin.ESCO, **_esco_occupation_values(occupation)
    )


def _load_relations(relations: list[EscoRelation], report: ImportReport, progress: ProgressCallback | None) -> None:
    tally = report.relations
    skill_ids = dict(Skill.objects.filter(esco_uri__isnull=False).values_list("esco_uri", "id"))
    occupations = SourceOccupation.objects.filter(esco_uri__isnull=False).values_list("esco_uri", "id", "origin")
    esco_occupation_ids = {uri: pk for uri, pk, origin in occupations if origin == Origin.ESCO}
    existing = {
        (occupation_id, skill_id): (pk, level, essential)
        for pk, occupation_id, skill_id, level, essential in OccupationSkill.objects.filter(
            occupation__origin=Origin.ESCO
        ).values_list("id", "occupation_id", "skill_id", "level", "essential")
    }
    new: list[OccupationSkill] = []
    changed: list[OccupationSkill] = []
    for relation in relations:
        occupation_id = esco_occupation_ids.get(relation.occupation_uri)
        if occupation_id is None:
            report.relations_of_curated_occupations += 1
            continue
        skill_id = skill_ids[relation.skill_uri]
        level = ESSENTIAL_LEVEL if relation.essential else OPTIONAL_LEVEL
        current = existing.pop((occupation_id, skill_id), None)
        if current is None:
            tally.created += 1
            new.append(
                OccupationSkill(
                    occupation_id=occupation_id, skill_id=skill_id, level=level, essential=relation.essential
                )
            )
        elif current[1:] == (level, relation.essential):
            tally.unchanged += 1
        else:
            tally.updated += 1
            changed.append(OccupationSkill(pk=current[0], level=level, essential=relation.essential))
    # What is left is no longer in the export. Relations of an occupation the export still holds go (a
    # curated skill's esco_uri may have moved, so they now point elsewhere); an occupation the export no
    # longer holds is left in place with its relations, as the module docstring says.
    in_export = set(esco_occupation_ids.values())
    stale = [pk for (occupation_id, _skill), (pk, *_rest) in existing.items() if occupation_id in in_export]
    tally.not_in_export = len(stale)
    tally.deleted = len(stale)

    stage, total = "Writing relations", len(new) + len(changed)
    done = _write(new, lambda b: OccupationSkill.objects.bulk_create(b), stage, 0, total, progress)
    update_fields = ["level", "essential"]
    _write(changed, lambda b: OccupationSkill.objects.bulk_update(b, update_fields), stage, done, total, progress)
    for start in range(0, len(stale), BATCH_SIZE):
        OccupationSkill.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()


def import_esco(
    *, path: Path | str | None = None, bridge: Path | str | None = None, progress: ProgressCallback | None = None
) -> ImportReport:
    """Import the ESCO export at `path` (default: data/esco) in one transaction; raises EscoImportError.

    With `bridge` (a CSV such as data/esco_bridge.csv, see esco_bridge.py), the ESCO → curated skill links
    are loaded after the relations, in the same transaction. Nothing is written unless the whole export
    and the bridge read cleanly, and a failure while writing rolls back.
    """
    from skillsnet.catalogue import esco_bridge

    links = None
    if bridge is not None:
        try:
            links = esco_bridge.read_bridge(bridge)
        except esco_bridge.BridgeError as exc:
            raise EscoImportError(str(exc)) from None
    export = read_export(path, progress=progress)
    try:
        job_titles = read_job_titles(settings.DATA_DIR)
    except DatasetError as exc:
        raise EscoImportError(f"data/job_titles.yaml has problems, so nothing was imported:\n{exc}") from None
    report = ImportReport(relation_rows=export.relation_rows, dangling_relations=export.dangling_relations)
    try:
        with transaction.atomic(), bulk_catalogue_write():
            report.skills = _sync(
                Skill,
                export.skills,
                new_row=_new_skill,
                esco_values=_esco_skill_values,
                curated_values=_curated_skill_values,
                search_text=lambda row: search_text_of(row.name, row.alt_labels, row.esco_alt_labels),
                stage="Writing skills",
                progress=progress,
            )
            report.occupations = _sync(
                SourceOccupation,
                export.occupations,
                new_row=_new_occupation,
                esco_values=_esco_occupation_values,
                curated_values=_curated_occupation_values,
                search_text=lambda row: search_text_of(row.title, row.alt_titles, row.job_titles),
                stage="Writing occupations",
                progress=progress,
            )
            _load_relations(export.relations, report, progress)
            if links is not None:
                report.bridge = esco_bridge.sync_links(links, str(bridge))
            report.job_titles_updated = sync_job_titles(titles_by_uri(job_titles))
            if report.changed:
                bump_catalogue_version()
                report.catalogue_version_bumped = True
    except esco_bridge.BridgeError as exc:
        raise EscoImportError(f"{exc} Nothing was written.") from None
    except DatabaseError as exc:
        raise EscoImportError(f"The database refused the import, so nothing was written ({exc}).") from None
    return report
