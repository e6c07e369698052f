"""Catalogue fixtures: a tiny valid dataset to mutate (tests/catalogue/fixtures/mini), loaded or not."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction

from skillsnet.catalogue.services import LoadReport, dataset_load

MINI = Path(__file__).parent / "fixtures" / "mini"
REAL = Path(settings.DATA_DIR)


def esco_export_path() -> Path | None:
    """The real ESCO v1.1.1 export: $ESCO_DIR, else the copy shipped in data/esco, else None."""
    if os.environ.get("ESCO_DIR"):
        return Path(os.environ["ESCO_DIR"])
    shipped = REAL / "esco"
    return shipped if shipped.is_dir() and any(shipped.iterdir()) else None


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


@pytest.fixture(scope="module")
def esco_catalogue(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The real dataset plus all of ESCO, imported once per test module and rolled back after it.

    Skips, saying why, when neither $ESCO_DIR nor data/esco holds the export. Tests that use it need no
    `db` fixture of their own; each still runs in its own savepoint when it asks for one.
    """
    from skillsnet.catalogue.esco import import_esco

    path = esco_export_path()
    if path is None:
        pytest.skip("needs the ESCO v1.1.1 export: set ESCO_DIR, or ship it in data/esco")
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        dataset_load(data_dir=REAL)
        import_esco(path=path)
        yield
        transaction.set_rollback(True)
