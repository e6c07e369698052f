"""`skillsnet import_esco`: the ESCO import, on a small fixture export and on the real one (data/esco, or $ESCO_DIR)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from skillsnet.catalogue import esco, esco_bridge
from skillsnet.catalogue.models import EscoSkillLink, OccupationSkill, Origin, Skill, SkillKind, SourceOccupation
from skillsnet.catalogue.snapshot import build_snapshot
from skillsnet.catalogue.versioning import catalogue_version

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "esco"
# The real export: the copy shipped in data/esco unless $ESCO_DIR points elsewhere (e.g. the official zips).
ESCO_DIR = os.environ.get("ESCO_DIR") or str(ROOT / "data" / "esco")

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
BREWERY = OCC + "653ad5d0-8235-4dc9-ac5c-31af0b9d6073"
PACKAGING = OCC + "5ff9af63-d55a-4fc0-a1c4-3c66c9974176"
GMP = SKILL + "13f22eb5-e3a8-405a-9d89-c8124d4a239a"  # the real URI that data/skills.yaml gives `gmp`
FERMENTATION = SKILL + "b92788d1-3f75-4b2b-9285-5832a5500965"
RECORDS = SKILL + "307bb181-8bee-4b83-81b8-7cbb14a22692"
DIGITAL_SAFETY = SKILL + "a98686a9-3bc0-4456-be03-26811fe266c3"

pytestmark = pytest.mark.django_db


def run_import(path: Path) -> str:
    out = io.StringIO()
    call_command("import_esco", str(path), "--no-progress", stdout=out)
    return out.getvalue()


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit_csv(path: Path, edit) -> None:
    """Rewrite one of the fixture's CSVs: `edit(rows)` changes the list of rows (header first) in place."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def build_official_zips(tmp_path: Path) -> Path:
    """The fixture packed as the two official zips, the CSVs at the top of each as in the download."""
    folder = tmp_path / "zips"
    folder.mkdir()
    with zipfile.ZipFile(folder / "classification-en-csv.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURE / "occupations_en.csv", "occupations_en.csv")
        z.write(FIXTURE / "skills_en.csv", "skills_en.csv")
    with zipfile.ZipFile(folder / "relations-csv.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURE / "occupationSkillRelations.csv", "occupationSkillRelations.csv")
    return folder


# --- Importing --------------------------------------------------------------------------------------


def test_it_imports_every_occupation_skill_and_relation_of_the_fixture():
    before = catalogue_version()
    report = esco.import_esco(path=FIXTURE)

    assert SourceOccupation.objects.filter(origin=Origin.ESCO).count() == 4
    assert Skill.objects.filter(origin=Origin.ESCO).count() == 6
    assert OccupationSkill.objects.count() == 12
    assert (report.occupations.created, report.skills.created, report.relations.created) == (4, 6, 12)
    assert report.relation_rows == 13
    assert report.dangling_relations == 1  # the relation naming an occupation the export does not define
    assert catalogue_version() == before + 1  # bumped once, not once per row

    brewery = SourceOccupation.objects.get(esco_uri=BREWERY)
    assert brewery.slug == "esco-occupation-653ad5d0-8235-4dc9-ac5c-31af0b9d6073"
    assert brewery.title == "brewery cellar operative"
    assert brewery.isco_code == "8160"
    assert brewery.description.startswith("Brewery cellar operatives look after beer")
    fermentation = Skill.objects.get(esco_uri=FERMENTATION)
    assert fermentation.slug == "esco-skill-b92788d1-3f75-4b2b-9285-5832a5500965"
    assert fermentation.kind == SkillKind.SKILL
    assert Skill.objects.get(esco_uri=GMP).kind == SkillKind.KNOWLEDGE
    assert Skill.objects.get(esco_uri=DIGITAL_SAFETY).kind == SkillKind.SKILL  # ESCO leaves its type empty


def test_essential_skills_count_as_working_and_optional_ones_as_awareness():
    esco.import_esco(path=FIXTURE)
    links = {
        link.skill.esco_uri: (link.level, link.essential)
        for link in OccupationSkill.objects.filter(occupation__esco_uri=BREWERY).select_related("skill")
    }
    assert links[FERMENTATION] == (2, True)
    assert links[GMP] == (1, False)


def test_it_splits_alternative_labels_on_newlines():
    esco.import_esco(path=FIXTURE)
    brewery = SourceOccupation.objects.get(esco_uri=BREWERY)
    # The preferred label, repeated among ESCO's alternatives, is dropped; inner double spaces are collapsed.
    assert brewery.alt_titles == ["cellar operative", "brewery cellarman", "brewery cellar worker"]
    fermentation = Skill.objects.get(esco_uri=FERMENTATION)
    assert fermentation.esco_alt_labels == ["run fermenters", "manage fermentation tanks"]
    assert fermentation.alt_labels == []  # ours, for curated synonyms
    assert fermentation.search_text == "operate fermentation vessels | run fermenters | manage fermentation tanks"
    assert brewery.search_text.startswith("brewery cellar operative | cellar operative | ")


@pytest.mark.parametrize(
    "layout",
    ["folder of the two zips", "the classification zip", "the relations zip", "CSVs one folder down"],
)
def test_it_reads_the_official_zips_or_a_nested_folder(tmp_path, layout):
    zips = build_official_zips(tmp_path)
    path = {
        "folder of the two zips": zips,
        "the classification zip": zips / "classification-en-csv.zip",
        "the relations zip": zips / "relations-csv.zip",
        "CSVs one folder down": Path(shutil.copytree(FIXTURE, tmp_path / "outer" / "esco-v1.1.1")).parent,
    }[layout]
    report = esco.import_esco(path=path)
    assert (report.occupations.created, report.skills.created, report.relations.created) == (4, 6, 12)
    assert Skill.objects.get(esco_uri=FERMENTATION).esco_alt_labels == ["run fermenters", "manage fermentation tanks"]


def test_it_reports_progress_by_stage():
    seen: dict[str, tuple[int, int]] = {}
    esco.import_esco(path=FIXTURE, progress=lambda stage, done, total: seen.__setitem__(stage, (done, total)))
    assert seen["Reading skills_en.csv"][0] == seen["Reading skills_en.csv"][1] > 0
    assert seen["Writing relations"] == (12, 12)


def test_the_command_prints_a_summary():
    output = run_import(FIXTURE)
    assert "Skills: 6 created, 0 updated, 0 unchanged" in output
    assert "Occupations: 4 created, 0 updated, 0 unchanged" in output
    assert "Relations: 12 created, 0 updated, 0 unchanged (of 13 rows in the export)" in output
    assert "Skipped 1 relations naming an occupation or skill the export does not define." in output


# --- Linking to curated rows ------------------------------------------------------------------------


def test_a_curated_skill_with_the_same_uri_is_enriched_not_duplicated():
    gmp = Skill.objects.create(
        slug="gmp",
        name="Good manufacturing practice (GMP)",
        kind=SkillKind.KNOWLEDGE,
        description="Our own words.",
        esco_uri=GMP,
        alt_labels=["cGMP"],
    )
    report = esco.import_esco(path=FIXTURE)

    assert Skill.objects.count() == 6
    assert report.skills.created == 5
    assert report.skills.curated == 1
    gmp.refresh_from_db()
    assert (gmp.slug, gmp.name, gmp.description, gmp.origin) == (
        "gmp",
        "Good manufacturing practice (GMP)",
        "Our own words.",
        Origin.CURATED,
    )
    assert gmp.alt_labels == ["cGMP"]
    # ESCO's preferred label is a synonym of our name.
    assert gmp.esco_alt_labels == ["good manufacturing practices", "GMP", "current good manufacturing practice"]
    assert gmp.search_text == (
        "good manufacturing practice (gmp) | cgmp | good manufacturing practices | gmp"
        " | current good manufacturing practice"
    )
    # Relations point at the curated skill: brewery (optional), dairy and packaging (essential).
    assert OccupationSkill.objects.filter(skill=gmp).count() == 3


def test_a_curated_occupation_keeps_its_title_and_skills_and_gains_esco_titles():
    packer = SourceOccupation.objects.create(
        slug="pharmaceutical-packer",
        title="Pharmaceutical packing operative",
        esco_uri=PACKAGING,
        alt_titles=["blister pack operator", "pharmaceutical packer"],
    )
    report = esco.import_esco(path=FIXTURE)

    assert SourceOccupation.objects.count() == 4
    assert report.occupations.curated == 1
    packer.refresh_from_db()
    assert packer.title == "Pharmaceutical packing operative"
    assert packer.origin == Origin.CURATED
    assert packer.alt_titles == [
        "blister pack operator",
        "pharmaceutical packer",
        "pharmaceutical packaging operator",
        "medicines packaging operative",
    ]
    assert packer.isco_code == "8131"
    assert "medicines packaging operative" in packer.search_text.split(" | ")
    assert not packer.skills.exists()  # its curated skills stay authoritative
    assert report.relations_of_curated_occupations == 2
    assert report.relations.created == 10


def test_a_skill_curated_after_the_import_keeps_its_own_name_when_the_import_runs_again():
    esco.import_esco(path=FIXTURE)
    # What the dataset loader does when a curated skill names the URI of an imported one: it adopts the row.
    Skill.objects.filter(esco_uri=GMP).update(
        slug="gmp", name="Good manufacturing practice (GMP)", origin=Origin.CURATED
    )

    report = esco.import_esco(path=FIXTURE)

    assert (report.skills.updated, report.skills.curated) == (1, 1)
    gmp = Skill.objects.get(esco_uri=GMP)
    assert (gmp.slug, gmp.name) == ("gmp", "Good manufacturing practice (GMP)")
    assert gmp.esco_alt_labels[0] == "good manufacturing practices"
    assert esco.import_esco(path=FIXTURE).changed is False


# --- Idempotence and updates --------------------------------------------------------------------------


def test_a_second_import_changes_nothing_and_leaves_the_version_alone():
    Skill.objects.create(slug="gmp", name="Good manufacturing practice (GMP)", esco_uri=GMP)
    SourceOccupation.objects.create(slug="pharmaceutical-packer", title="Pharmaceutical packer", esco_uri=PACKAGING)
    esco.import_esco(path=FIXTURE)
    version = catalogue_version()

    report = esco.import_esco(path=FIXTURE)

    assert not report.changed
    assert (report.skills.created, report.skills.updated, report.skills.unchanged) == (0, 0, 6)
    assert (report.occupations.created, report.occupations.updated, report.occupations.unchanged) == (0, 0, 4)
    assert (report.relations.created, report.relations.updated, report.relations.unchanged) == (0, 0, 10)
    assert not report.catalogue_version_bumped
    assert catalogue_version() == version
    assert "Nothing changed" in run_import(FIXTURE)


def test_a_changed_export_updates_only_what_changed_and_leaves_vanished_rows(tmp_path):
    esco.import_esco(path=FIXTURE)
    version = catalogue_version()
    export = copy_fixture(tmp_path)

    def rename_record_skill(rows):
        for row in rows:
            if row[1] == RECORDS:
                row[4] = "record production data accurately"

    def make_brewery_gmp_essential_and_drop_its_fermentation(rows):
        for row in rows:
            if row[0] == BREWERY and row[3] == GMP:
                row[1] = "essential"
        rows[:] = [row for row in rows if not (row[0] == BREWERY and row[3] == FERMENTATION)]

    edit_csv(export / "skills_en.csv", rename_record_skill)
    edit_csv(export / "occupationSkillRelations.csv", make_brewery_gmp_essential_and_drop_its_fermentation)

    report = esco.import_esco(path=export)

    assert (report.skills.created, report.skills.updated, report.skills.unchanged) == (0, 1, 5)
    assert (report.relations.created, report.relations.updated, report.relations.deleted) == (0, 1, 1)
    assert Skill.objects.get(esco_uri=RECORDS).name == "record production data accurately"
    assert OccupationSkill.objects.get(occupation__esco_uri=BREWERY, skill__esco_uri=GMP).level == 2
    # The vanished relation is deleted: relations are the export's alone. The skill itself stays.
    assert not OccupationSkill.objects.filter(occupation__esco_uri=BREWERY, skill__esco_uri=FERMENTATION).exists()
    assert Skill.objects.filter(esco_uri=FERMENTATION).exists()
    assert catalogue_version() == version + 1


def test_a_curated_skill_whose_esco_uri_changes_keeps_no_stale_relations():
    # A curated skill first names the GMP concept, so ESCO's GMP relations point at it.
    gmp = Skill.objects.create(slug="gmp", name="Good manufacturing practice (GMP)", esco_uri=GMP)
    esco.import_esco(path=FIXTURE)
    assert OccupationSkill.objects.filter(skill=gmp).count() == 3

    # The curator decides the link was wrong and removes it (what load_dataset writes), then re-imports.
    Skill.objects.filter(pk=gmp.pk).update(esco_uri=None)
    report = esco.import_esco(path=FIXTURE)

    assert not OccupationSkill.objects.filter(skill=gmp).exists()
    assert OccupationSkill.objects.filter(skill__esco_uri=GMP, skill__origin=Origin.ESCO).count() == 3
    assert (report.relations.created, report.relations.deleted) == (3, 3)
    assert OccupationSkill.objects.count() == 12
    assert esco.import_esco(path=FIXTURE).changed is False


# --- Errors -------------------------------------------------------------------------------------------


def assert_refused(path: Path, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert not Skill.objects.exists()  # nothing written
    assert not SourceOccupation.objects.exists()


def test_it_refuses_a_path_that_does_not_exist(tmp_path):
    assert_refused(tmp_path / "nowhere", r"nowhere does not exist\.")


def test_it_refuses_a_file_that_is_not_a_zip(tmp_path):
    (tmp_path / "esco.txt").write_text("hello")
    assert_refused(tmp_path / "esco.txt", r"esco\.txt is neither a folder nor a \.zip file")


def test_it_refuses_a_broken_zip(tmp_path):
    (tmp_path / "classification-en-csv.zip").write_bytes(b"not a zip at all")
    assert_refused(tmp_path / "classification-en-csv.zip", r"cannot be read as a zip file")


def test_it_names_a_missing_file(tmp_path):
    export = copy_fixture(tmp_path)
    (export / "occupationSkillRelations.csv").unlink()
    assert_refused(export, r"^occupationSkillRelations\.csv is missing from .*export")


def test_it_names_a_missing_column(tmp_path):
    export = copy_fixture(tmp_path)
    edit_csv(export / "skills_en.csv", lambda rows: rows[0].__setitem__(2, "type"))
    assert_refused(export, r"^skills_en\.csv lacks the column\(s\) skillType in its header row\.$")


def test_it_names_the_row_with_a_bad_relation_type(tmp_path):
    export = copy_fixture(tmp_path)
    edit_csv(export / "occupationSkillRelations.csv", lambda rows: rows[5].__setitem__(1, "desirable"))
    assert_refused(
        export,
        r"^occupationSkillRelations\.csv, row 6: relationType 'desirable' is neither 'essential' nor 'optional'\.$",
    )


def test_it_names_the_row_with_a_bad_uri_inside_a_zip(tmp_path):
    export = copy_fixture(tmp_path)
    edit_csv(export / "occupations_en.csv", lambda rows: rows[3].__setitem__(1, "http://example.com/occupation/1"))
    with zipfile.ZipFile(tmp_path / "classification-en-csv.zip", "w") as z:
        for name in ("occupations_en.csv", "skills_en.csv"):
            z.write(export / name, name)
    with zipfile.ZipFile(tmp_path / "relations-csv.zip", "w") as z:
        z.write(export / "occupationSkillRelations.csv", "occupationSkillRelations.csv")
    assert_refused(
        tmp_path / "classification-en-csv.zip",
        r"^occupations_en\.csv \(in classification-en-csv\.zip\), row 4: "
        r"conceptUri 'http://example\.com/occupation/1' is not an ESCO occupation URI\.$",
    )


def test_it_names_the_row_that_is_not_utf8(tmp_path):
    export = copy_fixture(tmp_path)
    path = export / "skills_en.csv"
    # Row 7 (the sixth skill) in Latin-1, as a spreadsheet might save it.
    lines = path.read_bytes().split(b"\r\n")
    index = next(
        i for i, line in enumerate(lines) if line.startswith(b"KnowledgeSkillCompetence,") and b"a98686a9" in line
    )
    lines[index] = lines[index].replace(b"digital safety", "digital safety café".encode("latin-1"))
    path.write_bytes(b"\r\n".join(lines))
    assert_refused(export, r"^skills_en\.csv, row 7: is not valid UTF-8 text\.$")


def test_it_names_a_repeated_uri(tmp_path):
    export = copy_fixture(tmp_path)
    edit_csv(export / "skills_en.csv", lambda rows: rows.append(list(rows[2])))
    assert_refused(export, r"^skills_en\.csv, row 8: repeats the conceptUri of row 3\.$")


def test_the_cli_exits_non_zero_without_a_traceback(tmp_path):
    skillsnet = Path(sys.executable).parent / "skillsnet"
    result = subprocess.run(
        [str(skillsnet), "import_esco", str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


# --- Compressed CSVs and checksums (the layout of data/esco) -----------------------------------------


def gzipped_export(tmp_path: Path) -> Path:
    """The fixture as data/esco holds the real export: each CSV gzip-compressed, SHA256SUMS of the content."""
    folder = tmp_path / "esco"
    folder.mkdir()
    sums = []
    for path in sorted(FIXTURE.glob("*.csv")):
        content = path.read_bytes()
        (folder / f"{path.name}.gz").write_bytes(gzip.compress(content, mtime=0))
        sums.append(f"{hashlib.sha256(content).hexdigest()}  {path.name}\n")
    (folder / "SHA256SUMS").write_text("".join(sums))
    return folder


def test_it_reads_gzipped_csvs_checked_against_sha256sums(tmp_path):
    report = esco.import_esco(path=gzipped_export(tmp_path))
    assert (report.occupations.created, report.skills.created, report.relations.created) == (4, 6, 12)
    assert Skill.objects.get(esco_uri=FERMENTATION).esco_alt_labels == ["run fermenters", "manage fermentation tanks"]


def test_it_refuses_a_gzipped_csv_that_does_not_match_its_checksum(tmp_path):
    folder = gzipped_export(tmp_path)
    content = gzip.decompress((folder / "skills_en.csv.gz").read_bytes())
    (folder / "skills_en.csv.gz").write_bytes(gzip.compress(content.replace(b"fermenters", b"fermentors")))
    assert_refused(folder, r"skills_en\.csv\.gz does not match its checksum in SHA256SUMS: .*nothing was imported")


def test_it_refuses_when_a_file_the_checksums_list_is_missing(tmp_path):
    folder = gzipped_export(tmp_path)
    (folder / "SHA256SUMS").write_text((folder / "SHA256SUMS").read_text() + f"{'0' * 64}  extra.csv\n")
    assert_refused(folder, r"SHA256SUMS lists extra\.csv, but neither extra\.csv nor extra\.csv\.gz is in ")


def test_it_refuses_a_malformed_checksum_file(tmp_path):
    folder = gzipped_export(tmp_path)
    (folder / "SHA256SUMS").write_text("not a checksum\n")
    assert_refused(folder, r"SHA256SUMS, line 1: expected '<sha256>  <file name>'")


def test_without_a_path_it_imports_data_esco(tmp_path, settings):
    gzipped_export(tmp_path)
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    call_command("import_esco", "--brief", stdout=out)
    line = out.getvalue().strip()
    assert line.startswith("ESCO v1.1.1: 4 occupations, 6 skills, 12 relations, updated (")
    out = io.StringIO()
    call_command("import_esco", "--brief", stdout=out)
    assert "already up to date" in out.getvalue()
    assert len(out.getvalue().strip().splitlines()) == 1


def test_the_shipped_copy_matches_its_checksums_and_the_readme_attributes_it():
    folder = ROOT / "data" / "esco"
    sums = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())
    assert set(sums) >= {*esco.REQUIRED_FILES, "broaderRelationsSkillPillar.csv", "skillSkillRelations.csv"}
    for name, expected in sums.items():
        assert hashlib.sha256(gzip.decompress((folder / f"{name}.gz").read_bytes())).hexdigest() == expected, name
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for needed in ("© European Union", "CC BY 4.0", "ESCO v1.1.1"):
        assert needed in readme


# --- The real export (data/esco, or $ESCO_DIR) ----------------------------------------------------------


@pytest.mark.esco
def test_it_imports_the_real_export_in_full_with_the_bridge(real, esco_export):
    """The one full import of the test session: the curated dataset, then ESCO and the shipped bridge."""
    start = time.monotonic()
    report = esco.import_esco(path=ESCO_DIR, bridge=ROOT / "data" / "esco_bridge.csv")
    elapsed = time.monotonic() - start

    # Curated rows that carry an ESCO URI are those concepts, enriched, not duplicated.
    assert SourceOccupation.objects.filter(esco_uri__isnull=False).count() == 3_007
    assert Skill.objects.filter(esco_uri__isnull=False).count() == 13_896
    assert report.skills.curated == Skill.objects.filter(origin=Origin.CURATED, esco_uri__isnull=False).count()
    assert sum(1 for skill in esco_export.skills if skill.kind == SkillKind.KNOWLEDGE) == 3_059
    assert report.relation_rows == 123_855
    # 67 rows name occupation a9e54177-…, which occupations_en.csv does not define: skipped and counted.
    assert report.dangling_relations == 67
    stored = OccupationSkill.objects.filter(occupation__origin=Origin.ESCO).count()
    assert stored == 123_855 - 67 - report.relations_of_curated_occupations
    assert elapsed < 60, f"the import took {elapsed:.0f} s"

    links = esco_bridge.read_bridge(ROOT / "data" / "esco_bridge.csv")
    assert EscoSkillLink.objects.count() == len(links) == report.bridge.created
    bridge = build_snapshot(catalogue_version()).bridge
    team = Skill.objects.get(name="work in a construction team", origin=Origin.ESCO).slug
    assert ("teamwork", 0.8) in bridge[team]
    housekeeping = Skill.objects.get(name="clean rooms").slug
    assert housekeeping.startswith("esco-skill-")  # no longer the curated cleanroom skill
    assert "cleanroom-behaviour" not in dict(bridge.get(housekeeping, ()))
    assert esco.import_esco(path=ESCO_DIR, bridge=ROOT / "data" / "esco_bridge.csv").changed is False


@pytest.mark.esco
def test_every_esco_uri_in_the_dataset_exists_in_the_real_export(esco_export):
    export = esco_export
    known = {"skill": {s.uri for s in export.skills}, "occupation": {o.uri for o in export.occupations}}
    # skills.yaml names ESCO skills; roles.yaml and occupations.yaml name ESCO occupations.
    expected_kind = {"skills.yaml": "skill", "roles.yaml": "occupation", "occupations.yaml": "occupation"}
    problems, checked = [], 0
    for path in sorted((ROOT / "data").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            uri = entry.get("esco_uri") if isinstance(entry, dict) else None
            if not uri:
                continue
            checked += 1
            kind = expected_kind.get(path.name) or ("skill" if "/skill/" in uri else "occupation")
            if uri not in known[kind]:
                problems.append(f"{path.name} {entry.get('slug')}: {uri} is not an ESCO {kind} in v1.1.1")
    assert checked, "no esco_uri found in data/*.yaml"
    assert not problems, "\n".join(problems)
