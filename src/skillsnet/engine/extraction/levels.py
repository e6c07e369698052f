"""Levels from the evidence around a mention: level cues, durations, seniority titles, "only when needed";
each level with its reason in words."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from ..profile import AWARENESS, EXPERT, PRACTITIONER, WORKING
from .text import _STOPWORDS, _longest_matches, _prefix_set, _remember_firsts, _Tokens, normalise

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
                # a module of a course taken, not "e-learning modules" built or "the infection control module"
                # done every year (on the dev sets a bare "module" was right for two levels in eight)
                "degree module",
                "a module on",
                "a module in",
                "some",
            ),
            AWARENESS,
        ),
    }
)
CUE_WINDOW_BEFORE = 10  # tokens
CUE_WINDOW_AFTER = 6
DEFAULT_LEVEL = WORKING

_CUE_ENTRIES: Mapping[tuple[str, ...], int] = MappingProxyType(
    {normalise(phrase): level for phrase, level in LEVEL_CUES.items()}
)
_CUE_PREFIXES = _prefix_set(_CUE_ENTRIES)


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
_remember_firsts(_CUE_ENTRIES, _TITLE_ENTRIES)
_YEAR_WORDS = frozenset({"year", "yr"})
_DURATION_HEADS = _YEAR_WORDS | {"since", "decade"}
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
    # only the words a duration can hang on: a year, "since", "year"/"yr", "decade"
    for i in [i for i, norm in enumerate(norms) if norm in _DURATION_HEADS or (len(norm) == 4 and norm.isdigit())]:
        norm = norms[i]
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
            if j >= 1 and norms[j].isdigit() and text[starts[j] - 1 : starts[j]] == "." and norms[j - 1].isdigit():
                j -= 1  # "2.5 years" is two whole years, not five
            count = norms[j].lower()
            years = int(count) if count.isdigit() and len(count) <= 2 else _NUMBER_WORDS.get(count, 0)
            first = j
        elif norm == "decade" and i > 0 and norms[i - 1] == "a":
            years = EXPERT_YEARS
            first = i - 2 if i >= 2 and norms[i - 2] in {"over", "than", "nearly", "almost"} else i - 1
        if 0 < years <= 60:
            out.append((starts[first], years, " ".join(text[starts[first] : ends[last]].split())))
    return out


def _wire_lead(text: str, tokens: _Tokens, t: int) -> bool:
    """Whether token `t` is the "lead" of an instrument's wires ("12-lead ECG", "3-lead monitoring"), not leading."""
    at = tokens.starts[t]
    return tokens.norms[t] == "lead" and at >= 2 and text[at - 1] == "-" and text[at - 2].isdigit()


def _seniority(text: str, tokens: _Tokens) -> list[tuple[int, str, bool]]:
    """(offset, title as written, whether it leads others) of every seniority title in the text."""
    norms, sentence = tokens.norms, tokens.sentence
    out: list[tuple[int, str, bool]] = []
    for a, b, title in _longest_matches(norms, _TITLE_ENTRIES, _TITLE_PREFIXES):
        if _wire_lead(text, tokens, a):
            continue
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


# What a level-2 reason says was not stated when years alone did not raise a skill (`_Levels.level`, by_years).
_NOTHING_STATED = "no lead, training or ownership of it stated"


class _Levels:
    """Levels for the mentions of one text, with the reason in words."""

    def __init__(self, text: str, tokens: _Tokens) -> None:
        self.text, self.tokens = text, tokens
        self.cues = [cue for cue in _cue_positions(tokens) if not _wire_lead(text, tokens, cue[0])]
        self.cues_by_sentence: dict[int, list[tuple[int, int, int]]] = {}
        for cue in self.cues:
            self.cues_by_sentence.setdefault(tokens.sentence[cue[0]], []).append(cue)
        self.paragraphs = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)), len(text) + 1]
        self._roles: dict[tuple[int, int], _Role] = {}
        self.durations = _durations(text, tokens)
        self._occasional: dict[tuple[int, int], re.Match[str] | None] = {}
        self.titles = _seniority(text, tokens)
        self._levels: dict[tuple[int, tuple[int, int] | None, bool, bool, str, bool], tuple[int, str]] = {}

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

    def level(
        self,
        first: int,
        end: int,
        *,
        large_group: bool = False,
        by_years: bool = True,
        missing: str = "",
        leads: bool = True,
    ) -> tuple[int, str]:
        """The level of the mention at tokens [first, end). `large_group`: the mention is a group of people the
        writer has ("a team of 28"); with ten years or more that is expert people management. `by_years=False`: years
        in the job alone do not make the skill practitioner-level (a ticket, a certificate or a support part of the
        work: `reader._OWN_EVIDENCE_SKILLS`); a senior title or a cue still does, and `missing` says what was not
        stated when the default ("no lead, training or ownership of it") would misread the skill. `leads=False`: leading
        in the sentence does not make ten years expert-level, for a skill that is leading itself (team leadership, where
        "lead a shift" is the mention, not a sign of authority in it); a large group still does."""
        number = self.tokens.sentence[first]
        near = _nearest_cue(self.cues_by_sentence.get(number, ()), first, end)
        # the rest reads only the sentence, its paragraph (a sentence never spans a paragraph break) and the cue
        key = (number, near, large_group, by_years, missing, leads)
        if key not in self._levels:
            self._levels[key] = self._level(
                number, near, large_group=large_group, by_years=by_years, missing=missing, leads=leads
            )
        return self._levels[key]

    def _level(
        self,
        number: int,
        near: tuple[int, int] | None,
        *,
        large_group: bool,
        by_years: bool,
        missing: str,
        leads: bool,
    ) -> tuple[int, str]:
        tokens, text = self.tokens, self.text
        if near is not None and near[0] == AWARENESS:
            return AWARENESS, f"level 1: “{self._cue_text(near[1])}”"
        if near is not None and near[0] == EXPERT:
            return EXPERT, f"level 4: “{self._cue_text(near[1])}”"
        span = tokens.sentence_spans[number]
        sentence = self._role(*span)
        paragraph = self._role(*self._paragraph(span[0]))
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
        if (by_years and years >= PRACTITIONER_YEARS) or senior or near is not None:
            level = PRACTITIONER
        if years >= EXPERT_YEARS and ((leads and sentence.leading and near is not None) or large_group):
            level = EXPERT
        if span not in self._occasional:
            self._occasional[span] = _OCCASIONAL.search(text, *span)
        occasional = self._occasional[span]
        if occasional and level > WORKING:
            return WORKING, f"level 2: only “{occasional[0]}”"
        if level == WORKING and years >= PRACTITIONER_YEARS:
            return (
                WORKING,
                f"level 2: part of the work for {reasons[0]}, with {missing or _NOTHING_STATED}",
            )
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
