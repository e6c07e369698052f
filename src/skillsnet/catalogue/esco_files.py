"""Finding the ESCO export's files: the shipped copy in data/esco, a folder of CSVs (plain or gzipped), the
official zips, or one of them; and checking the CSVs against a SHA256SUMS beside them.

See `catalogue.esco` for where the export may be and what its checksums promise.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from django.conf import settings

OCCUPATIONS_FILE = "occupations_en.csv"
SKILLS_FILE = "skills_en.csv"
RELATIONS_FILE = "occupationSkillRelations.csv"
REQUIRED_FILES = (OCCUPATIONS_FILE, SKILLS_FILE, RELATIONS_FILE)
CHECKSUMS_FILE = "SHA256SUMS"

# (stage, done, total): done and total are bytes while reading and rows while writing.
ProgressCallback = Callable[[str, int, int], None]


class EscoImportError(Exception):
    """The export cannot be imported; the message names the file and row so the operator can fix it."""


def default_export_path() -> Path:
    """The ESCO export shipped in the repository: `data/esco/` (the official CSVs, gzip-compressed)."""
    return Path(settings.DATA_DIR) / "esco"


@dataclass(frozen=True)
class _Member:
    archive: zipfile.ZipFile | None  # None: a file on disk
    name: str  # the member's name in the zip, or the file's path
    gzipped: bool = False


class ExportFiles:
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
def open_export(path: Path, required: Sequence[str] = REQUIRED_FILES) -> Iterator[ExportFiles]:
    with ExitStack() as stack:
        export = ExportFiles(Path(path), stack, required)
        export.verify()
        yield export
