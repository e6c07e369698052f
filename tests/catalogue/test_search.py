"""Ranked search over skills and source occupations (the Career Converter reuses these selectors)."""

from __future__ import annotations

import pytest

from skillsnet.catalogue.models import Origin, Skill, SourceOccupation
from skillsnet.catalogue.selectors import search_occupations, search_occupations_page, search_skills

pytestmark = pytest.mark.django_db


def esco_occupation(title: str, *alt_titles: str, job_titles: tuple[str, ...] = ()) -> SourceOccupation:
    slug = "esco-occupation-" + "-".join(title.lower().replace("'", "").replace("/", " ").split())
    return SourceOccupation.objects.create(
        slug=slug,
        title=title,
        alt_titles=list(alt_titles),
        job_titles=list(job_titles),
        esco_uri=f"http://data.europa.eu/esco/occupation/{slug}",
        origin=Origin.ESCO,
    )


def esco_skill(name: str, *labels: str) -> Skill:
    slug = "esco-skill-" + "-".join(name.lower().split())
    return Skill.objects.create(slug=slug, name=name, esco_alt_labels=list(labels), origin=Origin.ESCO)


def slugs(rows) -> list[str]:
    return [row.slug for row in rows]


def test_an_alternative_title_that_matches_exactly_ranks_first(mini):
    esco_occupation("brewery manager")
    esco_occupation("factory worker")
    esco_occupation("winery worker")
    assert slugs(search_occupations("brewery worker"))[0] == "brew-house-operator"
    assert slugs(search_occupations("Brewery   WORKER!"))[0] == "brew-house-operator"


def test_exact_before_prefix_before_phrase_before_all_words_before_some_words(db):
    esco_occupation("laboratory technician")
    esco_occupation("cell culture scientist")
    esco_occupation("technician in cell and gene therapy")
    esco_occupation("senior cell therapy technician")
    esco_occupation("cell therapy technician supervisor")
    esco_occupation("cell therapy technician")
    assert slugs(search_occupations("cell therapy technician")) == [
        "esco-occupation-cell-therapy-technician",
        "esco-occupation-senior-cell-therapy-technician",  # the same once the grade word is dropped
        "esco-occupation-cell-therapy-technician-supervisor",
        "esco-occupation-technician-in-cell-and-gene-therapy",
        "esco-occupation-cell-culture-scientist",
        # "laboratory technician" shares only the generic word "technician": no match
    ]


def test_more_words_matched_ranks_higher_among_partial_matches(db):
    esco_occupation("bottling line operator")
    esco_occupation("packaging line operator")
    esco_occupation("warehouse operative")
    ranked = slugs(search_occupations("bottling line supervisor"))
    assert ranked[0] == "esco-occupation-bottling-line-operator"
    assert "esco-occupation-warehouse-operative" not in ranked


# --- Job titles ------------------------------------------------------------------------------------


def test_a_reviewed_job_title_outranks_an_esco_alternative_label(db):
    esco_occupation("university teaching assistant", "teaching assistant", "graduate teaching assistant")
    esco_occupation("primary school teaching assistant", job_titles=("teaching assistant", "TA"))
    assert slugs(search_occupations("teaching assistant"))[0] == "esco-occupation-primary-school-teaching-assistant"
    assert slugs(search_occupations("TAs"))[0] == "esco-occupation-primary-school-teaching-assistant"


def test_an_esco_title_outranks_the_same_words_as_an_alternative_label(db):
    esco_occupation("medical administrative assistant", "healthcare assistant")
    esco_occupation("healthcare assistant", "resident care assistant")
    assert slugs(search_occupations("healthcare assistant"))[0] == "esco-occupation-healthcare-assistant"


def test_plurals_case_abbreviations_and_split_compounds_are_normalised(db):
    esco_occupation("forklift operator", "forklift driver")
    esco_occupation("administrative assistant")
    esco_occupation("midwife")
    esco_occupation("health and safety officer")
    esco_occupation("warehouse worker", job_titles=("warehouse operative",))
    assert slugs(search_occupations("Fork-Lift DRIVERS"))[0] == "esco-occupation-forklift-operator"
    assert slugs(search_occupations("admin asst"))[0] == "esco-occupation-administrative-assistant"
    assert slugs(search_occupations("midwives"))[0] == "esco-occupation-midwife"
    assert slugs(search_occupations("health & safety officer"))[0] == "esco-occupation-health-and-safety-officer"
    assert slugs(search_occupations("warehouse op"))[0] == "esco-occupation-warehouse-worker"


def test_an_abbreviation_is_also_read_as_the_start_of_a_word_being_typed(db):
    esco_occupation("ICT system administrator")
    esco_occupation("administrative assistant")
    assert slugs(search_occupations("admin")) == [
        "esco-occupation-administrative-assistant",
        "esco-occupation-ict-system-administrator",
    ]
    assert slugs(search_occupations("admin asst")) == ["esco-occupation-administrative-assistant"]


