"""Experiment (not shipped): a small learned filter over the CV reader's candidate mentions, trained on dev labels.

    .venv/bin/python -m tests.eval.cv_filter_experiment            # needs $CV_DEV_SPECS (see tests.eval.cv_dev)
    ... cv_filter_experiment table                                 # share right per feature, on each dev set
    ... cv_filter_experiment window add                            # also the looser any-order generator
    ... cv_filter_experiment context l2=10 t=0.6,0.7,0.8           # the words either side; penalty; thresholds
    ... cv_filter_experiment frozen                                # over the frozen pre-issue-13 reader's finds
    ... cv_filter_experiment catalogue [nocategory]                # + skill class, description words nearby
    ... cv_filter_experiment skills                                # one row per found skill, not per mention

Every mention the reader's matcher yields becomes a candidate with general features (where its label comes from,
its length and shape, whether a hand rule drops it, first person and title-line cues, the words around it, its
level, whether its skill is mentioned again) and a label: whether its skill is accepted for the paragraph. A
logistic regression with an L2 penalty (numpy, Newton steps) scores the candidates; a skill is kept when its best
candidate scores at or above a threshold ("filter": among the mentions the reader keeps; "add": the reader's finds
plus any other candidate above it). Per-skill and per-label priors are target encodings shrunk toward the global
rate, computed out of fold within the training part, so no training row sees its own label.

Figures are reported in sample and out of sample: grouped k-fold over the 254 paragraphs of both dev sets (folds
by paragraph id), and across the two labellers (train on dev, score dev2; and the reverse), all in one run beside
the reader itself. Paragraphs are loaded only through `tests.eval.cv_dev.dev_paragraphs()` / `dev2_paragraphs()`;
the test part is never read. The result (2026-12-06, docs/EVALUATION.md): the filter does not help out of sample.
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import yaml
from tests.eval.cv_dev import ROOT, dev2_paragraphs, dev_paragraphs, dumped_specs
from tests.eval.metrics import judge_skills, skill_rates

from skillsnet.engine import build_lexicon, extract, normalise
from skillsnet.engine.extraction.bystanders import _KIT_SKILLS, _PLANT_KIT, _bystander, _maintained
from skillsnet.engine.extraction.levels import _Levels
from skillsnet.engine.extraction.lexicon import Lexicon
from skillsnet.engine.extraction.mentions import _counted, _skill_matches
from skillsnet.engine.extraction.scope import _HOBBY_ENTRIES, _HOBBY_PREFIXES, _ORGANISING_SKILLS, _arranged, _negated
from skillsnet.engine.extraction.senses import _IMPLIED, _IMPLIED_BY, _SENSE_SLUGS, _sense
from skillsnet.engine.extraction.text import _STOPWORDS, _longest_matches, _tokenise, _Tokens

FIRST_PERSON = frozenset({"I", "i", "my", "me", "we", "our"})
PREPOSITIONS = frozenset({"with", "for", "to", "by", "from", "of", "in", "at", "on", "into"})
DETERMINERS = frozenset({"the", "a", "an", "our", "their", "all", "my"})
ROLE_AFTER = frozenset(
    {"team", "department", "dept", "lab", "laboratory", "unit", "manager", "officer", "lead", "technician"}
    | {"scientist", "engineer", "nurse", "specialist", "staff", "role", "supervisor", "analyst", "assistant"}
    | {"facility", "site", "company", "group", "service", "services", "customer", "client", "product", "area"}
)
DOING = frozenset(
    {"perform", "performed", "carry", "carried", "run", "ran", "do", "did", "undertake", "undertook", "conduct"}
    | {"conducted", "use", "used", "operate", "operated", "responsible", "manage", "managed", "lead", "led"}
)
# The feature sets compared (name it on the command line with _ for spaces); the first three run by default.
VARIANTS = ("flags only", "flags + repeated", "flags + repeated + priors", "skill prior only", "label prior only")
PRIOR_WEIGHT = 4.0  # pseudo-count pulling a skill's or label's rate toward the global rate
FOLDS = 10


@dataclass
class Candidate:
    paragraph: str
    slug: str
    kept: bool  # the current reader keeps it
    level: int
    features: dict[str, float] = field(default_factory=dict)
    key: str = ""  # the matched label, normalised ("window:..." for the looser generator)


@dataclass(frozen=True)
class Sources:
    """Where a label comes from, and how general its words are, for the features."""

    curated: frozenset[tuple[str, ...]]  # curated names and labels
    phrases: frozenset[tuple[str, ...]]  # those plus the reader's task and verb-object phrases
    names: frozenset[tuple[str, ...]]  # the skills' own names
    word_skills: dict[str, int]  # how many skills have a label containing the word
    window: dict[frozenset[str], str] | None  # labels by their set of words, for the looser generator
    context_words: bool  # the words either side of a mention as features of their own


def _sentence_tokens(tokens: _Tokens, number: int, opening: int) -> list[int]:
    out, t, n = [], opening, len(tokens.norms)
    while t < n and tokens.sentence[t] == number:
        out.append(t)
        t += 1
    return out


def _shape_features(text: str, tokens: _Tokens, first: int, end: int, opens: int, sources: Sources) -> dict[str, float]:
    """The label's length, case and word endings: general cues, not the label itself."""
    norms = tokens.norms
    key = tuple(norms[first:end])
    written = {tokens.starts[t] for t in range(first, end)}
    last = norms[end - 1]
    first_written = text[tokens.starts[first] : tokens.ends[first]]
    return {
        "one_word": float(len(written) == 1 and end - first == 1),
        "two_words": float(len(written) == 2),
        "long_label": float(len(written) >= 3),
        "acronym": float(all(tokens.capitals[first:end]) and len(written) == 1),
        "ends_ing": float(last.endswith("ing")),
        "ends_ion": float(last.endswith(("tion", "sion"))),
        "ends_ed": float(last.endswith("ed")),
        "agent_noun": float(last.endswith(("er", "ist", "ian", "or")) and len(last) > 4),
        "place_noun": float(last.endswith(("ery", "ary", "ory")) and len(last) > 5),
        "title_case": float(first_written[:1].isupper() and not first_written.isupper() and first != opens),
        "is_name": float(key in sources.names),
        "ambiguous_word": float(end - first == 1 and sources.word_skills.get(last, 0) >= 4),
    }


