"""Normalising and tokenising: text and labels go through the same normaliser (case folded, punctuation
and hyphens split, final plural s/es stripped, -ize spelt -ise, common abbreviations expanded), and phrase
tables are matched longest first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TypeVar

# Written in their canonical case. Abbreviations of one or two letters, and those that are also
# English words (_WORDLIKE), expand only when written in capitals.
ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "GMP": "good manufacturing practice",
        "GLP": "good laboratory practice",
        "GDP": "good distribution practice",
        "QC": "quality control",
        "QA": "quality assurance",
        "QP": "qualified person",
        "EM": "environmental monitoring",
        "CIP": "clean in place",
        "SIP": "steam in place",
        "SOP": "standard operating procedure",
        "CAPA": "corrective and preventive action",
        "RCA": "root cause analysis",
        "FMEA": "failure mode and effects analysis",
        "QRM": "quality risk management",
        "OOS": "out of specification",
        "HACCP": "hazard analysis and critical control point",
        "HPLC": "high performance liquid chromatography",
        "PCR": "polymerase chain reaction",
        "QPCR": "quantitative polymerase chain reaction",
        "ELISA": "enzyme linked immunosorbent assay",
        "LIMS": "laboratory information management system",
        "COSHH": "control of substances hazardous to health",
        "TFF": "tangential flow filtration",
        "SPC": "statistical process control",
        "DOE": "design of experiments",
        "BSC": "biological safety cabinet",
        "PLC": "programmable logic controller",
        "SCADA": "supervisory control and data acquisition",
        "MES": "manufacturing execution system",
        "NGS": "next generation sequencing",
        "LN2": "liquid nitrogen",
        "PPE": "personal protective equipment",
    }
)
_WORDLIKE = frozenset({"sip", "sop", "doe", "mes"})
_STOPWORDS = frozenset({"a", "an", "and", "the", "of", "in", "on", "to", "for", "with", "or", "at", "by"})


# A full stop between two digits is a decimal point ("0.2 micron filters", "2.5 years"), not a sentence break.
_TOKEN_OR_BREAK = re.compile(r"(?P<w>[^\W_]+)|(?P<b>(?!(?<=\d)\.\d)[.;!?\n\r\u2022|]+)")
_CLAUSE_PUNCTUATION = re.compile(r"[,:()\[\]\u2013\u2014]")
_PLURAL_ACRONYM = re.compile(r"^[A-Z0-9]{2,}s$")
# Capitals followed by lower case ("BSc", "MSc") is a degree or a brand, not an acronym to expand.
_CAPITALS_THEN_LOWER = re.compile(r"^[A-Z]{2,}[a-z]+$")
_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations)$")
_V = TypeVar("_V")


def _stem(word: str) -> str:
    word = _IZE.sub(r"is\1", word)
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=1 << 16)
def normalise_token(token: str) -> tuple[str, ...]:
    """One written token to its normal form(s); an abbreviation expands to several tokens."""
    base = token[:-1] if _PLURAL_ACRONYM.match(token) else token
    upper = base.upper()
    expansion = ABBREVIATIONS.get(upper)
    if expansion is not None and not _CAPITALS_THEN_LOWER.match(base):
        short_or_wordlike = len(base) <= 2 or base.lower() in _WORDLIKE
        if base == upper or not short_or_wordlike:
            return tuple(_stem(w) for w in expansion.split())
    if len(token) <= 2 and not token.isdigit():
        # Very short tokens keep their case so "QC", "R" or "5S" never match "qc", "r" or "5s" in
        # running text.
        return (token if token.isupper() else token.lower(),)
    if len(token) <= 4 and token.isupper():
        # An acronym ending in S is not a plural: "MSDS" is not "MSD", "CMMS" is not "CMM".
        return (token.lower(),)
    return (_stem(token.lower()),)


def _is_acronym(word: str) -> bool:
    """A label written as a 3-4 letter acronym ("FAT", "SAT", "BET"): it matches only in capitals."""
    return 3 <= len(word) <= 4 and word.isalpha() and word.isupper() and word not in ABBREVIATIONS


def normalise(text: str) -> tuple[str, ...]:
    return tuple(
        n
        for m in _TOKEN_OR_BREAK.finditer(text)
        if m.group("w") and not _possessive_s(text, m.start(), m[0])
        for n in normalise_token(m[0])
    )


def _possessive_s(text: str, start: int, written: str) -> bool:
    """Whether a token is the s of a possessive ("the patient's"): it is dropped, so "patient's identifiers"
    reads as "patient identifiers"."""
    return written == "s" and start >= 2 and text[start - 1] in "'’" and text[start - 2].isalnum()


def _prefix_set(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


# The first words of the engine's own module-level phrase tables, by id() (the tables live as long as their
# modules, so id() is stable): `_longest_matches` skips most positions with them. `_remember_firsts` fills it.
_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _remember_firsts(*tables: Mapping[tuple[str, ...], object]) -> None:
    for entries in tables:
        _FIRST_WORDS[id(entries)] = frozenset(key[0] for key in entries)


@dataclass(frozen=True)
class _Tokens:
    norms: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]
    sentence_spans: list[tuple[int, int]]
    capitals: list[bool]  # written in capitals ("FAT", "SOPs")
    clause_break: list[bool]  # a comma, colon, bracket or dash just before this token
    possessive: set[int]  # tokens written with 's ("the client's"); the s is not a token


@lru_cache(maxsize=1 << 16)
def _token_info(written: str) -> tuple[tuple[str, ...], bool]:
    """A written token's normal forms, and whether it is written in capitals ("FAT", "SOPs")."""
    upper = written.isupper() or (written[-1] == "s" and written[:-1].isupper())
    return normalise_token(written), upper


