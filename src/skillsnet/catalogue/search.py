"""Searches of the catalogue: skills by name and alternative label, source occupations by job title.

Each costs one prefilter query, then the ranking runs in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.models import Q, QuerySet

from skillsnet.catalogue.models import Origin, Skill, SourceOccupation
from skillsnet.catalogue.titles import (
    GENERIC_WORDS,
    SECTORLESS_TITLES,
    core_title,
    literal_words,
    normal_words,
    normalise_title,
    search_tokens,
    title_forms,
)

Row = TypeVar("Row", Skill, SourceOccupation)

# Words that say nothing about which skill or job is meant; dropped when the query has others.
STOP_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})
MAX_QUERY_TOKENS = 8
WORD_RE = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


def _query_tokens(q: str) -> list[str]:
    tokens = list(dict.fromkeys(_words(q)))
    meaningful = [t for t in tokens if t not in STOP_WORDS]
    return (meaningful or tokens)[:MAX_QUERY_TOKENS]


def _match(query: str, tokens: Sequence[str], labels: Sequence[str]) -> tuple[int, int, int, int] | None:
    """How well the best of `labels` matches: (tier, -words matched, name first, shorter first); None: no match.

    Tiers: 0 the whole label, 1 the label starts with the query, 2 every query word starts a word of the
    label, 3 some do, 4 a query word appears inside a word.
    """
    best: tuple[int, int, int, int] | None = None
    for position, label in enumerate(labels):
        words = _words(label)
        normal = " ".join(words)
        if normal == query:
            tier, matched = 0, len(tokens)
        elif normal.startswith(query):
            tier, matched = 1, len(tokens)
        else:
            matched = sum(1 for token in tokens if any(word.startswith(token) for word in words))
            if matched == len(tokens):
                tier = 2
            elif matched:
                tier = 3
            else:
                matched = sum(1 for token in tokens if token in normal)
                if not matched:
                    continue
                tier = 4
        key = (tier, -matched, 0 if position == 0 else 1, len(normal))
        if best is None or key < best:
            best = key
    return best


def _ranked_ids(queryset: QuerySet[Skill] | QuerySet[SourceOccupation], name_field: str, q: str) -> list[int]:
    """Ids of the rows matching `q`, best first: one prefilter query, then ranking in Python.

    The prefilter keeps rows whose search text contains any query word, so a 16,000-row catalogue sends
    only plausible candidates (and only four columns of them) to the ranking.
    """
    tokens = _query_tokens(q)
    if not tokens:
        return []
    query = " ".join(_words(q))
    # A row an importer left without search text still matches on its name.
    prefilter = reduce(
        or_, (Q(search_text__contains=t) | Q(search_text="", **{f"{name_field}__icontains": t}) for t in tokens)
    )
    ranked: list[tuple[tuple[int, int, int, int, int, str], int]] = []
    for pk, name, search_text, origin in queryset.filter(prefilter).values_list(
        "id", name_field, "search_text", "origin"
    ):
        match = _match(query, tokens, labels=search_text.split(" | ") if search_text else [name])
        if match is None:
            continue
        tier, words_missed, alternative, length = match
        # Curated rows come before ESCO ones on ties: they are the ones roles and courses refer to.
        curated_first = 0 if origin == Origin.CURATED else 1
        ranked.append(((tier, words_missed, curated_first, alternative, length, name.lower()), pk))
    ranked.sort()
    return [pk for _, pk in ranked]


def _in_order(queryset: QuerySet[Row], ids: list[int]) -> list[Row]:
    rows = queryset.in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def search_skills_page(q: str, limit: int = 20, offset: int = 0) -> tuple[int, list[Skill]]:
    """(number of matches, one page of them) for a skill search over names and alternative labels."""
    ids = _ranked_ids(Skill.objects.all(), "name", q)
    return len(ids), _in_order(Skill.objects.all(), ids[offset : offset + limit])


def search_skills(q: str, limit: int = 20) -> list[Skill]:
    """The skills that best match `q` (curated and ESCO), best first."""
    return search_skills_page(q, limit)[1]


# Which kind of label matched, best first: a reviewed UK job title (data/job_titles.yaml) says which
# occupation a title means, so it outranks ESCO's own titles, which outrank alternative labels.
JOB_TITLE, TITLE, ALTERNATIVE = 0, 1, 2


def _title_match(
    query: str, core: str, tokens: Sequence[str], labels: Iterable[tuple[int, str]]
) -> tuple[int, ...] | None:
    """How well the best of `labels` ((kind, text) pairs) matches a job-title query; None: no match.

    `query` and `core` are the query's normal and core forms (titles.normalise_title, titles.core_title),
    `tokens` its normal words. Tiers, best first:
        0 a label is the query, once both are normalised;
        1 a label is the query once grade, seniority and shift words are dropped from both;
        2 a label starts with the query;           3 the query is a phrase inside a label;
        4 every query word starts a word of a label; 5 some do, and one of them is a whole word of the
          label and not a generic word such as "worker" or "driver" (a bus driver is not a forklift
          driver, nor a hospital porter a hospitality manager).
    A query word inside another word is no match ("able" is not in "accountable pharmacist").
    The key is (tier, words missed, kind of label, length of the label).
    """
    best: tuple[int, ...] | None = None
    compact, padded = query.replace(" ", ""), f" {query} "
    for kind, label in labels:
        form = title_forms(label)
        normal = form.normal
        if not normal:
            continue
        missed = 0
        if normal == query or form.compact == compact:
            tier = 0
        elif core and form.core == core:
            tier = 1
        elif normal.startswith(query):
            tier = 2
        elif padded in form.padded:
            tier = 3
        elif best is not None and best[0] <= 4:
            continue  # a word-by-word match cannot beat what another label of this row already has
        else:
            # " token" inside " label ": some word of the label starts with the token.
            matched = [token for token in tokens if f" {token}" in form.padded]
            missed = len(tokens) - len(matched)
            if not missed:
                tier = 4
            elif any(token not in GENERIC_WORDS and f" {token} " in form.padded for token in matched):
                tier = 5
            else:
                continue
        key = (tier, missed, kind, len(normal))
        if best is None or key < best:
            best = key
    return best


def _word_start(token: str) -> Q:
    """Rows with a word of their search text (or, lacking one, their title) that starts with `token`.

    The ranking never matches inside a word, so neither need the prefilter: a short token such as "ta"
    then sends only the rows with a word starting "ta" to Python, not every row that contains it.
    """
    starts = Q(search_text__startswith=token)
    for before in (" ", "-", "/", "("):
        starts |= Q(search_text__contains=before + token)
    return starts | Q(search_text="", title__icontains=token)


def _ranked_occupation_ids(q: str) -> list[int]:
    """Ids of the source occupations matching the job title `q`, best first (see `_title_match`)."""
    return [pk for _key, pk in _ranked_occupations(q)]


def _ranked_occupations(q: str) -> list[tuple[tuple[int | str, ...], int]]:
    """(ranking key, id) of the source occupations matching the job title `q`, best first; the key starts
    with the tier of `_title_match`.

    One prefilter query keeps the rows whose search text holds any query word (as typed or normalised),
    then the ranking runs in Python. Curated occupations come first only between equal matches.
    """
    query = normalise_title(q)
    if not query:
        return []
    # The query as normalised, and (when an abbreviation was spelt out) as typed, for someone still typing:
    # "admin" is spelt "administrative" but must also start "administrator". Only the first may match a
    # label's core form (tier 1).
    core = core_title(q)  # empty when the query is nothing but grade words: then tier 1 is off
    variants = [(query, core, list(normal_words(q))[:MAX_QUERY_TOKENS])]
    literal = literal_words(q)
    if " ".join(literal) != query:
        variants.append((" ".join(literal), "", list(literal)[:MAX_QUERY_TOKENS]))
    prefilter = reduce(or_, (_word_start(t) for t in search_tokens(q)[: MAX_QUERY_TOKENS * 2]))
    ranked: list[tuple[tuple[int | str, ...], int]] = []
    rows = SourceOccupation.objects.filter(prefilter).values_list("id", "title", "alt_titles", "job_titles", "origin")
    for pk, title, alt_titles, job_titles, origin in rows:
        labels = [(JOB_TITLE, t) for t in job_titles or []] + [(TITLE, title)]
        labels += [(ALTERNATIVE, t) for t in alt_titles or []]
        matches = [m for v in variants if (m := _title_match(*v, labels)) is not None]
        if not matches:
            continue
        match = min(matches)
        tier, missed, kind, length = match
        curated_first = 0 if origin == Origin.CURATED else 1
        ranked.append(((tier, missed, kind, curated_first, length, title.lower()), pk))
    ranked.sort()
    return ranked


def search_occupations_page(q: str, limit: int = 20, offset: int = 0) -> tuple[int, list[SourceOccupation]]:
    ids = _ranked_occupation_ids(q)
    return len(ids), _in_order(SourceOccupation.objects.select_related("sector"), ids[offset : offset + limit])


def search_occupations(q: str, limit: int = 20) -> list[SourceOccupation]:
    """The source occupations (curated and ESCO) whose title, alternative titles or UK job titles best match `q`."""
    return search_occupations_page(q, limit)[1]


# A title read from a CV names an occupation only when a label is the title itself, or is once grade,
# seniority and shift words are dropped ("Senior biomedical scientist"): tiers 0 and 1 of `_title_match`.
EXACT_TITLE_TIERS = 1


def occupation_for_title(title: str) -> SourceOccupation | None:
    """The one source occupation that `title` names outright (tier 0 or 1 of `_title_match`), or None when
    no label is the title, when the title names no line of work (only grade and generic words: "Senior
    technician", "Night shift team leader"), when every sector uses the title (`SECTORLESS_TITLES`: "Technical
    manager"), or when several occupations match it equally well."""
    core = core_title(title)
    if core in SECTORLESS_TITLES or all(word in GENERIC_WORDS for word in core.split()):
        return None
    ranked = _ranked_occupations(title)
    if not ranked or int(ranked[0][0][0]) > EXACT_TITLE_TIERS:
        return None
    best = ranked[0][0][:3]  # tier, words missed, kind of label
    if len(ranked) > 1 and ranked[1][0][:3] == best:
        return None
    return SourceOccupation.objects.filter(pk=ranked[0][1]).first()
