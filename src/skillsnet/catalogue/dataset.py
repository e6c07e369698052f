"""Reading and checking the curated dataset in `data/` (the format is docs/DATA.md).

`read_dataset(data_dir)` returns a `Dataset`, or raises `DatasetError` listing every problem it found. Each
problem names the file, the line and the field, such as
`data/roles.yaml:120: roles[4].skills[2].level: must be between 1 and 4`, so whoever edits the YAML can go
straight to it. Nothing here touches the database: `services.dataset_load` does the writing.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from skillsnet.catalogue.claims import REGULATED_CLINICAL_SKILLS, claim_problem
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS, REQUIREMENT_CODES

# ---------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset, located as precisely as the YAML allows."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DatasetError(Exception):
    """The dataset cannot be used; `problems` lists everything found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------- YAML with line numbers


class LinedDict(dict[Any, Any]):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int
    key_lines: dict[Any, int]


class LinedList(list[Any]):
    """A YAML sequence that remembers the line it starts on and the line of each item."""

    line: int
    item_lines: list[int]


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    duplicate_keys: list[tuple[int, str]]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(None, None, "found an unhashable key", key_node.start_mark)
        if key in mapping:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, str(key)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LinedList:
    sequence = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _line_of(entry: LinedDict, loc: Iterable[Any]) -> int:
    """The line of the deepest part of `loc` that exists in the YAML (a missing field: its parent's line)."""
    node: Any = entry
    line = entry.line
    for part in loc:
        if isinstance(node, LinedDict) and part in node:
            line, node = node.key_lines[part], node[part]
        elif isinstance(node, LinedList) and isinstance(part, int) and 0 <= part < len(node):
            line, node = node.item_lines[part], node[part]
        else:
            break
    return line


def _field_path(prefix: str, loc: Iterable[Any]) -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif "[" not in str(part):  # pydantic adds tags such as "function-after[...]" for wrapped types
            path += f".{part}"
    return path