def _context_features(
    text: str, tokens: _Tokens, first: int, end: int, opens: int, words_at: list[int]
) -> dict[str, float]:
    """The sentence around the mention: first person, a verb of doing, a title line, the words either side."""
    norms, number = tokens.norms, tokens.sentence[first]
    words = {norms[t] for t in words_at}
    year = any(len(w) == 4 and w.isdigit() and w[:2] in {"19", "20"} for w in words)
    before = norms[first - 1] if first > 0 and tokens.sentence[first - 1] == number else "<s>"
    after = norms[end] if end < len(norms) and tokens.sentence[end] == number else "</s>"
    return {
        "first_person": float(bool(words & FIRST_PERSON)),
        "title_line": float(year and not words & FIRST_PERSON),
        "short_sentence": float(len(words_at) <= 6),
        "first_sentence": float(number == 0),
        "sentence_start": float(first == opens),
        "capitalised_sentence": float(sum(text[tokens.starts[t]].isupper() for t in words_at) >= 0.5 * len(words_at)),
        "prep_before": float(before in PREPOSITIONS),
        "det_before": float(before in DETERMINERS),
        "role_after": float(after in ROLE_AFTER),
        "doing_in_sentence": float(bool(words & DOING) or any(w.endswith("ed") for w in words)),
        "prev=" + before: 1.0,
        "next=" + after: 1.0,
    }


