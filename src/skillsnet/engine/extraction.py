"""Free text (a CV, a job description) to skills, by dictionary look-up of normalised token n-grams.

Text and labels go through the same normaliser: case folded, punctuation and hyphens split, final
plural s/es stripped, -ize spelt -ise, and common abbreviations (GMP, QC, SOP...) expanded. Each
position takes the longest label that matches there. No model is loaded; an embedding matcher can be
plugged in through `SemanticMatcher`, off by default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol, TypeVar

from .catalogue import SkillSpec
from .profile import AWARENESS, EXPERT, PRACTITIONER, WORKING, Evidence, Provenance

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

# Cues near a mention that suggest a level. The nearest cue in the same sentence wins; a tie goes to
# the higher level. Numbers of years are handled separately (>= 5 -> expert, >= 2 -> practitioner).
LEVEL_CUES: Mapping[str, int] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                "expert",
                "expertise",
                "subject matter expert",
                "trained others",
                "training others",
                "trained colleagues",
                "trained new staff",
                "trained new starters",
                "trained operators",
                "mentored",
                "mentoring",
                "coached",
                "principal",
                "head of",
            ),
            EXPERT,
        ),
        **dict.fromkeys(
            (
                "led",
                "lead",
                "leading",
                "managed",
                "manage",
                "managing",
                "manager",
                "senior",
                "supervised",
                "supervising",
                "supervisor",
                "responsible for",
                "accountable for",
                "extensive",
                "extensively",
                "proficient",
                "advanced",
                "experienced",
                "owned",
            ),
            PRACTITIONER,
        ),
        **dict.fromkeys(
            (
                "familiar with",
                "familiarity with",
                "exposure to",
                "exposed to",
                "awareness",
                "aware of",
                "basic knowledge",
                "basic understanding",
                "introduction to",
                "introductory",
                "some experience",
                "limited experience",
                "shadowed",
                "observed",
                "beginner",
            ),
            AWARENESS,
        ),
    }
)
CUE_WINDOW_BEFORE = 10  # tokens
CUE_WINDOW_AFTER = 6
EVIDENCE_CONTEXT = 60  # characters either side of the mention
DEFAULT_LEVEL = WORKING

_TOKEN_OR_BREAK = re.compile(r"(?P<w>[^\W_]+)|(?P<b>[.;!?\n\r\u2022|]+)")
_PLURAL_ACRONYM = re.compile(r"^[A-Z0-9]{2,}s$")
_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations)$")
_YEAR_WORDS = frozenset({"year", "yr"})
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


def normalise_token(token: str) -> tuple[str, ...]:
    """One written token to its normal form(s); an abbreviation expands to several tokens."""
    base = token[:-1] if _PLURAL_ACRONYM.match(token) else token
    upper = base.upper()
    expansion = ABBREVIATIONS.get(upper)
    if expansion is not None:
        short_or_wordlike = len(base) <= 2 or base.lower() in _WORDLIKE
        if base == upper or not short_or_wordlike:
            return tuple(_stem(w) for w in expansion.split())
    if len(token) <= 2 and token.isalpha():
        # Very short tokens keep their case so "QC" or "R" never match "qc" or "r" in running text.
        return (token if token.isupper() else token.lower(),)
    return (_stem(token.lower()),)


def normalise(text: str) -> tuple[str, ...]:
    return tuple(n for m in _TOKEN_OR_BREAK.finditer(text) if m.group("w") for n in normalise_token(m[0]))


@dataclass(frozen=True)
class ExtractedSkill:
    skill: str
    level: int
    evidence: str  # the phrase quoted from the original text, with some context
    start: int  # character offsets of the mention in the original text
    end: int


class SemanticMatcher(Protocol):
    """Hook for an embedding-based matcher (none ships; the engine never downloads a model)."""

    def __call__(self, text: str) -> Iterable[ExtractedSkill]: ...


@dataclass(frozen=True)
class Lexicon:
    """Normalised label n-gram -> skill slug. Build it with `build_lexicon`."""

    entries: Mapping[tuple[str, ...], str]
    prefixes: frozenset[tuple[str, ...]]

    def __len__(self) -> int:
        return len(self.entries)


def _prefix_set(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


def build_lexicon(skills: Iterable[SkillSpec], extra_labels: Iterable[tuple[str, str]] = ()) -> Lexicon:
    """Lexicon from skill names and labels, plus (skill slug, label) pairs such as ESCO alt labels.

    When two skills share a normalised label, a name beats a label beats an extra label, then the
    lower slug wins. Labels made only of stop words, or a single short lower-case token, are skipped.
    """
    candidates: list[tuple[tuple[str, ...], int, str]] = []
    for spec in skills:
        candidates.append((normalise(spec.name), 0, spec.slug))
        candidates.extend((normalise(label), 1, spec.slug) for label in spec.labels)
    candidates.extend((normalise(label), 2, slug) for slug, label in extra_labels)
    entries: dict[tuple[str, ...], str] = {}
    for key, _, slug in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        if not key or all(t in _STOPWORDS for t in key):
            continue
        if len(key) == 1 and len(key[0]) <= 2 and not key[0].isupper():
            continue
        entries.setdefault(key, slug)
    return Lexicon(MappingProxyType(entries), _prefix_set(entries))


_CUE_ENTRIES: Mapping[tuple[str, ...], int] = MappingProxyType(
    {normalise(phrase): level for phrase, level in LEVEL_CUES.items()}
)
_CUE_PREFIXES = _prefix_set(_CUE_ENTRIES)


@dataclass(frozen=True)
class _Tokens:
    norms: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]
    sentence_spans: list[tuple[int, int]]


def _tokenise(text: str) -> _Tokens:
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentence: list[int] = []
    spans: list[tuple[int, int]] = []
    sentence_start, current = 0, 0
    for m in _TOKEN_OR_BREAK.finditer(text):
        if m.group("b"):
            spans.append((sentence_start, m.start()))
            sentence_start = m.end()
            current += 1
            continue
        for norm in normalise_token(m[0]):
            norms.append(norm)
            starts.append(m.start())
            ends.append(m.end())
            sentence.append(current)
    spans.append((sentence_start, len(text)))
    return _Tokens(norms, starts, ends, sentence, spans)


def _longest_matches(
    norms: Sequence[str], entries: Mapping[tuple[str, ...], _V], prefixes: frozenset[tuple[str, ...]]
) -> list[tuple[int, int, _V]]:
    """(first token, end token, value) for the longest entry at each position, left to right."""
    found: list[tuple[int, int, _V]] = []
    i, n = 0, len(norms)
    while i < n:
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


def _cue_positions(tokens: _Tokens) -> list[tuple[int, int, int]]:
    """(first token, end token, level) of every level cue, including "N years"."""
    cues = _longest_matches(tokens.norms, _CUE_ENTRIES, _CUE_PREFIXES)
    norms = tokens.norms
    for i, norm in enumerate(norms):
        if norm.isdigit() and any(w in _YEAR_WORDS for w in norms[i + 1 : i + 3]):
            years = int(norm)
            if years >= 5:
                cues.append((i, i + 1, EXPERT))
            elif years >= 2:
                cues.append((i, i + 1, PRACTITIONER))
    return cues


def _level_for(tokens: _Tokens, cues: Sequence[tuple[int, int, int]], first: int, end: int) -> int:
    sentence = tokens.sentence[first]
    best: tuple[int, int] | None = None  # (distance, -level)
    for a, b, level in cues:
        if tokens.sentence[a] != sentence:
            continue
        if b <= first:
            distance = first - b + 1
            if distance > CUE_WINDOW_BEFORE:
                continue
        elif a >= end:
            distance = a - end + 1
            if distance > CUE_WINDOW_AFTER:
                continue
        else:
            distance = 0
        candidate = (distance, -level)
        if best is None or candidate < best:
            best = candidate
    return DEFAULT_LEVEL if best is None else -best[1]


def _evidence(text: str, span: tuple[int, int], start: int, end: int) -> str:
    lo = max(span[0], start - EVIDENCE_CONTEXT)
    hi = min(span[1], end + EVIDENCE_CONTEXT)
    if lo > span[0]:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < span[1]:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    quote = " ".join(text[lo:hi].split())
    return ("…" if lo > span[0] else "") + quote + ("…" if hi < span[1] else "")


def extract(text: str, lexicon: Lexicon, *, semantic: SemanticMatcher | None = None) -> list[ExtractedSkill]:
    """Skills mentioned in `text`, one per skill (highest suggested level, then earliest), by position.

    The level is suggested from cues near the mention: "led", "managed", "senior", 2+ years ->
    practitioner (3); "expert", "trained others", 5+ years -> expert (4); "familiar with", "exposure
    to", "awareness" -> awareness (1); otherwise working (2).
    """
    tokens = _tokenise(text)
    cues = _cue_positions(tokens)
    best: dict[str, ExtractedSkill] = {}
    for first, end, slug in _longest_matches(tokens.norms, lexicon.entries, lexicon.prefixes):
        level = _level_for(tokens, cues, first, end)
        current = best.get(slug)
        if current is not None and current.level >= level:
            continue
        start, stop = tokens.starts[first], tokens.ends[end - 1]
        span = tokens.sentence_spans[tokens.sentence[first]]
        best[slug] = ExtractedSkill(slug, level, _evidence(text, span, start, stop), start, stop)
    if semantic is not None:
        for found in semantic(text):
            best.setdefault(found.skill, found)  # the lexical match, when there is one, wins
    return sorted(best.values(), key=lambda e: (e.start, e.skill))


def as_evidence(found: Iterable[ExtractedSkill]) -> list[Evidence]:
    """Extracted skills as CV evidence for a `Profile`, quoting the phrase."""
    return [Evidence(f.skill, f.level, Provenance.CV, f.evidence) for f in found]
