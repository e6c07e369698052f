"""Free text (a CV, a job description) to skills, by dictionary look-up of normalised token n-grams.

Text and labels go through the same normaliser: case folded, punctuation and hyphens split, final
plural s/es stripped, -ize spelt -ise, and common abbreviations (GMP, QC, SOP...) expanded. Each
position takes the longest label that matches there. Labels led by a verb ("trained operators") also
match across a short gap ("trained 14 new operators"); mentions in the scope of a negation or an
aspiration ("no experience of X", "hoping to learn X") are not evidence. No model is loaded; an
embedding matcher can be plugged in through `SemanticMatcher`, off by default.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol, TypeVar

from .catalogue import SkillSpec
from .phrases import TASK_PHRASES, expand, object_phrases, phrase_verbs, phrase_verbs_of, reader_phrases
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

# Cues near a mention that suggest a level (see `_level`). The nearest cue in the same sentence wins; a
# tie goes to the higher level. Durations, seniority and "occasionally" are read separately.
LEVEL_CUES: Mapping[str, int] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                "expert",
                "expertise",
                "subject matter expert",
                "head of",
                "external examiner",
                "strategy",
                "site standard",
                "national panel",
                "assessment panel",
            ),
            EXPERT,
        ),
        **dict.fromkeys(
            (
                "trained others",
                "training others",
                "trained colleagues",
                "trained new staff",
                "trained new starters",
                "trained operators",
                "mentored",
                "mentoring",
                "coached",
                "led",
                "lead",
                "leading",
                "managed",
                "manage",
                "managing",
                "supervised",
                "supervising",
                "responsible for",
                "responsibility for",
                "accountable for",
                "sole",
                "own",
                "owned",
                "extensive",
                "extensively",
                "proficient",
                "advanced",
                "experienced",
                "wrote the procedures",
                "sign off",
                "signed off",
            ),
            PRACTITIONER,
        ),
        **dict.fromkeys(
            (
                "familiar with",
                "familiarity with",
                "some exposure to",
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
                "watched",
                "beginner",
                "basic",
                "assisted",
                "assisting",
                "helped",
                "helping",
                "under supervision",
                "placement",
                "module",
                "some",
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
    "would love to",
    "love to",
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
_GAP_BLOCKERS = frozenset(
    {"with", "for", "to", "from", "by", "into", "about", "after", "before", "during", "via", "on", "in", "as", "at"}
)

# Common phrases that contain a label but are no evidence of the skill ("a teaching hospital", an
# aircraft's "technical publications"). They take their place in the text like a label and yield nothing.
NOT_EVIDENCE: tuple[str, ...] = (
    "teaching hospital",
    "teaching trust",
    "technical publications",
    "R&D",
    # a shift as a unit of time, not shift work
    "each shift",
    "every shift",
    "per shift",
    "across shifts",
    "a shift",
)
# A writer's claims about themselves ("great team player", "reliable", "quick learner") are no evidence of the
# behaviour (tests/eval/cvs/README.md, rule 5): what they did is. These override any label they match.
SELF_DESCRIPTIONS: tuple[str, ...] = (
    "team player",
    "team worker",
    "good communicator",
    "excellent communicator",
    "strong communicator",
    "communication skills",
    "interpersonal skills",
    "people skills",
    "people person",
    "organised",
    "well organised",
    "highly organised",
    "organisational skills",
    "reliable",
    "dependable",
    "punctual",
    "disciplined",
    "self disciplined",
    "quick learner",
    "fast learner",
    "hard working",
    "hardworking",
    "motivated",
    "self motivated",
    "flexible",
    "adaptable",
    "proactive",
    "problem solver",
    "trustworthy",
)
# Labels that were right in at most a quarter of their finds (and wrong at least three times) over the 254
# dev paragraphs of both labelled sets and the older 53: they name a product, a sector or a place more often
# than the work ("apheresis collections", "a brewery", "gene therapy group", "packaging hall"). They are no
# evidence alone; a longer label containing them still is.
WEAK_LABELS: tuple[str, ...] = (
    "packaging",
    "labelling",
    "apheresis",
    "biologics",
    "cryopreserved",
    "brewery",
    "gene therapy",
)
# The reader's own not-evidence phrases (see `build_lexicon`, reader_rules): "a teaching laboratory" is a place.
READER_NOT_EVIDENCE: tuple[str, ...] = ("teaching lab", "teaching laboratory", "training records")
# Single words too general to stand for a skill on their own, whichever label list they come from (ESCO's
# alternative labels include "data" for statistics and "schedule" for time management).
GENERIC_LABELS = frozenset(
    {"data", "schedule", "choose", "decide", "separation", "purification", "calculation", "measurement", "measuring"}
    | {"transplantation", "cooperate"}
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
    level_reason: str = ""  # why this level, in words: "level 3: 9 years (since 2017); “Band 6”"


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
    verb_heads: frozenset[str] = VERB_HEADS
    slugs: frozenset[str] = frozenset()  # the skills it can find

    firsts: frozenset[str] = frozenset()  # the words that can start a label (empty: check every word)

    def __len__(self) -> int:
        return sum(1 for slug in self.entries.values() if slug)


def _prefix_set(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


_OBJECT_DETERMINERS = ("the", "our", "all", "their", "my")


def _with_determiners(form: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A verb-object phrase as written straight on and with a determiner after the verb ("calibrated the
    instruments"). Only these: across a longer gap the object often belongs to another noun ("managing
    arterial lines" is not line management)."""
    return [form, *((form[0], det, *form[1:]) for det in _OBJECT_DETERMINERS)]