# ---------------------------------------------------------------- value types

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SOC_RE = re.compile(r"^\d{4}$")
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
ESCO_OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise PydanticCustomError(
            "slug", "'{value}' is not a slug: use lowercase a-z, 0-9 and single hyphens", {"value": value}
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be blank")
    return value.strip()


def _url(value: str) -> str:
    if value and not URL_RE.match(value):
        raise PydanticCustomError(
            "url", "'{value}' is not a web address starting with http:// or https://", {"value": value}
        )
    return value


def _email(value: str) -> str:
    if value and not EMAIL_RE.match(value):
        raise PydanticCustomError("email", "'{value}' is not an email address", {"value": value})
    return value


def _soc(value: str) -> str:
    if value and not SOC_RE.match(value):
        raise PydanticCustomError(
            "soc", "'{value}' is not a UK SOC 2020 unit group (four digits, quoted)", {"value": value}
        )
    return value


def _requirement(value: str) -> str:
    if value not in ENTRY_REQUIREMENTS:
        raise PydanticCustomError(
            "requirement",
            "'{value}' is not an entry requirement code: use one of {codes} (catalogue/requirements.py)",
            {"value": value, "codes": ", ".join(REQUIREMENT_CODES)},
        )
    return value


def _prefixed(prefix: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.startswith(prefix) or len(value) == len(prefix):
            raise PydanticCustomError(
                "esco_uri", "'{value}' must start with {prefix}", {"value": value, "prefix": prefix}
            )
        return value

    return check


def _between(low: float, high: float) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not low <= value <= high:
            raise PydanticCustomError(
                "range", "must be between {low} and {high} (got {value})", {"low": low, "high": high, "value": value}
            )
        return value

    return check


def _unique_items(values: list[Any]) -> list[Any]:
    seen = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("duplicate", "lists '{value}' twice", {"value": value})
        seen.add(value)
    return values


def _places(places: int, maximum: int) -> Callable[[float], float]:
    def check(value: float) -> float:
        number = Decimal(str(value))
        if number < 0 or number >= maximum:
            raise PydanticCustomError(
                "range", "must be between 0 and {maximum} (got {value})", {"maximum": maximum, "value": value}
            )
        if -int(number.as_tuple().exponent) > places:
            raise PydanticCustomError("places", "must have at most {places} decimal place(s)", {"places": places})
        return value

    return check


Text = Annotated[str, AfterValidator(_text)]
Text20 = Annotated[str, Field(max_length=20), AfterValidator(_text)]
Text80 = Annotated[str, Field(max_length=80), AfterValidator(_text)]
Text120 = Annotated[str, Field(max_length=120), AfterValidator(_text)]
Text200 = Annotated[str, Field(max_length=200), AfterValidator(_text)]
Text255 = Annotated[str, Field(max_length=255), AfterValidator(_text)]
Text300 = Annotated[str, Field(max_length=300), AfterValidator(_text)]
Slug = Annotated[str, Field(max_length=120), AfterValidator(_slug)]
ShortSlug = Annotated[str, Field(max_length=80), AfterValidator(_slug)]
Category = Annotated[str, Field(max_length=60), AfterValidator(_slug)]
Labels = Annotated[list[Text255], AfterValidator(_unique_items)]
Url = Annotated[str, Field(max_length=200), AfterValidator(_url)]
SocCode = Annotated[str, AfterValidator(_soc)]
RequirementCodes = Annotated[list[Annotated[str, AfterValidator(_requirement)]], AfterValidator(_unique_items)]
EscoSkillUri = Annotated[str, Field(max_length=255), AfterValidator(_prefixed(ESCO_SKILL_PREFIX))]
EscoOccupationUri = Annotated[str, Field(max_length=255), AfterValidator(_prefixed(ESCO_OCCUPATION_PREFIX))]
Level0to3 = Annotated[int, AfterValidator(_between(0, 3))]
Level1to4 = Annotated[int, AfterValidator(_between(1, 4))]
Level1to8 = Annotated[int, AfterValidator(_between(1, 8))]
Level2to8 = Annotated[int, AfterValidator(_between(2, 8))]

Family = Literal[
    "manufacturing",
    "quality-control",
    "quality-assurance",
    "development",
    "engineering",
    "digital-data",
    "supply-chain",
    "regulatory",
    "clinical",
]


# ---------------------------------------------------------------- one model per file entry


class Entry(BaseModel):
    # strict: a level written as "3" or a SOC code written as 3111 is a mistake worth naming.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SectorIn(Entry):
    slug: ShortSlug
    name: Text120
    description: str = ""


class SkillIn(Entry):
    slug: Slug
    name: Text255
    kind: Literal["knowledge", "skill", "behaviour"]
    category: Category
    # A general-purpose skill people in almost any job hold and usually declare themselves; it may only
    # transfer to another generic skill (checked in `_check_generic_transfers`).
    generic: Annotated[bool, Field(validate_default=True)] = False
    description: Text
    esco_uri: EscoSkillUri | None = None
    alt_labels: Labels = []

    @field_validator("generic")
    @classmethod
    def _behaviours_are_generic(cls, value: bool, info: ValidationInfo) -> bool:
        if not value and "behaviour" in (info.data.get("kind"), info.data.get("category")):
            raise PydanticCustomError(
                "generic", "a behaviour is a general-purpose trait: write generic: true (see docs/DATA.md)"
            )
        return value


class TransferIn(Entry):
    model_config = ConfigDict(populate_by_name=False)

    from_skill: Slug = Field(alias="from")
    to_skill: Slug = Field(alias="to")
    credit: Annotated[float, AfterValidator(_between(0, 1))]
    rationale: Text300


class LevelledSkillIn(Entry):
    skill: Slug
    level: Level1to4
    essential: bool = True


class RoleIn(Entry):
    slug: Slug
    title: Text200
    family: Family
    description: Text
    entry_level: Level2to8
    entry_routes: list[Text] = []
    apprenticeship_standards: list[Text20] = []
    soc_code: SocCode = ""
    esco_uri: EscoOccupationUri | None = None
    shortage: bool = False
    shortage_source: Annotated[str, Field(max_length=300, validate_default=True)] = ""
    entry_requirements: RequirementCodes = []
    skills: Annotated[list[LevelledSkillIn], Field(min_length=8)]

    @field_validator("shortage_source")
    @classmethod
    def _source_for_shortage(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("shortage") and not value.strip():
            raise PydanticCustomError("shortage_source", "is required when shortage is true")
        return value.strip()


class OccupationIn(Entry):
    slug: Slug
    title: Text255
    sector: ShortSlug
    alt_titles: Labels = []
    description: str = ""
    esco_uri: EscoOccupationUri | None = None
    soc_code: SocCode = ""
    credentials: RequirementCodes = []
    skills: Annotated[list[LevelledSkillIn], Field(min_length=8)]


SourceRefs = Annotated[list[Annotated[str, Field(pattern=r"^[0-9]{1,3}$")]], AfterValidator(_unique_items)]
EXAMPLE_SUFFIX = "(example)"


class ProviderIn(Entry):
    slug: ShortSlug
    name: Text200
    website: Url = ""
    description: str = ""
    # Example content: a fictional organisation (see docs/DATA.md, "Real and example content").
    example: bool = False
    # Numbers of the sources in data/SOURCES.md that the facts about a real organisation come from.
    sources: SourceRefs = []


class CourseSkillIn(Entry):
    skill: Slug
    to_level: Level1to4
    assumes_level: Level0to3 = 0

    @field_validator("assumes_level")
    @classmethod
    def _raises_the_level(cls, value: int, info: ValidationInfo) -> int:
        to_level = info.data.get("to_level")
        if to_level is not None and value >= to_level:
            raise PydanticCustomError(
                "assumes_level", "must be below to_level ({to_level}): a course raises a skill", {"to_level": to_level}
            )
        return value


class CourseIn(Entry):
    slug: Slug
    title: Text200
    provider: ShortSlug
    mode: Literal["online", "on-site", "blended"]
    hours: Annotated[float, AfterValidator(_places(1, 100_000))]
    cost: Annotated[float, AfterValidator(_places(2, 1_000_000))] = 0.0
    level: Level1to8
    description: Text
    outcomes: list[Text] = []
    skills: Annotated[list[CourseSkillIn], Field(min_length=1)]
    prerequisites: Annotated[list[Slug], AfterValidator(_unique_items)] = []
    example: bool = False
    sources: SourceRefs = []
    centres: Annotated[list[ShortSlug], Field(validate_default=True), AfterValidator(_unique_items)] = []

    @field_validator("centres")
    @classmethod
    def _centres_for_mode(cls, value: list[str], info: ValidationInfo) -> list[str]:
        mode = info.data.get("mode")
        if mode in ("on-site", "blended") and not value:
            raise PydanticCustomError(
                "centres", "an {mode} course must list at least one centre that runs it", {"mode": mode}
            )
        if mode == "online" and value:
            raise PydanticCustomError("centres", "an online course lists no centres")
        return value


class CentreIn(Entry):
    slug: ShortSlug
    name: Text200
    organisation: Text200
    example: bool = False
    national_training_centre: bool = False
    sources: SourceRefs = []
    description: str = ""
    address: Text
    region: Text80
    latitude: Annotated[float, AfterValidator(_between(-90, 90))]
    longitude: Annotated[float, AfterValidator(_between(-180, 180))]
    facilities: list[Text] = []
    accessibility: str = ""
    contact_email: Annotated[str, Field(max_length=254), AfterValidator(_email)] = ""
    contact_phone: Annotated[str, Field(max_length=40)] = ""
    website: Url = ""


class JobTitleIn(Entry):
    """UK job titles people type, all meaning one ESCO occupation (data/job_titles.yaml)."""

    esco_uri: EscoOccupationUri
    esco_title: Text255  # ESCO's preferred label, for the reviewer; checked when the export is at hand
    group: Category
    titles: Annotated[list[Text120], Field(min_length=1), AfterValidator(_unique_items)]
    note: str = ""


FILE_MODELS: dict[str, type[Entry]] = {
    "sectors": SectorIn,
    "skills": SkillIn,
    "transfers": TransferIn,
    "roles": RoleIn,
    "occupations": OccupationIn,
    "providers": ProviderIn,
    "courses": CourseIn,
    "centres": CentreIn,
}
# Files that may be absent (then they hold nothing); each is checked like the others when present.
OPTIONAL_FILE_MODELS: dict[str, type[Entry]] = {"job_titles": JobTitleIn}


# ---------------------------------------------------------------- the dataset


@dataclass
class Dataset:
    """Every file's entries, checked, in file order."""

    sectors: list[SectorIn] = field(default_factory=list)
    skills: list[SkillIn] = field(default_factory=list)
    transfers: list[TransferIn] = field(default_factory=list)
    roles: list[RoleIn] = field(default_factory=list)
    occupations: list[OccupationIn] = field(default_factory=list)
    providers: list[ProviderIn] = field(default_factory=list)
    courses: list[CourseIn] = field(default_factory=list)
    centres: list[CentreIn] = field(default_factory=list)
    job_titles: list[JobTitleIn] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in FILE_MODELS}

    def summary(self) -> str:
        text = ", ".join(f"{count} {name}" for name, count in self.counts().items())
        if self.job_titles:
            text += f", {sum(len(entry.titles) for entry in self.job_titles)} job titles"
        return text


@dataclass
class _Located:
    """An entry with the raw YAML it came from, so later checks can name its line."""

    index: int
    raw: LinedDict
    entry: Any


@dataclass
class _Reader:
    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, list[_Located]] = field(default_factory=dict)
    incomplete: set[str] = field(default_factory=set)  # files with an entry that failed its checks
    # Slugs of every entry that has one, valid or not: a reference to an entry that is itself broken
    # should not produce a second, misleading "unknown slug" problem.
    slugs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def display(self, name: str) -> str:
        path = self.data_dir / f"{name}.yaml"
        relative = os.path.relpath(path)
        return relative if not relative.startswith("..") else str(path)

    def add(self, name: str, line: int | None, field_path: str, message: str) -> None:
        self.problems.append(Problem(self.display(name), line, field_path, message))

    def at(self, name: str, located: _Located, loc: tuple[Any, ...], message: str) -> None:
        self.add(name, _line_of(located.raw, loc), _field_path(f"{name}[{located.index}]", loc), message)

    def read(self, name: str) -> None:
        path = self.data_dir / f"{name}.yaml"
        if not path.is_file():
            if name not in OPTIONAL_FILE_MODELS:
                self.add(name, None, "", "the file is missing")
            return
        loader = _LineLoader(path.read_text(encoding="utf-8"))
        loader.duplicate_keys = []
        try:
            document = loader.get_single_data()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            self.add(name, line, "", f"this is not valid YAML: {exc.problem or exc}")
            return
        except yaml.YAMLError as exc:
            self.add(name, None, "", f"this is not valid YAML: {exc}")
            return
        finally:
            loader.dispose()
        for line, key in loader.duplicate_keys:
            self.add(name, line, key, "this key appears twice in the same entry")
        if document is None:
            self.add(name, None, "", "the file is empty: it must be a list of entries")
            return
        if not isinstance(document, LinedList):
            kind = "a mapping" if isinstance(document, dict) else f"a single {type(document).__name__} value"
            self.add(name, getattr(document, "line", 1), "", f"the file must be a list of entries, not {kind}")
            return
        self.entries[name] = []
        model = FILE_MODELS.get(name) or OPTIONAL_FILE_MODELS[name]
        for index, raw in enumerate(document):
            if not isinstance(raw, LinedDict):
                self.add(name, document.item_lines[index], f"{name}[{index}]", "each entry must be a mapping of fields")
                self.incomplete.add(name)
                continue
            if isinstance(raw.get("slug"), str):
                self.slugs[name].add(raw["slug"])
            located = _Located(index, raw, None)
            try:
                located.entry = model.model_validate(raw)
            except ValidationError as exc:
                for error in exc.errors():
                    self.at(name, located, error["loc"], _message(error))
                self.incomplete.add(name)
                continue
            self.entries[name].append(located)

    def valid(self, name: str) -> list[_Located]:
        return self.entries.get(name, [])

    def known(self, name: str) -> set[str] | None:
        """Slugs in a file, or None when the file could not be read (so references to it go unchecked)."""
        return self.slugs[name] if name in self.entries else None


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    given = error.get("input")
    plain = {
        "missing": "is required",
        "extra_forbidden": "is not a field of this file (see docs/DATA.md)",
        "string_type": "must be text",
        "int_type": "must be a whole number",
        "float_type": "must be a number",
        "bool_type": "must be true or false",
        "list_type": "must be a list",
        "model_type": "must be a mapping of fields",
        "dict_type": "must be a mapping of fields",
    }
    if kind in plain:
        return plain[kind]
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')} (got {given!r})"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries (has {ctx.get('actual_length')})"
    if kind == "string_too_long":
        return (
            f"must be at most {ctx.get('max_length')} characters (has {len(given) if isinstance(given, str) else '?'})"
        )
    return error["msg"]


def _check_unique(reader: _Reader, name: str, key: Callable[[Any], Any], loc: tuple[str, ...], what: str) -> None:
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
    reader: _Reader, name: str, located: _Located, loc: tuple[Any, ...], slug: str, target: str
) -> None:
    known = reader.known(target)
    if known is not None and slug not in known:
        reader.at(name, located, loc, f"'{slug}' is not in {target}.yaml")


