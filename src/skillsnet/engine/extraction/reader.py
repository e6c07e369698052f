"""The reader: free text to extracted skills, each with a level, the reason for it and the sentence it was
read from."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..phrases import verb_forms
from ..profile import AWARENESS, EXPERT, WORKING, Evidence, Provenance
from .bystanders import _KIT_SKILLS, _PLANT_KIT, _bystander, _maintained
from .levels import _Levels
from .lexicon import Lexicon
from .mentions import _counted, _skill_matches
from .scope import _HOBBY_ENTRIES, _HOBBY_PREFIXES, _ORGANISING_SKILLS, _arranged, _negated
from .senses import _SENSE_SLUGS, _implied, _sense
from .sentences import SentenceModel
from .text import _longest_matches, _tokenise, _Tokens, normalise

EVIDENCE_CONTEXT = 60  # characters either side of the mention
# Mentions that are evidence of a skill at a low level at most, whatever the writer's seniority (the labelling rules'
# decisions, and what every labeller gave): control charts read on assay QC are not process control, a cosmetics GMP
# certificate is the site's, and a carer who prompts a client's medication does not administer it (five finds, all
# at 1). slug -> (words that must all be in the mention, the level it is capped at, why); no words: every mention.
_CAPPED_MENTIONS: dict[str, tuple[tuple[frozenset[str], int, str], ...]] = {
    # a behaviour read from the work rather than named ("work closely with QA" is cooperation): the labelling rules cap
    # a skill only implied by the activity at 2, and the labellers gave cooperation 2 in 13 of its 14 finds
    "cross-team-cooperation": ((frozenset(), WORKING, "read from the work, not named"),),
    "statistical-process-control": tuple(
        (frozenset(normalise(label)), WORKING, "control charts on assay QC, not on a process")
        for label in ("Westgard", "Levey-Jennings")
    ),
    "gmp": ((frozenset(normalise("ISO 22716")), WORKING, "the cosmetics GMP standard of the site"),),
    "medication-administration": tuple(
        (frozenset({form}), AWARENESS, "prompting a client to take their own medicines")
        for form in verb_forms("prompt")
    ),
    # twenty-first round: the CSCS green card is the labourer's site safety awareness card (every labeller gave 1)
    "health-safety-workplace": ((frozenset(normalise("CSCS green card")), AWARENESS, "a site safety awareness card"),),
}


# Eighteenth round: skills that years in a job do not make practitioner-level on their own (a ticket, a certificate or
# a support part of the work), as the labelling rules say of generic support skills and of a HACCP certificate; a
# senior title, training others in it or another cue still does. Each was given 2 more often than 3 by the labellers
# when the reader's 3 rested on years alone (over sixteen dev sets: forklift 11 to 1, HACCP 10 to 2, cleanroom grades
# 15 to 4). Training others and coaching were left out then: a named trainer or a course is practitioner-level
# evidence in the mention itself, which the level rules do not see.
# Twenty-second round, over twenty dev sets: training others joins after all (given 2 in 63 of the 103 finds that
# rested on years alone, as the rules' "train new starters" reading says; a trainer's title, a course or a senior role
# still gives 3), with dangerous-goods tickets, media fills (a periodic exercise) and a team's project method.
_OWN_EVIDENCE_SKILLS = frozenset(
    {"forklift-operation", "haccp", "annex-1-cleanroom-grades", "process-safety", "presentation-skills"}
    | {"spreadsheets", "emergency-response", "inspection-readiness", "quality-management-systems"}
    | {"training-delivery", "dangerous-goods", "aseptic-process-simulation", "project-methodologies"}
)


@dataclass(frozen=True)
class _LevelRule:
    """How one skill's level departs from the shared reading of `_Levels.level`."""

    by_years: bool = True  # years in the job alone make it practitioner-level (False: `_OWN_EVIDENCE_SKILLS`)
    # words of a post in the skill ("Training officer since 2014", "instructor"): a mention that names the writer's post
    # is that evidence, so its years count even when `by_years` is False
    posts: frozenset[str] = frozenset()
    missing: str = ""  # what a level-2 reason says was not stated, where the shared wording would misread the skill
    # a mention that counts a group of people ("a team of 28") is, with ten years or more, expert-level; the count may
    # sit this many words past the mention ("leading a team" of 60); None: the skill is no group of people
    group_after: int | None = None
    # leading in the sentence makes ten years expert-level; not for a skill that is leading itself, where "lead a
    # shift" is the mention, not a sign of authority in it
    leads: bool = True