def build_lexicon(
    skills: Iterable[SkillSpec],
    extra_labels: Iterable[tuple[str, str]] = (),
    *,
    task_phrases: bool = True,
    reader_rules: bool = True,
) -> Lexicon:
    """Lexicon from skill names and labels, the task phrases of `phrases.TASK_PHRASES` (for skills in
    `skills`), plus (skill slug, label) pairs such as the labels of ESCO skills bridged to a curated one.

    When two skills share a normalised label, a name beats a label beats a task phrase beats a verb-object
    phrase beats an extra label, then the lower slug wins. Labels made only of stop words, or a single short
    lower-case token, are skipped, and so are one-word extra labels. Verbs that lead a task phrase may match
    across a short gap, as VERB_HEADS do.

    `reader_rules` (the CV reader's own tuning) adds `phrases.READER_PHRASES` and the verb-object phrases of
    `phrases.object_phrases`, leaves out `phrases.READER_DROPS`, and makes SELF_DESCRIPTIONS, WEAK_LABELS and
    READER_NOT_EVIDENCE no evidence. The ESCO bridge builder turns it off, so the shipped bridge does not move
    when the reader is tuned.
    """
    skills_list = list(skills)
    slugs = {spec.slug for spec in skills_list}
    candidates: list[tuple[tuple[str, ...], int, str]] = []
    for spec in skills_list:
        candidates.append((normalise(spec.name), 0, spec.slug))
        candidates.extend((normalise(label), 1, spec.slug) for label in spec.labels)
    heads = set(VERB_HEADS)
    if task_phrases:
        table = reader_phrases() if reader_rules else TASK_PHRASES
        for slug, written in table.items():
            if slug in slugs:
                candidates.extend((normalise(form), 2, slug) for phrase in written for form in expand(phrase))
        heads |= {n for verb in (phrase_verbs_of(table) if reader_rules else phrase_verbs()) for n in normalise(verb)}
    if task_phrases and reader_rules:
        for spec in skills_list:
            for label in (spec.name, *spec.labels):
                for phrase in object_phrases(label):
                    for form in map(normalise, expand(phrase)):
                        candidates.extend((variant, 3, spec.slug) for variant in _with_determiners(form))
    extras = [(slug, label) for slug, label in extra_labels if slug in slugs]
    # A one-word label of a bridged ESCO skill ("sampling", "BMS") names a broader or other thing more often
    # than the curated skill: on the dev paragraphs such labels were right once in nine finds.
    candidates.extend((key, 4, slug) for slug, label in extras if len(key := normalise(label)) > 1)
    all_labels = [label for spec in skills_list for label in (spec.name, *spec.labels)] + [label for _, label in extras]
    acronyms = {normalise(label) for label in all_labels if _is_acronym(label.strip())}
    entries: dict[tuple[str, ...], str] = {}
    for key, _, slug in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        if not key or all(t in _STOPWORDS for t in key):
            continue
        if len(key) == 1 and ((len(key[0]) <= 2 and not key[0].isupper()) or key[0] in GENERIC_LABELS):
            continue
        entries.setdefault(key, slug)
    for phrase in (*NOT_EVIDENCE, *(READER_NOT_EVIDENCE if reader_rules else ())):
        entries.setdefault(normalise(phrase), "")
    for phrase in (*SELF_DESCRIPTIONS, *WEAK_LABELS) if reader_rules else ():
        entries[normalise(phrase)] = ""
    verb_led: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
    for key, slug in sorted(entries.items()):
        rest = key[1:]
        while rest and rest[0] in _STOPWORDS:
            rest = rest[1:]
        if key[0] in heads and rest and slug:
            verb_led.setdefault(key[0], {}).setdefault(rest[0], []).append((rest, slug))
    return Lexicon(
        MappingProxyType(entries),
        _prefix_set(entries),
        frozenset(acronyms & entries.keys()),
        MappingProxyType(
            {
                # the longest rest first, so "wrote our SOPs" takes all of "standard operating procedure"
                verb: MappingProxyType(
                    {word: tuple(sorted(pairs, key=lambda p: -len(p[0]))) for word, pairs in by_word.items()}
                )
                for verb, by_word in verb_led.items()
            }
        ),
        frozenset(heads),
        frozenset(slugs),
        frozenset(key[0] for key in entries),
    )


