"""Every write to the catalogue goes through here: loading the curated dataset in `data/`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError

from skillsnet.catalogue.dataset import Dataset, read_dataset
from skillsnet.catalogue.load_report import Changes as Changes
from skillsnet.catalogue.load_report import LoadReport as LoadReport
from skillsnet.catalogue.models import (
    CareerRoute,
    Course,
    CoursePrerequisite,
    CourseSkill,
    CourseSource,
    OccupationSkill,
    Origin,
    Provider,
    Role,
    RoleSkill,
    Sector,
    Skill,
    SkillTransfer,
    SourceOccupation,
    search_text_of,
)
from skillsnet.catalogue.places import places
from skillsnet.catalogue.titles import sync_job_titles, titles_by_uri
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

M = TypeVar("M", bound=models.Model)


class _Slugged(Protocol):
    """What `_upsert` reads of a dataset entry: every kind has a slug (skills have an ESCO URI as well)."""

    @property
    def slug(self) -> str: ...


E = TypeVar("E", bound=_Slugged)


class LoadError(Exception):
    """The dataset is valid but the database refused it (for instance a row other data still uses)."""


@dataclass
class _Upsert:
    """The outcome of upserting one model's parent rows: ids by slug, and rows the file no longer has."""

    ids: dict[str, int]
    leftovers: list[Any]


def _upsert(
    model: type[M],
    entries: Iterable[E],
    rows: Iterable[M],
    values_for: Callable[[E, M | None], dict[str, Any]],
    changes: Changes,
    *,
    adopt_by_uri: bool = False,
) -> _Upsert:
    """Create or update `model` rows to match `entries` by slug, writing only rows that differ.

    With `adopt_by_uri`, an entry whose slug is new but whose ESCO URI an imported row already has takes
    that row over (a curated skill *is* the ESCO skill with its URI) instead of clashing with it.
    """
    by_slug: dict[str, M] = {_slug_of(row): row for row in rows}
    by_uri = {getattr(row, "esco_uri", None): row for row in by_slug.values() if getattr(row, "esco_uri", None)}
    to_create: list[M] = []
    to_update: list[M] = []
    update_fields: set[str] = set()
    for entry in entries:
        row = by_slug.pop(entry.slug, None)
        uri = getattr(entry, "esco_uri", None)
        if row is None and adopt_by_uri and uri in by_uri:
            row = by_uri[uri]
            by_slug.pop(_slug_of(row))
        values = {"slug": entry.slug, **values_for(entry, row)}
        if row is None:
            to_create.append(model(**values))
            continue
        differing = [name for name, value in values.items() if getattr(row, name) != value]
        if differing:
            for name in differing:
                setattr(row, name, values[name])
            update_fields.update(differing)
            to_update.append(row)
    model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(update_fields), batch_size=500)
    changes.created += len(to_create)
    changes.updated += len(to_update)
    slugs = [entry.slug for entry in entries]
    ids = dict(model._default_manager.filter(slug__in=slugs).values_list("slug", "id"))
    # Imported rows fetched only because they share a slug or URI are not the file's to remove.
    leftovers = [row for row in by_slug.values() if getattr(row, "origin", Origin.CURATED) == Origin.CURATED]
    return _Upsert(ids=ids, leftovers=leftovers)


def _slug_of(row: models.Model) -> str:
    return str(row.serializable_value("slug"))


def _sync_links(
    model: type[models.Model],
    keys: tuple[str, str],
    wanted: dict[tuple[int, int], dict[str, Any]],
    existing: models.QuerySet[Any],
    changes: Changes,
) -> None:
    """Make the link rows in `existing` exactly `wanted`: add, update and delete, writing only differences."""
    value_fields = sorted({name for values in wanted.values() for name in values})
    current = {(row[keys[0]], row[keys[1]]): row for row in existing.values("id", *keys, *value_fields)}
    to_create, to_update = [], []
    for key, values in wanted.items():
        row = current.pop(key, None)
        if row is None:
            to_create.append(model(**{keys[0]: key[0], keys[1]: key[1]}, **values))
        elif any(row[name] != value for name, value in values.items()):
            to_update.append(model(pk=row["id"], **values))
    model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        model._default_manager.bulk_update(to_update, value_fields, batch_size=500)
    stale = [row["id"] for row in current.values()]
    if stale:
        model._default_manager.filter(pk__in=stale).delete()
    changes.created += len(to_create)
    changes.updated += len(to_update)
    changes.deleted += len(stale)


