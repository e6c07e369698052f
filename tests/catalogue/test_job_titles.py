"""data/job_titles.yaml: checked like the other files, loaded onto occupations by URI, kept by the ESCO import."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillsnet.catalogue import esco
from skillsnet.catalogue.dataset import DatasetError, check_job_titles_against_esco, read_dataset
from skillsnet.catalogue.models import SourceOccupation
from skillsnet.catalogue.selectors import search_occupations
from skillsnet.catalogue.titles import core_title, normalise_title
from skillsnet.catalogue.versioning import catalogue_version

from .conftest import REAL, DataDir

OCC = "http://data.europa.eu/esco/occupation/"
CELLAR = OCC + "653ad5d0-8235-4dc9-ac5c-31af0b9d6073"  # in the fixture export: brewery cellar operative
BMS = OCC + "0000-bms"  # the mini dataset's biomedical scientist
FIXTURE_EXPORT = Path(__file__).parent / "fixtures" / "esco"

TITLES = f"""\
- esco_uri: {BMS}
  esco_title: biomedical scientist
  group: health
  titles: [band 6 BMS, specialist biomedical scientist]
- esco_uri: {CELLAR}
  esco_title: brewery cellar operative
  group: food
  titles: [cellar operative, beer cellar hand]
  note: An example entry for the fixture export.
