"""What `services.dataset_load` reports: per kind of row, how many were created, updated and deleted."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class LoadReport:
    counts: dict[str, int]
    changes: dict[str, Changes] = field(default_factory=dict)
    catalogue_version_bumped: bool = False

    @property
    def changed(self) -> bool:
        return any(self.changes.values())

    def tally(self, label: str) -> Changes:
        return self.changes.setdefault(label, Changes())