_CUE_ENTRIES: Mapping[tuple[str, ...], int] = MappingProxyType(
    {normalise(phrase): level for phrase, level in LEVEL_CUES.items()}
)
_CUE_PREFIXES = _prefix_set(_CUE_ENTRIES)
_NEGATION_ENTRIES: Mapping[tuple[str, ...], bool] = MappingProxyType(
    {normalise(phrase): True for phrase in NEGATION_CUES}
)
_NEGATION_PREFIXES = _prefix_set(_NEGATION_ENTRIES)
# A sentence about pastimes is no evidence of a skill ("In my spare time I enjoy brewing kombucha").
HOBBY_CUES: tuple[str, ...] = (
    "spare time",
    "free time",
    "outside work",
    "outside of work",
    "hobbies",
    "hobby",
    "interests include",
    "for fun",
    "in my leisure",
)
_HOBBY_ENTRIES: Mapping[tuple[str, ...], bool] = MappingProxyType({normalise(p): True for p in HOBBY_CUES})
_HOBBY_PREFIXES = _prefix_set(_HOBBY_ENTRIES)


@dataclass(frozen=True)
class _Tokens:
    norms: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]
    sentence_spans: list[tuple[int, int]]
    capitals: list[bool]  # written in capitals ("FAT", "SOPs")
    clause_break: list[bool]  # a comma, colon, bracket or dash just before this token


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
    return _Tokens(norms, starts, ends, sentence, spans, capitals, clause_break)


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
    capitals_only, verb_led, heads = lexicon.capitals_only, lexicon.verb_led, lexicon.verb_heads
    n = len(norms)
    found: list[tuple[int, int, str]] = []
    gapped: list[tuple[int, int, int, str]] = []  # (verb, start of the rest, end, slug)
    covered = 0
    firsts = lexicon.firsts
    for i in range(n):
        if firsts and norms[i] not in firsts:
            continue
        adjective = norms[i] in heads and _adjective_use(tokens, i)
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
                and not (adjective and key[0] in heads)
            ):
                best = (j, slug)
            j += 1
        direct_end = 0
        if best is not None and best[0] > covered:
            if best[1]:  # "" marks a NOT_EVIDENCE phrase
                found.append((i, best[0], best[1]))
            covered = direct_end = best[0]
        rests = verb_led.get(norms[i])
        if rests and not adjective and not (best is not None and not best[1]):  # not a verb in "teaching lab"
            # A longer label read straight on from the verb wins over a gapped one ending inside it.
            gapped.extend(g for g in _gapped_matches(tokens, i, rests) if g[2] > direct_end)
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