"""


def with_titles(data: DataDir, text: str = TITLES) -> DataDir:
    data.write("job_titles", text)
    return data


# --- Normalisation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Warehouse Operatives", "warehouse operative"),
        ("HGV drivers", "hgv driver"),
        ("Admin Asst.", "administrative assistant"),
        ("fork-lift driver", "forklift driver"),
        ("Health & Safety Officer", "health safety officer"),
        ("Midwives", "midwife"),
        ("Head of Housekeeping", "head housekeeping"),
    ],
)
def test_titles_are_normalised(typed, normal):
    assert normalise_title(typed) == normal


def test_the_core_title_drops_grade_seniority_and_shift_words():
    assert core_title("Senior Staff Nurse (Band 6), nights") == "staff nurse"
    assert core_title("Trainee HGV Class 1 Driver") == "hgv class driver"
    assert core_title("band 5") == ""


# --- The file ------------------------------------------------------------------------------------


def test_the_file_is_optional_and_read_when_present(data):
    assert read_dataset(data.path).job_titles == []
    dataset = read_dataset(with_titles(data).path)
    assert dataset.job_titles[0].titles == ["band 6 BMS", "specialist biomedical scientist"]
    assert dataset.summary().endswith(", 4 job titles")


def test_titles_that_read_the_same_once_normalised_are_reported_with_their_line(data):
    with_titles(data, TITLES.replace("beer cellar hand]", "beer cellar hand, BAND 6 BMS]"))
    with pytest.raises(DatasetError) as caught:
        read_dataset(data.path)
    message = str(caught.value)
    assert "job_titles.yaml:8: job_titles[1].titles[2]: 'BAND 6 BMS' reads the same as 'band 6 BMS'" in message


def test_one_entry_per_occupation_and_the_fields_are_checked(data):
    with_titles(data, TITLES.replace(CELLAR, BMS))
    with pytest.raises(
        DatasetError, match=rf"job_titles\[1\].esco_uri: ESCO URI '{BMS}' is already used by job_titles\[0\]"
    ):
        read_dataset(data.path)
    with_titles(data, TITLES.replace("group: food", "group: Food").replace("titles: [band 6 BMS, ", "titles: ["))
    with pytest.raises(DatasetError) as caught:
        read_dataset(data.path)
    assert "job_titles[1].group: 'Food' is not a slug" in str(caught.value)


def test_against_esco_every_uri_exists_its_title_agrees_and_no_title_is_another_occupations(data):
    dataset = read_dataset(with_titles(data).path)
    occupations = {CELLAR: "brewery cellar operative", OCC + "x": "specialist biomedical scientist"}
    assert check_job_titles_against_esco(dataset, occupations) == [
        f"job_titles[0].esco_uri: {BMS} is not an occupation in the ESCO export"
    ]
    occupations[BMS] = "biomedical scientist (medical)"
    problems = check_job_titles_against_esco(dataset, occupations)
    assert problems == [
        f"job_titles[0].esco_title: 'biomedical scientist' but ESCO calls {BMS} 'biomedical scientist (medical)'",
        "job_titles[0].titles: 'specialist biomedical scientist' is ESCO's own title for another occupation "
        "('specialist biomedical scientist')",
    ]


def test_validate_dataset_checks_the_uris_when_given_the_export(data, monkeypatch):
    monkeypatch.delenv("ESCO_DIR", raising=False)
    with_titles(data)
    out = io.StringIO()
    call_command("validate_dataset", "--data", str(data.path), stdout=out)
    assert "Job titles not checked against ESCO" in out.getvalue()
    with pytest.raises(CommandError, match=f"{BMS} is not an occupation in the ESCO export"):
        call_command("validate_dataset", "--data", str(data.path), "--esco", str(FIXTURE_EXPORT))
    data.write(
        "job_titles",
        TITLES.split(f"- esco_uri: {CELLAR}")[0]
        .replace(BMS, CELLAR)
        .replace("esco_title: biomedical scientist", "esco_title: brewery cellar operative"),
    )
    out = io.StringIO()
    call_command("validate_dataset", "--data", str(data.path), "--esco", str(FIXTURE_EXPORT), stdout=out)
    assert f"Job titles checked against the ESCO export at {FIXTURE_EXPORT}." in out.getvalue()


def test_the_real_file_has_300_titles_over_the_groups_people_come_from():
    dataset = read_dataset(REAL)
    titles = [title for entry in dataset.job_titles for title in entry.titles]
    groups = {entry.group for entry in dataset.job_titles}
    assert len(titles) >= 300
    assert {"armed-forces", "health", "trades", "care", "logistics", "retail", "hospitality"} <= groups


# --- Loading and importing -----------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_puts_the_titles_on_the_occupation_with_the_uri_and_search_finds_them(load, data):
    load(with_titles(data))
    assert SourceOccupation.objects.get(slug="biomedical-scientist").job_titles == [
        "band 6 BMS",
        "specialist biomedical scientist",
    ]
    assert [o.slug for o in search_occupations("Band 6 BMS")] == ["biomedical-scientist"]
    version = catalogue_version()
    again = load(data)
    assert not again.changed
    assert catalogue_version() == version
    data.write("job_titles", "[]\n")
    assert load(data).changes["job titles"].updated == 1
    occupation = SourceOccupation.objects.get(slug="biomedical-scientist")
    assert occupation.job_titles == []
    assert "band 6 bms" not in occupation.search_text


@pytest.mark.django_db
def test_the_esco_import_gives_new_occupations_their_titles_once(load, data, settings):
    settings.DATA_DIR = with_titles(data).path
    load(data)  # the cellar URI has no occupation yet: its titles wait for the import
    report = esco.import_esco(path=FIXTURE_EXPORT)
    assert report.job_titles_updated == 1
    assert SourceOccupation.objects.get(esco_uri=CELLAR).job_titles == ["cellar operative", "beer cellar hand"]
    assert [o.esco_uri for o in search_occupations("beer cellar hands")] == [CELLAR]
    version = catalogue_version()
    again = esco.import_esco(path=FIXTURE_EXPORT)
    assert (again.job_titles_updated, again.changed, catalogue_version()) == (0, False, version)
    load(data)  # reloading the dataset keeps them
    assert SourceOccupation.objects.get(esco_uri=CELLAR).job_titles == ["cellar operative", "beer cellar hand"]


@pytest.mark.django_db
def test_the_import_refuses_a_broken_job_titles_file(data, settings):
    settings.DATA_DIR = with_titles(data, TITLES.replace("titles: [band 6 BMS", "titles: [band 6 BMS, Band 6 BMS")).path
    with pytest.raises(esco.EscoImportError, match=r"job_titles\.yaml has problems, so nothing was imported"):
        esco.import_esco(path=FIXTURE_EXPORT)
    assert not SourceOccupation.objects.exists()
