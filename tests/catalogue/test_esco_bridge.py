"""The ESCO → curated skill bridge: building it (fixture export), loading it, and the shipped files' truth."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from skillsnet.catalogue import esco, esco_bridge
from skillsnet.catalogue.models import EscoSkillLink, Origin, Skill, SkillKind
from skillsnet.catalogue.snapshot import build_snapshot
from skillsnet.catalogue.versioning import catalogue_version

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FIXTURE = Path(__file__).parent / "fixtures" / "esco"
MINI = Path(__file__).parent / "fixtures" / "mini"

SKILL = "http://data.europa.eu/esco/skill/"
GMP = SKILL + "13f22eb5-e3a8-405a-9d89-c8124d4a239a"
FERMENTATION = SKILL + "b92788d1-3f75-4b2b-9285-5832a5500965"
CIP = SKILL + "5df11f19-b5e6-4ca9-b8c6-b08bf98ab32f"
RECORDS = SKILL + "307bb181-8bee-4b83-81b8-7cbb14a22692"
SPECIMENS = SKILL + "ff3fd2d2-30e3-40fe-a3a9-49e3235357a3"


# --- Building on the fixture export -----------------------------------------------------------------


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    """The mini dataset, its `gmp` skill carrying the fixture's real GMP URI, with two labels ESCO uses."""
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    skills = folder / "skills.yaml"
    text = skills.read_text(encoding="utf-8").replace(SKILL + "0000-gmp", GMP)
    text = text.replace("alt_labels: [CIP, SIP]", "alt_labels: [CIP, SIP, clean in place]")
    text = text.replace("alt_labels: [GDocP, ALCOA]", "alt_labels: [GDocP, ALCOA, record production data]")
    text = text.replace("alt_labels: [brewing]", "alt_labels: [brewing, operate fermentation vessels]")
    skills.write_text(text, encoding="utf-8")
    return folder


def build(tmp_path: Path, curated: Path, review: str = "") -> tuple[str, str, str]:
    """Run the command on the fixture; return (its output, the CSV, the report)."""
    (tmp_path / "review.yaml").write_text(review, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "build_esco_bridge",
        "--esco",
        str(FIXTURE),
        "--data",
        str(curated),
        "--review",
        str(tmp_path / "review.yaml"),
        "--out",
        str(tmp_path / "bridge.csv"),
        "--report",
        str(tmp_path / "report.md"),
        stdout=out,
    )
    return (
        out.getvalue(),
        (tmp_path / "bridge.csv").read_text(encoding="utf-8"),
        (tmp_path / "report.md").read_text(encoding="utf-8"),
    )


def rows(text: str) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["esco_uri"], r["skill"]): r for r in csv.DictReader(io.StringIO(text))}


def test_the_builder_proposes_from_identity_hierarchy_relations_and_labels(tmp_path, curated):
    output, bridge, report = build(tmp_path, curated)
    links = rows(bridge)
    assert {key: (r["strength"], r["method"], r["reviewed"]) for key, r in links.items()} == {
        (GMP, "gmp"): ("1.00", "identity", "no"),
        (FERMENTATION, "gmp"): ("0.60", "hierarchy", "no"),  # one level under GMP
        (SPECIMENS, "gmp"): ("0.40", "hierarchy", "no"),  # two levels under
        (CIP, "gmp"): ("0.30", "related", "no"),
        (CIP, "cip-sip"): ("0.40", "label", "no"),  # an alternative label, whole
        (FERMENTATION, "fermentation"): ("0.80", "label", "no"),  # the preferred label, whole
        # "record production data" is transversal in ESCO: though filed under GMP and named like a curated
        # label of good documentation practice, it is never linked to a GMP technical skill.
    }
    assert bridge.splitlines()[0] == ",".join(esco_bridge.COLUMNS)
    assert "Proposed 8 links; wrote 6" in output
    assert "ESCO occupations" in output
    assert "Coverage is below the 97% target." in output
    # The report is ordered by impact and names the occupations requiring each ESCO skill.
    assert report.index("| good manufacturing practices |") < report.index("| label specimens |")
    assert "brewery cellar operative (optional)" in report


def test_the_same_inputs_give_the_same_output(tmp_path, curated):
    first = build(tmp_path, curated)
    second = build(tmp_path, curated)
    assert first[1:] == second[1:]


REVIEW = f"""
generic:
  - {{label: record production data, esco: {RECORDS}}}
decisions:
  - {{label: good manufacturing practices, skill: gmp, strength: 1.0, note: same skill}}
  - {{esco: {CIP}, skill: gmp, reject: cleaning chemistry, not GMP}}
  - {{esco: {SPECIMENS}, skill: good-documentation, strength: 0.5, note: labelling samples is part of it}}
  - {{esco: {FERMENTATION}, skill: fermentation, strength: 0.8, note: running fermenters}}
  - {{esco: {RECORDS}, skill: teamwork, strength: 0.4, note: a manual link from a generic skill}}
  - {{esco: {RECORDS}, skill: gmp, reject: generic record keeping}}
  - {{esco: {RECORDS}, skill: good-documentation, reject: generic record keeping}}
"""


