"""Reading the dataset's files one by one: each entry checked against its model (`dataset_schemas.py`), with
the raw YAML kept so that later checks can name its line.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from skillsnet.catalogue.dataset_schemas import (
    FILE_MODELS,
    OPTIONAL_FILE_MODELS,
    CareerRouteIn,
    CentreIn,
    CourseIn,
    JobTitleIn,
    OccupationIn,
    ProviderIn,
    RoleIn,
    SectorIn,
    SkillIn,
    TransferIn,
)
from skillsnet.catalogue.dataset_schemas import Family as Family
from skillsnet.catalogue.dataset_yaml import LinedDict, LinedList, LineLoader, Problem, field_path, line_of


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
    career_routes: list[CareerRouteIn] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in FILE_MODELS}

    def summary(self) -> str:
        text = ", ".join(f"{count} {name}" for name, count in self.counts().items())
        if self.job_titles:
            text += f", {sum(len(entry.titles) for entry in self.job_titles)} job titles"
        if self.career_routes:
            text += f", {len(self.career_routes)} career routes"
        return text


@dataclass
class Located:
    """An entry with the raw YAML it came from, so later checks can name its line."""

    index: int
    raw: LinedDict
    entry: Any


@dataclass
class Reader:
    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, list[Located]] = field(default_factory=dict)
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

    def at(self, name: str, located: Located, loc: tuple[Any, ...], message: str) -> None:
        self.add(name, line_of(located.raw, loc), field_path(f"{name}[{located.index}]", loc), message)

    def read(self, name: str) -> None:
        path = self.data_dir / f"{name}.yaml"
        if not path.is_file():
            if name not in OPTIONAL_FILE_MODELS:
                self.add(name, None, "", "the file is missing")
            return
        loader = LineLoader(path.read_text(encoding="utf-8"))
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
            located = Located(index, raw, None)
            try:
                located.entry = model.model_validate(raw)
            except ValidationError as exc:
                for error in exc.errors():
                    self.at(name, located, error["loc"], _message(error))
                self.incomplete.add(name)
                continue
            self.entries[name].append(located)

    def valid(self, name: str) -> list[Located]:
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
