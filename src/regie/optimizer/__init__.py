"""Schedule optimisation in pure Python (no Django): talent scheduling and rehearsal scheduling.

Order scenes (or rehearsal pieces) so that the cast waits as little as possible, weighted by
each actor's cost: `load_problem`/`parse_problem` read the benchmark format of
`../shared/benchmarks/talent/README.md`, `solve` returns the best order, whether it is proven
optimal and a lower bound, and `split_into_days` cuts an order into shooting days.
"""

from __future__ import annotations

from regie.optimizer.days import DayRules, split_into_days
from regie.optimizer.plan import Plan, PlanRules, UnavailableError, hold_days, plan_schedule
from regie.optimizer.problem import Objective, Problem, ProblemError, Scene, load_problem, parse_problem
from regie.optimizer.solver import Result, solve

__all__ = [
    "DayRules",
    "Objective",
    "Plan",
    "PlanRules",
    "Problem",
    "ProblemError",
    "Result",
    "Scene",
    "UnavailableError",
    "hold_days",
    "load_problem",
    "parse_problem",
    "plan_schedule",
    "solve",
    "split_into_days",
]
