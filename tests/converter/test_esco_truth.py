"""The Converter over all of ESCO: every occupation is assessed honestly, on the curated occupations' scale.

One import of the real dataset, ESCO and the bridge per module (rolled back after it); the sweeps go
through the same services as the pages.
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import transaction

from skillsnet import engine
from skillsnet.catalogue import esco
from skillsnet.catalogue.esco_bridge import default_bridge_path
from skillsnet.catalogue.models import Origin, Skill, SourceOccupation
from skillsnet.catalogue.services import dataset_load
from skillsnet.catalogue.snapshot import bridged_requirements, engine_snapshot, occupation_specs
from skillsnet.converter import services

from ..catalogue.conftest import REAL, esco_export_path

pytestmark = pytest.mark.esco

# Mean |fit difference| over the curated route's five best roles, curated entry vs the same job's ESCO
# entry through the bridge. Hand-written profiles credit industry skills that ESCO's relations reach
# only partly, so the routes agree closely for most jobs (median below 0.10) and never differ by more
# than this on average over those roles (largest measured: 0.34, a pharmaceutical production operator).
SAME_JOB_TOLERANCE = 0.35
SAME_JOB_MEDIAN_TOLERANCE = 0.10
# The CV route on the same scale: the same measure between a job's curated entry and a CV entry describing
# that job, written blind (tests/converter/fixtures/curated_cvs.yaml). A full entry (6-8 sentences) was
# measured at median 0.09 and at most 0.15; a terse one (2-4 sentences) names fewer skills, so it is held
# looser (measured median 0.15, at most 0.32). Measured 2026-12-06; the margins allow for reader tuning.
CV_FULL_TOLERANCE, CV_FULL_MEDIAN_TOLERANCE = 0.22, 0.12
CV_SHORT_TOLERANCE, CV_SHORT_MEDIAN_TOLERANCE = 0.38, 0.19
CURATED_CVS = Path(__file__).parent / "fixtures" / "curated_cvs.yaml"


@pytest.fixture(scope="module")
def esco_world(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    path = esco_export_path()
    if path is None:
        pytest.skip("needs the ESCO v1.1.1 export: set ESCO_DIR, or ship it in data/esco")
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        dataset_load(data_dir=REAL)
        esco.import_esco(path=path, bridge=default_bridge_path())
        yield
        transaction.set_rollback(True)


def _every_esco_job() -> list[str]:
    return list(SourceOccupation.objects.filter(esco_uri__isnull=False).values_list("esco_uri", flat=True))


@pytest.mark.django_db  # so that pytest-django sets up the test database the fixture writes to
def test_every_esco_job_is_ranked_without_zeros_or_told_why_not(esco_world: None) -> None:
    jobs = _every_esco_job()
    assert len(jobs) == 3007
    assessed = 0
    short_without_essentials = []
    without_route = []
    for uri in jobs:
        profile = services.profile_build(occupations=[uri]).profile
        if len(profile.routes) != 1:  # every ISCO-08 group has a career route (data/career_routes.yaml)
            without_route.append(uri)
        answer = services.roles_assess(profile=profile, limit=None)
        if not answer.assessable:
            assert answer.matches == []
            assert "could not assess" in answer.message
            continue
        assessed += 1
        assert answer.matches
        assert all(m.score > 0 for m in answer.matches)
        for m in answer.matches:
            held = {x.skill for x in m.met if x.essential} | {
                t.skill for t in m.transferred if t.essential and t.fully_met
            }
            if m.readiness in {"short-training", "ready-now"} and not held:
                short_without_essentials.append((uri, m.role))
    assert short_without_essentials == []
    assert without_route == []
    # Measured 2026-12-06: 91.3% of ESCO occupations got a ranked answer after the bridge, 96.5% after its
    # reviews (2,901; docs/EVALUATION.md), 97.2% (2,924) after the review of the unassessed jobs' skills
    # (docs/DATA.md); issue 12's target is 97%.
    assert assessed / len(jobs) >= 0.97


@pytest.mark.django_db
def test_the_curated_and_the_esco_entry_of_one_job_agree(esco_world: None) -> None:
    esco_export = esco.read_export(esco_export_path())
    snap = engine_snapshot()
    slug_of = {s.uri: s.slug for s in esco_export.skills}
    slug_of.update(Skill.objects.filter(origin=Origin.CURATED, esco_uri__isnull=False).values_list("esco_uri", "slug"))
    relations: dict[str, list[tuple[str, bool]]] = {}
    for rel in esco_export.relations:
        relations.setdefault(rel.occupation_uri, []).append((slug_of[rel.skill_uri], rel.essential))
    differences = {}
    for occupation in SourceOccupation.objects.filter(origin=Origin.CURATED, esco_uri__isnull=False):
        [curated], _ = occupation_specs([occupation.slug], snap)
        bridged = bridged_requirements(relations[occupation.esco_uri], snap)
        via_esco = engine.RoleSpec("esco", "ESCO entry", "source", curated.entry_level, bridged)
        fit_curated = engine.fit_all(snap.catalogue, engine.profile_from_occupations([curated])).score
        fit_esco = engine.fit_all(snap.catalogue, engine.profile_from_occupations([via_esco])).score
        best = np.argsort(-fit_curated)[:5]
        differences[occupation.slug] = float(np.abs(fit_curated - fit_esco)[best].mean())
    assert len(differences) >= 25
    assert max(differences.values()) <= SAME_JOB_TOLERANCE, differences
    assert statistics.median(differences.values()) <= SAME_JOB_MEDIAN_TOLERANCE


@pytest.mark.django_db
def test_a_cv_describing_a_job_agrees_with_choosing_the_job(esco_world: None) -> None:
    """Item 2 of issue 12: the CV route and the job route give comparable fits, for every curated job with
    an ESCO URI (choosing its ESCO entry *is* choosing the curated entry: the URI resolves to it)."""
    snap = engine_snapshot()
    entries = {e["occupation"]: e for e in yaml.safe_load(CURATED_CVS.read_text(encoding="utf-8"))}
    jobs = SourceOccupation.objects.filter(origin=Origin.CURATED, esco_uri__isnull=False)
    assert set(entries) == {job.slug for job in jobs}
    differences: dict[str, dict[str, float]] = {"full": {}, "short": {}}
    for job in jobs:
        assert (
            services.profile_build(occupations=[job.esco_uri]).profile
            == services.profile_build(occupations=[job.slug]).profile
        )
        fit_job = engine.fit_all(snap.catalogue, services.profile_build(occupations=[job.slug]).profile).score
        best = np.argsort(-fit_job)[:5]
        for kind in ("full", "short"):
            cv = services.profile_build(text=entries[job.slug][kind])
            assert cv.rows, f"nothing read from the {kind} CV of {job.slug}"
            fit_cv = engine.fit_all(snap.catalogue, cv.profile).score
            differences[kind][job.slug] = float(np.abs(fit_job - fit_cv)[best].mean())
    full, short = differences["full"], differences["short"]
    assert max(full.values()) <= CV_FULL_TOLERANCE, full
    assert statistics.median(full.values()) <= CV_FULL_MEDIAN_TOLERANCE
    assert max(short.values()) <= CV_SHORT_TOLERANCE, short
    assert statistics.median(short.values()) <= CV_SHORT_MEDIAN_TOLERANCE


@pytest.mark.django_db
def test_the_unassessed_report_lists_the_jobs_the_converter_turns_away(esco_world: None) -> None:
    tried, jobs = services.unassessed_esco_jobs()
    assert tried == 3007
    # Measured 2026-12-06: 109 after the bridge review, 83 after the review of their skills (docs/DATA.md);
    # arts, crafts, law, finance, sport.
    assert 0 < len(jobs) <= 0.05 * tried
    by_title = {job.title: job for job in jobs}
    for job in jobs:  # each one is what the Converter says, not a separate estimate
        answer = services.roles_assess(profile=services.profile_build(occupations=[job.esco_uri]).profile)
        assert not answer.assessable
        assert answer.relevant_skills == job.relevant_skills
    # A composer's essential skills say nothing about the target roles, and none of them is linked.
    assert "read musical score" in by_title["composer"].unlinked_essentials
    # A linked skill is never listed as unlinked: "execute working instructions" links to procedural discipline.
    assert not any("execute working instructions" in job.unlinked_essentials for job in jobs)

    out = io.StringIO()
    call_command("esco_unassessed", "--top", "5", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{len(jobs)} of 3,007 ESCO occupations cannot be assessed on their own."
    assert sum(1 for line in lines if line.startswith("- ")) == len(jobs)
    assert any(line.startswith("- composer <http://data.europa.eu/esco/occupation/") for line in lines)
    assert (
        len(lines[lines.index("Essential ESCO skills with no link, by how many of these jobs need them:") + 1 :]) == 5
    )


def test_the_unassessed_report_refuses_a_bad_option() -> None:
    with pytest.raises(CommandError, match="--top must be between 0 and 1000"):
        call_command("esco_unassessed", "--top", "-1", stdout=io.StringIO())