# --- context: the sense of a mention ----------------------------------------------------------------
# Words in the same sentence that mark a clinical, food, farm, environmental or equipment-check setting,
# and words that keep the GMP (medicines manufacturing) sense even there. Single normalised tokens.
_CLINICAL = frozenset(
    [
        "patient",
        "ward",
        "theatre",
        "surgery",
        "surgical",
        "scrub",
        "scrubbed",
        "antt",
        "cannula",
        "wound",
        "dental",
        "dentist",
        "nurse",
        "nursing",
        "clinic",
        "bedside",
        "catheter",
        "operating",
        "donor",
        "gp",
        "veterinary",
        "vet",
        "anaesthetic",
        "midwife",
        "paramedic",
        "resident",
        "care",
    ]
)
_PHARMACEUTICAL = frozenset(
    [
        "good",
        "manufacturing",
        "cleanroom",
        "isolator",
        "batch",
        "filling",
        "civas",
        "pharmacy",
        "product",
        "release",
        "qualified",
        "annex",
        "grade",
        "atmp",
        "licensed",
        "mhra",
        "compounding",
    ]
)
_FOOD = frozenset(
    [
        "food",
        "bakery",
        "meat",
        "dairy",
        "brewery",
        "beer",
        "brewing",
        "haccp",
        "brc",
        "salsa",
        "kitchen",
        "restaurant",
        "factory",
        "catering",
        "poultry",
        "drink",
        "beverage",
        "snack",
        "confectionery",
    ]
)
_FARM = frozenset(
    [
        "farm",
        "livestock",
        "poultry",
        "fish",
        "pig",
        "cattle",
        "crop",
        "arable",
        "broiler",
        "smolt",
        "hatchery",
        "herd",
        "flock",
    ]
)
_OUTDOORS = frozenset(
    [
        "river",
        "groundwater",
        "borehole",
        "dust",
        "stack",
        "emission",
        "noise",
        "ecology",
        "ecological",
        "pollution",
        "field",
        "catchment",
        "soil",
        "effluent",
        "sewage",
        "outdoor",
        "ambient",
    ]
)
_CLEANROOM = frozenset(["cleanroom", "grade", "settle", "viable", "aseptic", "isolator", "annex"])
_EQUIPMENT = frozenset(
    [
        "analyser",
        "analyzer",
        "meter",
        "cytometer",
        "machine",
        "instrument",
        "equipment",
        "pipette",
        "balance",
        "internal",
        "eqa",
        "gas",
    ]
)
_CHECK_NOUNS = frozenset({"check", "verification"})
_RELEASE = frozenset(["release", "batch", "raw", "product", "stability", "specification", "finished"])
_SPREADSHEET = frozenset(["excel", "spreadsheet", "kpi", "oee", "dashboard"])
_CONTROL_CHART = frozenset(["westgard", "levey", "jennings", "cusum"])
_NOT_TFF = frozenset(
    [
        "beer",
        "reverse",
        "osmosis",
        "dialysis",
        "dialyser",
        "desalination",
        "ship",
        "membrane",
        "cider",
        "wine",
    ]
)
_BEER = frozenset(["beer", "cider", "lager", "ale"])
# "worked alongside the QA team", "fed back to the nurse in charge": a function or person the writer
# works with, not a thing they do.
_RELATIONAL = frozenset({"alongside", "beside"})
_WITH_FOR = frozenset({"with", "for", "to", "by", "from"})
_DETERMINERS = frozenset({"the", "our", "their", "a", "an", "site", "local"})
# Skills whose labels can name a person ("the nurse in charge", "the supervisor"): after "to the", "with
# the"... they name someone else.
# Skills named like a department: "passed to QA", "transferred to QC" name the function, not the work.
_FUNCTION_SKILLS = frozenset({"quality-assurance", "quality-control-testing"})
_PERSON_SKILLS = frozenset({"team-leadership", "people-management", "leadership", "quality-assurance"})
_GROUP_NOUNS = frozenset(
    [
        "team",
        "department",
        "dept",
        "colleague",
        "function",
        "manager",
        "officer",
        "staff",
        "inspector",
        "inspectorate",
        "auditor",
        "group",
    ]
)
# "look after autoclaves, centrifuges and microscopes": maintaining the kit is not using it.
_MAINTAIN_VERBS = frozenset(
    [
        "maintain",
        "maintained",
        "maintaining",
        "maintenance",
        "ppm",
        "service",
        "serviced",
        "servicing",
        "repair",
        "repaired",
        "repairing",
        "install",
        "installed",
        "installing",
        "calibrate",
        "calibrated",
        "calibrating",
    ]
)
_MAINTAIN_WINDOW = 6
# "HTA licensed", "UKAS accredited": a quality of the workplace.
_ATTRIBUTES = frozenset({"accredited", "licensed", "licenced", "certified", "approved"})
# "virology lab", "a diagnostics company": the mention names a place, which is not evidence of doing the
# skill (the activities described are).
_PLACE_NOUNS = frozenset(["lab", "laboratory", "company", "wholesaler", "contractor", "consultancy", "firm"])
# "QA team", "BMS staff", "haematology unit", "supervisor role": a word written as one token in front of a
# group, unit or role names whom the writer works with or where, not what they do. (A job title does carry
# evidence: an "HPLC analyst" runs HPLC.)
_ROLE_NOUNS = frozenset(["staff", "team", "unit", "department", "dept", "role", "colleague", "function"])
_ORGANISATIONS = frozenset(
    [
        "unit",
        "lab",
        "laboratory",
        "site",
        "company",
        "department",
        "trust",
        "facility",
        "plant",
        "practice",
        "service",
        "business",
        "firm",
    ]
)
# Skills named after the kit they use: maintaining that kit is not evidence of them.
_KIT_SKILLS = frozenset(
    [
        "pumps-transfer-systems",
        "production-line-operation",
        "microscopy",
        "centrifugation",
        "flow-cytometry",
        "elisa-immunoassays",
        "laboratory-equipment",
        "chemistry",
        "biochemistry",
        "haematology",
        "spectrophotometry",
        "hplc",
        "gas-chromatography",
        "mass-spectrometry",
        "chromatography",
        "bioreactor-operation",
        "cell-counting-viability",
        "pcr-qpcr",
        "electrophoresis",
    ]
)


_PLANT_KIT = frozenset(["pumps-transfer-systems", "production-line-operation", "bioreactor-operation"])
# A science named on its own ("biochemistry results", "boiler chemistry", "phonics and maths") is a department,
# a sample type or a school subject; it is evidence of the science with a degree or teaching in its sentence.
_DISCIPLINES = frozenset(["biology", "chemistry", "biochemistry", "mathematics", "pharmacology"])
_ACADEMIC = frozenset(
    [
        *("bsc", "msc", "mchem", "mbiol", "mpharm", "mphil", "phd", "dphil", "degree", "graduate", "hon"),
        *("bachelor", "master", "doctorate", "gcse", "teach", "taught", "teacher", "teaching", "lecturer"),
        *("head", "module", "thesis", "undergraduate", "postgraduate", "university"),
    ]
)
# "validation" in a sentence about methods, cleaning or software is that kind of validation, not process
# validation.
_VALIDATION_SENSES: tuple[tuple[frozenset[str], str], ...] = (
    (
        frozenset(["method", "assay", "analytical", "hplc", "elisa", "pcr", "linearity", "accuracy", "precision"]),
        "analytical-method-validation",
    ),
    (frozenset(["cleaning", "swab", "rinse", "residue", "carryover"]), "cleaning-validation"),
    (
        frozenset(["software", "computerised", "computer", "csv", "lims", "gamp", "spreadsheet"]),
        "computer-system-validation",
    ),
)
_SENSE_SLUGS = frozenset(
    {
        *_DISCIPLINES,
        "process-validation",
        "aseptic-technique",
        "cleanroom-gowning",
        "cleanroom-behaviour",
        "annex-1-cleanroom-grades",
        "good-documentation-practice",
        "in-process-sampling",
        "quality-control-testing",
        "statistical-process-control",
        "tangential-flow-filtration",
        "environmental-monitoring",
        "biosafety",
        "gmp",
    }
)  # the skills `_sense` may read in another sense