def candidates(pid: str, text: str, lexicon: Lexicon, sources: Sources) -> list[Candidate]:
    """Every mention the matcher yields, with the reader's decision and the features (mirrors `reader.extract`;
    `main` checks that the mentions kept here give exactly what `extract` finds)."""
    tokens = _tokenise(text)
    levels = _Levels(text, tokens)
    negated = _negated(tokens)
    arranged = _arranged(tokens)
    pastimes = {tokens.sentence[a] for a, _b, _v in _longest_matches(tokens.norms, _HOBBY_ENTRIES, _HOBBY_PREFIXES)}
    opening: dict[int, int] = {}
    for t, number in enumerate(tokens.sentence):
        opening.setdefault(number, t)
    norms = tokens.norms
    matches = _skill_matches(tokens, lexicon)
    per_sentence: dict[int, int] = {}
    for first, _end, _slug in matches:
        per_sentence[tokens.sentence[first]] = per_sentence.get(tokens.sentence[first], 0) + 1
    out: list[Candidate] = []
    for first, end, found_slug in matches:
        number = tokens.sentence[first]
        opens = opening[number]
        words_at = _sentence_tokens(tokens, number, opens)
        rules = {
            "rule_negated": first in negated,
            "rule_pastime": number in pastimes,
            "rule_bystander": _bystander(tokens, first, end, found_slug, opens),
            "rule_arranged": first in arranged and found_slug not in _ORGANISING_SKILLS,
        }
        slug, maintained = found_slug, False
        if found_slug in _KIT_SKILLS and _maintained(tokens, first):
            slug = "laboratory-equipment-maintenance" if found_slug not in _PLANT_KIT else ""
            maintained = True
        if found_slug in _SENSE_SLUGS:
            slug = _sense(tokens, first, end, found_slug, {norms[t] for t in words_at})
        rules["rule_sense_dropped"] = not slug or (slug != found_slug and slug not in lexicon.slugs)
        kept = not any(rules.values())
        final = slug if slug and slug in lexicon.slugs else found_slug
        large = final == "people-management" and _counted(tokens, first, end)
        level, _reason = levels.level(first, end, large_group=large)
        key = tuple(norms[first:end])
        direct = lexicon.entries.get(key) == found_slug
        f: dict[str, float] = {
            "bias": 1.0,
            "src_curated": float(direct and key in sources.curated),
            "src_phrase": float(direct and key not in sources.curated and key in sources.phrases),
            "src_bridge": float(direct and key not in sources.phrases),
            "gapped": float(not direct and not large),
            "counted_group": float(large),
            "sense_changed": float(final != found_slug),
            "maintained_kit": float(maintained),
            "busy_sentence": float(per_sentence[number] >= 4),
            "many_skills_here": float(len({s for _a, _b, s in matches}) >= 8),
            "level1": float(level == 1),
            "level3": float(level == 3),
            "level4": float(level == 4),
            **{name: float(value) for name, value in rules.items()},
            **_shape_features(text, tokens, first, end, opens, sources),
        }
        for name, value in _context_features(text, tokens, first, end, opens, words_at).items():
            if "=" not in name or sources.context_words:
                f[name] = value
        out.append(Candidate(pid, final, kept, level, f, " ".join(key)))
        if kept and final in _IMPLIED and norms[first] in _IMPLIED_BY and _IMPLIED[final] in lexicon.slugs:
            out.append(Candidate(pid, _IMPLIED[final], kept, level, dict(f, implied=1.0), "implied:" + final))
    kept_by_skill: dict[str, int] = {}
    for c in out:
        kept_by_skill[c.slug] = kept_by_skill.get(c.slug, 0) + int(c.kept)
    for c in out:
        c.features["repeated_skill"] = float(kept_by_skill[c.slug] >= 2)
    if sources.window is not None:
        found = {c.slug for c in out if c.kept}
        out += window_candidates(pid, tokens, levels, negated, found, sources.window)
    return out


def frozen_candidates(pid: str, text: str, frozen: Any, sources: Sources) -> list[Candidate]:
    """The frozen pre-issue-13 reader's finds (`tests/eval/baseline_reader.py`, tuned on nothing here) as
    candidates with the same shape and context features: what a filter learnt on one labeller's paragraphs does for
    a reader that was never tuned on the other's, the closest thing to the test part these sets allow."""
    from tests.eval import baseline_reader

    tokens = _tokenise(text)
    opening: dict[int, int] = {}
    for t, number in enumerate(tokens.sentence):
        opening.setdefault(number, t)
    out: list[Candidate] = []
    for found in baseline_reader.extract(text, frozen):
        inside = [
            t for t in range(len(tokens.norms)) if found.start <= tokens.starts[t] and tokens.ends[t] <= found.end
        ]
        if not inside:
            continue
        first, end = inside[0], inside[-1] + 1
        number = tokens.sentence[first]
        opens = opening[number]
        key = tuple(tokens.norms[first:end])
        f: dict[str, float] = {
            "bias": 1.0,
            "src_curated": float(key in sources.curated),
            "level1": float(found.level == 1),
            "level3": float(found.level == 3),
            "level4": float(found.level == 4),
            **_shape_features(text, tokens, first, end, opens, sources),
        }
        for name, value in _context_features(
            text, tokens, first, end, opens, _sentence_tokens(tokens, number, opens)
        ).items():
            if "=" not in name or sources.context_words:
                f[name] = value
        out.append(Candidate(pid, found.skill, True, found.level, f, " ".join(key)))
    return out


