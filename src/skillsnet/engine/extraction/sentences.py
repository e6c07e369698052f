"""A sentence model for the CV reader: per skill, a logistic regression on the word unigrams and bigrams of a
sentence, trained on the sentences that labelled CV paragraphs quote as evidence of that skill.

The lexical reader finds a skill only when one of its phrases is written. The labelled paragraphs show the same work
worded a thousand other ways ("kept the pallets moving and rotated the stock" is inventory work without a phrase of
it). The model scores every sentence for every modelled skill; `extract` offers a skill the phrases did not find when
a sentence scores at least the model's threshold, anchored on the word or pair of words that weighed most for it, and
passes that anchor through the same gates as a phrase (negation, hope, bystanders, pastimes, senses) and the same
level rules. The find says it was suggested from wording, and which words.

Pure numpy and scipy: the features and the fitting are written here, so training needs nothing the product does not
already install, and the shipped weights (`data/cv_sentence_model.npz`, written by `tests/eval/sentence_model.py`
from the dev sets only) load without scikit-learn.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize, sparse

from .text import _tokenise

WORD = re.compile(r"\b\w\w+\b")
# with REGULARISATION, the F0.5 optimum of grouped cross-validation over the dev sets (docs/EVALUATION.md)
DEFAULT_THRESHOLD = 0.6
MIN_POSITIVES = 12  # a skill is modelled only when this many training sentences quote it
MIN_DOCUMENT_FREQUENCY = 2  # a word or pair in fewer training sentences is no feature
# C: the weight of the data against the L2 penalty (0.5 |w|^2 + C * loss); 4.0 until the sweep over 68 dev sets
REGULARISATION = 8.0
PRUNE_BELOW = 0.2  # smaller weights are dropped: the same finds in cross-validation, a tenth of the size
MAX_ITERATIONS = 500
GRADIENT_TOLERANCE = 1e-4
FORMAT = 1
# Words that weigh in the model but mean nothing to a person on their own: never the anchor of a suggestion nor one of
# the words shown for it (a pair holding one other word still is: "the cages").
_FUNCTION_WORDS = (
    "a an and the of in on to for with or at by as is was be been it its i my me we our us they them their this that "
    "these those from up into out over each every all any some so then than also"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


@dataclass(frozen=True)
class Gram:
    """One feature of a sentence: the words, where they are (characters in the sentence) and their weight for a
    skill."""

    text: str
    start: int
    end: int
    weight: float


def grams(sentence: str) -> list[tuple[str, int, int]]:
    """The word unigrams and bigrams of a sentence, lower-cased, with their character spans."""
    words = [(m[0].lower(), m.start(), m.end()) for m in WORD.finditer(sentence)]
    pairs = [(f"{a[0]} {b[0]}", a[1], b[2]) for a, b in pairwise(words)]
    return words + pairs


@dataclass(frozen=True)
class SentenceModel:
    """Per-skill logistic regressions over TF-IDF word 1-2 grams (sublinear tf, smoothed idf, l2-normalised rows)."""

    slugs: tuple[str, ...]
    vocabulary: Mapping[str, int]
    idf: np.ndarray  # (features,)
    weights: Any  # (features, skills), a scipy CSR matrix with sorted indices: one row of skill weights per feature
    intercepts: np.ndarray  # (skills,)
    threshold: float = DEFAULT_THRESHOLD
    about: str = ""  # what it was trained on, in words
    trained_ids: tuple[str, ...] = field(default=(), repr=False)  # the labelled paragraphs it was trained on

    def features(self, sentence: str) -> list[int]:
        """The features of one sentence the model knows, one entry per occurrence: the known texts of `grams`, in its
        order, without building their spans (this runs on every sentence of every CV; a test holds the two equal)."""
        words = WORD.findall(sentence.lower())
        get = self.vocabulary.get
        found = [get(w) for w in words] + [get(f"{a} {b}") for a, b in pairwise(words)]
        return [j for j in found if j is not None]

    def vectorise(self, sentences: Sequence[str]) -> Any:
        """(sentences, features): TF-IDF rows, sublinear tf, l2-normalised (a sentence with no known gram is zero)."""
        per_sentence = [self.features(sentence) for sentence in sentences]
        n, width = len(per_sentence), len(self.idf)
        rows = np.repeat(np.arange(n, dtype=np.int64), [len(f) for f in per_sentence])
        columns = np.fromiter((j for f in per_sentence for j in f), dtype=np.int64, count=len(rows))
        # one entry per (sentence, feature), in row order, with the count of that feature in the sentence
        keys, counts = np.unique(rows * width + columns, return_counts=True)
        rows, columns = keys // width, keys % width
        data = (1.0 + np.log(counts)) * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
        data /= norms[rows]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
        return sparse.csr_matrix((data, columns, indptr), shape=(n, width))

    def _probabilities(self, x: Any) -> np.ndarray:
        z: np.ndarray = (x @ self.weights).toarray() + self.intercepts
        p: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return p

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """(sentences, skills): the chance that each sentence is evidence of each modelled skill."""
        return self._probabilities(self.vectorise(sentences))

    def suggestions(
        self, sentences: Sequence[str], *, skip: Collection[str] = (), only: Collection[str] | None = None
    ) -> list[tuple[int, str, float, list[Gram]]]:
        """Each (sentence index, slug, probability, its grams by weight, strongest first) scoring at least the
        threshold, leaving out the slugs in `skip` and, when `only` is given, those not in it. Only the grams that
        pushed towards the skill and hold a word other than FUNCTION_WORDS are listed."""
        p = self._probabilities(self.vectorise(sentences))
        weights, vocabulary = self.weights, self.vocabulary
        out = []
        for i, k in zip(*np.nonzero(p >= self.threshold), strict=True):
            slug = self.slugs[k]
            if slug in skip or (only is not None and slug not in only):
                continue
            found = []
            for text, start, end in grams(sentences[i]):
                j = vocabulary.get(text)
                if j is None or FUNCTION_WORDS.issuperset(text.split()):
                    continue
                lo, hi = weights.indptr[j], weights.indptr[j + 1]
                at = lo + int(np.searchsorted(weights.indices[lo:hi], k))
                if at < hi and weights.indices[at] == k and weights.data[at] > 0:
                    found.append(Gram(text, start, end, float(weights.data[at])))
            found.sort(key=lambda g: -g.weight)
            out.append((int(i), slug, float(p[i, k]), found))
        return out


def labelled_sentences(text: str, evidence: Iterable[tuple[str, str]]) -> list[tuple[str, set[str]]]:
    """The sentences of a labelled paragraph as the reader splits them, each with the skills whose quoted evidence
    (slug, quote; a quote may join separate phrases with "...") it holds: the model's training examples."""
    quotes = [
        (slug, " ".join(part.split()).lower()) for slug, why in evidence for part in why.split("...") if part.strip()
    ]
    out = []
    for a, b in _tokenise(text).sentence_spans:
        sentence = text[a:b]
        flat = " ".join(sentence.split()).lower()
        if not flat:
            continue
        out.append((sentence, {slug for slug, quote in quotes if quote in flat}))
    return out


