"""Does the embedding matcher gain recall without losing precision, out of sample, when each skill is also
represented by EXEMPLARS: the labellers' `why` phrases (verbatim evidence from CV text, pieces separated by
"...") of skills they accepted in the dev sets?

    .venv/bin/python -m tests.eval.exemplar_experiment        # needs the `semantic` extra and $CV_DEV_SPECS

Protocol (no leakage). Three rotations over the dev sets (dev, dev2, dev3 from tests/eval/cv_dev.py): the
held-out set is scored, and the exemplars come only from the two others. Threshold and margin are chosen on
ONE rotation (held-out dev2), separately for each variant, and the other two rotations are reported at that
setting unchanged. Variants, in the same run:
- lexical: the reader alone;
- curated: lexical + the matcher with each skill's curated texts (name, description, labels) only;
- curated+ex: lexical + the matcher whose skill texts also hold the exemplars;
- ex-only: lexical + the matcher with the exemplars alone (skills without exemplars drop out).
A skill's score is its nearest text (the matcher takes the max over a skill's texts), so with exemplars this
is 1-nearest-neighbour over exemplars, and the margin is over the runner-up skill; the `k=3` variants score
a skill by the mean of its 3 nearest texts instead (`neighbours=3`). The matcher's caution is
kept: clauses where a label matched are skipped, negated/pastime/short clauses are skipped, and generic
skills are off unless a variant says `+generic`.

Rule for the chosen setting (per variant, on held-out dev2): among grid points that add at least one right
find and keep the combined precision at or above the lexical reader's, the one adding most right finds
(then fewest wrong, then the higher threshold and margin). When no point qualifies, the variant is reported
as "off" (no point is better than adding nothing) beside the point with the best right-minus-wrong.

Every distinct string (skill text, exemplar, clause) is encoded once per run (`CachedEncoder`), so the sweep
only re-filters the candidates each clause already has (`EmbeddingMatcher.candidates`).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from tests.eval.cv_dev import dev2_paragraphs, dev3_paragraphs, dev_paragraphs, dumped_specs, skill_texts
from tests.eval.metrics import judge_skills, skill_rates
from tests.eval.semantic_matcher import EmbeddingMatcher, SkillText, load_encoder

from skillsnet.engine.extraction.text import _tokenise

SETS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "dev": dev_paragraphs,
    "dev2": dev2_paragraphs,
    "dev3": dev3_paragraphs,
}
TUNE_ON = "dev2"
THRESHOLDS = tuple(round(0.40 + 0.05 * i, 2) for i in range(11))  # 0.40 ... 0.90
MARGINS = (0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3)
VARIANTS = (  # name, use curated texts, use exemplars, include generic skills, neighbours (k of k-NN)
    ("curated", True, False, False, 1),
    ("curated+generic", True, False, True, 1),
    ("curated+ex", True, True, False, 1),
    ("curated+ex+generic", True, True, True, 1),
    ("ex-only", False, True, False, 1),
    ("curated+ex k=3", True, True, False, 3),
    ("ex-only k=3", False, True, False, 3),
)
_PIECES = re.compile(r"\.\.\.|…")


class CachedEncoder:
    """An encoder that encodes each distinct string once per run, and times what it really encodes."""

    def __init__(self, encode: Callable[[Sequence[str]], np.ndarray]) -> None:
        self.encode, self.seconds, self.encoded = encode, 0.0, 0
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            started = time.perf_counter()
            vectors = np.asarray(self.encode(missing), dtype=np.float32)
            self.seconds += time.perf_counter() - started
            self.encoded += len(missing)
            self.cache.update(zip(missing, vectors, strict=True))
        return np.stack([self.cache[t] for t in texts])


def exemplars(paragraphs: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Skill -> the labellers' evidence phrases for it (each `why` cut at "..."), in order, deduplicated."""
    out: dict[str, list[str]] = {}
    for p in paragraphs:
        for s in p.get("skills") or ():
            for piece in _PIECES.split(s.get("why") or ""):
                piece = " ".join(piece.split()).strip(" ,;:.-")
                if piece and piece not in out.setdefault(s["skill"], []):
                    out[s["skill"]].append(piece)
    return out


def variant_texts(base: list[SkillText], examples: dict[str, list[str]], curated: bool, ex: bool) -> list[SkillText]:
    texts = []
    for skill in base:
        own = tuple(skill.texts) if curated else ()
        extra = tuple(examples.get(skill.slug, ())) if ex else ()
        if own or extra:
            texts.append(SkillText(skill.slug, own + extra, skill.generic))
    return texts