@dataclass(frozen=True)
class SkillFacts:
    """What `data/skills.yaml` says of a skill, beyond its labels: coarse classes that a filter can share across
    skills, and its description's words, whose presence elsewhere in the paragraph supports the topic."""

    category: str
    kind: str
    generic: bool
    words: frozenset[str]


def skill_facts() -> dict[str, SkillFacts]:
    items = yaml.safe_load((ROOT / "data/skills.yaml").read_text(encoding="utf-8"))
    entries = items["skills"] if isinstance(items, dict) else items
    out = {}
    for item in entries:
        text = " ".join([item.get("description", ""), *item.get("alt_labels", ())])
        words = frozenset(w for w in normalise(text) if w not in _STOPWORDS and len(w) > 3)
        out[item["slug"]] = SkillFacts(item.get("category", ""), item.get("kind", ""), bool(item.get("generic")), words)
    return out


def add_catalogue_features(rows: list[Candidate], text: str, facts: dict[str, SkillFacts]) -> None:
    """Class of the skill and topical support: description words found in the paragraph outside the label."""
    paragraph = set(normalise(text))
    for c in rows:
        fact = facts.get(c.slug)
        if fact is None:
            continue
        support = len((fact.words & paragraph) - set(c.key.split()))
        if "nocategory" not in sys.argv:
            c.features.update({"category=" + fact.category: 1.0, "kind=" + fact.kind: 1.0})
        c.features.update(
            {
                "generic": float(fact.generic),
                "support1": float(support >= 1),
                "support3": float(support >= 3),
                "support6": float(support >= 6),
            }
        )


def window_index(lexicon: Lexicon) -> dict[frozenset[str], str]:
    """Labels of two or three distinct content words, by their set of words (for matching in any order)."""
    index: dict[frozenset[str], str] = {}
    for key, slug in sorted(lexicon.entries.items()):
        words = [w for w in key if w not in _STOPWORDS]
        if slug and 2 <= len(words) <= 3 and len(set(words)) == len(words):
            index.setdefault(frozenset(words), slug)
    return index


def window_candidates(
    pid: str, tokens: _Tokens, levels: _Levels, negated: set[int], found: set[str], index: dict[frozenset[str], str]
) -> list[Candidate]:
    """The looser generator: a label's two or three words in any order within four words of one clause, for skills
    the reader did not find in the paragraph."""
    norms, sentence, breaks = tokens.norms, tokens.sentence, tokens.clause_break
    out: list[Candidate] = []
    seen: set[str] = set()
    n = len(norms)
    for i in range(n):
        window = [i]
        for t in range(i + 1, min(n, i + 4)):
            if sentence[t] != sentence[i] or breaks[t]:
                break
            window.append(t)
        for size in (2, 3):
            for rest in combinations(window[1:], size - 1):
                at = (i, *rest)
                slug = index.get(frozenset(norms[t] for t in at))
                if slug is None or slug in found or slug in seen:
                    continue
                seen.add(slug)
                level, _ = levels.level(i, max(at) + 1)
                words = {norms[t] for t in range(n) if sentence[t] == sentence[i]}
                f = {
                    "bias": 1.0,
                    "window": 1.0,
                    "window_in_order": float(max(at) - i == size - 1),
                    "rule_negated": float(i in negated),
                    "first_person": float(bool(words & FIRST_PERSON)),
                    "long_label": float(size == 3),
                    "doing_in_sentence": float(bool(words & DOING) or any(w.endswith("ed") for w in words)),
                    "level1": float(level == 1),
                    "level3": float(level == 3),
                    "level4": float(level == 4),
                }
                out.append(Candidate(pid, slug, False, level, f, "window:" + " ".join(sorted(norms[t] for t in at))))
    return out