def test_review_decisions_accept_grade_reject_and_add(tmp_path, curated):
    _, bridge, report = build(tmp_path, curated, REVIEW)
    links = rows(bridge)
    assert (CIP, "gmp") not in links
    assert (RECORDS, "gmp") not in links
    assert links[(GMP, "gmp")]["reviewed"] == "yes"
    assert (links[(SPECIMENS, "good-documentation")]["method"], links[(SPECIMENS, "good-documentation")]["note"]) == (
        "manual",
        "labelling samples is part of it",
    )
    assert (links[(FERMENTATION, "fermentation")]["strength"], links[(FERMENTATION, "fermentation")]["reviewed"]) == (
        "0.80",
        "yes",
    )
    assert links[(SPECIMENS, "gmp")]["reviewed"] == "no"  # no decision: still a proposal
    assert "record production data *(generic)*" in report


def test_a_generic_esco_skill_may_not_link_to_a_gmp_technical_skill(tmp_path, curated):
    review = REVIEW + f"  - {{esco: {RECORDS}, skill: cell-counting, strength: 0.5, note: a manual link}}\n"
    with pytest.raises(CommandError, match=r"'record production data' is generic but links to cell-counting"):
        build(tmp_path, curated, review)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{label: no such skill, skill: gmp, strength: 1, note: x}", r"no ESCO skill has the preferred label"),
        (f"{{esco: {GMP}, label: brewing, skill: gmp, strength: 1, note: x}}", r"is 'good manufacturing practices'"),
        (f"{{esco: {GMP}, skill: nonesuch, strength: 1, note: x}}", r"decision #1: 'nonesuch' is not a curated skill"),
        (f"{{esco: {GMP}, skill: gmp, strength: 0.1, note: x}}", r"strength must be from 0.3 to 1"),
        (f"{{esco: {GMP}, skill: gmp, strength: 0.9}}", r"give a one-line note"),
    ],
)
def test_a_bad_review_entry_is_refused_with_its_number(tmp_path, curated, entry, message):
    with pytest.raises(CommandError, match=message):
        build(tmp_path, curated, f"decisions:\n  - {entry}\n")


# --- Loading the CSV (import_esco --bridge) ---------------------------------------------------------


def write_bridge(path: Path, lines: list[str]) -> Path:
    path.write_text(",".join(esco_bridge.COLUMNS) + "\n" + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def curated_rows(db):
    Skill.objects.create(slug="gmp", name="GMP", esco_uri=GMP, kind=SkillKind.KNOWLEDGE, category="quality")
    Skill.objects.create(slug="fermentation", name="Fermentation", category="bioprocess-upstream")
    Skill.objects.create(slug="good-documentation", name="Good documentation practice", category="quality")


BRIDGE_LINES = [
    f"{GMP},good manufacturing practices,gmp,1.00,identity,yes,same skill",
    f"{FERMENTATION},operate fermentation vessels,fermentation,0.80,manual,yes,running fermenters",
    f"{RECORDS},record production data,good-documentation,0.40,label,no,a proposal",
]


def test_the_import_loads_the_bridge_idempotently(tmp_path, curated_rows):
    bridge = write_bridge(tmp_path / "bridge.csv", BRIDGE_LINES)
    report = esco.import_esco(path=FIXTURE, bridge=bridge)
    assert (report.bridge.created, report.bridge.deleted) == (3, 0)
    link = EscoSkillLink.objects.get(skill__slug="fermentation")
    assert (link.esco_skill.esco_uri, link.esco_skill.origin, link.strength, link.method, link.reviewed) == (
        FERMENTATION,
        Origin.ESCO,
        0.8,
        "manual",
        True,
    )
    # The identity link's ESCO side is the curated row that carries the URI.
    assert EscoSkillLink.objects.get(skill__slug="gmp").esco_skill.slug == "gmp"
    version = catalogue_version()

    again = esco.import_esco(path=FIXTURE, bridge=bridge)
    assert not again.changed
    assert again.bridge.unchanged == 3
    assert catalogue_version() == version

    write_bridge(bridge, [BRIDGE_LINES[0], BRIDGE_LINES[1].replace("0.80", "0.70")])
    changed = esco.import_esco(path=FIXTURE, bridge=bridge)
    assert (changed.bridge.updated, changed.bridge.deleted) == (1, 1)
    assert catalogue_version() == version + 1
    assert EscoSkillLink.objects.count() == 2


def test_the_snapshot_exposes_the_reviewed_links_by_esco_skill_slug(tmp_path, curated_rows):
    esco.import_esco(path=FIXTURE, bridge=write_bridge(tmp_path / "bridge.csv", BRIDGE_LINES))
    snapshot = build_snapshot(catalogue_version())
    assert snapshot.bridge == {
        "gmp": (("gmp", 1.0),),
        "esco-skill-b92788d1-3f75-4b2b-9285-5832a5500965": (("fermentation", 0.8),),
    }  # the unreviewed proposal is not used


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"{GMP},x,nonesuch,1.00,identity,yes,n", r"bridge\.csv, row 2: 'nonesuch' is not a curated skill"),
        (f"{SKILL}00000000-0000-0000-0000-000000000000,x,gmp,1.00,manual,yes,n", r"row 2: no skill has the ESCO URI"),
        (f"{GMP},x,gmp,1.50,identity,yes,n", r"row 2: strength '1\.50' is not a number from 0 to 1"),
        (f"{GMP},x,gmp,1.00,guess,yes,n", r"row 2: method 'guess' is not one of"),
        ("http://example.com/x,x,gmp,1.00,identity,yes,n", r"row 2: esco_uri 'http://example\.com/x' is not an ESCO"),
    ],
)
def test_a_bad_bridge_row_is_refused_and_nothing_is_written(tmp_path, curated_rows, line, message):
    bridge = write_bridge(tmp_path / "bridge.csv", [line])
    with pytest.raises(CommandError, match=message):
        call_command("import_esco", str(FIXTURE), "--bridge", str(bridge), "--no-progress", stdout=io.StringIO())
    assert not Skill.objects.filter(origin=Origin.ESCO).exists()
    assert not EscoSkillLink.objects.exists()


