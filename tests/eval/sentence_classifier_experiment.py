"""Can sentence classifiers trained on the labelled dev sets add skills the lexical reader misses, OUT OF SAMPLE,
now that the dev sets hold over 2,700 paragraphs? Kept for measurement only; the product uses none of it.

    .venv/bin/python -m tests.eval.sentence_classifier_experiment   # needs scikit-learn (the `semantic` extra) and
                                                                     # $CV_DEV_SPECS (tests/eval/cv_dev.py --dump)

Protocol (no leakage): leave one set out. Every dev set of tests/eval/cv_dev.py (the dev part of paragraphs.yaml and
each whole dev set) is held out in turn; the classifiers are trained on all the others and score the held-out one.
Training examples are sentences: a sentence is positive for a skill when it contains a quote of that skill's `why`
(so a find would come with the sentence that supports it, as the product requires). Per skill with at least
MIN_POSITIVES positive sentences, a logistic regression on TF-IDF word 1-2 grams. A skill the reader did not find is
added when one of the paragraph's sentences scores p >= threshold; the run prints, per threshold, the added finds
that the labellers accept and reject over all held-out sets, and the reader's precision and recall with them.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from typing import Any

from tests.eval.cv_dev import dumped_specs, every_dev_set

MIN_POSITIVES = 12
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9])")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _sentences(paragraph: dict[str, Any]) -> list[tuple[str, set[str]]]:
    """The paragraph's sentences, each with the skills whose `why` it quotes."""
    text = " ".join(paragraph["text"].split())
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    out: list[tuple[str, set[str]]] = [(s, set()) for s in sentences]
    for label in paragraph.get("skills") or ():
        for part in re.split(r"\s*\.\.\.\s*", str(label["why"])):
            quote = _norm(part)
            for sentence, skills in out:
                if quote and quote in _norm(sentence):
                    skills.add(label["skill"])
    return out


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from skillsnet.engine import build_lexicon, extract

    lexicon = build_lexicon(*dumped_specs())
    sets = every_dev_set()
    rows = [
        (name, p["id"], sentence, skills) for name, ps in sets.items() for p in ps for sentence, skills in _sentences(p)
    ]
    accepted = {p["id"]: {s["skill"] for s in p.get("skills") or ()} for ps in sets.values() for p in ps}
    read = {p["id"]: {f.skill for f in extract(p["text"], lexicon)} for ps in sets.values() for p in ps}
    positives = Counter(skill for *_, skills in rows for skill in skills)
    modelled = sorted(skill for skill, n in positives.items() if n >= MIN_POSITIVES)
    print(f"{len(rows)} sentences; {len(modelled)} skills with at least {MIN_POSITIVES} positive sentences")
    added = {t: [0, 0] for t in THRESHOLDS}  # threshold -> [right, wrong]
    for held in sets:
        train = [r for r in rows if r[0] != held]
        test = [r for r in rows if r[0] == held]
        vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        train_x = vectoriser.fit_transform([r[2] for r in train])
        test_x = vectoriser.transform([r[2] for r in test])
        best: dict[str, dict[str, float]] = defaultdict(dict)  # paragraph -> skill -> highest sentence p
        for skill in modelled:
            y = [skill in r[3] for r in train]
            if sum(y) < MIN_POSITIVES:
                continue
            p = LogisticRegression(C=4.0, max_iter=300).fit(train_x, y).predict_proba(test_x)[:, 1]
            for row, probability in zip(test, p, strict=True):
                if probability >= THRESHOLDS[0]:
                    best[row[1]][skill] = max(best[row[1]].get(skill, 0.0), float(probability))
        here = {t: [0, 0] for t in THRESHOLDS}
        for pid, scores in best.items():
            for skill, probability in scores.items():
                if skill in read[pid]:
                    continue
                for t in THRESHOLDS:
                    if probability >= t:
                        kind = 0 if skill in accepted[pid] else 1
                        added[t][kind] += 1
                        here[t][kind] += 1
        print(held, {t: tuple(v) for t, v in here.items()}, flush=True)
    tp = sum(len(read[p] & accepted[p]) for p in accepted)
    fp = sum(len(read[p] - accepted[p]) for p in accepted)
    fn = sum(len(accepted[p] - read[p]) for p in accepted)
    print(f"lexical reader alone: precision {tp / (tp + fp):.4f}, recall {tp / (tp + fn):.4f}")
    for t, (right, wrong) in added.items():
        precision = (tp + right) / (tp + fp + right + wrong)
        recall = (tp + right) / (tp + fn)
        print(f"p >= {t}: added {right} right, {wrong} wrong -> precision {precision:.4f}, recall {recall:.4f}")


if __name__ == "__main__":
    sys.exit(main())