def _retire(model: type[models.Model], rows: list[Any], changes: Changes) -> None:
    """Delete curated rows the file no longer has; an ESCO concept goes back to being a plain ESCO row."""
    if not rows:
        return
    esco_rows = [row for row in rows if getattr(row, "esco_uri", None)]
    if esco_rows:
        for row in esco_rows:
            row.origin = Origin.ESCO
            if model is Skill:
                row.alt_labels = []
                row.category = ""
                row.generic = False
                row.search_text = search_text_of(row.name, row.esco_alt_labels)
            else:
                row.sector = None
                row.soc_code = ""
                row.credentials = []
                row.search_text = search_text_of(row.title, row.alt_titles, row.job_titles)
        fields = (
            ["origin", "alt_labels", "category", "generic"]
            if model is Skill
            else ["origin", "sector", "soc_code", "credentials"]
        )
        model._default_manager.bulk_update(esco_rows, [*fields, "search_text"])
    doomed = [row.pk for row in rows if not getattr(row, "esco_uri", None)]
    model._default_manager.filter(pk__in=doomed).delete()
    changes.deleted += len(rows)


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def _write(dataset: Dataset, report: LoadReport) -> None:
    sectors = _upsert(
        Sector,
        dataset.sectors,
        Sector.objects.all(),
        lambda e, row: {"name": e.name, "description": e.description},
        report.tally("sectors"),
    )
    providers = _upsert(
        Provider,
        dataset.providers,
        Provider.objects.all(),
        lambda e, row: {"name": e.name, "website": e.website, "description": e.description, "example": e.example},
        report.tally("providers"),
    )
    skill_slugs = [e.slug for e in dataset.skills]
    skill_uris = [e.esco_uri for e in dataset.skills if e.esco_uri]
    skills = _upsert(
        Skill,
        dataset.skills,
        Skill.objects.filter(
            models.Q(origin=Origin.CURATED) | models.Q(slug__in=skill_slugs) | models.Q(esco_uri__in=skill_uris)
        ),
        lambda e, row: {
            "name": e.name,
            "kind": e.kind,
            "category": e.category,
            "generic": e.generic,
            "description": e.description,
            "esco_uri": e.esco_uri,
            "alt_labels": list(e.alt_labels),
            "origin": Origin.CURATED,
            # ESCO's labels (from the import) stay: they are not ours to remove.
            "search_text": search_text_of(e.name, e.alt_labels, row.esco_alt_labels if row else []),
        },
        report.tally("skills"),
        adopt_by_uri=True,
    )
    roles = _upsert(
        Role,
        dataset.roles,
        Role.objects.all(),
        lambda e, row: {
            "title": e.title,
            "family": e.family,
            "description": e.description,
            "entry_level": e.entry_level,
            "entry_routes": list(e.entry_routes),
            "apprenticeship_standards": list(e.apprenticeship_standards),
            "soc_code": e.soc_code,
            "esco_uri": e.esco_uri or "",
            "shortage": e.shortage,
            "shortage_source": e.shortage_source,
            "entry_requirements": list(e.entry_requirements),
        },
        report.tally("roles"),
    )
    occupation_slugs = [e.slug for e in dataset.occupations]
    occupation_uris = [e.esco_uri for e in dataset.occupations if e.esco_uri]
    occupations = _upsert(
        SourceOccupation,
        dataset.occupations,
        SourceOccupation.objects.filter(
            models.Q(origin=Origin.CURATED)
            | models.Q(slug__in=occupation_slugs)
            | models.Q(esco_uri__in=occupation_uris)
        ),
        lambda e, row: {
            "title": e.title,
            "sector_id": sectors.ids[e.sector],
            "alt_titles": list(e.alt_titles),
            "description": e.description,
            "esco_uri": e.esco_uri,
            "soc_code": e.soc_code,
            "credentials": list(e.credentials),
            "origin": Origin.CURATED,
            "search_text": search_text_of(e.title, e.alt_titles, row.job_titles if row else []),
        },
        report.tally("occupations"),
        adopt_by_uri=True,
    )
    courses = _upsert(
        Course,
        dataset.courses,
        Course.objects.filter(source=CourseSource.DATASET),
        lambda e, row: {
            "title": e.title,
            "provider_id": providers.ids[e.provider],
            "mode": e.mode,
            "hours": _decimal(e.hours),
            "cost": _decimal(e.cost),
            "level": e.level,
            "description": e.description,
            "outcomes": list(e.outcomes),
            "example": e.example,
        },
        report.tally("courses"),
    )

    skill_id = skills.ids
    _sync_links(
        SkillTransfer,
        ("from_skill_id", "to_skill_id"),
        {
            (skill_id[t.from_skill], skill_id[t.to_skill]): {"credit": t.credit, "rationale": t.rationale}
            for t in dataset.transfers
        },
        SkillTransfer.objects.all(),
        report.tally("transfers"),
    )
    _sync_links(
        RoleSkill,
        ("role_id", "skill_id"),
        {
            (roles.ids[r.slug], skill_id[s.skill]): {"level": s.level, "essential": s.essential}
            for r in dataset.roles
            for s in r.skills
        },
        RoleSkill.objects.all(),
        report.tally("role skills"),
    )
    # Only curated occupations' skills are the file's; ESCO occupations' skills belong to the import.
    _sync_links(
        OccupationSkill,
        ("occupation_id", "skill_id"),
        {
            (occupations.ids[o.slug], skill_id[s.skill]): {"level": s.level, "essential": s.essential}
            for o in dataset.occupations
            for s in o.skills
        },
        OccupationSkill.objects.filter(occupation__origin=Origin.CURATED),
        report.tally("occupation skills"),
    )
    _sync_links(
        CourseSkill,
        ("course_id", "skill_id"),
        {
            (courses.ids[c.slug], skill_id[s.skill]): {"to_level": s.to_level, "assumes_level": s.assumes_level}
            for c in dataset.courses
            for s in c.skills
        },
        # Courses the providers publish on the site are theirs, not the file's.
        CourseSkill.objects.filter(course__source=CourseSource.DATASET),
        report.tally("course skills"),
    )
    _sync_links(
        CoursePrerequisite,
        ("course_id", "requires_id"),
        {(courses.ids[c.slug], courses.ids[p]): {} for c in dataset.courses for p in c.prerequisites},
        CoursePrerequisite.objects.filter(course__source=CourseSource.DATASET),
        report.tally("course prerequisites"),
    )
    places().load(dataset, courses.ids, report)

    # Parents last, once nothing in the file points at them any more.
    _retire(Course, courses.leftovers, report.tally("courses"))
    _retire(Role, roles.leftovers, report.tally("roles"))
    _retire(SourceOccupation, occupations.leftovers, report.tally("occupations"))
    _retire(Skill, skills.leftovers, report.tally("skills"))
    # A provider that publishes its own courses on the site stays, even when the file no longer lists it.
    publishing = set(Course.objects.filter(source=CourseSource.PROVIDER).values_list("provider_id", flat=True))
    _retire(Provider, [p for p in providers.leftovers if p.pk not in publishing], report.tally("providers"))
    _retire(Sector, sectors.leftovers, report.tally("sectors"))
    _sync_career_routes(dataset, report.tally("career routes"))
    # Last: the synonyms land on whichever rows now carry their ESCO URIs.
    report.tally("job titles").updated += sync_job_titles(titles_by_uri(dataset.job_titles))


