"""Reading and checking the curated dataset in `data/` (the format is docs/DATA.md).

`read_dataset(data_dir)` returns a `Dataset`, or raises `DatasetError` listing every problem it found. Each
problem names the file, the line and the field, such as
`data/roles.yaml:120: roles[4].skills[2].level: must be between 1 and 4`, so whoever edits the YAML can go
straight to it. Nothing here touches the database: `services.dataset_load` does the writing. The value types
and entry models are `dataset_schemas.py`; the problems and the YAML with line numbers `dataset_yaml.py`; reading
each file `dataset_reader.py`; the checks across entries and files `dataset_checks.py`. This module puts them
together and keeps their public names.
"""

from __future__ import annotations

from pathlib import Path

from skillsnet.catalogue.dataset_checks import check_job_titles, check_job_titles_against_esco, cross_check
from skillsnet.catalogue.dataset_reader import Dataset, Reader
from skillsnet.catalogue.dataset_schemas import FILE_MODELS, OPTIONAL_FILE_MODELS, JobTitleIn
from skillsnet.catalogue.dataset_schemas import Family as Family
from skillsnet.catalogue.dataset_yaml import DatasetError, LinedDict, LinedList, Problem

__all__ = [
    "Dataset",
    "DatasetError",
    "Family",
    "LinedDict",
    "LinedList",
    "Problem",
    "check_job_titles_against_esco",
    "read_dataset",
    "read_job_titles",
]


def read_job_titles(data_dir: Path | str) -> list[JobTitleIn]:
    """Only data/job_titles.yaml, checked (none when the file is absent); raises `DatasetError`."""
    reader = Reader(Path(data_dir))
    reader.read("job_titles")
    check_job_titles(reader)
    if reader.problems:
        raise DatasetError(reader.problems)
    return [located.entry for located in reader.valid("job_titles")]


def read_dataset(data_dir: Path | str) -> Dataset:
    """Read and check every file in `data_dir`; raise `DatasetError` with all the problems found."""
    reader = Reader(Path(data_dir))
    names = [*FILE_MODELS, *OPTIONAL_FILE_MODELS]
    for name in names:
        reader.read(name)
    cross_check(reader)
    if reader.problems:
        raise DatasetError(reader.problems)
    return Dataset(**{name: [located.entry for located in reader.valid(name)] for name in names})
