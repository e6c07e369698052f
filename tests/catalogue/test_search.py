"""Ranked search over skills and source occupations (the Career Converter reuses these selectors)."""

from __future__ import annotations

import pytest

from skillsnet.catalogue.models import Origin, Skill, SourceOccupation
from skillsnet.catalogue.selectors import search_occupations, search_occupations_page, search_skills

pytestmark = pytest.mark.django_db


def esco_occupation(title: str, *alt_titles: str) -> SourceOccupation:
    slug = "esco-occupation-" + "-".join(title.lower().replace("'", "").split())
    return SourceOccupation.objects.create(slug=slug, title=title, alt_titles=list(alt_titles), origin=Origin.ESCO)


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


def test_exact_before_prefix_before_all_words_before_some_words(db):
    esco_occupation("laboratory technician")
    esco_occupation("technician in cell and gene therapy")
    esco_occupation("cell therapy technician supervisor")
    esco_occupation("cell therapy technician")
    assert slugs(search_occupations("cell therapy technician")) == [
        "esco-occupation-cell-therapy-technician",
        "esco-occupation-cell-therapy-technician-supervisor",
        "esco-occupation-technician-in-cell-and-gene-therapy",
        "esco-occupation-laboratory-technician",
    ]


def test_more_words_matched_ranks_higher_among_partial_matches(db):
    esco_occupation("bottling line operator")
    esco_occupation("packaging line operator")
    esco_occupation("warehouse operative")
    ranked = slugs(search_occupations("bottling line supervisor"))
    assert ranked[0] == "esco-occupation-bottling-line-operator"
    assert "esco-occupation-warehouse-operative" not in ranked


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