def _idf(document_frequency: np.ndarray, n: int) -> np.ndarray:
    return np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0


def _fit_one(x: sparse.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression: minimise (0.5 |w|^2 / c + the sum of log-losses) / n, the intercept
    unpenalised, stopping when no gradient component is above GRADIENT_TOLERANCE (as scikit-learn's lbfgs does; the
    early stop is part of the model measured in EVALUATION.md)."""
    xt = x.T.tocsr()
    target = y.astype(np.float64)
    n = x.shape[0]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        value = float(np.sum(np.logaddexp(0.0, z) - target * z) + 0.5 * (w @ w) / c) / n
        residual = 1.0 / (1.0 + np.exp(-z)) - target
        gradient = np.append(xt @ residual + w / c, residual.sum()) / n
        return value, gradient

    options = {"maxiter": MAX_ITERATIONS, "gtol": GRADIENT_TOLERANCE}
    theta = optimize.minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options=options)
    return theta.x[:-1], float(theta.x[-1])


_SHARED: dict[str, sparse.csr_matrix] = {}


def _fit_shared(y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    return _fit_one(_SHARED["x"], y, c)


def fit(
    sentences: Sequence[str],
    skills: Sequence[Iterable[str]],
    *,
    min_positives: int = MIN_POSITIVES,
    min_document_frequency: int = MIN_DOCUMENT_FREQUENCY,
    c: float = REGULARISATION,
    prune_below: float = PRUNE_BELOW,
    threshold: float = DEFAULT_THRESHOLD,
    about: str = "",
    trained_ids: Sequence[str] = (),
    workers: int = 1,
) -> SentenceModel:
    """Train on sentences, each with the skills it is evidence of (often none)."""
    if len(sentences) != len(skills):
        raise ValueError("one set of skills per sentence")
    labels = [set(s) for s in skills]
    seen = [{text for text, _s, _e in grams(sentence)} for sentence in sentences]
    frequency: dict[str, int] = {}
    for texts in seen:
        for text in texts:
            frequency[text] = frequency.get(text, 0) + 1
    kept = sorted(text for text, n in frequency.items() if n >= min_document_frequency)
    vocabulary = {text: j for j, text in enumerate(kept)}
    idf = _idf(np.array([frequency[t] for t in vocabulary], dtype=np.float64), len(sentences))
    model = SentenceModel((), vocabulary, idf, sparse.csr_matrix((len(vocabulary), 0)), np.zeros(0))
    x = model.vectorise(sentences)
    counts: dict[str, int] = {}
    for label in labels:
        for slug in label:
            counts[slug] = counts.get(slug, 0) + 1
    slugs = tuple(sorted(s for s, n in counts.items() if n >= min_positives))
    targets = [np.array([slug in label for label in labels]) for slug in slugs]
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _SHARED["x"] = x  # forked workers inherit the matrix instead of receiving a copy per skill
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                fitted = list(pool.map(_fit_shared, targets, [c] * len(slugs)))
        finally:
            _SHARED.clear()
    else:
        fitted = [_fit_one(x, y, c) for y in targets]
    columns, intercepts = [], []
    for w, b in fitted:
        w[np.abs(w) < prune_below] = 0.0
        columns.append(sparse.csc_matrix(w.reshape(-1, 1)))
        intercepts.append(b)
    weights = _rows(sparse.hstack(columns, format="csc") if columns else sparse.csc_matrix((len(vocabulary), 0)))
    return SentenceModel(slugs, vocabulary, idf, weights, np.array(intercepts), threshold, about, tuple(trained_ids))


def _rows(weights: Any) -> Any:
    """The weights as the model scores with them: CSR over features, each row's skills in order."""
    rows = weights.tocsr()
    rows.sort_indices()
    return rows


def save(model: SentenceModel, path: Path) -> None:
    """Write the model as one compressed .npz; the same bytes for the same model."""
    words = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    weights = model.weights.tocsc()
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        format=np.array(FORMAT),
        slugs=np.array(model.slugs),
        vocabulary=np.array(words),
        idf=model.idf.astype(np.float32),
        data=weights.data.astype(np.float32),
        indices=weights.indices.astype(np.int32),
        indptr=weights.indptr.astype(np.int32),
        intercepts=model.intercepts.astype(np.float32),
        threshold=np.array(model.threshold),
        about=np.array(model.about),
        trained_ids=np.array(model.trained_ids),
    )
    path.write_bytes(buffer.getvalue())


def load(path: Path) -> SentenceModel:
    """Read a model written by `save`; ValueError when the file is missing, not one, or of another format."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        version = int(arrays["format"])
    except (OSError, KeyError, EOFError, ValueError, TypeError) as error:
        raise ValueError(f"{path}: not a sentence model ({error})") from error
    if version != FORMAT:
        raise ValueError(f"{path}: sentence model format {version}, expected {FORMAT}")
    words = [str(w) for w in arrays["vocabulary"]]
    slugs = tuple(str(s) for s in arrays["slugs"])
    weights = sparse.csc_matrix(
        (arrays["data"].astype(np.float64), arrays["indices"], arrays["indptr"]), shape=(len(words), len(slugs))
    )
    return SentenceModel(
        slugs,
        {w: j for j, w in enumerate(words)},
        arrays["idf"].astype(np.float64),
        _rows(weights),
        arrays["intercepts"].astype(np.float64),
        float(arrays["threshold"]),
        str(arrays["about"]),
        tuple(str(i) for i in arrays["trained_ids"]),
    )