def per_skill(rows: Sequence[Candidate]) -> list[Candidate]:
    """One row per skill the reader finds (the unit the scores count), with its mentions' features pooled: a cue
    on any mention, a shape on all of them, and how many mentions and labels it has; other candidates unchanged."""
    by_skill: dict[str, list[Candidate]] = {}
    for c in rows:
        if c.kept:
            by_skill.setdefault(c.slug, []).append(c)
    out = [c for c in rows if not c.kept]
    for slug, mentions in by_skill.items():
        names = {n for c in mentions for n in c.features}
        f = {n: max(c.features.get(n, 0.0) for c in mentions) for n in names}
        for n in ("one_word", "acronym", "src_curated", "title_line", "ambiguous_word"):
            f["all:" + n] = min(c.features.get(n, 0.0) for c in mentions)
        f["labels2"] = float(len({c.key for c in mentions}) >= 2)
        best = max(mentions, key=lambda c: c.level)
        out.append(Candidate(best.paragraph, slug, True, best.level, f, best.key))
    return out


# --- the model -------------------------------------------------------------------------------------------------


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


Encoder = Callable[[str], float]
ENCODED: dict[str, Callable[[Candidate], str]] = {"skill_prior": lambda c: c.slug, "label_prior": lambda c: c.key}


def encoding(rows: Sequence[Candidate], ys: Sequence[int], attr: Callable[[Candidate], str]) -> Encoder:
    """A value's smoothed log-odds of being right, relative to the global rate (0 for an unseen value)."""
    base = (sum(ys) + 1) / (len(ys) + 2)
    counts: dict[str, list[int]] = {}
    for r, y in zip(rows, ys, strict=True):
        c = counts.setdefault(attr(r), [0, 0])
        c[0] += y
        c[1] += 1

    def value(v: str) -> float:
        pos, n = counts.get(v, (0, 0))
        return _logit((pos + PRIOR_WEIGHT * base) / (n + PRIOR_WEIGHT)) - _logit(base)

    return value


def fold_of(pid: str, k: int) -> int:
    return int(hashlib.sha256(pid.encode()).hexdigest()[:8], 16) % k