def _check_skill_lists(reader: _Reader, name: str, list_field: str) -> None:
    for located in reader.valid(name):
        seen: set[str] = set()
        for i, item in enumerate(getattr(located.entry, list_field)):
            _check_references(reader, name, located, (list_field, i, "skill"), item.skill, "skills")
            if item.skill in seen:
                reader.at(name, located, (list_field, i, "skill"), f"'{item.skill}' is listed twice")
            seen.add(item.skill)


def _check_generic_transfers(reader: _Reader) -> None:
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


def _check_prerequisite_cycles(reader: _Reader) -> None:
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


def _check_teachable(reader: _Reader) -> None:
    """Every skill a role needs must be taught, to the highest level any role needs, by some course."""
    taught: dict[str, int] = defaultdict(int)
    for located in reader.valid("courses"):
        for item in located.entry.skills:
            taught[item.skill] = max(taught[item.skill], item.to_level)
    needed: dict[str, tuple[int, _Located, int]] = {}
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


def _check_job_titles(reader: _Reader) -> None:
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


def _check_real_and_example(reader: _Reader) -> None:
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


def _check_claims(reader: _Reader) -> None:
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


def _cross_check(reader: _Reader) -> None:
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
    _check_job_titles(reader)
    _check_real_and_example(reader)
    _check_claims(reader)
    # With a course or role that failed its own checks, "nothing teaches this" would mostly be noise.
    if {"roles", "courses", "skills"} <= reader.entries.keys() and not {"roles", "courses"} & reader.incomplete:
        _check_teachable(reader)


def read_job_titles(data_dir: Path | str) -> list[JobTitleIn]:
    """Only data/job_titles.yaml, checked (none when the file is absent); raises `DatasetError`."""
    reader = _Reader(Path(data_dir))
    reader.read("job_titles")
    _check_job_titles(reader)
    if reader.problems:
        raise DatasetError(reader.problems)
    return [located.entry for located in reader.valid("job_titles")]


def read_dataset(data_dir: Path | str) -> Dataset:
    """Read and check every file in `data_dir`; raise `DatasetError` with all the problems found."""
    reader = _Reader(Path(data_dir))
    names = [*FILE_MODELS, *OPTIONAL_FILE_MODELS]
    for name in names:
        reader.read(name)
    _cross_check(reader)
    if reader.problems:
        raise DatasetError(reader.problems)
    return Dataset(**{name: [located.entry for located in reader.valid(name)] for name in names})
