"""Splits and scores for `make eval` (no Django: the harness and its tests import this).

Labels are split by a hash of their key, never by hand, so nobody chooses which cases are in the test part:
40% dev (may be tuned on), 60% test (only reported).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEV_SHARE_TENTHS = 4


def split_of(key: str) -> str:
    """'dev' or 'test', fixed by the key's SHA-256."""
    bucket = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "dev" if bucket < DEV_SHARE_TENTHS else "test"


@dataclass(frozen=True)
class TopThree:
    """How one ranked answer (best first) scores against a labelled job."""

    sensible: bool  # the top role is plausible and at least 2 of the top 3 are
    wrong: bool  # no answer, or none of the top 3 is plausible
    shows_wrong: bool  # some role labelled wrong is in the top 3


def judge(top: Sequence[str], plausible: Iterable[str], wrong: Iterable[str]) -> TopThree:
    top = list(top)[:3]
    good = set(plausible)
    hits = sum(1 for role in top if role in good)
    sensible = bool(top) and top[0] in good and hits >= 2
    return TopThree(sensible=sensible, wrong=hits == 0, shows_wrong=any(role in set(wrong) for role in top))


def rates(results: Iterable[TopThree]) -> dict[str, float]:
    items = list(results)
    n = len(items) or 1
    return {
        "n": float(len(items)),
        "sensible@3": sum(r.sensible for r in items) / n,
        "wrong@3": sum(r.wrong for r in items) / n,
        "labelled-wrong in top 3": sum(r.shows_wrong for r in items) / n,
    }


def overlap_ranking(source: set[str], roles: Mapping[str, set[str]], k: int = 3) -> list[str]:
    """The naive baseline: roles by Jaccard overlap of ESCO skill URIs, best first, ties by slug; roles
    sharing nothing are left out (an empty list is no answer)."""
    scored = []
    for slug, skills in roles.items():
        union = source | skills
        score = len(source & skills) / len(union) if union else 0.0
        if score > 0:
            scored.append((-score, slug))
    return [slug for _score, slug in sorted(scored)[:k]]


@dataclass(frozen=True)
class SkillCounts:
    """Precision/recall counts of skills read from one text, and level agreement on the correct finds."""

    true_positive: int
    false_positive: int
    false_negative: int
    level_exact: int
    level_within_one: int


def judge_skills(found: Mapping[str, int], accepted: Mapping[str, int]) -> SkillCounts:
    tp = [s for s in found if s in accepted]
    return SkillCounts(
        true_positive=len(tp),
        false_positive=len(found) - len(tp),
        false_negative=sum(1 for s in accepted if s not in found),
        level_exact=sum(1 for s in tp if found[s] == accepted[s]),
        level_within_one=sum(1 for s in tp if abs(found[s] - accepted[s]) <= 1),
    )


def skill_rates(counts: Iterable[SkillCounts]) -> dict[str, float]:
    items = list(counts)
    tp = sum(c.true_positive for c in items)
    fp = sum(c.false_positive for c in items)
    fn = sum(c.false_negative for c in items)
    return {
        "n": float(len(items)),
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "level exact": sum(c.level_exact for c in items) / tp if tp else 0.0,
        "level within one": sum(c.level_within_one for c in items) / tp if tp else 0.0,
    }


def two_labeller_rates(
    items: Iterable[tuple[Mapping[str, int], Mapping[str, int], Mapping[str, int]]],
) -> dict[str, float]:
    """Scores of (found, first labels, second labels) where two careful labellers read the same texts: a find
    is right when either labeller accepted it (precision), and a skill counts as missed only when both
    accepted it (recall); levels are judged on the finds both accepted, by the first labeller's level. Where
    the labellers disagree, neither answer is held against the reader."""
    either, both = [], []
    for found, first, second in items:
        either.append(judge_skills(found, {**second, **first}))
        both.append(judge_skills(found, {s: level for s, level in first.items() if s in second}))
    lenient, strict = skill_rates(either), skill_rates(both)
    return {
        "n": strict["n"],
        "precision": lenient["precision"],
        "recall": strict["recall"],
        "level exact": strict["level exact"],
        "level within one": strict["level within one"],
    }


def accepted_levels(entry: Mapping[str, Any]) -> dict[str, int]:
    """A labelled CV entry's accepted skills, slug -> level (its `skills` list; none when it has no such list)."""
    return {s["skill"]: s["level"] for s in entry.get("skills") or ()}


def majority_labels(labellings: Sequence[Mapping[str, int]]) -> dict[str, int]:
    """The skills most of the labellers accepted (at least two of three), each at the median of their levels (the
    lower middle one when an even number accepted it)."""
    accepted: dict[str, list[int]] = {}
    for labels in labellings:
        for skill, level in labels.items():
            accepted.setdefault(skill, []).append(level)
    need = len(labellings) // 2 + 1
    return {skill: sorted(levels)[(len(levels) - 1) // 2] for skill, levels in accepted.items() if len(levels) >= need}