def _sync_career_routes(dataset: Dataset, changes: Changes) -> None:
    """Make the career routes exactly the file's, by ISCO prefix, writing only differences."""
    wanted = {e.isco: {"name": e.name, "roles": list(e.roles), "rationale": e.rationale} for e in dataset.career_routes}
    current = {row.isco: row for row in CareerRoute.objects.all()}
    for isco, values in wanted.items():
        row = current.pop(isco, None)
        if row is None:
            CareerRoute.objects.create(isco=isco, **values)
            changes.created += 1
        elif any(getattr(row, name) != value for name, value in values.items()):
            CareerRoute.objects.filter(pk=row.pk).update(**values)
            changes.updated += 1
    if current:
        CareerRoute.objects.filter(pk__in=[row.pk for row in current.values()]).delete()
        changes.deleted += len(current)


def dataset_load(*, data_dir: Path | str | None = None) -> LoadReport:
    """Check the dataset in `data_dir` (default `settings.DATA_DIR`) and make the catalogue match it.

    One transaction: the catalogue is never half-loaded. Rows are matched by slug and written only when
    they differ, so loading the same files twice changes nothing and bumps the catalogue version once at
    most. Raises `DatasetError` (the files are wrong) or `LoadError` (the database refuses a change).
    """
    dataset = read_dataset(Path(data_dir) if data_dir is not None else Path(settings.DATA_DIR))
    report = LoadReport(counts=dataset.counts())
    for label in (
        "sectors",
        "skills",
        "transfers",
        "roles",
        "role skills",
        "occupations",
        "occupation skills",
        "providers",
        "courses",
        "course skills",
        "course prerequisites",
        "centres",
        "centre courses",
        "job titles",
        "career routes",
    ):
        report.tally(label)
    try:
        with bulk_catalogue_write(), transaction.atomic():
            _write(dataset, report)
            if report.changed:
                bump_catalogue_version()
                report.catalogue_version_bumped = True
    except ProtectedError as exc:
        used = ", ".join(sorted({str(obj) for obj in exc.protected_objects})[:5])
        raise LoadError(f"Nothing was loaded: a row the files remove is still used elsewhere ({used}).") from None
    except IntegrityError as exc:
        raise LoadError(f"Nothing was loaded: the database refused a change ({exc}).") from None
    return report
