"""The dataset checker: every problem is found, and each names its file, line and field."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillsnet.catalogue.dataset import DatasetError, read_dataset

from .conftest import MINI


def problems(data) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_dataset(data.path)
    prefix = f"{data.path}/"
    return [str(p).replace(prefix, "data/") for p in caught.value.problems]


def test_the_mini_dataset_is_valid():
    dataset = read_dataset(MINI)
    assert dataset.counts() == {
        "sectors": 2,
        "skills": 10,
        "transfers": 3,
        "roles": 2,
        "occupations": 2,
        "providers": 2,
        "courses": 3,
        "centres": 2,
    }
    assert dataset.courses[1].hours == 7.5
    assert dataset.transfers[0].from_skill == "haccp"


def test_it_names_file_line_and_field_of_a_level_out_of_range(data):
    data.replace("roles", "{skill: gmp, level: 3, essential: true}", "{skill: gmp, level: 5, essential: true}")
    assert problems(data) == ["data/roles.yaml:12: roles[0].skills[0].level: must be between 1 and 4 (got 5)"]


def test_it_collects_every_problem_across_files(data):
    data.replace("roles", "  family: quality-control\n", "  family: quality\n")
    data.replace("skills", "  kind: behaviour\n", "  kind: attitude\n")
    data.replace("courses", "  hours: 6\n", '  hours: "six"\n')
    data.replace("centres", "  latitude: 54.52\n", "  latitude: 154.52\n")
    found = problems(data)
    assert (
        "data/skills.yaml:39: skills[6].kind: must be one of 'knowledge', 'skill' or 'behaviour' (got 'attitude')"
        in found
    )
    assert any(p.startswith("data/roles.yaml:22: roles[1].family: must be one of 'manufacturing'") for p in found)
    assert "data/courses.yaml:6: courses[0].hours: must be a number" in found
    assert "data/centres.yaml:20: centres[1].latitude: must be between -90 and 90 (got 154.52)" in found
    assert len(found) == 4


def test_it_reports_missing_and_unknown_fields(data):
    data.replace("providers", "  name: Open Learning (example)\n", "  nmae: Open Learning (example)\n")
    assert problems(data) == [
        "data/providers.yaml:5: providers[1].name: is required",
        "data/providers.yaml:6: providers[1].nmae: is not a field of this file (see docs/DATA.md)",
    ]


def test_a_missing_file_is_one_sentence(data):
    (data.path / "centres.yaml").unlink()
    found = problems(data)
    assert found[0] == "data/centres.yaml: the file is missing"
    # References to centres are not checked against a file that could not be read: no noise.
    assert len(found) == 1


def test_unreadable_yaml_gives_the_parser_line(data):
    data.replace("sectors", "  name: NHS laboratories\n", "  name: NHS laboratories\n   bad: [indent\n")
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith("data/sectors.yaml:")
    assert "this is not valid YAML" in found[0]


def test_the_wrong_top_level_type_is_one_sentence(data):
    data.write("providers", "example-institute:\n  name: Cell and Gene Therapy Catapult\n")
    found = problems(data)
    assert "data/providers.yaml:1: the file must be a list of entries, not a mapping" in found


def test_an_empty_file_is_reported(data):
    data.write("transfers", "# nothing yet\n")
    assert problems(data) == ["data/transfers.yaml: the file is empty: it must be a list of entries"]


def test_an_entry_that_is_not_a_mapping(data):
    data.append("sectors", "- just-a-slug\n")
    assert problems(data) == ["data/sectors.yaml:8: sectors[2]: each entry must be a mapping of fields"]


def test_a_key_given_twice_in_an_entry(data):
    data.replace("sectors", "  name: NHS laboratories\n", "  name: NHS laboratories\n  name: Hospital labs\n")
    assert problems(data) == ["data/sectors.yaml:7: name: this key appears twice in the same entry"]


def test_strict_types_catch_quoted_numbers_and_unquoted_codes(data):
    data.replace("roles", 'soc_code: "3111"', "soc_code: 3111")
    data.replace("transfers", "credit: 0.5", 'credit: "0.5"')
    assert problems(data) == [
        "data/transfers.yaml:1: transfers[0].credit: must be a number",
        "data/roles.yaml:8: roles[0].soc_code: must be text",
    ]


def test_slugs_must_be_lowercase_and_hyphenated(data):
    data.replace("sectors", "slug: nhs-laboratories", "slug: NHS_labs")
    found = problems(data)
    assert found[0] == (
        "data/sectors.yaml:5: sectors[1].slug: 'NHS_labs' is not a slug: use lowercase a-z, 0-9 and single hyphens"
    )
    # The occupation that points at the old slug is now a dangling reference.
    assert "data/occupations.yaml:18: occupations[1].sector: 'nhs-laboratories' is not in sectors.yaml" in found


def test_duplicate_slugs_and_esco_uris(data):
    data.append(
        "skills",
        "- slug: gmp\n  name: GMP again\n  kind: knowledge\n  category: quality\n  description: Twice.\n"
        "  esco_uri: http://data.europa.eu/esco/skill/0000-aseptic\n",
    )
    assert problems(data) == [
        "data/skills.yaml:60: skills[10].slug: slug 'gmp' is already used by skills[0]",
        "data/skills.yaml:65: skills[10].esco_uri: ESCO URI 'http://data.europa.eu/esco/skill/0000-aseptic' "
        "is already used by skills[1]",
    ]


def test_esco_uris_must_be_the_right_kind_of_concept(data):
    data.replace(
        "skills", "http://data.europa.eu/esco/skill/0000-gmp", "http://data.europa.eu/esco/occupation/0000-gmp"
    )
    assert problems(data) == [
        "data/skills.yaml:6: skills[0].esco_uri: 'http://data.europa.eu/esco/occupation/0000-gmp' "
        "must start with http://data.europa.eu/esco/skill/"
    ]


def test_references_to_unknown_slugs(data):
    data.replace(
        "roles", "{skill: teamwork, level: 2, essential: true}", "{skill: team-work, level: 2, essential: true}"
    )
    data.replace("occupations", "sector: brewing-distilling", "sector: brewing")
    data.replace("courses", "provider: open-learning", "provider: open-university")
    data.replace("courses", "centres: [example-lab-north]", "centres: [roslin]")
    data.replace("courses", "prerequisites: [gmp-essentials]", "prerequisites: [gmp-basics]")
    data.replace("transfers", "{from: haccp, to: gmp", "{from: haccp, to: gmpp")
    assert problems(data) == [
        "data/transfers.yaml:1: transfers[0].to: 'gmpp' is not in skills.yaml",
        "data/roles.yaml:17: roles[0].skills[5].skill: 'team-work' is not in skills.yaml",
        "data/occupations.yaml:3: occupations[0].sector: 'brewing' is not in sectors.yaml",
        "data/courses.yaml:3: courses[0].provider: 'open-university' is not in providers.yaml",
        "data/courses.yaml:32: courses[1].centres[0]: 'roslin' is not in centres.yaml",
        "data/courses.yaml:31: courses[1].prerequisites[0]: 'gmp-basics' is not in courses.yaml",
    ]


def test_a_skill_listed_twice_in_a_role(data):
    data.replace("roles", "{skill: cip-sip, level: 1, essential: false}", "{skill: gmp, level: 1, essential: false}")
    found = problems(data)
    assert "data/roles.yaml:19: roles[0].skills[7].skill: 'gmp' is listed twice" in found


def test_duplicate_and_self_transfers(data):
    data.append("transfers", "- {from: haccp, to: gmp, credit: 0.4, rationale: Again.}\n")
    data.append("transfers", "- {from: pcr, to: pcr, credit: 0.4, rationale: Itself.}\n")
    assert problems(data) == [
        "data/transfers.yaml:4: transfers[3].to: the transfer ('haccp', 'gmp') is already used by transfers[0]",
        "data/transfers.yaml:5: transfers[4].to: a skill cannot transfer to itself",
    ]


def test_a_generic_skill_never_transfers_to_a_technical_one(data):
    data.append("transfers", "- {from: teamwork, to: aseptic-technique, credit: 0.2, rationale: Steady people.}\n")
    assert problems(data) == [
        "data/transfers.yaml:4: transfers[3].to: 'teamwork' is a generic skill and 'aseptic-technique' is not: "
        "a general-purpose skill that anyone may hold or declare says nothing about technical or GMP competence, "
        "so it may only transfer to another generic skill (remove this edge, or see docs/DATA.md)"
    ]


def test_a_generic_skill_may_transfer_to_another_generic_one_and_a_technical_one_to_it(data):
    data.append(
        "skills",
        "- {slug: customer-care, name: Customer care, kind: skill, category: business, generic: true,"
        " description: Looking after customers.}\n",
    )
    data.append("transfers", "- {from: teamwork, to: customer-care, credit: 0.3, rationale: Shared habits.}\n")
    data.append("transfers", "- {from: pcr, to: teamwork, credit: 0.1, rationale: Lab teams.}\n")
    read_dataset(data.path)


def test_a_behaviour_must_be_marked_generic(data):
    data.replace("skills", "  category: behaviour\n  generic: true\n", "  category: behaviour\n")
    assert problems(data) == [
        "data/skills.yaml:37: skills[6].generic: a behaviour is a general-purpose trait: write generic: true "
        "(see docs/DATA.md)"
    ]


def test_a_course_must_raise_the_level_it_assumes(data):
    data.replace(
        "courses",
        "{skill: cell-counting, to_level: 3, assumes_level: 1}",
        "{skill: cell-counting, to_level: 3, assumes_level: 3}",
    )
    assert problems(data) == [
        "data/courses.yaml:43: courses[2].skills[0].assumes_level: must be below to_level (3): a course raises a skill"
    ]


def test_on_site_courses_need_a_centre_and_online_ones_have_none(data):
    data.replace("courses", "  centres: [example-lab-north]\n", "")
    data.replace(
        "courses",
        "  outcomes: [Explain the principles of GMP]\n",
        "  outcomes: [Explain GMP]\n  centres: [example-lab-north]\n",
    )
    assert problems(data) == [
        "data/courses.yaml:11: courses[0].centres: an online course lists no centres",
        "data/courses.yaml:17: courses[1].centres: an on-site course must list at least one centre that runs it",
    ]


def test_a_shortage_role_names_its_source(data):
    data.replace("roles", "  shortage_source: CGT Catapult skills demand survey 2021\n", "")
    assert problems(data) == ["data/roles.yaml:1: roles[0].shortage_source: is required when shortage is true"]


def test_a_role_needs_at_least_eight_skills(data):
    data.replace("roles", "    - {skill: haccp, level: 1, essential: false}\n", "")
    assert problems(data) == ["data/roles.yaml:28: roles[1].skills: needs at least 8 entries (has 7)"]


def test_prerequisite_cycles_are_reported_with_the_cycle(data):
    data.replace(
        "courses",
        "  outcomes: [Explain the principles of GMP]\n",
        "  outcomes: [Explain GMP]\n  prerequisites: [cell-and-molecular-lab-skills]\n",
    )
    # Two cycles now: the direct one, and the one through the practical course.
    assert problems(data) == [
        "data/courses.yaml:46: courses[2].prerequisites[0]: prerequisites form a cycle: "
        "cell-and-molecular-lab-skills → gmp-essentials → cell-and-molecular-lab-skills",
        "data/courses.yaml:46: courses[2].prerequisites[1]: prerequisites form a cycle: "
        "cell-and-molecular-lab-skills → cleanroom-gowning-practical → gmp-essentials → cell-and-molecular-lab-skills",
    ]


def test_a_course_cannot_require_itself(data):
    data.replace("courses", "prerequisites: [gmp-essentials]", "prerequisites: [cleanroom-gowning-practical]")
    assert problems(data) == [
        "data/courses.yaml:31: courses[1].prerequisites[0]: a course cannot be its own prerequisite"
    ]


def test_every_skill_a_role_needs_is_taught_to_the_level_it_needs(data):
    data.replace("courses", "{skill: pcr, to_level: 3}", "{skill: pcr, to_level: 2}")
    data.replace("courses", "    - {skill: haccp, to_level: 1}\n", "")
    assert problems(data) == [
        "data/roles.yaml:30: roles[1].skills[1].level: no course teaches 'pcr' to level 3: "
        "the highest level any course reaches is 2 (needed by qc-analyst)",
        "data/roles.yaml:36: roles[1].skills[7].level: no course teaches 'haccp' to level 1: "
        "no course teaches it (needed by qc-analyst)",
    ]


def test_validate_dataset_command_says_ok_with_counts(capsys):
    call_command("validate_dataset", "--data", str(MINI))
    assert capsys.readouterr().out.strip() == (
        "dataset OK: 2 sectors, 10 skills, 3 transfers, 2 roles, 2 occupations, 2 providers, 3 courses, 2 centres"
    )


def test_validate_dataset_command_lists_problems_without_a_traceback(data):
    data.replace("roles", "{skill: gmp, level: 3, essential: true}", "{skill: gmp, level: 0, essential: true}")
    with pytest.raises(CommandError) as caught:
        call_command("validate_dataset", "--data", str(data.path))
    message = str(caught.value)
    assert message.startswith("1 problem in ")
    assert "roles.yaml:12: roles[0].skills[0].level: must be between 1 and 4 (got 0)" in message


def test_an_unknown_entry_requirement_code_names_the_line_and_the_codes_to_use(data):
    data.replace("roles", "  entry_requirements: [science-degree]\n", "  entry_requirements: [science-degree, phd]\n")
    data.replace("occupations", "  credentials: [hcpc-registration, science-degree]\n", "  credentials: [nurse]\n")
    codes = (
        "science-degree, postgraduate-science, nmc-registration, gphc-registration, hcpc-registration, "
        "qp-eligibility, management-experience"
    )
    assert problems(data) == [
        f"data/roles.yaml:37: roles[1].entry_requirements[1]: 'phd' is not an entry requirement code: "
        f"use one of {codes} (catalogue/requirements.py)",
        f"data/occupations.yaml:32: occupations[1].credentials[0]: 'nurse' is not an entry requirement code: "
        f"use one of {codes} (catalogue/requirements.py)",
    ]


def test_an_entry_requirement_listed_twice_is_a_problem(data):
    data.replace(
        "roles", "  entry_requirements: [science-degree]\n", "  entry_requirements: [science-degree, science-degree]\n"
    )
    assert problems(data) == ["data/roles.yaml:37: roles[1].entry_requirements: lists 'science-degree' twice"]


# ---------------------------------------------------------------- real and example content


def _write_sources(data, numbers=("16",)) -> None:
    (data.path / "SOURCES.md").write_text("".join(f"- [{n}] A source.\n" for n in numbers), encoding="utf-8")


def test_a_real_organisation_needs_sources_and_an_example_one_a_fictional_name(data):
    _write_sources(data)
    data.replace("providers", "  name: Open Learning (example)\n  example: true\n", "  name: Open Learning\n")
    data.replace("providers", "  name: Example Institute (example)\n", "  name: Example Institute\n")
    found = problems(data)
    assert any(p.startswith("data/providers.yaml:5: providers[1].sources: a real organisation needs") for p in found)
    assert "data/providers.yaml:2: providers[0].name: example content must be named '... (example)'" in found
    # The course open-learning owns is example content, so its real provider is refused too.
    assert any(p.startswith("data/courses.yaml:3: courses[0].provider: an example course must belong") for p in found)


def test_sources_must_be_listed_in_sources_md(data):
    _write_sources(data, ("16",))
    data.replace(
        "providers", "  name: Open Learning (example)\n  example: true\n", '  name: Open Learning\n  sources: ["99"]\n'
    )
    found = problems(data)
    assert "data/providers.yaml:7: providers[1].sources[0]: [99] is not in data/SOURCES.md" in found


def test_a_real_course_at_a_real_provider_needs_sources(data):
    _write_sources(data)
    data.replace(
        "providers", "  name: Open Learning (example)\n  example: true\n", '  name: Open Learning\n  sources: ["16"]\n'
    )
    data.replace("courses", "  provider: open-learning\n  example: true\n", "  provider: open-learning\n")
    found = problems(data)
    assert any(p.startswith("data/courses.yaml:1: courses[0].sources: a real course needs the sources") for p in found)


def test_an_example_course_runs_only_at_example_centres(data):
    _write_sources(data)
    data.replace(
        "centres",
        "  name: Example North Lab (example)\n  organisation: Example Institute (example)\n  example: true\n",
        '  name: North Lab\n  organisation: Someone\n  sources: ["16"]\n',
    )
    found = problems(data)
    assert any(
        "'example-lab-north' is a real centre: an example course runs only at example centres" in p for p in found
    )


# ---------------------------------------------------------------- what a course may claim


def test_an_online_course_cannot_raise_a_practical_skill_above_awareness(data):
    data.replace(
        "courses",
        "    - {skill: haccp, to_level: 1}\n",
        "    - {skill: haccp, to_level: 1}\n    - {skill: aseptic-technique, to_level: 2}\n",
    )
    assert problems(data) == [
        "data/courses.yaml:16: courses[0].skills[4].to_level: 'aseptic-technique' is raised to level 2, but it is a "
        "practical skill and an online course cannot give supervised practice: at most 1 (online course)"
    ]


def test_knowledge_in_a_practical_category_may_be_taught_online(data):
    data.replace(
        "skills", "  kind: skill\n  category: aseptic-cleanroom", "  kind: knowledge\n  category: aseptic-cleanroom"
    )
    data.replace(
        "courses",
        "    - {skill: haccp, to_level: 1}\n",
        "    - {skill: haccp, to_level: 1}\n    - {skill: aseptic-technique, to_level: 2}\n",
    )
    read_dataset(data.path)


def test_no_course_raises_a_regulated_clinical_skill_above_awareness(data):
    data.append(
        "skills",
        "- slug: venepuncture\n  name: Venepuncture\n  kind: skill\n  category: clinical\n"
        "  description: Taking blood from a vein.\n",
    )
    data.replace(
        "courses",
        "    - {skill: fermentation, to_level: 1}\n",
        "    - {skill: fermentation, to_level: 1}\n    - {skill: venepuncture, to_level: 2}\n",
    )
    found = problems(data)
    assert len(found) == 1
    assert "'venepuncture' is raised to level 2, but it is a regulated clinical skill" in found[0]
    assert "(on-site course)" in found[0]


def test_career_routes_name_known_roles_under_distinct_isco_prefixes(data):
    data.write(
        "career_routes",
        '- isco: "81"\n  name: Plant operators\n  roles: [qc-analyst, line-boss]\n  rationale: They run lines\n'
        '- isco: "8a"\n  name: Not a code\n  roles: [qc-analyst]\n  rationale: Any\n'
        '- isco: "81"\n  name: Again\n  roles: [qc-analyst]\n  rationale: Any\n'
        '- isco: "7"\n  name: No roles\n  roles: []\n  rationale: Any\n',
    )
    assert problems(data) == [
        "data/career_routes.yaml:5: career_routes[1].isco: '8a' is not an ISCO-08 code prefix (one to four digits, quoted)",
        "data/career_routes.yaml:15: career_routes[3].roles: needs at least 1 entries (has 0)",
        "data/career_routes.yaml:9: career_routes[2].isco: ISCO prefix '81' is already used by career_routes[0]",
        "data/career_routes.yaml:3: career_routes[0].roles[1]: 'line-boss' is not in roles.yaml",
    ]


def test_the_career_routes_file_is_optional_and_read_when_present(data):
    assert read_dataset(data.path).career_routes == []
    data.write("career_routes", '- isco: "8"\n  name: Operators\n  roles: [qc-analyst]\n  rationale: Lines\n')
    (route,) = read_dataset(data.path).career_routes
    assert (route.isco, route.roles) == ("8", ["qc-analyst"])


def test_no_curated_occupation_claims_a_title_that_every_sector_uses():
    # A typed job that says only this must not be read as one curated job (a food factory's head of quality is
    # no Qualified Person), so the person picks the job themselves.
    from pathlib import Path

    from skillsnet.catalogue.titles import SECTORLESS_TITLES, core_title

    shipped = read_dataset(Path(__file__).resolve().parents[2] / "data")
    for occupation in shipped.occupations:
        titles = {core_title(occupation.title), *(core_title(alt) for alt in occupation.alt_titles)}
        assert not titles & SECTORLESS_TITLES, occupation.slug