def out_of_fold_encodings(rows: Sequence[Candidate], ys: Sequence[int], use: Sequence[str]) -> np.ndarray:
    """Target encodings for training rows, each computed without its own paragraph (5 inner folds by paragraph)."""
    out = np.zeros((len(rows), len(use)))
    folds = np.array([fold_of(r.paragraph + "/inner", 5) for r in rows])
    for k in range(5):
        train = [i for i in range(len(rows)) if folds[i] != k]
        encoders = [encoding([rows[i] for i in train], [ys[i] for i in train], ENCODED[e]) for e in use]
        for i in np.where(folds == k)[0]:
            out[i] = [encode(ENCODED[name](rows[i])) for encode, name in zip(encoders, use, strict=True)]
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """L2-penalised logistic regression by Newton steps (the bias, column 0, is barely penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


@dataclass
class Model:
    names: list[str]  # "bias" first
    encoded: list[str]
    weights: np.ndarray
    encoders: dict[str, Encoder]

    def score(self, rows: Sequence[Candidate]) -> np.ndarray:
        x = np.array([[r.features.get(n, 0.0) for n in self.names] for r in rows], dtype=float)
        if self.encoded:
            extra = np.array([[self.encoders[e](ENCODED[e](r)) for e in self.encoded] for r in rows], dtype=float)
            x = np.hstack([x, extra.reshape(len(rows), len(self.encoded))])
        return np.asarray(1 / (1 + np.exp(-(x @ self.weights))))


def train(
    rows: Sequence[Candidate], accepted: dict[str, dict[str, int]], names: list[str], encoded: list[str], l2: float
) -> Model:
    ys = [int(r.slug in accepted[r.paragraph]) for r in rows]
    x = np.array([[r.features.get(n, 0.0) for n in names] for r in rows], dtype=float)
    if encoded:
        x = np.hstack([x, out_of_fold_encodings(rows, ys, encoded)])
    w = fit(x, np.array(ys, dtype=float), l2)
    return Model(names, encoded, w, {e: encoding(rows, ys, ENCODED[e]) for e in encoded})


# --- the evaluation --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    variants: list[str]
    thresholds: tuple[float, ...]
    l2: float
    add: bool  # also report the reader's finds plus candidates it drops or never made, when they score high
    table: bool

    @staticmethod
    def from_argv(argv: Sequence[str], known: Sequence[str]) -> Options:
        def value(name: str, default: str) -> str:
            return next((a.split("=", 1)[1] for a in argv if a.startswith(name + "=")), default)

        chosen = [v for v in known if v.replace(" ", "_") in argv] or list(known)[:3]
        thresholds = tuple(float(t) for t in value("t", "0.6,0.7,0.8").split(","))
        return Options(chosen, thresholds, float(value("l2", "2")), "add" in argv, "table" in argv)


class Experiment:
    def __init__(self, by_pid: dict[str, list[Candidate]], accepted: dict[str, dict[str, int]], options: Options):
        self.by_pid, self.accepted, self.options = by_pid, accepted, options
        names = sorted({n for rows in by_pid.values() for c in rows for n in c.features} - {"bias"})
        plain = [n for n in names if n != "repeated_skill"]
        self.variants: dict[str, tuple[list[str], list[str]]] = dict(
            zip(
                VARIANTS,
                (
                    (["bias", *plain], []),
                    (["bias", *names], []),
                    (["bias", *names], ["skill_prior", "label_prior"]),
                    (["bias"], ["skill_prior"]),
                    (["bias"], ["label_prior"]),
                ),
                strict=True,
            )
        )

    def trained(self, pids: Sequence[str], variant: str) -> Model:
        names, encoded = self.variants[variant]
        rows = [c for p in pids for c in self.by_pid[p]]
        return train(rows, self.accepted, names, encoded, self.options.l2)

    def rates(self, pids: Sequence[str], keep: Callable[[str], np.ndarray]) -> str:
        counts = []
        for p in pids:
            found: dict[str, int] = {}
            for c, k in zip(self.by_pid[p], keep(p), strict=True):
                if k:
                    found[c.slug] = max(found.get(c.slug, 0), c.level)
            counts.append(judge_skills(found, self.accepted[p]))
        r = skill_rates(counts)
        right = sum(c.true_positive for c in counts)
        wrong = sum(c.false_positive for c in counts)
        return (
            f"P {r['precision']:.3f}  R {r['recall']:.3f}  level exact {r['level exact']:.3f}  "
            f"within one {r['level within one']:.3f}  right {right:4d}  wrong {wrong:3d}"
        )

    def kept(self, pid: str) -> np.ndarray:
        return np.array([c.kept for c in self.by_pid[pid]], dtype=bool)

    def report(self, title: str, test: Sequence[str], model_for: dict[str, Callable[[str], Model]]) -> None:
        print(f"\n== {title}")
        print(f"  {'reader':<42}", self.rates(test, self.kept))
        for variant, model in model_for.items():
            scored = {p: model(p).score(self.by_pid[p]) if self.by_pid[p] else np.zeros(0) for p in test}
            print(f"  {variant}: AUC over the reader's kept mentions {self.auc(test, scored):.3f}")
            for t in self.options.thresholds:
                line = self.rates(test, lambda p, t=t, s=scored: self.kept(p) & (s[p] >= t))  # type: ignore[misc]
                print(f"    {f'filter t={t}':<40}", line)
                if self.options.add:
                    line = self.rates(test, lambda p, t=t, s=scored: self.kept(p) | (s[p] >= t))  # type: ignore[misc]
                    print(f"    {f'add    t={t}':<40}", line)

    def auc(self, test: Sequence[str], scored: dict[str, np.ndarray]) -> float:
        """How well the scores rank the reader's right mentions above its wrong ones (0.5: no better than chance)."""
        ys = np.array([c.slug in self.accepted[p] for p in test for c in self.by_pid[p] if c.kept])
        sc = np.concatenate([scored[p][self.kept(p)] for p in test])
        ranks = np.empty(len(sc))
        ranks[np.argsort(sc, kind="stable")] = np.arange(1, len(sc) + 1)
        return float((ranks[ys].sum() - ys.sum() * (ys.sum() + 1) / 2) / (ys.sum() * (~ys).sum()))

    def table(self, members: dict[str, list[str]]) -> None:
        print("share right among the reader's kept mentions with each feature: dev (n) | dev2 (n)")
        kept = {name: [c for p in pids for c in self.by_pid[p] if c.kept] for name, pids in members.items()}
        for feature in sorted({n for rows in kept.values() for c in rows for n in c.features if "=" not in n}):
            cells = []
            for rows in kept.values():
                with_it = [c for c in rows if c.features.get(feature)]
                right = sum(c.slug in self.accepted[c.paragraph] for c in with_it)
                cells.append(f"{right / len(with_it):.2f} ({len(with_it):4d})" if with_it else "  -   (   0)")
            print(f"  {feature:<22} {' | '.join(cells)}")


