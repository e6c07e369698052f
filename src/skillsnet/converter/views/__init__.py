"""The Career Converter pages: start → where you come from (jobs, skills, CV) → review → check → results →
role and plan → print or save. Every page works without JavaScript; htmx only adds suggestions as you type.

The modules, by stage: `common` (the helpers every page uses), `answers` (start, jobs, skills, CV),
`reviewing` (review and check), `outcomes` (results, a role with its plan, print), `plan_actions` (follow
a plan, make it the learning plan) and `saving` (saved assessments, start again).
"""

from .answers import _occupation_titles as _occupation_titles
from .answers import cv, jobs, jobs_suggest, skills, skills_suggest, sources, start
from .common import _answers_or_start as _answers_or_start
from .common import _long_date as _long_date
from .common import _user as _user
from .outcomes import RESULTS_MORE, RESULTS_SHOWN, print_view, results, role_detail
from .outcomes import _plan_context as _plan_context
from .outcomes import _plan_fields as _plan_fields
from .outcomes import _results_context as _results_context
from .plan_actions import _plan_from_post as _plan_from_post
from .plan_actions import _plan_to_act_on as _plan_to_act_on
from .plan_actions import follow, learning_plan
from .reviewing import _cv_levels as _cv_levels
from .reviewing import _from_cv as _from_cv
from .reviewing import check, review, review_change, review_confirm, review_credentials, review_remove
from .saving import save, saved, saved_delete, saved_open, saved_rename, start_again

__all__ = [
    "RESULTS_MORE",
    "RESULTS_SHOWN",
    "check",
    "cv",
    "follow",
    "jobs",
    "jobs_suggest",
    "learning_plan",
    "print_view",
    "results",
    "review",
    "review_change",
    "review_confirm",
    "review_credentials",
    "review_remove",
    "role_detail",
    "save",
    "saved",
    "saved_delete",
    "saved_open",
    "saved_rename",
    "skills",
    "skills_suggest",
    "sources",
    "start",
    "start_again",
]
