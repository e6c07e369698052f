"""`skillsnet convert`: tables, JSON in the API's shapes, and one sentence with a non-zero exit on bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from . import files

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def convert(*args):
    out, err = StringIO(), StringIO()
    call_command("convert", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_title_is_resolved_by_search_and_the_choice_is_said(catalogue):
    out, err = convert("--from", "brewery worker")
    assert "Using 'Brew house operator' (brew-house-operator) for 'brewery worker'." in err
    assert "ATMP manufacturing technician" in out
    assert out.index("ATMP manufacturing technician") < out.index("Quality control analyst")


def test_json_output_has_the_api_shape(catalogue):
    out, err = convert("--from", "brew-house-operator", "--skill", "gmp:2", "--json", "--limit", "2")
    body = json.loads(out)
    assert set(body) == {"profile", "assessable", "message", "usual_first_roles", "matches"}
    assert len(body["matches"]) == 2
    assert err == ""


def test_the_api_and_the_cli_give_the_same_answers(client, catalogue):
    out, _ = convert("--from", "biomedical-scientist", "--skill", "gmp:2", "--json")
    api = client.post(
        "/api/v1/converter/matches",
        {"occupations": ["biomedical-scientist"], "skills": [{"skill": "gmp", "level": 2}]},
        content_type="application/json",
    ).json()
    assert json.loads(out) == api


def test_the_api_and_the_cli_plan_the_same(client, catalogue):
    out, _ = convert(
        "--from",
        "brew-house-operator",
        "--role",
        "atmp-manufacturing-technician",
        "--plan",
        "--json",
        "--hours-per-week",
        "5",
    )
    api = client.post(
        "/api/v1/converter/plan",
        {"role": "atmp-manufacturing-technician", "occupations": ["brew-house-operator"], "hours_per_week": 5},
        content_type="application/json",
    ).json()
    assert json.loads(out) == api


def test_a_plan_prints_a_table_with_totals(catalogue):
    out, _ = convert("--from", "brew-house-operator", "--role", "atmp-manufacturing-technician", "--plan")
    assert "Training plan for ATMP manufacturing technician" in out
    assert "GMP essentials" in out
    assert "Total:" in out
    assert "Not covered: Cleanroom gowning to level 3" in out


def test_one_role_is_explained(catalogue):
    out, _ = convert("--from", "brew-house-operator", "--role", "atmp-manufacturing-technician")
    assert "from Fermentation" in out
    data = json.loads(convert("--from", "brew-house-operator", "--role", "qc-analyst", "--json")[0])
    assert data["role"] == "qc-analyst"


def test_a_cv_file_is_read(catalogue, tmp_path):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(files.text_pdf(["Five years of qPCR in a hospital lab"]))
    data = json.loads(convert("--cv", str(cv), "--json")[0])
    assert {p["skill"] for p in data["profile"]} == {"pcr"}


def test_a_cv_without_a_previous_job_hears_which_jobs_it_names(catalogue, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text("Brewer, Hopsville Brewery, 2010-2016\nRan the fermenters and HACCP checks.\n")
    _out, err = convert("--cv", str(cv))
    assert "Your CV names 'Brewer': add --from brew-house-operator to compare you as a Brew house operator." in err
    assert "Your CV names" not in convert("--cv", str(cv), "--from", "brew-house-operator")[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Give at least one previous job"),
        (["--skill", "gmp:9"], "'gmp:9': the level must be a whole number from 0 to 4."),
        (["--skill", "gmp"], "'gmp' is not SLUG:LEVEL"),
        (["--skill", "juggling:2"], "We do not know the skill 'juggling'."),
        (["--from", "zzzz qqqq"], "No job matches 'zzzz qqqq'"),
        (["--from", "brew-house-operator", "--role", "astronaut"], "There is no role 'astronaut'."),
        (["--from", "brew-house-operator", "--plan"], "--plan needs --role"),
        (
            ["--from", "brew-house-operator", "--role", "qc-analyst", "--plan", "--start", "soon"],
            "'soon' is not a date",
        ),
        (
            ["--from", "brew-house-operator", "--role", "qc-analyst", "--plan", "--hours-per-week", "0"],
            "Hours per week",
        ),
        (["--from", "brew-house-operator", "--limit", "0"], "--limit must be between 1 and 100."),
        (["--cv", "/no/such/file.pdf"], "Cannot read /no/such/file.pdf"),
        (
            ["--from", "a", "--from", "b", "--from", "c", "--from", "brew-house-operator"],
            "Give at most 3 previous jobs",
        ),
    ],
)
def test_bad_input_is_one_sentence(catalogue, args, message):
    with pytest.raises(CommandError) as caught:
        convert(*args)
    assert message in str(caught.value)


def test_an_unreadable_cv_is_refused(catalogue, tmp_path):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"not really a pdf")
    with pytest.raises(CommandError, match="is not a PDF"):
        convert("--cv", str(cv))


SKILLSNET = shutil.which("skillsnet", path=str(Path(sys.executable).parent)) or "skillsnet"


def run(args, database):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(DATABASE_URL=f"sqlite:///{database}", SKILLSNET_ENV="test")
    return subprocess.run([SKILLSNET, *args], capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120)


@pytest.fixture
def scratch_database(tmp_path):
    # Bad input is refused before the database is touched, so an empty one will do.
    return tmp_path / "cli.sqlite3"


def test_the_console_script_exits_non_zero_with_one_sentence(scratch_database):
    result = run(["convert", "--skill", "gmp:9"], scratch_database)
    assert result.returncode == 1
    assert "level must be a whole number from 0 to 4" in result.stderr
    assert "Traceback" not in result.stderr
    result = run(["convert"], scratch_database)
    assert result.returncode == 1
    assert "Give at least one previous job" in result.stderr


def test_the_console_script_refuses_an_empty_cv_and_answers_help(scratch_database):
    result = run(["convert", "--cv", "/dev/null"], scratch_database)
    assert result.returncode == 1
    assert "null" in result.stderr
    result = run(["convert", "--help"], scratch_database)
    assert result.returncode == 0
    assert "--hours-per-week" in result.stdout


def test_the_cli_names_the_career_route_in_the_table_and_for_one_role(routed_job):
    out, _ = convert("--from", routed_job, "--json")
    routes = {m["role"]: m["route"] for m in json.loads(out)["matches"]}
    assert routes["qa-officer"]["name"] == "Medical and pharmaceutical technicians"
    assert routes["qc-analyst"] is None
    out, _ = convert("--from", routed_job)
    assert "usual first" in out  # in the readiness column of the table
    out, _ = convert("--from", routed_job, "--role", "qa-officer")
    assert "A usual first role for medical and pharmaceutical technicians: They already test" in out


def test_thin_evidence_on_the_cli_names_the_usual_first_roles(routed_job):
    from skillsnet.catalogue.models import OccupationSkill

    OccupationSkill.objects.filter(occupation__esco_uri=routed_job).exclude(skill__slug="pcr").delete()
    out, _ = convert("--from", routed_job)
    assert "We could not assess this" in out
    assert "Medical and pharmaceutical technicians usually start as: Quality" in out