_SHARED_RULE = _LevelRule()
# Twenty-second round: training others held for years on its own was labelled 2 in 63 of 103 finds; a trainer's post,
# a course or a senior role still gives 3. Twenty-fourth round: team leadership joined people management as a group
# skill, and a lead held for ten years is practitioner-level unless the group is large (labelled 3 in 39 of 47 such
# finds at 4).
_LEVEL_RULES: dict[str, _LevelRule] = {
    **{slug: _LevelRule(by_years=False) for slug in _OWN_EVIDENCE_SKILLS},
    "training-delivery": _LevelRule(
        by_years=False,
        posts=frozenset({"trainer", "instructor", "educator", "officer", "coordinator", "manager"}),
        missing="no trainer's post, course or senior role stated",
    ),
    "people-management": _LevelRule(group_after=0),
    "team-leadership": _LevelRule(group_after=2, leads=False),
}


def _capped(slug: str, words: Sequence[str]) -> tuple[int, str] | None:
    """The level a mention's words cap its skill at, and why (`_CAPPED_MENTIONS`); None when they do not."""
    for needed, cap, why in _CAPPED_MENTIONS.get(slug, ()):
        if needed.issubset(words):
            return cap, why
    return None


@dataclass(frozen=True)
class ExtractedSkill:
    skill: str
    level: int
    evidence: str  # the phrase quoted from the original text, with some context
    start: int  # character offsets of the mention in the original text
    end: int
    level_reason: str = ""  # why this level, in words: "level 3: 9 years (since 2017); “Band 6”"
    suggested_by: str = ""  # found by the sentence model, not a phrase: the words that weighed most ("“rotated stock”")


class SemanticMatcher(Protocol):
    """Hook for an embedding-based matcher (none ships; the engine never downloads a model)."""

    def __call__(self, text: str) -> Iterable[ExtractedSkill]: ...


def _glued_letter(text: str, start: int, end: int) -> bool:
    """Whether a one-letter word is part of a longer written token ("IR(ME)R", "X-bar/R", "R&D"), not a word."""
    if end - start != 1:
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isspace() or before in "(") or not (after.isspace() or after in ",.;:)")


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


def _suggested(
    text: str, tokens: _Tokens, model: SentenceModel, found: set[str], known: frozenset[str]
) -> list[tuple[str, int, int, str]]:
    """The sentence model's suggestions for skills of the lexicon (`known`) no phrase found: (slug, first token, end
    token of the words that weighed most, those words as written). A suggestion whose words are not whole tokens of
    the reader is dropped."""
    spans = tokens.sentence_spans
    out = []
    for number, slug, _p, weighed in model.suggestions([text[a:b] for a, b in spans], skip=found, only=known):
        if not weighed:
            continue
        offset = spans[number][0]
        anchor = weighed[0]
        first = bisect_left(tokens.starts, offset + anchor.start)
        end = bisect_right(tokens.ends, offset + anchor.end)
        if first >= end or tokens.sentence[first] != number:
            continue
        written = ", ".join(f"“{text[offset + g.start : offset + g.end]}”" for g in weighed[:3])
        out.append((slug, first, end, written))
    return out


