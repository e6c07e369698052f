"""Train the CV reader's sentence model on the DEV sets only and write data/cv_sentence_model.npz.

    .venv/bin/python -m tests.eval.sentence_model          # or: make sentence-model (about five minutes on 2 cores)
    .venv/bin/python -m tests.eval.sentence_model --check  # the shipped model holds no test paragraph; exit 1 if so

The training examples are the sentences of every dev paragraph (the dev part of cvs/paragraphs.yaml and every
cvs/paragraphs_devN.yaml), each with the skills whose `why` it quotes (`sentences.labelled_sentences`). The test part
of paragraphs.yaml is dropped as soon as the file is read: the model never sees it, so `make eval`'s test figures
for it are out of sample. The dev figures of a reader with the model are not evidence (it learnt them): the
threshold was chosen by grouped cross-validation over the dev sets (docs/EVALUATION.md, "A sentence model").
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml
from tests.eval.cv_dev import ROOT, WHOLE_DEV_SETS, every_dev_set
from tests.eval.metrics import split_of

from skillsnet.engine.extraction import sentences

MODEL = ROOT / "data" / "cv_sentence_model.npz"


def training_paragraphs() -> list[dict]:
    return [p for paragraphs in every_dev_set().values() for p in paragraphs]


def train(path: Path = MODEL, workers: int = 2) -> sentences.SentenceModel:
    paragraphs = training_paragraphs()
    examples = [
        example
        for p in paragraphs
        for example in sentences.labelled_sentences(
            p["text"], [(label["skill"], str(label["why"])) for label in p.get("skills") or ()]
        )
    ]
    about = (
        f"{len(paragraphs):,} dev paragraphs ({len(WHOLE_DEV_SETS) + 1} sets) of tests/eval/cvs, "
        f"{len(examples):,} sentences; never the test part"
    )
    started = time.perf_counter()
    model = sentences.fit(
        [text for text, _ in examples],
        [skills for _, skills in examples],
        about=about,
        trained_ids=[p["id"] for p in paragraphs],
        workers=workers,
    )
    sentences.save(model, path)
    print(
        f"wrote {path.relative_to(ROOT)}: {len(model.slugs)} skills, {len(model.vocabulary):,} features, "
        f"{model.weights.nnz:,} weights, {path.stat().st_size / 1e6:.1f} MB; trained on {about} "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return model


def check(path: Path = MODEL) -> int:
    """0 when every paragraph the shipped model was trained on is a dev paragraph; 1 (with the ids) otherwise."""
    model = sentences.load(path)
    items = yaml.safe_load((ROOT / "tests/eval/cvs/paragraphs.yaml").read_text(encoding="utf-8"))
    test_ids = {p["id"] for p in items if split_of(p["id"]) == "test"}
    leaked = sorted(test_ids & set(model.trained_ids))
    if leaked:
        print(f"{path.name} was trained on {len(leaked)} test paragraphs: {', '.join(leaked[:10])}")
        return 1
    print(f"{path.name}: trained on {len(model.trained_ids):,} paragraphs, none of the test part ({model.about})")
    return 0


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    train()
