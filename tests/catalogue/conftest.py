"""Catalogue fixtures: a tiny valid dataset to mutate (tests/catalogue/fixtures/mini), loaded or not."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from skillsnet.catalogue.services import LoadReport, dataset_load

MINI = Path(__file__).parent / "fixtures" / "mini"
REAL = Path(settings.DATA_DIR)


class DataDir:
    """A copy of the mini dataset that a test may edit, file by file, keeping every other line in place."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def text(self, name: str) -> str:
        return (self.path / f"{name}.yaml").read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        (self.path / f"{name}.yaml").write_text(text, encoding="utf-8")

    def replace(self, name: str, old: str, new: str, count: int = 1) -> None:
        text = self.text(name)
        assert old in text, f"{old!r} is not in {name}.yaml"
        self.write(name, text.replace(old, new, count))

    def append(self, name: str, text: str) -> None:
        self.write(name, self.text(name) + text)


@pytest.fixture
def data(tmp_path: Path) -> DataDir:
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return DataDir(target)


@pytest.fixture
def load(db: None) -> Callable[..., LoadReport]:
    def run(data_dir: Path | DataDir = MINI) -> LoadReport:
        return dataset_load(data_dir=data_dir.path if isinstance(data_dir, DataDir) else data_dir)

    return run


@pytest.fixture
def mini(load: Callable[..., LoadReport]) -> LoadReport:
    return load(MINI)


@pytest.fixture
def real(load: Callable[..., LoadReport]) -> LoadReport:
    return load(REAL)


@pytest.fixture(scope="session")
def esco_export() -> Any:
    """The real ESCO export (data/esco, or $ESCO_DIR), parsed once per test session (no database)."""
    from skillsnet.catalogue import esco

    return esco.read_export(os.environ.get("ESCO_DIR") or None)
