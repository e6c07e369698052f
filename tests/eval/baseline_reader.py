"""FROZEN BASELINE for `make eval` and `make bench`: a copy of src/skillsnet/engine/extraction.py as it was
before issue 13 (2026-12-06), kept unchanged so that the new reader is always compared, in the same run, with
the one it replaced. Do not edit or tune it.

Free text (a CV, a job description) to skills, by dictionary look-up of normalised token n-grams.

Text and labels go through the same normaliser: case folded, punctuation and hyphens split, final
plural s/es stripped, -ize spelt -ise, and common abbreviations (GMP, QC, SOP...) expanded. Each
position takes the longest label that matches there. Labels led by a verb ("trained operators") also
match across a short gap ("trained 14 new operators"); mentions in the scope of a negation or an
aspiration ("no experience of X", "hoping to learn X") are not evidence. No model is loaded; an
embedding matcher can be plugged in through `SemanticMatcher`, off by default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol, TypeVar

from skillsnet.engine.catalogue import SkillSpec
from skillsnet.engine.profile import AWARENESS, EXPERT, PRACTITIONER, WORKING, Evidence, Provenance

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
                "basic",
            ),
            AWARENESS,
        ),
    }
)
CUE_WINDOW_BEFORE = 10  # tokens
CUE_WINDOW_AFTER = 6
EVIDENCE_CONTEXT = 60  # characters either side of the mention
DEFAULT_LEVEL = WORKING

# A mention after one of these, in the same sentence and clause, is not evidence: "no experience of
# cleanrooms", "have not yet worked to GMP", "hoping to do HACCP level 3". The scope runs for
# NEGATION_WINDOW tokens and stops at a sentence break or a word that turns the clause ("but").
NEGATION_CUES: tuple[str, ...] = (
    "no",
    "not",
    "never",
    "without",
    "yet to",
    "lack",
    "lacking",
    "unfamiliar with",
    "hope to",
    "hoping to",
    "plan to",
    "planning to",
    "would like to",
    "want to",
    "wanting to",
    "looking to",
    "aim to",
    "aiming to",
    "keen to",
    "working towards",
    "interested in",
    "need to build",
    "need to develop",
    "need to gain",
    "need to learn",
)
NEGATION_WINDOW = 8  # tokens
_NEGATION_EXCEPTIONS = frozenset({("not", "only")})
_SCOPE_ENDERS = frozenset({"but", "however", "although", "though", "whereas", "while", "except", "instead"})

# Labels that start with one of these verbs ("trained operators", "wrote SOPs", "led a team") also
# match with up to VERB_GAP words between the verb and the rest ("trained 14 new operators", "wrote
# and maintain our cleaning SOPs"), in the same sentence and clause, and not across a preposition that
# would attach the rest elsewhere ("led investigations with the QA team"). A participle right after
# "a", "is", "fully"... is an adjective ("a trained operator"), so neither form matches there.
VERB_HEADS = frozenset(
    {
        "train",
        "trained",
        "training",
        "write",
        "wrote",
        "writing",
        "rewrote",
        "rewritten",
        "authored",
        "drafted",
        "revised",
        "updated",
        "lead",
        "led",
        "leading",
        "supervise",
        "supervised",
        "supervising",
        "manage",
        "managed",
        "managing",
        "present",
        "presented",
        "presenting",
        "mentored",
        "coached",
        "delivered",
        "delivering",
    }
)
VERB_GAP = 4  # tokens
_PARTICIPLE = re.compile(r"(ed|en)$")
_ADJECTIVE_BEFORE = frozenset(
    {"a", "an", "the", "am", "is", "are", "was", "were", "be", "been", "being", "fully", "highly", "newly", "well"}
)
_GAP_BLOCKERS = frozenset({"with", "for", "to", "from", "by", "into", "about", "after", "before", "during", "via"})

# Common phrases that contain a label but are no evidence of the skill ("a teaching hospital", an
# aircraft's "technical publications"). They take their place in the text like a label and yield nothing.
NOT_EVIDENCE: tuple[str, ...] = (
    "teaching hospital",
    "teaching trust",
    "technical publications",
)

_TOKEN_OR_BREAK = re.compile(r"(?P<w>[^\W_]+)|(?P<b>[.;!?\n\r\u2022|]+)")
_CLAUSE_PUNCTUATION = re.compile(r"[,:()\[\]\u2013\u2014]")
_PLURAL_ACRONYM = re.compile(r"^[A-Z0-9]{2,}s$")
# Capitals followed by lower case ("BSc", "MSc") is a degree or a brand, not an acronym to expand.
_CAPITALS_THEN_LOWER = re.compile(r"^[A-Z]{2,}[a-z]+$")
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
    """Normalised label n-gram -> skill slug. Build it with `build_lexicon`.

    `entries` maps the NOT_EVIDENCE phrases to "". `capitals_only` holds the keys that match only where
    the text is written in capitals (labels that are a 3-4 letter acronym: "FAT" is not "fat");
    `verb_led` maps a verb, then the first word of the rest of a label it starts, to the (rest of the
    label, slug) pairs, for matching across a short gap.
    """

    entries: Mapping[tuple[str, ...], str]
    prefixes: frozenset[tuple[str, ...]]
    capitals_only: frozenset[tuple[str, ...]] = frozenset()
    verb_led: Mapping[str, Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def __len__(self) -> int:
        return sum(1 for slug in self.entries.values() if slug)


def _prefix_set(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


def build_lexicon(skills: Iterable[SkillSpec], extra_labels: Iterable[tuple[str, str]] = ()) -> Lexicon:
    """Lexicon from skill names and labels, plus (skill slug, label) pairs such as ESCO alt labels.

    When two skills share a normalised label, a name beats a label beats an extra label, then the
    lower slug wins. Labels made only of stop words, or a single short lower-case token, are skipped.
    """
    skills_list = list(skills)
    candidates: list[tuple[tuple[str, ...], int, str]] = []
    for spec in skills_list:
        candidates.append((normalise(spec.name), 0, spec.slug))
        candidates.extend((normalise(label), 1, spec.slug) for label in spec.labels)
    candidates.extend((normalise(label), 2, slug) for slug, label in extra_labels)
    acronyms = {
        normalise(label) for spec in skills_list for label in (spec.name, *spec.labels) if _is_acronym(label.strip())
    }
    entries: dict[tuple[str, ...], str] = {}
    for key, _, slug in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        if not key or all(t in _STOPWORDS for t in key):
            continue
        if len(key) == 1 and len(key[0]) <= 2 and not key[0].isupper():
            continue
        entries.setdefault(key, slug)
    for phrase in NOT_EVIDENCE:
        entries.setdefault(normalise(phrase), "")
    verb_led: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
    for key, slug in sorted(entries.items()):
        rest = key[1:]
        while rest and rest[0] in _STOPWORDS:
            rest = rest[1:]
        if key[0] in VERB_HEADS and rest and slug:
            verb_led.setdefault(key[0], {}).setdefault(rest[0], []).append((rest, slug))
    return Lexicon(
        MappingProxyType(entries),
        _prefix_set(entries),
        frozenset(acronyms & entries.keys()),
        MappingProxyType(
            {
                verb: MappingProxyType({word: tuple(pairs) for word, pairs in by_word.items()})
                for verb, by_word in verb_led.items()
            }
        ),
    )


_CUE_ENTRIES: Mapping[tuple[str, ...], int] = MappingProxyType(
    {normalise(phrase): level for phrase, level in LEVEL_CUES.items()}
)
_CUE_PREFIXES = _prefix_set(_CUE_ENTRIES)
_NEGATION_ENTRIES: Mapping[tuple[str, ...], bool] = MappingProxyType(
    {normalise(phrase): True for phrase in NEGATION_CUES}
)
_NEGATION_PREFIXES = _prefix_set(_NEGATION_ENTRIES)


@dataclass(frozen=True)
class _Tokens:
    norms: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]
    sentence_spans: list[tuple[int, int]]
    capitals: list[bool]  # written in capitals ("FAT", "SOPs")
    clause_break: list[bool]  # a comma, colon, bracket or dash just before this token


def _tokenise(text: str) -> _Tokens:
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentence: list[int] = []
    spans: list[tuple[int, int]] = []
    capitals: list[bool] = []
    clause_break: list[bool] = []
    sentence_start, current, previous_end = 0, 0, 0
    for m in _TOKEN_OR_BREAK.finditer(text):
        if m.group("b"):
            spans.append((sentence_start, m.start()))
            sentence_start = m.end()
            current += 1
            continue
        written = m[0]
        upper = written.isupper() or (written[-1] == "s" and written[:-1].isupper())
        gap = text[previous_end : m.start()]
        broken = gap != " " and _CLAUSE_PUNCTUATION.search(gap) is not None
        for norm in normalise_token(written):
            norms.append(norm)
            starts.append(m.start())
            ends.append(m.end())
            sentence.append(current)
            capitals.append(upper)
            clause_break.append(broken)
            broken = False
        previous_end = m.end()
    spans.append((sentence_start, len(text)))
    return _Tokens(norms, starts, ends, sentence, spans, capitals, clause_break)


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


def _adjective_use(tokens: _Tokens, i: int) -> bool:
    """Whether the verb at `i` is a participle used as an adjective ("a trained operator")."""
    return (
        i > 0
        and tokens.sentence[i - 1] == tokens.sentence[i]
        and tokens.norms[i - 1] in _ADJECTIVE_BEFORE
        and _PARTICIPLE.search(tokens.norms[i]) is not None
    )


def _skill_matches(tokens: _Tokens, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """(first token, end token, slug) of every skill mention, left to right.

    At each position the longest label wins; a label that starts inside an earlier mention counts too
    when it runs past its end ("stem cell" + "cell culture" in "stem cell culture"). Verb-led labels
    also match across a short gap, and the labels inside the rest they matched give way to them ("wrote
    our cleaning SOPs" is writing procedures, not following them).
    """
    norms, entries, prefixes = tokens.norms, lexicon.entries, lexicon.prefixes
    capitals_only, verb_led = lexicon.capitals_only, lexicon.verb_led
    n = len(norms)
    found: list[tuple[int, int, str]] = []
    gapped: list[tuple[int, int, int, str]] = []  # (verb, start of the rest, end, slug)
    covered = 0
    for i in range(n):
        adjective = norms[i] in VERB_HEADS and _adjective_use(tokens, i)
        best: tuple[int, str] | None = None
        j = i + 1
        while j <= n:
            key = tuple(norms[i:j])
            if key not in prefixes:
                break
            slug = entries.get(key)
            if (
                slug is not None
                and not (key in capitals_only and not all(tokens.capitals[i:j]))
                and not (adjective and key[0] in VERB_HEADS)
            ):
                best = (j, slug)
            j += 1
        if best is not None and best[0] > covered:
            if best[1]:  # "" marks a NOT_EVIDENCE phrase
                found.append((i, best[0], best[1]))
            covered = best[0]
        rests = verb_led.get(norms[i])
        if rests and not adjective:
            gapped.extend(_gapped_matches(tokens, i, rests))
    if not gapped:
        return found
    spans = [(a, b) for _, a, b, _ in gapped]
    kept = [m for m in found if not any(a <= m[0] and m[1] <= b for a, b in spans)]
    return sorted([*kept, *((v, b, slug) for v, _, b, slug in gapped)])


def _gapped_matches(
    tokens: _Tokens, verb: int, rests: Mapping[str, Sequence[tuple[tuple[str, ...], str]]]
) -> list[tuple[int, int, int, str]]:
    """(verb, start of the rest, end, slug) for each verb-led label whose rest follows a gap of 1 to
    VERB_GAP tokens, in the same sentence and clause, with no preposition in the gap; nearest first."""
    norms, sentence, breaks = tokens.norms, tokens.sentence, tokens.clause_break
    n = len(norms)
    out: list[tuple[int, int, int, str]] = []
    seen: set[str] = set()
    for k in range(verb + 2, min(n, verb + 2 + VERB_GAP)):
        gap_word = norms[k - 1]
        if sentence[k - 1] != sentence[verb] or breaks[k - 1] or gap_word in _GAP_BLOCKERS:
            break
        for rest, slug in rests.get(norms[k], ()):
            end = k + len(rest)
            if slug in seen or end > n or tuple(norms[k:end]) != rest:
                continue
            if any(sentence[t] != sentence[verb] or breaks[t] for t in range(k, end)):
                continue
            out.append((verb, k, end, slug))
            seen.add(slug)
    return out


def _negated(tokens: _Tokens) -> set[int]:
    """Tokens in the scope of a negation or aspiration cue."""
    norms = tokens.norms
    out: set[int] = set()
    for a, b, _ in _longest_matches(norms, _NEGATION_ENTRIES, _NEGATION_PREFIXES):
        if b < len(norms) and (norms[a], norms[b]) in _NEGATION_EXCEPTIONS:
            continue
        for t in range(b, min(len(norms), b + NEGATION_WINDOW)):
            if tokens.sentence[t] != tokens.sentence[a] or norms[t] in _SCOPE_ENDERS:
                break
            out.add(t)
    return out


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
    negated = _negated(tokens)
    best: dict[str, ExtractedSkill] = {}
    for first, end, slug in _skill_matches(tokens, lexicon):
        if first in negated:
            continue
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
