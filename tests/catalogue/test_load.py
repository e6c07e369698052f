"""Loading the dataset: one transaction, idempotent, only changed rows written, one version bump."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillsnet.catalogue.dataset import DatasetError
from skillsnet.catalogue.models import (
    Course,
    CoursePrerequisite,
    CourseSkill,
    OccupationSkill,
    Origin,
    Provider,
    Role,
    RoleSkill,
    Sector,
    Skill,
    SkillTransfer,
    SourceOccupation,
)
from skillsnet.catalogue.services import LoadError
from skillsnet.catalogue.versioning import catalogue_version
from skillsnet.centres.models import Centre

from .conftest import MINI

pytestmark = pytest.mark.django_db

MODELS = [
    Sector,
    Skill,
    SkillTransfer,
    Role,
    RoleSkill,
    SourceOccupation,
    OccupationSkill,
    Provider,
    Course,
    CourseSkill,
    CoursePrerequisite,
    Centre,
    Centre.courses.through,
]


def dump() -> dict[str, list[dict[str, Any]]]:
    return {model.__name__: list(model._default_manager.order_by("pk").values()) for model in MODELS}


def test_it_loads_every_file(mini):
    assert mini.changed
    assert mini.catalogue_version_bumped
    assert mini.changes["skills"].created == 10
    assert mini.changes["role skills"].created == 16
    assert mini.changes["centre courses"].created == 3
    assert Skill.objects.filter(origin=Origin.CURATED).count() == 10
    role = Role.objects.get(slug="atmp-manufacturing-technician")
    assert role.shortage
    assert role.apprenticeship_standards == ["ST1406"]
    assert role.requirements.get(skill__slug="gmp").level == 3
    assert role.entry_requirements == []
    assert Role.objects.get(slug="qc-analyst").entry_requirements == ["science-degree"]
    bms = SourceOccupation.objects.get(slug="biomedical-scientist")
    assert bms.credentials == ["hcpc-registration", "science-degree"]
    practical = Course.objects.get(slug="cleanroom-gowning-practical")
    assert str(practical.hours) == "7.5"
    assert [c.slug for c in practical.centres.all()] == ["example-lab-north"]
    assert [p.slug for p in practical.prerequisites.all()] == ["gmp-essentials"]
    assert SourceOccupation.objects.get(slug="brew-house-operator").sector.slug == "brewing-distilling"
    assert list(Skill.objects.filter(generic=True).values_list("slug", flat=True)) == ["teamwork"]
    assert (
        Skill.objects.get(slug="gmp").search_text
        == "good manufacturing practice (gmp) | gmp | good manufacturing practice"
    )


def test_a_load_bumps_the_catalogue_version_once(load):
    before = catalogue_version()
    load(MINI)
    assert catalogue_version() == before + 1


def test_loading_twice_changes_nothing(load):
    load(MINI)
    first, version = dump(), catalogue_version()
    again = load(MINI)
    assert not again.changed
    assert not again.catalogue_version_bumped
    assert all(not changes for changes in again.changes.values())
    assert dump() == first
    assert catalogue_version() == version


def test_an_invalid_dataset_leaves_the_database_untouched(load, data):
    load(MINI)
    before, version = dump(), catalogue_version()
    data.replace("sectors", "name: Brewing and distilling", "name: Brewing")
    data.replace("roles", "{skill: gmp, level: 3, essential: true}", "{skill: gmp, level: 9, essential: true}")
    with pytest.raises(DatasetError):
        load(data)
    assert dump() == before
    assert catalogue_version() == version


def test_a_load_the_database_refuses_is_rolled_back_whole(load, data):
    load(MINI)
    # An imported occupation still uses a curated skill that the edited files drop.
    esco_job = SourceOccupation.objects.create(
        slug="esco-occupation-x",
        title="Cellar hand",
        origin=Origin.ESCO,
        esco_uri="http://data.europa.eu/esco/occupation/x",
    )
    OccupationSkill.objects.create(occupation=esco_job, skill=Skill.objects.get(slug="haccp"), level=2)
    before, version = dump(), catalogue_version()
    data.replace("sectors", "name: Brewing and distilling", "name: Brewing")  # a change that must not stick
    drop_haccp(data)
    with pytest.raises(LoadError, match="still used elsewhere"):
        load(data)
    assert dump() == before
    assert catalogue_version() == version


def drop_haccp(data) -> None:
    text = data.text("skills")
    data.write("skills", text[: text.index("- slug: haccp")])
    data.replace(
        "transfers",
        "- {from: haccp, to: gmp, credit: 0.5, rationale: Both control a process by written rules and records.}\n",
        "",
    )
    data.replace(
        "roles",
        "    - {skill: haccp, level: 1, essential: false}\n",
        "    - {skill: fermentation, level: 1, essential: false}\n",
    )
    data.replace("occupations", "    - {skill: haccp, level: 2, essential: true}\n", "")
    data.replace(
        "occupations",
        "    - {skill: haccp, level: 1, essential: false}\n",
        "    - {skill: fermentation, level: 1, essential: false}\n",
    )
    data.replace(
        "occupations",
        "    - {skill: cip-sip, level: 3, essential: true}\n",
        "    - {skill: cip-sip, level: 3, essential: true}\n    - {skill: pcr, level: 1, essential: false}\n",
    )
    data.replace("courses", "    - {skill: haccp, to_level: 1}\n", "")


def test_it_writes_only_what_changed(load, data):
    load(MINI)
    data.replace("skills", "name: Teamwork", "name: Working in a team")
    data.replace("courses", "  hours: 20\n", "  hours: 21\n")
    report = load(data)
    assert report.changes["skills"].updated == 1
    assert report.changes["courses"].updated == 1
    assert sum(c.created + c.updated + c.deleted for c in report.changes.values()) == 2
    assert Skill.objects.get(slug="teamwork").search_text == "working in a team"


def test_rows_gone_from_the_files_are_removed(load, data):
    load(MINI)
    data.replace(
        "roles",
        "    - {skill: cip-sip, level: 1, essential: false}\n",
        "    - {skill: pcr, level: 1, essential: false}\n",
    )
    data.replace(
        "courses",
        "  prerequisites: [gmp-essentials, cleanroom-gowning-practical]\n",
        "  prerequisites: [gmp-essentials]\n",
    )
    data.replace("courses", "  centres: [example-lab-north, example-lab-south]\n", "  centres: [example-lab-north]\n")
    data.replace(
        "transfers",
        "- {from: fermentation, to: cell-counting, credit: 0.2, rationale: Brewers count yeast cells.}\n",
        "",
    )
    data.replace("providers", "  website: https://example.org\n", "")
    report = load(data)
    assert (report.changes["role skills"].created, report.changes["role skills"].deleted) == (1, 1)
    assert report.changes["course prerequisites"].deleted == 1
    assert report.changes["centre courses"].deleted == 1
    assert report.changes["transfers"].deleted == 1
    assert report.changes["providers"].updated == 1
    role = Role.objects.get(slug="atmp-manufacturing-technician")
    assert not role.requirements.filter(skill__slug="cip-sip").exists()
    assert not SkillTransfer.objects.filter(from_skill__slug="fermentation").exists()
    assert Provider.objects.get(slug="open-learning").website == ""
    course = Course.objects.get(slug="cell-and-molecular-lab-skills")
    assert [c.slug for c in course.centres.all()] == ["example-lab-north"]


def test_a_removed_course_goes_with_its_links(load, data):
    load(MINI)
    text = data.text("courses")
    data.write("courses", text[: text.index("- slug: cell-and-molecular-lab-skills")])
    data.replace(
        "courses",
        "{skill: fermentation, to_level: 1}",
        "{skill: fermentation, to_level: 1}\n    - {skill: cell-counting, to_level: 3}\n    - {skill: pcr, to_level: 3}",
    )
    report = load(data)
    assert report.changes["courses"].deleted == 1
    assert report.changes["course prerequisites"].deleted == 2
    assert report.changes["centre courses"].deleted == 2
    assert not Course.objects.filter(slug="cell-and-molecular-lab-skills").exists()


def test_imported_rows_are_left_alone_and_adopted_by_esco_uri(load):
    esco_gmp = Skill.objects.create(
        slug="esco-skill-0000-gmp",
        name="apply GMP",
        origin=Origin.ESCO,
        esco_uri="http://data.europa.eu/esco/skill/0000-gmp",
        esco_alt_labels=["good manufacturing practices"],
    )
    other = Skill.objects.create(
        slug="esco-skill-other", name="brew beer", origin=Origin.ESCO, esco_uri="http://data.europa.eu/esco/skill/beer"
    )
    esco_job = SourceOccupation.objects.create(
        slug="esco-occupation-brewer",
        title="brewer",
        origin=Origin.ESCO,
        esco_uri="http://data.europa.eu/esco/occupation/brewer",
    )
    OccupationSkill.objects.create(occupation=esco_job, skill=other, level=2)
    load(MINI)
    esco_gmp.refresh_from_db()
    # The curated skill *is* the ESCO skill: same row, our words, ESCO's labels kept.
    assert (esco_gmp.slug, esco_gmp.origin, esco_gmp.name) == (
        "gmp",
        Origin.CURATED,
        "Good manufacturing practice (GMP)",
    )
    assert "good manufacturing practices" in esco_gmp.search_text
    assert Skill.objects.filter(esco_uri="http://data.europa.eu/esco/skill/0000-gmp").count() == 1
    assert Skill.objects.filter(slug="esco-skill-other").exists()
    assert esco_job.skills.count() == 1
    assert not load(MINI).changed


def test_a_curated_esco_skill_dropped_from_the_files_returns_to_esco(load, data):
    load(MINI)
    gmp = Skill.objects.get(slug="gmp")
    data.replace("skills", "  esco_uri: http://data.europa.eu/esco/skill/0000-gmp\n", "")
    data.replace("skills", "slug: gmp\n", "slug: gmp-rules\n")
    for name in ("transfers", "roles", "occupations", "courses"):
        data.write(
            name, data.text(name).replace("to: gmp,", "to: gmp-rules,").replace("{skill: gmp,", "{skill: gmp-rules,")
        )
    report = load(data)
    assert report.changes["skills"].created == 1
    assert report.changes["skills"].deleted == 1
    gmp.refresh_from_db()
    assert gmp.origin == Origin.ESCO
    assert gmp.alt_labels == []


def test_load_dataset_command_prints_counts(db, capsys):
    call_command("load_dataset", "--data", str(MINI))
    out = capsys.readouterr().out
    assert "skills                    10 created     0 updated     0 deleted" in out
    assert "catalogue version bumped" in out
    call_command("load_dataset", "--data", str(MINI))
    assert "the catalogue already matches" in capsys.readouterr().out


def test_load_dataset_command_refuses_an_invalid_dataset(db, data):
    data.replace("roles", "family: manufacturing", "family: making")
    with pytest.raises(CommandError, match=r"(?s)Nothing was loaded: 1 problem in .*roles\.yaml:3: roles\[0\]\.family"):
        call_command("load_dataset", "--data", str(data.path))
    assert not Skill.objects.exists()


def test_entry_requirements_follow_the_files_and_a_retired_occupation_drops_its_credentials(load, data):
    load(MINI)
    data.replace(
        "roles",
        "  entry_requirements: [science-degree]\n",
        "  entry_requirements: [science-degree, postgraduate-science]\n",
    )
    text = data.text("occupations")
    data.write("occupations", text[: text.index("- slug: biomedical-scientist")])
    report = load(data)
    assert report.changes["roles"].updated == 1
    assert Role.objects.get(slug="qc-analyst").entry_requirements == ["science-degree", "postgraduate-science"]
    # The occupation has an ESCO URI, so it goes back to being a plain ESCO row, without our credentials.
    bms = SourceOccupation.objects.get(slug="biomedical-scientist")
    assert (bms.origin, bms.credentials) == (Origin.ESCO, [])
    assert not load(data).changed


def test_career_routes_follow_the_file(load, data):
    from skillsnet.catalogue.models import CareerRoute

    route = '- isco: "{isco}"\n  name: {name}\n  roles: [{roles}]\n  rationale: Why\n'
    data.write("career_routes", route.format(isco="8", name="Operators", roles="qc-analyst"))
    report = load(data)
    assert report.changes["career routes"].created == 1
    assert list(CareerRoute.objects.values_list("isco", "name", "roles")) == [("8", "Operators", ["qc-analyst"])]
    version = catalogue_version()
    assert load(data).changes["career routes"].updated == 0
    assert catalogue_version() == version

    roles = "atmp-manufacturing-technician, qc-analyst"
    data.write("career_routes", route.format(isco="81", name="Plant operators", roles=roles))
    report = load(data)
    assert (report.changes["career routes"].created, report.changes["career routes"].deleted) == (1, 1)
    assert list(CareerRoute.objects.values_list("isco", "roles")) == [("81", roles.split(", "))]
    assert catalogue_version() > version