@dataclass
class Scored:
    """One variant on one held-out set: per paragraph, its accepted skills, lexical finds and the matcher's
    candidates (skill, score, margin), which every grid point re-filters."""

    accepted: list[dict[str, int]]
    lexical: list[dict[str, int]]
    candidates: list[list[tuple[str, float, float, str]]]  # skill, score, margin, the clause
    texts: dict[str, tuple[str, ...]]  # skill -> the texts it was represented by

    def finds(self, threshold: float, margin: float) -> list[tuple[int, str, float, str]]:
        """The matcher's finds that the lexical reader had not made: (paragraph, skill, score, clause)."""
        out = []
        for i, (lexical, candidates) in enumerate(zip(self.lexical, self.candidates, strict=True)):
            for skill, score, gap, clause in candidates:
                if score >= threshold and gap >= margin and skill not in lexical:
                    out.append((i, skill, score, clause))
        return out

    def counts(self, threshold: float | None, margin: float = 0.0) -> list[Any]:
        out = []
        for accepted, lexical, candidates in zip(self.accepted, self.lexical, self.candidates, strict=True):
            found = dict(lexical)
            if threshold is not None:
                for skill, score, gap, _clause in candidates:
                    if score >= threshold and gap >= margin:
                        found.setdefault(skill, 0)  # the lexical find, when there is one, wins
            out.append(judge_skills(found, accepted))
        return out


def figures(counts: list[Any], base: list[Any]) -> dict[str, float]:
    rates = skill_rates(counts)
    right = sum(c.true_positive for c in counts) - sum(c.true_positive for c in base)
    wrong = sum(c.false_positive for c in counts) - sum(c.false_positive for c in base)
    return {"precision": rates["precision"], "recall": rates["recall"], "right": right, "wrong": wrong}


def choose(scored: Scored, base: list[Any]) -> tuple[tuple[float, float] | None, tuple[float, float]]:
    """The chosen (threshold, margin) by the rule in the module docstring, or None; and the best-net point."""
    lexical_precision = skill_rates(base)["precision"]
    qualified, net = [], []
    for t in THRESHOLDS:
        for m in MARGINS:
            f = figures(scored.counts(t, m), base)
            net.append((f["right"] - f["wrong"], t, m))
            if f["right"] > 0 and f["precision"] >= lexical_precision:
                qualified.append((f["right"], -f["wrong"], t, m))
    best_net = max(net)
    chosen = max(qualified) if qualified else None
    return ((chosen[2], chosen[3]) if chosen else None), (best_net[1], best_net[2])


