"""Worked journeys on the real curated dataset (data/*.yaml): the answers a person would see."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from skillsnet.catalogue.models import Role
from skillsnet.converter import services

pytestmark = pytest.mark.django_db

MANUFACTURING_OR_QC = {"manufacturing", "quality-control"}


@pytest.fixture
def dataset(db):
    call_command("load_dataset", stdout=StringIO())


def top_roles(**inputs):
    profile = services.profile_build(**inputs).profile
    return services.roles_match(profile=profile, limit=10)


def test_a_brewer_is_pointed_at_manufacturing_and_qc(dataset):
    matches = top_roles(occupations=["brew-house-operator"])
    assert {m.family for m in matches[:3]} <= MANUFACTURING_OR_QC, [(m.role, m.family) for m in matches[:3]]
    # The fit is explained: at least one skill transfers from brewing, with its reason.
    top = matches[0]
    assert top.transferred
    assert all(t.rationale for t in top.transferred)
    assert top.gaps


def test_a_biomedical_scientist_is_pointed_at_qc(dataset):
    matches = top_roles(occupations=["biomedical-scientist"])
    roles = [m.role for m in matches]
    assert "qc-analyst" in roles[:3], roles
    assert matches[0].family == "quality-control"


def test_the_brewer_searched_by_title_gets_the_same_answer_on_the_command_line(dataset):
    out, err = StringIO(), StringIO()
    call_command("convert", "--from", "brew house operator", "--json", stdout=out, stderr=err)
    by_title = [m["role"] for m in json.loads(out.getvalue())["matches"]]
    assert by_title == [m.role for m in top_roles(occupations=["brew-house-operator"])]


def test_every_role_can_be_planned_for_the_brewer(dataset):
    profile = services.profile_build(occupations=["brew-house-operator"]).profile
    from django.utils import timezone

    today = timezone.localdate()
    for slug in Role.objects.values_list("slug", flat=True):
        result = services.plan_for_role(profile=profile, role_slug=slug, start=today, today=today)
        closed = {skill for step in result.plan.steps for skill in step.closes}
        gaps = set(result.match.plan_gaps())
        # Every gap is either closed by a step or listed as uncovered with a reason.
        assert gaps == closed | {u.skill for u in result.plan.uncovered}, slug
        assert all(u.reason for u in result.plan.uncovered)


def test_a_cv_from_a_hospital_lab_finds_skills_and_roles(dataset):
    text = (
        "Biomedical scientist, HCPC registered. Five years in a UKAS-accredited NHS pathology lab: "
        "I led qPCR testing, ran flow cytometry and kept records to good documentation practice."
    )
    result = services.profile_build(text=text)
    names = " ".join(r.name for r in result.rows)
    assert "PCR" in names
    assert any(r.provenance == "cv" and "qPCR" in r.sources[0].detail for r in result.rows)
    matches = services.roles_match(profile=result.profile, limit=5)
    assert matches
    assert matches[0].score > 0
