"""The programme's figures, by the module that computes them (this module keeps the old import path):

- `insights.activity`: activity over time and by region, and the sectors learners come from;
- `insights.heatmap`: the skills-gap heatmap and the training on offer for each gap;
- `insights.dashboard`: the programme dashboard's tables;
- `insights.providers`: each provider's course statistics;
- `insights.feedback`: who may rate a course, and their rating.

Every table these return is already safe to show or export (`insights.stats` publishes them).
"""

from skillsnet.insights.activity import (
    IN_INDUSTRY,
    METRICS,
    MONTHS,
    NO_PREVIOUS_JOB,
    NOT_GIVEN,
    OTHER_OCCUPATION,
    REGION_LABELS,
    Metric,
    counts_by_month,
    counts_by_region,
    first_occupation,
    month_starts,
    origin_sectors,
    sector_of,
)
from skillsnet.insights.dashboard import (
    HEATMAP_SECTORS,
    HEATMAP_SKILLS,
    OTHER_SECTORS,
    TABLE_KEYS,
    Dashboard,
    Section,
)
from skillsnet.insights.feedback import feedback_of, may_give_feedback
from skillsnet.insights.heatmap import (
    GapHeatmap,
    Person,
    ProfileOf,
    Supply,
    gap_heatmap,
    heatmap_people,
    skills_gap_heatmap,
    supply_status,
    training_supply,
)
from skillsnet.insights.providers import PLACE_STATUSES, provider_statistics

__all__ = [
    "HEATMAP_SECTORS",
    "HEATMAP_SKILLS",
    "IN_INDUSTRY",
    "METRICS",
    "MONTHS",
    "NOT_GIVEN",
    "NO_PREVIOUS_JOB",
    "OTHER_OCCUPATION",
    "OTHER_SECTORS",
    "PLACE_STATUSES",
    "REGION_LABELS",
    "TABLE_KEYS",
    "Dashboard",
    "GapHeatmap",
    "Metric",
    "Person",
    "ProfileOf",
    "Section",
    "Supply",
    "counts_by_month",
    "counts_by_region",
    "feedback_of",
    "first_occupation",
    "gap_heatmap",
    "heatmap_people",
    "may_give_feedback",
    "month_starts",
    "origin_sectors",
    "provider_statistics",
    "sector_of",
    "skills_gap_heatmap",
    "supply_status",
    "training_supply",
]