def _sense(tokens: _Tokens, first: int, end: int, slug: str, words: set[str]) -> str:
    """The skill this mention is evidence of, given its sentence (`words`): `slug`, another slug, or ""."""
    clinical = bool(words & _CLINICAL) and not words & _PHARMACEUTICAL
    if slug == "aseptic-technique" and clinical:
        return "clinical-aseptic-technique"
    if slug in {"cleanroom-gowning", "cleanroom-behaviour", "annex-1-cleanroom-grades"} and clinical:
        return ""
    if slug == "good-documentation-practice" and clinical:
        return "clinical-record-keeping"
    if slug == "in-process-sampling":
        if words & {"blood", "patient"}:
            return "venepuncture"
        if words & _OUTDOORS:
            return ""
    if slug == "quality-control-testing" and words & _EQUIPMENT and not words & _RELEASE:
        return "laboratory-equipment-maintenance"
    if slug == "quality-control-testing" and end < len(tokens.norms) and tokens.norms[end] in _CHECK_NOUNS:
        return ""  # "QC checks" on an instrument or a file, "post-repair QC verification": checking, not testing
    if slug == "statistical-process-control" and words & _SPREADSHEET and not words & _CONTROL_CHART:
        return ""
    if slug == "tangential-flow-filtration" and words & _NOT_TFF:
        return "beverage-filtration" if words & _BEER else ""
    if slug == "environmental-monitoring" and words & _OUTDOORS and not words & _CLEANROOM:
        return ""
    if slug == "process-validation" and not words & {"ppq", "process", "cpv"}:
        for cues, other in _VALIDATION_SENSES:
            if words & cues:
                return other
    if slug in _DISCIPLINES and not words & _ACADEMIC:
        return ""
    if slug == "biosafety" and words & _FARM:
        return ""
    if slug == "gmp" and words & _FOOD and not words & {"pharmaceutical", "medicine", "mhra", "atmp", "cosmetic"}:
        return ""
    return slug


def _bystander(tokens: _Tokens, first: int, end: int, slug: str, opens: int) -> bool:
    """Whether the mention names someone the writer works with, kit they only maintain, a quality of their
    employer ("the unit is HTA licensed") or a word in a job title or a place ("virology lab")."""
    norms, sentence = tokens.norms, tokens.sentence
    here = sentence[first]
    before = [norms[t] for t in range(max(0, first - 3), first) if sentence[t] == here]
    after = norms[end] if end < len(norms) and sentence[end] == here else ""
    if after in _ATTRIBUTES:
        return True
    if after in _PLACE_NOUNS and not _verb_before(tokens, first):
        return True
    if (
        after in _ROLE_NOUNS
        and tokens.starts[first] == tokens.starts[end - 1]
        and not norms[first].endswith("ed")  # "instructed units" is a verb on its object
        and not _verb_before(tokens, first)
    ):
        return True
    opening = norms[opens : min(first, opens + 3)]
    if (
        len(opening) >= 2
        and opening[0] in {"the", "our"}
        and opening[1] in _ORGANISATIONS
        and not any(norms[t] in {"I", "i", "me", "my", "we"} for t in range(opens, first))
    ):
        return True
    if before:
        det = before[-1] in _DETERMINERS
        lead = before[-2] if det and len(before) >= 2 else before[-1]
        if lead in _RELATIONAL:
            return True
        if lead in _WITH_FOR and (after in _GROUP_NOUNS or (det and slug in _PERSON_SKILLS)):
            return True
    return slug in _FUNCTION_SKILLS and _recipient(tokens, first)


def _maintained(tokens: _Tokens, first: int) -> bool:
    """Whether the mention is kit the writer maintains, services or repairs ("look after autoclaves")."""
    norms, sentence = tokens.norms, tokens.sentence
    for t in range(max(0, first - _MAINTAIN_WINDOW), first):
        if sentence[t] == sentence[first] and norms[t] in _MAINTAIN_VERBS and not tokens.clause_break[t]:
            return True
        if sentence[t] == sentence[first] and norms[t] == "look" and t + 1 < first and norms[t + 1] == "after":
            return True
    return False


def _recipient(tokens: _Tokens, first: int) -> bool:
    """Whether the mention is the function that work goes to or comes from ("records for QA review", "for the
    client's QA", "transferred them to QC"): a preposition before it, past a determiner or a possessive."""
    t = first - 1
    for _ in range(4):
        if t < 0 or tokens.sentence[t] != tokens.sentence[first] or tokens.clause_break[t + 1]:
            return False
        word = tokens.norms[t]
        if word in _WITH_FOR or word == "into":
            return True
        if word not in _DETERMINERS and word != "s" and not (t + 1 < first and tokens.norms[t + 1] == "s"):
            return False
        t -= 1
    return False


def _verb_before(tokens: _Tokens, first: int) -> bool:
    """Whether a word before the mention in its clause looks like a verb ("I work in a ... lab" does not
    count: the mention still names the place)."""
    for t in range(first - 1, max(-1, first - 4), -1):
        if tokens.sentence[t] != tokens.sentence[first] or tokens.clause_break[t + 1]:
            return False
        if tokens.norms[t] in {"run", "ran", "set", "built", "lead", "led", "manage", "managed", "establish"}:
            return True
    return False


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