def _tokenise(text: str) -> _Tokens:
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentence: list[int] = []
    spans: list[tuple[int, int]] = []
    capitals: list[bool] = []
    clause_break: list[bool] = []
    possessive: set[int] = set()
    sentence_start, current, previous_end = 0, 0, 0
    punctuation = _CLAUSE_PUNCTUATION.search
    for m in _TOKEN_OR_BREAK.finditer(text):
        start, end = m.span()
        written = m.group("w")
        if written is None:
            spans.append((sentence_start, start))
            sentence_start = end
            current += 1
            continue
        if written == "s" and norms and start - 1 == previous_end and _possessive_s(text, start, written):
            possessive.add(len(norms) - 1)  # "the patient's identifiers" reads as "the patient identifiers"
            continue
        found, upper = _token_info(written)
        broken = (start - previous_end != 1 or text[previous_end] != " ") and (
            punctuation(text, previous_end, start) is not None
        )
        if len(found) == 1:
            norms.append(found[0])
            starts.append(start)
            ends.append(end)
            sentence.append(current)
            capitals.append(upper)
            clause_break.append(broken)
        else:
            for norm in found:
                norms.append(norm)
                starts.append(start)
                ends.append(end)
                sentence.append(current)
                capitals.append(upper)
                clause_break.append(broken)
                broken = False
        previous_end = end
    spans.append((sentence_start, len(text)))
    return _Tokens(norms, starts, ends, sentence, spans, capitals, clause_break, possessive)


def _firsts(prefixes: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The words that can start an entry: a cheap test before building n-gram tuples."""
    return frozenset(p[0] for p in prefixes if len(p) == 1)


def _longest_matches(
    norms: Sequence[str], entries: Mapping[tuple[str, ...], _V], prefixes: frozenset[tuple[str, ...]]
) -> list[tuple[int, int, _V]]:
    """(first token, end token, value) for the longest entry at each position, left to right."""
    found: list[tuple[int, int, _V]] = []
    firsts = _FIRST_WORDS.get(id(entries)) or _firsts(prefixes)
    i, n = 0, len(norms)
    while i < n:
        if norms[i] not in firsts:
            i += 1
            continue
        best: tuple[int, _V] | None = None
        j = i + 1
        while j <= n:
            key = tuple(norms[i:j])
            if key not in prefixes:
                break
            value = entries.get(key)
            if value is not None:
                best = (j, value)
            j += 1
        if best is None:
            i += 1
        else:
            found.append((i, best[0], best[1]))
            i = best[0]
    return found
