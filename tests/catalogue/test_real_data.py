"""The real dataset in data/: it validates, it is as large as the service needs, and it loads cleanly."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command

from skillsnet.catalogue.dataset import Dataset, read_dataset
from skillsnet.catalogue.models import Skill, SourceOccupation
from skillsnet.catalogue.selectors import search_occupations

from .conftest import REAL


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return read_dataset(REAL)


def test_validate_dataset_passes_on_the_real_data(capsys):
    call_command("validate_dataset", "--data", str(REAL))
    assert capsys.readouterr().out.startswith("dataset OK: ")


def test_there_are_40_roles_each_with_8_to_15_skills(dataset):
    assert len(dataset.roles) == 40
    assert all(8 <= len(role.skills) <= 15 for role in dataset.roles)


def test_the_clinical_professions_are_separate_roles_with_their_registration(dataset):
    roles = {role.slug: role for role in dataset.roles}
    assert "apheresis-nurse-atmp-pharmacist" not in roles
    assert roles["apheresis-nurse"].entry_requirements == ["nmc-registration"]
    assert roles["atmp-pharmacist"].entry_requirements == ["gphc-registration"]
    assert "hcpc-registration" in roles["nhs-cellular-therapy-scientist"].entry_requirements
    assert "qp-eligibility" in roles["qualified-person"].entry_requirements
    for manager in ("manufacturing-manager", "qa-manager", "qc-manager"):
        assert "management-experience" in roles[manager].entry_requirements


def test_entry_levels_agree_with_the_levels_a_role_asks_for(dataset):
    # An operative or technician job (RQF 2-3) asks mostly for awareness and working levels, so that a
    # career changer can reach it; operative and technician jobs have no hard entry requirement.
    for role in dataset.roles:
        levels = [s.level for s in role.skills]
        if role.entry_level <= 3:
            assert sum(level <= 2 for level in levels) / len(levels) >= 0.7, role.slug
            assert max(levels) <= 3, role.slug
            assert role.entry_requirements == [], role.slug
        if role.entry_level <= 6 and "management-experience" not in role.entry_requirements:
            assert sum(level >= 4 for level in levels) <= 1, role.slug


def test_registered_and_graduate_jobs_carry_the_credentials_they_imply(dataset):
    credentials = {o.slug: o.credentials for o in dataset.occupations}
    assert credentials["registered-nurse"] == ["nmc-registration"]
    assert credentials["aseptic-services-pharmacist"] == ["science-degree", "gphc-registration"]
    assert credentials["biomedical-scientist"] == ["science-degree", "hcpc-registration"]
    assert "postgraduate-science" in credentials["postdoctoral-researcher-cell-biology"]
    assert credentials["warehouse-operative"] == []


def test_no_two_roles_claim_the_same_esco_occupation(dataset):
    uris = [role.esco_uri for role in dataset.roles if role.esco_uri]
    assert len(uris) == len(set(uris))


def test_there_are_40_occupations_across_9_sectors_each_with_8_skills(dataset):
    assert len(dataset.occupations) >= 40
    assert len({o.sector for o in dataset.occupations}) >= 9
    assert all(len(o.skills) >= 8 for o in dataset.occupations)


def test_there_are_200_skills_mostly_mapped_to_esco(dataset):
    assert len(dataset.skills) >= 200
    mapped = sum(1 for skill in dataset.skills if skill.esco_uri)
    assert mapped / len(dataset.skills) >= 0.6


def test_transfers_cover_every_sector_people_come_from(dataset):
    assert len(dataset.transfers) >= 150
    sources = {t.from_skill for t in dataset.transfers}
    uncovered = sorted(
        sector
        for sector in {o.sector for o in dataset.occupations}
        if not any(s.skill in sources for o in dataset.occupations if o.sector == sector for s in o.skills)
    )
    assert uncovered == []


def test_there_are_80_courses_online_and_on_site(dataset):
    modes = Counter(course.mode for course in dataset.courses)
    assert len(dataset.courses) >= 80
    assert modes["online"] >= 50
    assert modes["on-site"] >= 20


def test_the_four_national_training_centres(dataset):
    assert len(dataset.centres) == 4
    used = {centre for course in dataset.courses for centre in course.centres}
    assert used == {centre.slug for centre in dataset.centres}


@pytest.mark.django_db
def test_the_real_data_loads_once_and_then_matches(real, load):
    assert real.changed
    assert Skill.objects.count() == real.counts["skills"]
    assert not load(REAL).changed


@pytest.mark.django_db
def test_brewery_worker_finds_the_brew_house_operator(real):
    top = [o.slug for o in search_occupations("brewery worker", limit=3)]
    assert top[0] == "brew-house-operator"
    assert SourceOccupation.objects.get(slug="brew-house-operator").title == "Brew house operator"