def test_grade_seniority_and_shift_words_do_not_hide_the_job(db):
    esco_occupation("nurse responsible for general care", job_titles=("staff nurse",))
    esco_occupation("nurse assistant", "staff nurse assistant")
    esco_occupation("warehouse worker", "warehouse operative")
    assert (
        slugs(search_occupations("Senior Staff Nurse (Band 6)"))[0]
        == "esco-occupation-nurse-responsible-for-general-care"
    )
    assert slugs(search_occupations("warehouse operative - nights"))[0] == "esco-occupation-warehouse-worker"


def test_an_exact_title_beats_a_label_that_only_starts_with_it(db):
    esco_occupation("baker")
    esco_occupation("bakery shop manager", "baker shop manager")
    esco_occupation("pastry chef", "baker")
    assert slugs(search_occupations("bakers")) == [
        "esco-occupation-baker",
        "esco-occupation-pastry-chef",
        "esco-occupation-bakery-shop-manager",
    ]


def test_curated_occupations_win_only_ties(mini):
    # "brewery worker" is an alternative title of the curated brew house operator.
    esco_occupation("brewery cellar worker", "brewery worker")
    assert slugs(search_occupations("brewery worker"))[:2] == [
        "brew-house-operator",
        "esco-occupation-brewery-cellar-worker",
    ]
    # An ESCO occupation whose own title is the query beats a curated alternative title.
    esco_occupation("brewer")
    assert slugs(search_occupations("brewer"))[0] == "esco-occupation-brewer"


def test_a_shared_generic_word_or_a_word_inside_another_is_no_match(db):
    esco_occupation("forklift operator", "forklift driver")
    esco_occupation("hospital pharmacist", "accountable pharmacist")
    esco_occupation("hospitality manager")
    assert search_occupations("bus driver") == []
    assert search_occupations("able seaman") == []
    # "hospital" starts "hospitality" but is not that word; it is a word of "hospital pharmacist".
    assert slugs(search_occupations("hospital porter")) == ["esco-occupation-hospital-pharmacist"]


def test_job_titles_are_searchable_in_the_database_prefilter(db, django_assert_num_queries):
    esco_occupation("infantry soldier", job_titles=("private", "lance bombardier"))
    occupation = SourceOccupation.objects.get(slug="esco-occupation-infantry-soldier")
    assert "lance bombardier" in occupation.search_text
    with django_assert_num_queries(2):
        assert slugs(search_occupations("Lance Bombardier")) == ["esco-occupation-infantry-soldier"]


def test_curated_skills_come_before_esco_ones_on_ties(mini):
    esco_skill("aseptic technique")
    assert slugs(search_skills("aseptic technique")) == ["aseptic-technique", "esco-skill-aseptic-technique"]


def test_skill_search_reads_alternative_and_esco_labels(mini):
    esco_skill("maintain brewing equipment", "cellar work")
    assert slugs(search_skills("sterile technique"))[0] == "aseptic-technique"
    assert slugs(search_skills("GDocP")) == ["good-documentation"]
    assert slugs(search_skills("cellar work"))[0] == "esco-skill-maintain-brewing-equipment"


def test_a_query_of_nothing_but_noise_finds_nothing(mini):
    assert search_skills("") == []
    assert search_skills("  ?! ") == []


def test_the_limit_and_offset_page_through_the_ranking(db):
    for n in range(5):
        esco_occupation(f"process operator {n}")
    count, first = search_occupations_page("process operator", limit=2)
    count_again, second = search_occupations_page("process operator", limit=2, offset=2)
    assert count == count_again == 5
    assert len(first) == len(second) == 2
    assert not set(slugs(first)) & set(slugs(second))


def test_search_costs_two_queries_however_many_rows(mini, django_assert_num_queries):
    Skill.objects.bulk_create(
        Skill(
            slug=f"esco-skill-{n}", name=f"operate machine {n}", search_text=f"operate machine {n}", origin=Origin.ESCO
        )
        for n in range(500)
    )
    with django_assert_num_queries(2):
        assert len(search_skills("operate machine", limit=20)) == 20


def test_a_title_every_sector_uses_names_no_one_job_from_a_cv(db):
    from skillsnet.catalogue.search import occupation_for_title

    # ESCO gives "technical manager" to a theatre's technical director; a CV line that says only that is
    # offered nothing (the person picks their job), while the search still lists it for someone who types it.
    esco_occupation("technical director", "technical manager", "head of technical")
    esco_occupation("lift engineer", "field service engineer")
    esco_occupation("warehouse manager")
    assert occupation_for_title("Senior Technical Manager") is None
    assert occupation_for_title("Head of Technical") is None
    assert occupation_for_title("Technical director") is None
    assert occupation_for_title("Field Service Engineer") is None
    assert occupation_for_title("Warehouse Manager").title == "warehouse manager"
    assert slugs(search_occupations("technical manager")) == ["esco-occupation-technical-director"]