def main() -> None:
    from skillsnet.engine import build_lexicon, extract

    specs, extra = dumped_specs()
    lexicon = build_lexicon(specs, extra)
    base_texts = skill_texts(specs)
    known = {s.slug for s in base_texts}
    paragraphs = {name: load() for name, load in SETS.items()}
    examples = {name: exemplars(ps) for name, ps in paragraphs.items()}
    started = time.perf_counter()
    encoder = CachedEncoder(load_encoder())
    print(f"model loaded in {time.perf_counter() - started:.1f} s")

    scored: dict[tuple[str, str], Scored] = {}  # (held-out set, variant) -> candidates
    lexical_counts: dict[str, list[Any]] = {}
    for held in SETS:
        pool: dict[str, list[str]] = {}
        for name in SETS:
            if name != held:  # exemplars only from the two other sets
                for slug, phrases in examples[name].items():
                    pool.setdefault(slug, []).extend(phrases)  # the matcher drops repeated texts
        pool = {slug: phrases for slug, phrases in pool.items() if slug in known}
        ps = paragraphs[held]
        accepted = [{s["skill"]: s["level"] for s in p.get("skills") or ()} for p in ps]
        lexical = [{f.skill: f.level for f in extract(p["text"], lexicon)} for p in ps]
        lexical_counts[held] = [judge_skills(f, a) for f, a in zip(lexical, accepted, strict=True)]
        print(
            f"{held}: {len(ps)} paragraphs, exemplars from the others: {sum(map(len, pool.values()))}"
            f" phrases for {len(pool)} skills"
        )
        for name, curated, ex, generic, k in VARIANTS:
            texts = variant_texts(base_texts, pool, curated, ex)
            before = (encoder.seconds, encoder.encoded)
            matcher = EmbeddingMatcher(texts, encoder, include_generic=generic, lexicon=lexicon, neighbours=k)
            built = (encoder.seconds, encoder.encoded)
            started = time.perf_counter()
            candidates = []
            for p in ps:
                tokens = _tokenise(p["text"])
                candidates.append(
                    [
                        (c.skill, c.score, c.margin, p["text"][tokens.starts[c.first] : tokens.ends[c.end - 1]])
                        for c in matcher.candidates(p["text"], tokens)
                    ]
                )
            seconds = time.perf_counter() - started
            if encoder.encoded > built[1]:  # the first pass over this set's clauses: encoding speed
                clauses = encoder.encoded - built[1]
                print(
                    f"  clauses encoded: {clauses} in {encoder.seconds - built[0]:.2f} s;"
                    f" candidate pass {seconds:.2f} s = {len(ps) / seconds:.0f} CVs/s"
                    f" (skill texts encoded: {built[1] - before[1]} in {built[0] - before[0]:.1f} s)"
                )
            scored[held, name] = Scored(accepted, lexical, candidates, {t.slug: t.texts for t in texts})

    print(
        f"\nencoded {encoder.encoded} distinct strings in {encoder.seconds:.1f} s"
        f" ({encoder.encoded / max(encoder.seconds, 1e-9):.0f} strings/s)"
    )

    print(f"\nsettings chosen on held-out {TUNE_ON} (rule: most right finds with precision >= lexical):")
    settings: dict[str, tuple[float, float] | None] = {}
    for name, *_ in VARIANTS:
        chosen, best_net = choose(scored[TUNE_ON, name], lexical_counts[TUNE_ON])
        settings[name] = chosen
        net = figures(scored[TUNE_ON, name].counts(*best_net), lexical_counts[TUNE_ON])
        said = f"threshold {chosen[0]:.2f} margin {chosen[1]:.2f}" if chosen else "off (no point qualifies)"
        print(
            f"  {name:20} {said}; best right-wrong point: t={best_net[0]:.2f} m={best_net[1]:.2f}"
            f" (+{net['right']} right / {net['wrong']} wrong)"
        )

    print(f"\n{'held-out':8} {'variant':20} {'setting':12} {'precision':>9} {'recall':>7} {'+right':>6} {'+wrong':>6}")
    for held in SETS:
        base = lexical_counts[held]
        f = figures(base, base)
        print(f"{held:8} {'lexical':20} {'-':12} {f['precision']:9.3f} {f['recall']:7.3f} {0:6} {0:6}")
        for name, *_ in VARIANTS:
            setting = settings[name]
            point = setting or choose(scored[TUNE_ON, name], lexical_counts[TUNE_ON])[1]
            f = figures(scored[held, name].counts(*point), base)
            label = f"{point[0]:.2f}/{point[1]:.2f}" + ("" if setting else "*")
            print(
                f"{held:8} {name:20} {label:12} {f['precision']:9.3f} {f['recall']:7.3f} {f['right']:6} {f['wrong']:6}"
            )
    print("setting = threshold/margin chosen on held-out dev2; * = no point qualified, best right-wrong point shown")

    print(
        f"\nthe same, at each variant's best right-minus-wrong point on held-out {TUNE_ON} (a less cautious setting):"
    )
    for name, *_ in VARIANTS:
        point = choose(scored[TUNE_ON, name], lexical_counts[TUNE_ON])[1]
        if point == settings[name] or settings[name] is None:
            continue
        for held in SETS:
            f = figures(scored[held, name].counts(*point), lexical_counts[held])
            print(
                f"{held:8} {name:20} {point[0]:.2f}/{point[1]:.2f}    {f['precision']:9.3f} {f['recall']:7.3f}"
                f" {f['right']:6} {f['wrong']:6}"
            )

    if "-v" in sys.argv:  # each added find at the chosen setting, with the skill text it was nearest
        for name in ("curated+ex", "ex-only", "curated+ex k=3"):
            point = settings[name] or choose(scored[TUNE_ON, name], lexical_counts[TUNE_ON])[1]
            print(f"\nfinds added by {name} at {point[0]:.2f}/{point[1]:.2f}:")
            for held in SETS:
                run = scored[held, name]
                for i, skill, score, clause in run.finds(*point):
                    texts = run.texts[skill]
                    nearest = texts[int(np.argmax(encoder(texts) @ encoder([clause])[0]))]
                    tag = "right" if skill in run.accepted[i] else "WRONG"
                    print(f"  {held:5} {tag} {skill} {score:.2f}: {clause!r} ~ {nearest!r}")

    if "-v" in sys.argv:  # the tuning sweep for the exemplar variant
        name = "curated+ex"
        print(f"\nsweep on held-out {TUNE_ON}, {name}: threshold margin +right +wrong")
        for t in THRESHOLDS:
            row = [figures(scored[TUNE_ON, name].counts(t, m), lexical_counts[TUNE_ON]) for m in MARGINS]
            print(
                f"  {t:.2f} "
                + " ".join(f"{m:.2f}:+{f['right']}/{f['wrong']}" for m, f in zip(MARGINS, row, strict=True))
            )


if __name__ == "__main__":
    main()
