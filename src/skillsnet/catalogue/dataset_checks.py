"""The dataset's checks across entries and files: unique slugs and URIs, references, transfers, prerequisite
cycles, job titles, real and example content, claims, and whether every role's skills can be taught.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillsnet.catalogue.claims import REGULATED_CLINICAL_SKILLS, claim_problem
from skillsnet.catalogue.dataset_reader import Dataset, Located, Reader
from skillsnet.catalogue.dataset_schemas import EXAMPLE_SUFFIX, FILE_MODELS
from skillsnet.catalogue.dataset_schemas import Family as Family


def _check_unique(reader: Reader, name: str, key: Callable[[Any], Any], loc: tuple[str, ...], what: str) -> None:
    first: dict[Any, int] = {}
    for located in reader.valid(name):
        value = key(located.entry)
        if value is None:
            continue
        if value in first:
            reader.at(name, located, loc, f"{what} {value!r} is already used by {name}[{first[value]}]")
        else:
            first[value] = located.index


def _check_references(
    reader: Reader, name: str, located: Located, loc: tuple[Any, ...], slug: str, target: str
) -> None:
    known = reader.known(target)
    if known is not None and slug not in known:
        reader.at(name, located, loc, f"'{slug}' is not in {target}.yaml")


def _check_skill_lists(reader: Reader, name: str, list_field: str) -> None:
    for located in reader.valid(name):
        seen: set[str] = set()
        for i, item in enumerate(getattr(located.entry, list_field)):
            _check_references(reader, name, located, (list_field, i, "skill"), item.skill, "skills")
            if item.skill in seen:
                reader.at(name, located, (list_field, i, "skill"), f"'{item.skill}' is listed twice")
            seen.add(item.skill)


def _check_generic_transfers(reader: Reader) -> None:
    """A generic skill (behaviour, numeracy, customer service...) may transfer only to another generic skill."""
    generic = {located.entry.slug: located.entry.generic for located in reader.valid("skills")}
    for located in reader.valid("transfers"):
        transfer = located.entry
        if generic.get(transfer.from_skill) and generic.get(transfer.to_skill) is False:
            reader.at(
                "transfers",
                located,
                ("to",),
                f"'{transfer.from_skill}' is a generic skill and '{transfer.to_skill}' is not: a general-purpose "
                "skill that anyone may hold or declare says nothing about technical or GMP competence, so it may "
                "only transfer to another generic skill (remove this edge, or see docs/DATA.md)",
            )


def _check_prerequisite_cycles(reader: Reader) -> None:
    courses = {located.entry.slug: located for located in reader.valid("courses")}
    graph = {
        slug: [p for p in located.entry.prerequisites if p in courses and p != slug]
        for slug, located in courses.items()
    }
    reported: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished

    def visit(slug: str, path: list[str]) -> None:
        state[slug] = 1
        path.append(slug)
        for nxt in graph[slug]:
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                start = cycle.index(min(cycle))  # one report per cycle, whichever course we met it from
                key = tuple(cycle[start:] + cycle[:start])
                if key not in reported:
                    reported.add(key)
                    located = courses[key[0]]
                    i = located.entry.prerequisites.index(key[1] if len(key) > 1 else key[0])
                    chain = " → ".join([*key, key[0]])
                    reader.at("courses", located, ("prerequisites", i), f"prerequisites form a cycle: {chain}")
            elif state.get(nxt) is None:
                visit(nxt, path)
        path.pop()
        state[slug] = 2

    for slug in graph:
        if slug not in state:
            visit(slug, [])


def _check_teachable(reader: Reader) -> None:
    """Every skill a role needs must be taught, to the highest level any role needs, by some course."""
    taught: dict[str, int] = defaultdict(int)
    for located in reader.valid("courses"):
        for item in located.entry.skills:
            taught[item.skill] = max(taught[item.skill], item.to_level)
    needed: dict[str, tuple[int, Located, int]] = {}
    needed_by: dict[str, list[str]] = defaultdict(list)
    for located in reader.valid("roles"):
        for i, item in enumerate(located.entry.skills):
            needed_by[item.skill].append(located.entry.slug)
            if item.skill not in needed or item.level > needed[item.skill][0]:
                needed[item.skill] = (item.level, located, i)
    for located in reader.valid("roles"):
        for i, item in enumerate(located.entry.skills):
            if item.skill in REGULATED_CLINICAL_SKILLS and item.level > 1 and not located.entry.entry_requirements:
                reader.at(
                    "roles",
                    located,
                    ("skills", i, "level"),
                    f"'{item.skill}' is a regulated clinical skill: a role that needs it above awareness must carry "
                    "the professional registration as an entry requirement",
                )
    known_skills = reader.known("skills") or set()
    for skill, (level, located, i) in needed.items():
        if taught[skill] >= level or skill not in known_skills:  # an unknown skill is reported already
            continue
        if skill in REGULATED_CLINICAL_SKILLS and taught[skill] >= 1:
            # Competence in a regulated clinical skill comes with registration (the roles' entry requirement,
            # checked below), never from a course: courses give awareness at most.
            continue
        roles = ", ".join(sorted(set(needed_by[skill])))
        reach = f"the highest level any course reaches is {taught[skill]}" if taught[skill] else "no course teaches it"
        reader.at(
            "roles",
            located,
            ("skills", i, "level"),
            f"no course teaches '{skill}' to level {level}: {reach} (needed by {roles})",
        )


def check_job_titles(reader: Reader) -> None:
    """Each job title means one occupation: no two titles may read the same once normalised."""
    from skillsnet.catalogue.titles import normalise_title

    _check_unique(reader, "job_titles", lambda e: e.esco_uri, ("esco_uri",), "ESCO URI")
    first: dict[str, tuple[int, str]] = {}
    for located in reader.valid("job_titles"):
        for i, title in enumerate(located.entry.titles):
            normal = normalise_title(title)
            if not normal:
                reader.at("job_titles", located, ("titles", i), f"{title!r} has no words to search for")
            elif normal in first:
                index, other = first[normal]
                reader.at(
                    "job_titles",
                    located,
                    ("titles", i),
                    f"{title!r} reads the same as {other!r} in job_titles[{index}] once normalised ({normal!r})",
                )
            else:
                first[normal] = (located.index, title)


def check_job_titles_against_esco(dataset: Dataset, occupations: dict[str, str]) -> list[str]:
    """Problems with data/job_titles.yaml given ESCO's occupations ({URI: preferred label}).

    Every URI must be an ESCO occupation whose preferred label is the entry's `esco_title`, and no job
    title may be, once normalised, the preferred label of a different occupation (it would send people
    away from the job they named).
    """
    from skillsnet.catalogue.titles import normalise_title

    by_label = {normalise_title(label): uri for uri, label in occupations.items()}
    problems = []
    for index, entry in enumerate(dataset.job_titles):
        where = f"job_titles[{index}]"
        label = occupations.get(entry.esco_uri)
        if label is None:
            problems.append(f"{where}.esco_uri: {entry.esco_uri} is not an occupation in the ESCO export")
            continue
        if label.strip().casefold() != entry.esco_title.strip().casefold():
            problems.append(f"{where}.esco_title: {entry.esco_title!r} but ESCO calls {entry.esco_uri} {label!r}")
        for title in entry.titles:
            other = by_label.get(normalise_title(title))
            if other and other != entry.esco_uri:
                problems.append(
                    f"{where}.titles: {title!r} is ESCO's own title for another occupation ({occupations[other]!r})"
                )
    return problems


def _source_numbers(data_dir: Path) -> set[str] | None:
    """The numbers listed in data/SOURCES.md ("- [16] ..."), or None when the file is absent."""
    path = data_dir / "SOURCES.md"
    if not path.is_file():
        return None
    return set(re.findall(r"^- \[(\d{1,3})\]", path.read_text(encoding="utf-8"), flags=re.MULTILINE))


def _check_real_and_example(reader: Reader) -> None:
    """Real organisations carry only cited facts; example content is fictional and says so.

    - A real (non-example) provider or centre lists `sources`, each a number in data/SOURCES.md.
    - An example provider or centre is named "... (example)".
    - A real provider owns no course without a source: a course is either example content, owned by an
      example provider and run only at example centres, or real, owned by a real provider and cited.
    """
    known_sources = _source_numbers(reader.data_dir)
    example_of: dict[str, dict[str, bool]] = {}
    for name in ("providers", "centres", "courses"):
        example_of[name] = {located.entry.slug: located.entry.example for located in reader.valid(name)}
        for located in reader.valid(name):
            entry = located.entry
            if not entry.example and not entry.sources:
                what = {"providers": "a real organisation", "centres": "a real centre", "courses": "a real course"}
                reader.at(
                    name,
                    located,
                    ("sources",),
                    f"{what[name]} needs the sources of its facts (numbers in data/SOURCES.md), or mark it "
                    "example: true and give it a fictional name",
                )
            for i, number in enumerate(entry.sources):
                if known_sources is not None and number not in known_sources:
                    reader.at(name, located, ("sources", i), f"[{number}] is not in data/SOURCES.md")
            title = getattr(entry, "name", None)
            if entry.example and title is not None and not title.endswith(EXAMPLE_SUFFIX):
                reader.at(name, located, ("name",), f"example content must be named '... {EXAMPLE_SUFFIX}'")
    for located in reader.valid("courses"):
        course = located.entry
        provider_example = example_of["providers"].get(course.provider)
        if provider_example is not None and provider_example != course.example:
            reader.at(
                "courses",
                located,
                ("provider",),
                "an example course must belong to an example provider"
                if course.example
                else "a real course must belong to a real provider (and cite its sources)",
            )
        for i, centre in enumerate(course.centres):
            if course.example and example_of["centres"].get(centre) is False:
                reader.at(
                    "courses",
                    located,
                    ("centres", i),
                    f"'{centre}' is a real centre: an example course runs only at example centres",
                )


def _check_claims(reader: Reader) -> None:
    """No course claims more than its way of teaching supports (catalogue/claims.py)."""
    skills = {located.entry.slug: located.entry for located in reader.valid("skills")}
    for located in reader.valid("courses"):
        course = located.entry
        for i, item in enumerate(course.skills):
            skill = skills.get(item.skill)
            if skill is None:
                continue
            problem = claim_problem(
                skill_slug=item.skill,
                category=skill.category,
                kind=skill.kind,
                mode=course.mode,
                to_level=item.to_level,
            )
            if problem is not None:
                reader.at("courses", located, ("skills", i, "to_level"), f"{problem} ({course.mode} course)")


def _check_career_routes(reader: Reader) -> None:
    _check_unique(reader, "career_routes", lambda e: e.isco, ("isco",), "ISCO prefix")
    for located in reader.valid("career_routes"):
        for i, role in enumerate(located.entry.roles):
            _check_references(reader, "career_routes", located, ("roles", i), role, "roles")


def cross_check(reader: Reader) -> None:
    for name in FILE_MODELS:
        if name != "transfers":
            _check_unique(reader, name, lambda e: e.slug, ("slug",), "slug")
    _check_unique(reader, "skills", lambda e: e.esco_uri, ("esco_uri",), "ESCO URI")
    _check_unique(reader, "occupations", lambda e: e.esco_uri, ("esco_uri",), "ESCO URI")
    _check_unique(reader, "transfers", lambda e: (e.from_skill, e.to_skill), ("to",), "the transfer")

    for located in reader.valid("transfers"):
        transfer = located.entry
        _check_references(reader, "transfers", located, ("from",), transfer.from_skill, "skills")
        _check_references(reader, "transfers", located, ("to",), transfer.to_skill, "skills")
        if transfer.from_skill == transfer.to_skill:
            reader.at("transfers", located, ("to",), "a skill cannot transfer to itself")

    _check_generic_transfers(reader)

    _check_skill_lists(reader, "roles", "skills")
    _check_skill_lists(reader, "occupations", "skills")
    _check_skill_lists(reader, "courses", "skills")
    for located in reader.valid("occupations"):
        _check_references(reader, "occupations", located, ("sector",), located.entry.sector, "sectors")
    for located in reader.valid("courses"):
        course = located.entry
        _check_references(reader, "courses", located, ("provider",), course.provider, "providers")
        for i, centre in enumerate(course.centres):
            _check_references(reader, "courses", located, ("centres", i), centre, "centres")
        for i, prerequisite in enumerate(course.prerequisites):
            if prerequisite == course.slug:
                reader.at("courses", located, ("prerequisites", i), "a course cannot be its own prerequisite")
            else:
                _check_references(reader, "courses", located, ("prerequisites", i), prerequisite, "courses")
    _check_prerequisite_cycles(reader)
    check_job_titles(reader)
    _check_career_routes(reader)
    _check_real_and_example(reader)
    _check_claims(reader)
    # With a course or role that failed its own checks, "nothing teaches this" would mostly be noise.
    if {"roles", "courses", "skills"} <= reader.entries.keys() and not {"roles", "courses"} & reader.incomplete:
        _check_teachable(reader)