# "coordinated the sterility testing with external labs", "book apheresis slots", "arrange HEPA integrity tests
# with the specialist": the writer organises work someone else does. A mention up to ARRANGED_WINDOW tokens
# after such a verb, in its clause, is evidence only of the organising skills.
ARRANGING_VERBS = frozenset(
    {
        *("coordinate", "coordinated", "coordinating", "arrange", "arranged", "arranging", "book", "booked"),
        *("booking", "outsource", "outsourced", "outsourcing", "chase", "chased", "chasing"),
    }
)
ARRANGED_WINDOW = 5
_ARRANGED_STOPS = frozenset({"and", "in", "on", "into"})
_ORGANISING_SKILLS = frozenset(
    {
        *("stakeholder-management", "project-management", "production-scheduling", "supply-chain-management"),
        *("procurement", "medicinal-product-logistics", "customer-service", "time-management"),
        *("cross-team-cooperation", "sample-management", "goods-receipt-status-control", "people-management"),
    }
)


def _arranged(tokens: _Tokens) -> set[int]:
    """Tokens that are the object of a verb of arranging others' work (ARRANGING_VERBS)."""
    norms, sentence, breaks = tokens.norms, tokens.sentence, tokens.clause_break
    out: set[int] = set()
    if ARRANGING_VERBS.isdisjoint(norms):
        return out
    for a, norm in enumerate(norms):
        if norm not in ARRANGING_VERBS:
            continue
        for t in range(a + 1, min(len(norms), a + 1 + ARRANGED_WINDOW)):
            if sentence[t] != sentence[a] or breaks[t] or norms[t] in _SCOPE_ENDERS or norms[t] in _ARRANGED_STOPS:
                break  # "book in specimens on Winpath" is reception work on a system, not arranging it
            out.add(t)
    return out


def _cue_positions(tokens: _Tokens) -> list[tuple[int, int, int]]:
    """(first token, end token, level) of every level cue."""
    return _longest_matches(tokens.norms, _CUE_ENTRIES, _CUE_PREFIXES)


def _nearest_cue(cues: Sequence[tuple[int, int, int]], first: int, end: int) -> tuple[int, int] | None:
    """(level, token) of the nearest level cue around a mention, among the cues of its sentence; a tie goes
    to the higher level."""
    best: tuple[int, int, int] | None = None  # (distance, -level, token)
    for a, b, level in cues:
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
        candidate = (distance, -level, a)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else (-best[1], best[2])


# --- levels from the evidence around a mention ----------------------------------------------------------
_NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {
        w: i
        for i, w in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
                "twenty",
            ]
        )
    }
)
# Durations and titles are read from the tokens, in one pass: "2017–present", "2019-2024", "since 2016",
# "6 years", "six years", "3 yrs", "over a decade"; "Band 6", "senior", "lead", "supervisor", "sergeant"...
_RANGE_ENDS = frozenset({"present", "now", "date", "current", "today"})
_RANGE_JOINERS = frozenset({"to", "until"})
_DASHES = " -–—"
# Seniority in the same sentence, else the same paragraph (a CV's paragraph is usually one role): a title
# that makes the writer a practitioner in what they describe (tests/eval/cvs/README.md, "Level rules").
SENIORITY_TITLES: tuple[str, ...] = (
    "senior",
    "lead",
    "principal",
    "chief",
    "supervisor",
    "manager",
    "team leader",
    "shift leader",
    "charge nurse",
    "ward sister",
    "sister",
    "sergeant",
    "staff sergeant",
    "warrant officer",
    "petty officer",
    "specialist",
    "consultant",
    "in charge",
    "head of",
    "master technician",
    "foreman",
    "superintendent",
    *(f"band {n}" for n in ("6", "7", "8", "8a", "8b", "8c", "8d")),
)
_LEADING_TITLES = frozenset({"head of", "chief", "principal", "manager", "lead", "superintendent", "master technician"})
_TITLE_ENTRIES: Mapping[tuple[str, ...], str] = MappingProxyType(
    {normalise(title): title for title in SENIORITY_TITLES}
)
_TITLE_PREFIXES = _prefix_set(_TITLE_ENTRIES)
# The first words of the module's own phrase tables (they live as long as the module, so id() is stable).
_FIRST_WORDS: dict[int, frozenset[str]] = {
    id(entries): frozenset(key[0] for key in entries)
    for entries in (_CUE_ENTRIES, _NEGATION_ENTRIES, _HOBBY_ENTRIES, _TITLE_ENTRIES)
}
_TITLE_STOP = _STOPWORDS | {"I", "i", "since", "from", "until", "where", "who", "my", "our"}
_OCCASIONAL = re.compile(
    r"\b(?:when needed|as needed|if needed|occasionally|occasional|sometimes|ad hoc|when required|to cover|"
    r"now and then|from time to time)\b",
    re.IGNORECASE,
)
EXPERT_YEARS = 10  # leading the activity this long is expert (4)
PRACTITIONER_YEARS = 5  # doing it this long is practitioner (3)


