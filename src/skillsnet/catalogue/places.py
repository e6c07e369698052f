"""Where on-site and blended courses are taught: the training centres, which the centres app owns.

The centres sit above the catalogue (docs/ARCHITECTURE.md, "Layers"; docs/decisions/0009-enforced-layers.md):
runs are of catalogue courses. The catalogue's own writes still name centres (the dataset's `centres.yaml`
and each course's `centres`, a provider's upload too), so the centres app hands these three functions to
`provide` from `CentresConfig.ready`, and the catalogue imports nothing from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from skillsnet.catalogue.dataset import Dataset
    from skillsnet.catalogue.load_report import LoadReport
    from skillsnet.catalogue.models import Course


@dataclass(frozen=True)
class Places:
    # the slugs of every centre a course may name
    slugs: Callable[[], set[str]]
    # make the course taught at exactly these centres (unknown slugs are skipped)
    set_for_course: Callable[[Course, Sequence[str]], None]
    # make the centres and the centres' dataset courses match the dataset (course ids by slug), in the
    # loader's transaction, counting changes in the report
    load: Callable[[Dataset, Mapping[str, int], LoadReport], None]


_provided: list[Places] = []


def provide(places: Places) -> None:
    _provided[:] = [places]


def places() -> Places:
    if not _provided:
        raise ImproperlyConfigured("skillsnet.centres must be installed: it provides the training centres.")
    return _provided[0]
