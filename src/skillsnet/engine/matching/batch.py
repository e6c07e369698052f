"""Scoring many profiles at once: `score_matrix()` and the chunked top-k `score_batch()`."""

from __future__ import annotations

import numpy as np

from ..catalogue import EngineCatalogue, FloatArray, IntArray
from .fits import effective_levels

BATCH_ELEMENTS = 4_000_000  # working-set bound for score_batch: profiles-per-chunk x requirements


def _top_k(scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """Top k per row, score descending, ties by lower column index (slug order). Deterministic."""
    n_rows, n_cols = scores.shape
    k = min(k, n_cols)
    if k <= 0 or n_rows == 0:
        return np.zeros((n_rows, 0), dtype=np.int64), np.zeros((n_rows, 0))
    kth = np.partition(scores, n_cols - k, axis=1)[:, n_cols - k]
    above = scores > kth[:, None]
    equal = scores == kth[:, None]
    room = k - above.sum(axis=1)
    chosen = above | (equal & (np.cumsum(equal, axis=1) <= room[:, None]))
    cols = np.nonzero(chosen)[1].reshape(n_rows, k)  # each row has exactly k, in column order
    picked = np.take_along_axis(scores, cols, axis=1)
    order = np.argsort(-picked, axis=1, kind="stable")
    return np.take_along_axis(cols, order, axis=1), np.take_along_axis(picked, order, axis=1)


def score_matrix(catalogue: EngineCatalogue, levels: FloatArray) -> FloatArray:
    """Fit of each profile (row of `levels`, catalogue skill order) against every role."""
    cat = catalogue
    eff = effective_levels(cat, levels)
    coverage = np.minimum(eff[:, cat.req_skill], cat.req_level) / cat.req_level
    weighted: FloatArray = np.asarray(coverage @ cat.req_to_role, dtype=np.float64)
    wsum = cat.role_weight_sum
    scores = np.divide(weighted, wsum, out=np.zeros_like(weighted), where=wsum > 0)
    return np.minimum(scores, 1.0, out=scores)


def score_batch(
    catalogue: EngineCatalogue, levels: FloatArray, k: int = 5, *, chunk_rows: int | None = None
) -> tuple[IntArray, FloatArray]:
    """Top-k roles for each of many profiles: (role indices, scores), each n_profiles x k.

    `levels` is n_profiles x n_skills in catalogue skill order (see `EngineCatalogue.levels_vector`).
    Profiles are processed in chunks so the working set stays near `BATCH_ELEMENTS` floats.
    """
    cat = catalogue
    levels = np.asarray(levels, dtype=np.float64)
    if levels.ndim != 2 or levels.shape[1] != cat.n_skills:
        raise ValueError(f"levels must be n_profiles x {cat.n_skills}")
    n = levels.shape[0]
    k = min(k, cat.n_roles)
    if chunk_rows is None:
        width = max(cat.req_skill.size, cat.n_skills, cat.n_roles, 1)
        chunk_rows = max(1, BATCH_ELEMENTS // width)
    indices = np.zeros((n, k), dtype=np.int64)
    scores = np.zeros((n, k), dtype=np.float64)
    for lo in range(0, n, chunk_rows):
        hi = min(n, lo + chunk_rows)
        indices[lo:hi], scores[lo:hi] = _top_k(score_matrix(cat, levels[lo:hi]), k)
    return indices, scores