@dataclass(frozen=True)
class _Role:
    """What a paragraph (or a sentence) says about experience: the longest duration and a seniority title."""

    years: int = 0
    years_text: str = ""
    senior: str = ""  # the title as written ("Band 6 biomedical scientist")
    leading: bool = False  # head of, manager, lead, principal...


def _this_year() -> int:
    return date.today().year  # noqa: DTZ011 (a calendar year; the time zone does not matter)


def _year(norm: str) -> int:
    return int(norm) if len(norm) == 4 and norm.isdigit() and 1950 <= int(norm) <= 2049 else 0


def _durations(text: str, tokens: _Tokens) -> list[tuple[int, int, str]]:
    """(offset, whole years, as written) of every duration stated in the text."""
    norms, starts, ends = tokens.norms, tokens.starts, tokens.ends
    n = len(norms)
    out: list[tuple[int, int, str]] = []
    for i, norm in enumerate(norms):
        first = last = i
        years = 0
        if (start := _year(norm)) and i + 1 < n:
            j = i + 2 if norms[i + 1] in _RANGE_JOINERS and i + 2 < n else i + 1
            end = _year(norms[j]) or (_this_year() if norms[j].lower() in _RANGE_ENDS else 0)
            gap = text[ends[i] : starts[j]].strip(_DASHES)
            if end and gap in ("", "to", "until"):
                years, last = end - start, j
        elif norm == "since" and i + 1 < n:
            j = i + 2 if norms[i + 1] in {"early", "mid", "late"} and i + 2 < n else i + 1
            if start := _year(norms[j]):
                years, last = _this_year() - start, j
        elif norm in _YEAR_WORDS and i > 0:
            j = i - 1
            if norms[j] == "time" and j >= 2 and norms[j - 1] == "full":
                j -= 2
            count = norms[j].lower()
            years = int(count) if count.isdigit() and len(count) <= 2 else _NUMBER_WORDS.get(count, 0)
            first = j
        elif norm == "decade" and i > 0 and norms[i - 1] == "a":
            years = EXPERT_YEARS
            first = i - 2 if i >= 2 and norms[i - 2] in {"over", "than", "nearly", "almost"} else i - 1
        if 0 < years <= 60:
            out.append((starts[first], years, " ".join(text[starts[first] : ends[last]].split())))
    return out