def main() -> None:
    specs, extra = dumped_specs()
    lexicon = build_lexicon(specs, extra)
    word_skills: dict[str, set[str]] = {}
    for key, slug in lexicon.entries.items():
        for w in key:
            word_skills.setdefault(w, set()).add(slug)
    sources = Sources(
        frozenset(build_lexicon(specs, (), task_phrases=False, reader_rules=False).entries),
        frozenset(build_lexicon(specs, ()).entries),
        frozenset(normalise(s.name) for s in specs),
        {w: len(v) for w, v in word_skills.items()},
        window_index(lexicon) if "window" in sys.argv else None,
        "context" in sys.argv,
    )
    accepted: dict[str, dict[str, int]] = {}
    by_pid: dict[str, list[Candidate]] = {}
    facts = skill_facts() if "catalogue" in sys.argv else {}
    if "frozen" in sys.argv:
        from tests.eval import baseline_reader

        frozen = baseline_reader.build_lexicon(specs, extra)
    members: dict[str, list[str]] = {}
    for name, paragraphs in {"dev": dev_paragraphs(), "dev2": dev2_paragraphs()}.items():
        members[name] = [p["id"] for p in paragraphs]
        for p in paragraphs:
            accepted[p["id"]] = {s["skill"]: s["level"] for s in p.get("skills") or ()}
            if "frozen" in sys.argv:
                by_pid[p["id"]] = frozen_candidates(p["id"], p["text"], frozen, sources)
                if facts:
                    add_catalogue_features(by_pid[p["id"]], p["text"], facts)
                continue
            by_pid[p["id"]] = rows = candidates(p["id"], p["text"], lexicon, sources)
            if facts:
                add_catalogue_features(rows, p["text"], facts)
            mine: dict[str, int] = {}
            for c in rows:
                if c.kept:
                    mine[c.slug] = max(mine.get(c.slug, 0), c.level)
            assert mine == {f.skill: f.level for f in extract(p["text"], lexicon)}, p["id"]
    if "skills" in sys.argv:
        by_pid = {p: per_skill(rows) for p, rows in by_pid.items()}
    for name, pids in members.items():
        rows = [c for p in pids for c in by_pid[p]]
        window = [c for c in rows if c.key.startswith("window:")]
        dropped = [c for c in rows if not c.kept and c not in window]
        found = {(c.paragraph, c.slug) for c in rows if c.kept}
        lost = [c for c in dropped if c.slug in accepted[c.paragraph] and (c.paragraph, c.slug) not in found]
        print(
            f"{name}: {len(rows) - len(window)} mentions, {len(dropped)} dropped by a hand rule ({len(lost)} of them the"
            f" only mention of an accepted skill); looser generator: {len(window)} candidates,"
            f" {sum(c.slug in accepted[c.paragraph] for c in window)} right"
        )
    options = Options.from_argv(sys.argv, VARIANTS)
    experiment = Experiment(by_pid, accepted, options)
    if options.table:
        experiment.table(members)
    every = members["dev"] + members["dev2"]
    whole = {v: experiment.trained(every, v) for v in options.variants}
    experiment.report("in sample (train and score all 254)", every, {v: lambda p, m=m: m for v, m in whole.items()})
    folds = {
        v: [experiment.trained([p for p in every if fold_of(p, FOLDS) != f], v) for f in range(FOLDS)]
        for v in options.variants
    }
    experiment.report(
        f"grouped {FOLDS}-fold CV over both sets",
        every,
        {v: lambda p, m=m: m[fold_of(p, FOLDS)] for v, m in folds.items()},
    )
    for a, b in (("dev", "dev2"), ("dev2", "dev")):
        crossed = {v: experiment.trained(members[a], v) for v in options.variants}
        experiment.report(f"train on {a}, score {b}", members[b], {v: lambda p, m=m: m for v, m in crossed.items()})


if __name__ == "__main__":
    main()
