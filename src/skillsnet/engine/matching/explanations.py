"""Why a role fits: every requirement as met, transferred (from a named skill) or a gap."""

from __future__ import annotations

import numpy as np

from ..catalogue import EngineCatalogue, FloatArray
from ..profile import Profile
from .results import Gap, MetSkill, TransferredSkill

_Source = tuple[int, float, float]  # source skill index, credit, level gained


def _transfer_source(catalogue: EngineCatalogue, own: FloatArray, skill: int) -> _Source | None:
    """(source skill, credit, level gained) of the best transfer into `skill`; ties go to the lower slug."""
    t_in = catalogue.transfer_in
    lo, hi = t_in.indptr[skill], t_in.indptr[skill + 1]
    if lo == hi:
        return None
    sources = t_in.indices[lo:hi]  # sorted, i.e. slug order
    credits = t_in.data[lo:hi]
    gained = credits * own[sources]
    k = int(np.argmax(gained))  # first maximum = lowest slug
    if gained[k] <= 0:
        return None
    return int(sources[k]), float(credits[k]), float(gained[k])


def explain(
    catalogue: EngineCatalogue, profile: Profile, role_idx: int, own: FloatArray, eff: FloatArray
) -> tuple[tuple[MetSkill, ...], tuple[TransferredSkill, ...], tuple[Gap, ...]]:
    """Every requirement of a role as met, transferred (from a named skill) and/or gap.

    A requirement the person's own level meets is `met`. Otherwise, when a transfer raised it, it is
    `transferred`; if the transfer falls short it is also a `gap` (current_level = the transferred
    level). Otherwise it is a `gap`. `met` never overlaps the other two.
    """
    cat = catalogue
    met: list[MetSkill] = []
    transferred: list[TransferredSkill] = []
    gaps: list[Gap] = []
    slugs = cat.skills
    for k in range(int(cat.req_start[role_idx]), int(cat.req_start[role_idx + 1])):
        j = int(cat.req_skill[k])
        slug = slugs[j].slug
        required = int(cat.req_level[k])
        essential = bool(cat.req_essential[k])
        mine, effective = float(own[j]), float(eff[j])
        if mine >= required:
            primary = profile.primary(slug)
            provenance = primary.provenance if primary else None
            met.append(MetSkill(slug, required, int(mine), provenance, essential))
            continue
        if effective > mine:
            source = _transfer_source(cat, own, j)
            if source is not None:
                i, credit, gained = source
                rationale = cat.transfer_rationale.get((i, j), "")
                transferred.append(
                    TransferredSkill(slug, slugs[i].slug, credit, gained, required, rationale, essential)
                )
        if effective < required:
            gaps.append(Gap(slug, required, effective, essential))
    return tuple(met), tuple(transferred), tuple(gaps)