def test_a_repeated_pair_is_refused(tmp_path, curated_rows):
    bridge = write_bridge(tmp_path / "bridge.csv", [BRIDGE_LINES[0], BRIDGE_LINES[0]])
    with pytest.raises(esco.EscoImportError, match=r"row 3: repeats the ESCO skill and curated skill of row 2"):
        esco.import_esco(path=FIXTURE, bridge=bridge)


# --- The shipped files (data/skills.yaml, data/esco_bridge.csv, the review file) ---------------------


@pytest.fixture(scope="module")
def shipped() -> dict[str, object]:
    skills = yaml.safe_load((DATA / "skills.yaml").read_text(encoding="utf-8"))
    review = yaml.safe_load((DATA / "esco_bridge_review.yaml").read_text(encoding="utf-8"))
    return {
        "uris": {s["slug"]: s.get("esco_uri") for s in skills},
        "categories": {s["slug"]: s["category"] for s in skills},
        "links": esco_bridge.read_bridge(DATA / "esco_bridge.csv"),
        "generic": {entry["esco"] for entry in review["generic"]},
    }


def by_label(export: esco.EscoExport, label: str) -> str:
    (uri,) = [s.uri for s in export.skills if s.name == label]
    return uri


@pytest.mark.parametrize(
    ("slug", "wrong"),
    [
        ("cleanroom-behaviour", "clean rooms"),  # housekeeping
        ("aseptic-technique", "avoid contamination"),  # asbestos removal, pesticide spraying
        ("quality-risk-management", "risk management"),  # risk in general
        ("quality-control-testing", "conduct quality control analysis"),  # inspection by engineers
        ("media-buffer-preparation", "mix chemicals"),
        ("personal-hygiene", "maintain personal hygiene standards"),  # a tidy appearance
        ("cleanroom-disinfection", "disinfect surfaces"),  # building exteriors, roads
    ],
)
def test_the_wrong_identity_links_are_gone_and_stay_out_of_the_bridge(esco_export, shipped, slug, wrong):
    uri = by_label(esco_export, wrong)
    assert shipped["uris"][slug] != uri
    assert not [link for link in shipped["links"] if link.esco_uri == uri and link.skill == slug]


def test_no_generic_esco_skill_links_to_a_gmp_technical_skill(esco_export, shipped):
    transversal = {
        values[0].strip().lower()
        for _, values in esco.read_rows(None, esco.SKILLS_FILE, ["conceptUri", "reuseLevel"])
        if values[1].strip() == "transversal"
    }
    generic = shipped["generic"] | transversal
    assert len(generic) > 400
    wrong = [
        f"{link.esco_label} -> {link.skill}"
        for link in shipped["links"]
        if link.esco_uri in generic and shipped["categories"][link.skill] in esco_bridge.TECHNICAL_CATEGORIES
    ]
    assert not wrong, "\n".join(wrong)


def test_every_identity_link_is_a_curated_esco_uri_and_every_strong_link_is_reviewed(shipped):
    identity = {(link.esco_uri, link.skill) for link in shipped["links"] if link.method == "identity"}
    assert identity == {(uri, slug) for slug, uri in shipped["uris"].items() if uri}
    assert all(link.reviewed for link in shipped["links"] if link.strength >= esco_bridge.COVERAGE_STRENGTH)


@pytest.mark.esco
def test_the_shipped_bridge_is_what_the_builder_makes_and_covers_most_occupations(tmp_path):
    result, _data = esco_bridge.build()
    out = tmp_path / "bridge.csv"
    esco_bridge.write_bridge(result.links, out)
    assert out.read_text(encoding="utf-8") == (DATA / "esco_bridge.csv").read_text(encoding="utf-8"), (
        "data/esco_bridge.csv is stale: run `skillsnet build_esco_bridge`"
    )
    assert result.before.none > 600  # identity links alone: hundreds of occupations reach nothing
    assert result.after.share >= 0.90
    assert result.after.none < 50
