"""Role fit: how well a person's skills cover each role, and why, requirement by requirement.

effective level   e_j = max(l_j, max_i T_ij * l_i)                    (transfers from related skills)
fit               sum_j w_rj * min(e_j, L_rj) / L_rj  /  sum_j w_rj    (importance-weighted coverage)
essential cover   the same sum over essential requirements only (1.0 when a role has none)

One profile against every role is a handful of vector operations over the flat requirement arrays;
explanations are built only for the roles returned. See docs/ENGINE.md for the reasoning.

The modules, in the order they depend on each other: `rules` (the thresholds and penalties),
`results` (`RoleMatch`, `MetSkill`, `TransferredSkill`, `Gap`, `RoleFits`), `fits` (`fit_all`,
`effective_levels`, readiness and reach), `explanations` (`explain`), `ranking` (`match`, `match_one`,
`ranked_fit`, `rank_key`, `rank_ties`) and `batch` (`score_matrix`, `score_batch`).
"""

from .batch import BATCH_ELEMENTS, score_batch, score_matrix
from .batch import _top_k as _top_k
from .explanations import _Source as _Source
from .explanations import _transfer_source as _transfer_source
from .explanations import explain
from .fits import _fits as _fits
from .fits import _gap_hours as _gap_hours
from .fits import _missing as _missing
from .fits import _readiness as _readiness
from .fits import effective_levels, fit_all
from .ranking import _rank_keys as _rank_keys
from .ranking import _role_match as _role_match
from .ranking import match, match_one, rank_key, rank_ties, ranked_fit
from .results import Gap, MetSkill, RoleFits, RoleMatch, TransferredSkill
from .rules import (
    MIN_SPECIALIST_COVERAGE,
    ON_THE_JOB_ENTRY_LEVEL,
    OVERQUALIFIED_EXCEED_SHARE,
    OVERQUALIFIED_MIN_ESSENTIAL,
    OVERQUALIFIED_SENIORITY_GAP,
    REACH_MAX_STEP_UP,
    READY_NOW,
    READY_NOW_MAX_HOURS,
    READY_NOW_MIN_ESSENTIAL,
    ROUTE_BONUS,
    ROUTE_ORDER_MAX_PLACE,
    ROUTE_ORDER_STEP,
    SHORT_TRAINING,
    SHORT_TRAINING_MAX_HOURS,
    SHORT_TRAINING_MIN_ESSENTIAL,
    SPECIALIST_PENALTY,
    STEP_DOWN_LEVELS,
    STEP_DOWN_PENALTY,
    STEP_UP_PENALTY,
    STRETCH,
    UNPROVEN_MAX_SENIORITY,
    Readiness,
)

__all__ = [
    "BATCH_ELEMENTS",
    "MIN_SPECIALIST_COVERAGE",
    "ON_THE_JOB_ENTRY_LEVEL",
    "OVERQUALIFIED_EXCEED_SHARE",
    "OVERQUALIFIED_MIN_ESSENTIAL",
    "OVERQUALIFIED_SENIORITY_GAP",
    "REACH_MAX_STEP_UP",
    "READY_NOW",
    "READY_NOW_MAX_HOURS",
    "READY_NOW_MIN_ESSENTIAL",
    "ROUTE_BONUS",
    "ROUTE_ORDER_MAX_PLACE",
    "ROUTE_ORDER_STEP",
    "SHORT_TRAINING",
    "SHORT_TRAINING_MAX_HOURS",
    "SHORT_TRAINING_MIN_ESSENTIAL",
    "SPECIALIST_PENALTY",
    "STEP_DOWN_LEVELS",
    "STEP_DOWN_PENALTY",
    "STEP_UP_PENALTY",
    "STRETCH",
    "UNPROVEN_MAX_SENIORITY",
    "Gap",
    "MetSkill",
    "Readiness",
    "RoleFits",
    "RoleMatch",
    "TransferredSkill",
    "effective_levels",
    "explain",
    "fit_all",
    "match",
    "match_one",
    "rank_key",
    "rank_ties",
    "ranked_fit",
    "score_batch",
    "score_matrix",
]
