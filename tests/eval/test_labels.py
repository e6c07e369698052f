"""The labelled evaluation sets are well formed: real ESCO v1.1.1 URIs, only the 40 target role slugs.

Checks `tests/eval/converter/jobs.yaml` (source jobs with plausible/wrong roles) and `tests/eval/titles.yaml`
(job titles with their right ESCO occupations). The URI checks read the ESCO export from $ESCO_DIR, `data/esco`
or the shared copy beside the checkout, and skip only when none is found.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

EVAL_DIR = Path(__file__).resolve().parent
REPO = EVAL_DIR.parents[1]
JOBS = EVAL_DIR / "converter" / "jobs.yaml"
HOLDOUT = EVAL_DIR / "converter" / "holdout.yaml"
DEV3 = EVAL_DIR / "converter" / "dev3.yaml"
TITLES = EVAL_DIR / "titles.yaml"

TARGET_ROLES = frozenset(
    [
        "gmp-production-operative",
        "atmp-manufacturing-technician",
        "cell-therapy-process-scientist",
        "viral-vector-upstream-scientist",
        "downstream-purification-technician",
        "aseptic-fill-finish-operator",
        "vaccine-bioprocess-technician",
        "manufacturing-supervisor",
        "mrna-lnp-formulation-scientist",
        "msat-tech-transfer-scientist",
        "process-development-scientist",
        "analytical-development-scientist",
        "qc-technician",
        "qc-analyst",
        "qc-microbiologist",
        "qa-officer",
        "qualified-person",
        "validation-engineer",
        "quality-systems-data-integrity-specialist",
        "engineering-maintenance-technician",
        "calibration-technician",
        "automation-digital-engineer",
        "bioinformatician",
        "cgt-supply-chain-coordinator",
        "gmp-warehouse-technician",
        "regulatory-affairs-cmc",
        "biosafety-ehs-officer",
        "gmp-trainer",
        "nhs-cellular-therapy-scientist",
        "apheresis-nurse",
        "atmp-pharmacist",
        "document-controller-technical-writer",
        "production-planner",
        "cleanroom-support-operative",
        "plasmid-mrna-gmp-technician",
        "nhs-cell-therapy-coordinator",
        "cmc-project-manager",
        "manufacturing-manager",
        "qa-manager",
        "qc-manager",
    ]
)
URI_PREFIX = "http://data.europa.eu/esco/occupation/"


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, list), f"{path.name} must be a YAML list"
    return data


@pytest.fixture(scope="module")
def jobs() -> list[dict[str, Any]]:
    return _load(JOBS)


@pytest.fixture(scope="module")
def holdout() -> list[dict[str, Any]]:
    return _load(HOLDOUT)


@pytest.fixture(scope="module")
def dev3() -> list[dict[str, Any]]:
    return _load(DEV3)


@pytest.fixture(scope="module")
def titles() -> list[dict[str, Any]]:
    return _load(TITLES)


def _esco_candidates() -> Iterator[Path]:
    if os.environ.get("ESCO_DIR"):
        yield Path(os.environ["ESCO_DIR"])
    yield REPO / "data" / "esco"
    yield REPO.parent / "shared" / "data" / "esco-v1.1.1"
    yield REPO.parents[1] / "shared" / "data" / "esco-v1.1.1"


def _read_occupations(path: Path) -> dict[str, str] | None:
    """conceptUri -> preferredLabel from a directory (zip or plain CSV inside) or the classification zip."""
    if path.is_dir():
        if (path / "occupations_en.csv").is_file():
            with (path / "occupations_en.csv").open(encoding="utf-8", newline="") as f:
                return {r["conceptUri"]: r["preferredLabel"] for r in csv.DictReader(f)}
        if (path / "occupations_en.csv.gz").is_file():  # the copy shipped in data/esco
            with gzip.open(path / "occupations_en.csv.gz", "rt", encoding="utf-8", newline="") as f:
                return {r["conceptUri"]: r["preferredLabel"] for r in csv.DictReader(f)}
        path = path / "classification-en-csv.zip"
    if not path.is_file() or not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as z:
        name = next((n for n in z.namelist() if n.endswith("occupations_en.csv")), None)
        if name is None:
            return None
        with z.open(name) as raw:
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            return {r["conceptUri"]: r["preferredLabel"] for r in rows}


@pytest.fixture(scope="module")
def occupations() -> dict[str, str]:
    for candidate in _esco_candidates():
        found = _read_occupations(candidate)
        if found:
            return found
    pytest.skip("no ESCO v1.1.1 export found: set ESCO_DIR to check the labelled URIs")


def _curated_uris() -> set[str]:
    uris: set[str] = set()
    for name in ("occupations.yaml", "roles.yaml"):
        for line in (REPO / "data" / name).read_text(encoding="utf-8").splitlines():
            key, _, value = line.strip().lstrip("- ").partition(":")
            if key == "esco_uri" and value.strip():
                uris.add(value.strip().strip("'\""))
    return uris


def _check_job_shapes(jobs: list[dict[str, Any]]) -> None:
    uris = [j["esco_uri"] for j in jobs]
    assert len(uris) == len(set(uris)), "a source job is listed twice"
    for job in jobs:
        assert set(job) == {"esco_uri", "title", "sector", "plausible", "wrong", "rationale"}, job["title"]
        assert job["esco_uri"].startswith(URI_PREFIX), job["title"]
        assert 3 <= len(job["plausible"]) <= 8, job["title"]
        assert len(job["wrong"]) >= 5, job["title"]
        assert len(set(job["plausible"])) == len(job["plausible"]), job["title"]
        assert len(set(job["wrong"])) == len(job["wrong"]), job["title"]
        assert not set(job["plausible"]) & set(job["wrong"]), job["title"]
        assert set(job["plausible"]) | set(job["wrong"]) <= TARGET_ROLES, job["title"]
        assert isinstance(job["rationale"], str), job["title"]
        assert job["rationale"].strip(), job["title"]


def test_jobs_have_the_agreed_shape(jobs: list[dict[str, Any]]) -> None:
    assert len(jobs) >= 220
    assert len({j["sector"] for j in jobs}) >= 25
    _check_job_shapes(jobs)


def test_holdout_jobs_have_the_same_shape_and_are_new(
    jobs: list[dict[str, Any]], holdout: list[dict[str, Any]]
) -> None:
    # The holdout part is scored apart from the first labels, so it must not repeat any of their jobs.
    assert len(holdout) >= 150
    _check_job_shapes(holdout)
    repeated = {j["esco_uri"] for j in jobs} & {j["esco_uri"] for j in holdout}
    assert not repeated, f"holdout jobs repeat labelled jobs: {sorted(repeated)}"


def test_the_second_dev_part_has_the_same_shape_and_shares_no_job(
    jobs: list[dict[str, Any]], holdout: list[dict[str, Any]], dev3: list[dict[str, Any]]
) -> None:
    # Tuning on dev3 must never tune on a job of the test or holdout parts.
    assert len(dev3) >= 100
    _check_job_shapes(dev3)
    repeated = {j["esco_uri"] for j in jobs + holdout} & {j["esco_uri"] for j in dev3}
    assert not repeated, f"dev3 jobs repeat labelled jobs: {sorted(repeated)}"


def test_jobs_avoid_occupations_the_curated_data_uses(
    jobs: list[dict[str, Any]], holdout: list[dict[str, Any]], dev3: list[dict[str, Any]]
) -> None:
    used = _curated_uris() & {j["esco_uri"] for j in jobs + holdout + dev3}
    assert not used, f"source jobs reuse curated ESCO occupations: {sorted(used)}"


def test_job_uris_and_titles_are_esco(
    jobs: list[dict[str, Any]], holdout: list[dict[str, Any]], dev3: list[dict[str, Any]], occupations: dict[str, str]
) -> None:
    for job in jobs + holdout + dev3:
        assert job["esco_uri"] in occupations, job["title"]
        assert occupations[job["esco_uri"]].strip() == job["title"], job["esco_uri"]


def test_titles_have_the_agreed_shape(titles: list[dict[str, Any]]) -> None:
    assert len(titles) >= 170
    names = [t["title"].casefold() for t in titles]
    assert len(names) == len(set(names)), "a title is listed twice"
    for item in titles:
        assert set(item) == {"title", "expected", "labels", "group"}, item["title"]
        assert 1 <= len(item["expected"]) == len(item["labels"]), item["title"]
        assert all(u.startswith(URI_PREFIX) for u in item["expected"]), item["title"]


def test_title_uris_are_esco(titles: list[dict[str, Any]], occupations: dict[str, str]) -> None:
    for item in titles:
        for uri, label in zip(item["expected"], item["labels"], strict=True):
            assert uri in occupations, item["title"]
            assert occupations[uri].strip() == label, item["title"]


def test_the_labels_name_exactly_the_roles_in_the_dataset() -> None:
    # A renamed or added role must be relabelled in its own commit, or the evaluation would silently stop
    # counting it.
    roles = yaml.safe_load((REPO / "data" / "roles.yaml").read_text(encoding="utf-8"))
    assert {role["slug"] for role in roles} == TARGET_ROLES


def test_the_baseline_reader_is_the_frozen_copy() -> None:
    # The old CV reader scored beside the new one in `make eval`: tuning it would fake the comparison.
    digest = hashlib.sha256((EVAL_DIR / "baseline_reader.py").read_bytes()).hexdigest()
    assert digest == "39e05c34122c9b195739fbca2895403a2114e4721df30e4acc620d7a5f6c36eb"
