"""Training plans: the cheapest set of online courses and dated on-site runs that closes a skills gap.

A mixed-integer programme (scipy.optimize.milp, i.e. HiGHS) chooses the courses and runs; a scheduler
then dates the online courses (sequentially, at `hours_per_week`, paused during on-site runs, earliest
deadline first) and checks every rule. A greedy planner is always run too: it is the fallback when the
solver fails, and its totals are reported so callers can show what the optimum saves.

The modules, in the order they depend on each other: `results` (`Plan`, `PlanStep`, `Uncovered`,
`Travel`), `problem` (the gaps, offerings and calendar), `schedule` (dating and validation), `greedy`,
`milp` (the programme, one builder per rule) and `planner` (`plan`, `plan_greedy`).
"""

from .milp import MILP_TIME_LIMIT
from .planner import plan, plan_greedy
from .problem import _EPS as _EPS
from .problem import PRUNE_ABOVE_RUNS, RUNS_KEPT_PER_COURSE
from .problem import _Offering as _Offering
from .problem import _Problem as _Problem
from .results import ANYWHERE, Method, Plan, PlanStep, Travel, Uncovered, UncoveredKind
from .schedule import _schedule as _schedule
from .schedule import _Slot as _Slot

__all__ = [
    "ANYWHERE",
    "MILP_TIME_LIMIT",
    "PRUNE_ABOVE_RUNS",
    "RUNS_KEPT_PER_COURSE",
    "Method",
    "Plan",
    "PlanStep",
    "Travel",
    "Uncovered",
    "UncoveredKind",
    "plan",
    "plan_greedy",
]
