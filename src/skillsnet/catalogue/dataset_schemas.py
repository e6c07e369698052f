"""The dataset's schemas: the value types and one pydantic model per kind of file entry (docs/DATA.md).

`dataset.py` reads the YAML files with line numbers, validates each entry with these models and checks
what crosses entries and files (unique slugs, references, prerequisite cycles, claims).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS, REQUIREMENT_CODES

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


def _isco_prefix(value: str) -> str:
    if not (1 <= len(value) <= 4 and value.isascii() and value.isdigit()):
        raise PydanticCustomError(
            "isco", "'{value}' is not an ISCO-08 code prefix (one to four digits, quoted)", {"value": value}
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


class CareerRouteIn(Entry):
    """Where people from one ISCO-08 group usually start in the industry (data/career_routes.yaml)."""

    isco: Annotated[str, AfterValidator(_isco_prefix)]
    name: Text200
    roles: Annotated[list[Slug], Field(min_length=1, max_length=6), AfterValidator(_unique_items)]
    rationale: Text300


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
OPTIONAL_FILE_MODELS: dict[str, type[Entry]] = {"job_titles": JobTitleIn, "career_routes": CareerRouteIn}