def _seniority(text: str, tokens: _Tokens) -> list[tuple[int, str, bool]]:
    """(offset, title as written, whether it leads others) of every seniority title in the text."""
    norms, sentence = tokens.norms, tokens.sentence
    out: list[tuple[int, str, bool]] = []
    for a, b, title in _longest_matches(norms, _TITLE_ENTRIES, _TITLE_PREFIXES):
        last = b - 1
        while (
            last + 1 < min(len(norms), b + 3)
            and sentence[last + 1] == sentence[a]
            and not tokens.clause_break[last + 1]
            and norms[last + 1] not in _TITLE_STOP
        ):
            last += 1
        written = " ".join(text[tokens.starts[a] : tokens.ends[last]].split())
        out.append((tokens.starts[a], written, title in _LEADING_TITLES))
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class _Levels:
    """Levels for the mentions of one text, with the reason in words."""

    def __init__(self, text: str, tokens: _Tokens) -> None:
        self.text, self.tokens = text, tokens
        self.cues = _cue_positions(tokens)
        self.cues_by_sentence: dict[int, list[tuple[int, int, int]]] = {}
        for cue in self.cues:
            self.cues_by_sentence.setdefault(tokens.sentence[cue[0]], []).append(cue)
        self.paragraphs = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)), len(text) + 1]
        self._roles: dict[tuple[int, int], _Role] = {}
        self.durations = _durations(text, tokens)
        self._occasional: dict[tuple[int, int], re.Match[str] | None] = {}
        self.titles = _seniority(text, tokens)

    def _role(self, lo: int, hi: int) -> _Role:
        key = (lo, hi)
        if key not in self._roles:
            years, written = 0, ""
            for at, n, as_written in self.durations:
                if lo <= at < hi and n > years:
                    years, written = n, as_written
            senior, leading = next(((t, lead) for at, t, lead in self.titles if lo <= at < hi), ("", False))
            self._roles[key] = _Role(years, written, senior, leading)
        return self._roles[key]

    def _paragraph(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.paragraphs, offset) - 1  # paragraphs[i] <= offset < paragraphs[i + 1]
        if 0 <= i < len(self.paragraphs) - 1:
            return self.paragraphs[i], min(self.paragraphs[i + 1], len(self.text))
        return 0, len(self.text)

    def level(self, first: int, end: int) -> tuple[int, str]:
        tokens, text = self.tokens, self.text
        near = _nearest_cue(self.cues_by_sentence.get(tokens.sentence[first], ()), first, end)
        if near is not None and near[0] == AWARENESS:
            return AWARENESS, f"level 1: “{self._cue_text(near[1])}”"
        if near is not None and near[0] == EXPERT:
            return EXPERT, f"level 4: “{self._cue_text(near[1])}”"
        span = tokens.sentence_spans[tokens.sentence[first]]
        sentence = self._role(*span)
        paragraph = self._role(*self._paragraph(tokens.starts[first]))
        years, years_text = (
            (sentence.years, sentence.years_text) if sentence.years else (paragraph.years, paragraph.years_text)
        )
        senior = sentence.senior or paragraph.senior
        reasons: list[str] = []
        if years:
            plain = f"{years} year{'s' if years != 1 else ''}"
            shown = years_text and not years_text.lower().startswith(str(years))
            reasons.append(plain + (f" ({years_text})" if shown else ""))
        if senior:
            reasons.append(f"as “{senior}”")
        if near is not None:
            reasons.append(f"“{self._cue_text(near[1])}”")
        level = WORKING
        if years >= PRACTITIONER_YEARS or senior or near is not None:
            level = PRACTITIONER
        if years >= EXPERT_YEARS and sentence.leading and near is not None:
            level = EXPERT
        if span not in self._occasional:
            self._occasional[span] = _OCCASIONAL.search(text, *span)
        occasional = self._occasional[span]
        if occasional and level > WORKING:
            return WORKING, f"level 2: only “{occasional[0]}”"
        if level == WORKING:
            because = ", ".join(reasons) if reasons else "no long experience, seniority or training of others stated"
            return WORKING, f"level 2: does it; {because}"
        return level, f"level {level}: " + ", ".join(reasons)

    def _cue_text(self, token: int) -> str:
        a = token
        for cue_first, cue_end, _level in self.cues:
            if cue_first == a:
                return self.text[self.tokens.starts[cue_first] : self.tokens.ends[cue_end - 1]]
        return self.text[self.tokens.starts[a] : self.tokens.ends[a]]


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

    A mention counts unless it is negated or hoped for, names someone the writer works with, a group or a
    quality of the workplace, is work the writer arranges for others ("coordinated the sterility testing
    with external labs"), or is read in another sense in its sentence (`_sense`: clinical asepsis, QC checks
    on an analyser, a science without a degree...). Its level comes from the evidence around it
    (`_Levels.level`): awareness cues ("familiar with", "assisted") -> 1; routine work -> 2; five years or
    more, a senior title (Band 6-7, senior, lead, supervisor, sergeant...), leading, training or signing off
    others, sole responsibility -> 3; expert cues (head of, subject matter expert, strategy) or ten years
    leading it -> 4; "only when needed" caps at 2. Each skill carries the reason in words and the sentence
    it was read from.
    """
    tokens = _tokenise(text)
    levels = _Levels(text, tokens)
    negated = _negated(tokens)
    arranged = _arranged(tokens)
    pastimes = {tokens.sentence[a] for a, _b, _v in _longest_matches(tokens.norms, _HOBBY_ENTRIES, _HOBBY_PREFIXES)}
    opening: dict[int, int] = {}  # sentence -> its first token
    for t, number in enumerate(tokens.sentence):
        if number not in opening:
            opening[number] = t
    words: dict[int, set[str]] = {}
    best: dict[str, tuple[int, str, int, int]] = {}  # slug -> (level, reason, first token, end token)
    for first, end, found_slug in _skill_matches(tokens, lexicon):
        number = tokens.sentence[first]
        if first in negated or number in pastimes or _bystander(tokens, first, end, found_slug, opening[number]):
            continue
        if first in arranged and found_slug not in _ORGANISING_SKILLS:
            continue
        slug = found_slug
        if found_slug in _KIT_SKILLS and _maintained(tokens, first):
            # maintaining laboratory kit is evidence of maintaining it, not of the technique it serves
            slug = "laboratory-equipment-maintenance" if found_slug not in _PLANT_KIT else ""
        if found_slug in _SENSE_SLUGS:
            if number not in words:
                t, n = opening[number], len(tokens.norms)
                sentence_words = set()
                while t < n and tokens.sentence[t] == number:
                    sentence_words.add(tokens.norms[t])
                    t += 1
                words[number] = sentence_words
            slug = _sense(tokens, first, end, found_slug, words[number])
        if not slug or (slug != found_slug and slug not in lexicon.slugs):
            continue
        current = best.get(slug)
        if current is not None and current[0] == EXPERT:
            continue
        level, reason = levels.level(first, end)
        if current is None or level > current[0]:
            best[slug] = (level, reason, first, end)
    found: dict[str, ExtractedSkill] = {}
    for slug, (level, reason, first, end) in best.items():
        start, stop = tokens.starts[first], tokens.ends[end - 1]
        span = tokens.sentence_spans[tokens.sentence[first]]
        found[slug] = ExtractedSkill(slug, level, _evidence(text, span, start, stop), start, stop, reason)
    if semantic is not None:
        for extra in semantic(text):
            found.setdefault(extra.skill, extra)  # the lexical match, when there is one, wins
    return sorted(found.values(), key=lambda e: (e.start, e.skill))


def as_evidence(found: Iterable[ExtractedSkill]) -> list[Evidence]:
    """Extracted skills as CV evidence for a `Profile`, quoting the phrase."""
    return [Evidence(f.skill, f.level, Provenance.CV, f.evidence) for f in found]