def extract(
    text: str, lexicon: Lexicon, *, model: SentenceModel | None = None, semantic: SemanticMatcher | None = None
) -> list[ExtractedSkill]:
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

    With a sentence `model`, a skill no phrase found is also offered when a sentence scores at least the model's
    threshold for it: the words that weighed most count as its mention, through the same gates and level rules (a
    clinical sense of the words makes it the clinical skill), and `suggested_by` names them. A suggestion never
    changes a phrase's find.
    """
    tokens = _tokenise(text)
    levels = _Levels(text, tokens)
    negated = _negated(tokens, lexicon.verb_heads)
    arranged = _arranged(tokens)
    pastimes = {tokens.sentence[a] for a, _b, _v in _longest_matches(tokens.norms, _HOBBY_ENTRIES, _HOBBY_PREFIXES)}
    opening: dict[int, int] = {}  # sentence -> its first token
    for t, number in enumerate(tokens.sentence):
        if number not in opening:
            opening[number] = t
    words: dict[int, set[str]] = {}
    best: dict[str, tuple[int, str, int, int]] = {}  # slug -> (level, reason, first token, end token)

    def consider(first: int, end: int, found_slug: str) -> str:
        """Weigh one mention of `found_slug` (tokens first..end); the slug it was kept as, or "" if none."""
        number = tokens.sentence[first]
        if first in negated or number in pastimes or _bystander(tokens, first, end, found_slug, opening[number]):
            return ""
        if end - first == 1 and _glued_letter(text, tokens.starts[first], tokens.ends[first]):
            return ""  # the R of "IR(ME)R" or "X-bar/R" is no programming language
        if first in arranged and found_slug not in _ORGANISING_SKILLS:
            return ""
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
            return ""
        current = best.get(slug)
        implied = _implied(tokens, first, slug)
        implies = implied is not None and implied in lexicon.slugs
        if current is None or current[0] < EXPERT or implies:
            # one level per mention, for its skill and for the skill it implies
            rule = _LEVEL_RULES.get(slug, _SHARED_RULE)
            large_group = rule.group_after is not None and _counted(tokens, first, end, after=rule.group_after)
            by_years = rule.by_years or not rule.posts.isdisjoint(tokens.norms[first:end])
            level, reason = levels.level(
                first, end, large_group=large_group, by_years=by_years, missing=rule.missing, leads=rule.leads
            )
            capped = _capped(slug, tokens.norms[first:end]) if slug in _CAPPED_MENTIONS else None
            if capped is not None and level > capped[0]:
                level, reason = capped[0], f"level {capped[0]}: {capped[1]}"
            if current is None or level > current[0]:
                best[slug] = (level, reason, first, end)
            if implies and implied is not None and (implied not in best or level > best[implied][0]):
                best[implied] = (level, reason, first, end)
        return slug

    for first, end, found_slug in _skill_matches(tokens, lexicon):
        consider(first, end, found_slug)
    suggested: dict[str, str] = {}  # slug -> the words of the sentence that suggested it
    if model is not None:
        by_phrase = dict(best)
        for slug, first, end, words_written in _suggested(text, tokens, model, set(by_phrase), lexicon.slugs):
            kept = consider(first, end, slug)
            if kept and kept not in by_phrase:
                suggested.setdefault(kept, words_written)
        # a suggestion never moves what a phrase found, and brings only the skill it was weighed for
        best = {
            slug: by_phrase.get(slug, kept) for slug, kept in best.items() if slug in by_phrase or slug in suggested
        }
    found: dict[str, ExtractedSkill] = {}
    for slug, (level, reason, first, end) in best.items():
        start, stop = tokens.starts[first], tokens.ends[end - 1]
        span = tokens.sentence_spans[tokens.sentence[first]]
        found[slug] = ExtractedSkill(
            slug, level, _evidence(text, span, start, stop), start, stop, reason, suggested.get(slug, "")
        )
    if semantic is not None:
        for extra in semantic(text):
            found.setdefault(extra.skill, extra)  # the lexical match, when there is one, wins
    return sorted(found.values(), key=lambda e: (e.start, e.skill))


def as_evidence(found: Iterable[ExtractedSkill]) -> list[Evidence]:
    """Extracted skills as CV evidence for a `Profile`, quoting the phrase."""
    return [Evidence(f.skill, f.level, Provenance.CV, f.evidence) for f in found]
