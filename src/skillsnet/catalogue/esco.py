"""Import the official ESCO v1.1.1 CSV export: every occupation, skill and occupation–skill relation.

`read_export(path)` parses and checks the export without touching the database (`esco_read`, which finds
the files through `esco_files`); `import_esco(path=…)`, here, then writes it in one transaction and bumps
the catalogue version once, when anything changed. This module re-exports the readers' names.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, models, transaction

from skillsnet.catalogue.dataset import DatasetError, read_job_titles
from skillsnet.catalogue.esco_files import (
    CHECKSUMS_FILE,
    OCCUPATIONS_FILE,
    RELATIONS_FILE,
    REQUIRED_FILES,
    SKILLS_FILE,
    EscoImportError,
    ProgressCallback,
    default_export_path,
)
from skillsnet.catalogue.esco_links import BridgeError, read_bridge, sync_links
from skillsnet.catalogue.esco_read import (
    BATCH_SIZE,
    OCCUPATION_URI,
    SKILL_URI,
    EscoExport,
    EscoOccupation,
    EscoRelation,
    EscoSkill,
    read_export,
    read_rows,
)
from skillsnet.catalogue.models import OccupationSkill, Origin, Skill, SourceOccupation, search_text_of
from skillsnet.catalogue.titles import sync_job_titles, titles_by_uri
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

ESSENTIAL_LEVEL = 2  # working: see the module docstring
OPTIONAL_LEVEL = 1  # awareness

__all__ = [
    "BATCH_SIZE",
    "CHECKSUMS_FILE",
    "ESSENTIAL_LEVEL",
    "OCCUPATIONS_FILE",
    "OCCUPATION_URI",
    "OPTIONAL_LEVEL",
    "RELATIONS_FILE",
    "REQUIRED_FILES",
    "SKILLS_FILE",
    "SKILL_URI",
    "EscoExport",
    "EscoImportError",
    "EscoOccupation",
    "EscoRelation",
    "EscoSkill",
    "ImportReport",
    "ProgressCallback",
    "Tally",
    "default_export_path",
    "import_esco",
    "read_export",
    "read_rows",
]


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
    bridge: Any = None  # esco_links.BridgeTally when a bridge file was loaded
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

    With `bridge` (a CSV such as data/esco_bridge.csv, see esco_bridge.py; read and loaded by esco_links.py),
    the ESCO → curated skill links are loaded after the relations, in the same transaction. Nothing is
    written unless the whole export and the bridge read cleanly, and a failure while writing rolls back.
    """
    links = None
    if bridge is not None:
        try:
            links = read_bridge(bridge)
        except BridgeError as exc:
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
                report.bridge = sync_links(links, str(bridge))
            report.job_titles_updated = sync_job_titles(titles_by_uri(job_titles))
            if report.changed:
                bump_catalogue_version()
                report.catalogue_version_bumped = True
    except BridgeError as exc:
        raise EscoImportError(f"{exc} Nothing was written.") from None
    except DatabaseError as exc:
        raise EscoImportError(f"The database refused the import, so nothing was written ({exc}).") from None
    return report
