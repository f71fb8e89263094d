"""`solve(problem, time_limit)`: the best order, whether it is proven optimal, and a lower bound.

1. Reduce (model.py): drop actors who never wait, merge scenes with the same actors.
2. Upper bound: greedy order improved by iterated local search (heuristic.py), for a small
   share of the time limit; when the exact search cannot finish, the final order is polished
   by exact re-ordering of sliding windows of ten scenes (lns.py).
3. Lower bound and proof: the bounded dynamic program (search.py) is probed with budgets
   between the best lower bound L and the best known cost U: a probe either finds the optimum
   (below its budget) or proves a larger L. The probes reuse each other's memo. When L reaches
   U the heuristic order is optimal. When the time runs out, the answer is the best order and L.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from regie.optimizer.bounds import partition_bound
from regie.optimizer.heuristic import local_search
from regie.optimizer.lns import window_improve
from regie.optimizer.model import build_model
from regie.optimizer.problem import Problem
from regie.optimizer.search import BoundedSearch, Timeout

# Shares of the time limit: the first order (greedy and a few local search rounds) gets at
# most FIRST_ORDER_SHARE; the first exact attempt stops at EXACT_SHARE; if it could not
# prove the optimum, the local search improves the order until SEARCH_SHARE, the partition
# bound (bounds.py) runs until PARTITION_SHARE, and the rest of the time the search raises its
# own lower bound.
FIRST_ORDER_SHARE = 0.1
FIRST_ROUNDS = 3  # a few rounds help the anytime answer; the exact search barely needs them
EXACT_SHARE = 0.3
SEARCH_SHARE = 0.5
PARTITION_SHARE = 0.6


@dataclass(frozen=True)
class Result:
    cost: int
    order: tuple[str, ...]
    optimal: bool
    lower_bound: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return {
            "cost": self.cost,
            "order": list(self.order),
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
            "seconds": round(self.seconds, 3),
        }


def solve(problem: Problem, time_limit: float = 10.0) -> Result:
    """Order the scenes of `problem` to minimise its objective, within `time_limit` seconds (roughly)."""
    start = time.perf_counter()
    deadline = start + max(0.0, time_limit)
    model = build_model(problem)
    if model.size <= 1:
        order = model.scene_ids(list(range(model.size)))
        return Result(cost=0, order=order, optimal=True, lower_bound=0, seconds=time.perf_counter() - start)
    best, upper = local_search(model, start + FIRST_ORDER_SHARE * time_limit, rounds=FIRST_ROUNDS)
    search = BoundedSearch(model, start + EXACT_SHARE * time_limit)
    try:
        # First attempt: the budget is the cost of the order in hand, the most pruning there is.
        value = search.search(search.all, upper)
        if value < upper:
            best, upper = search.order(search.all), value
        lower = upper
    except Timeout:
        search.deadline = deadline
        found, found_cost = local_search(model, start + SEARCH_SHARE * time_limit, rounds=10**9)
        if found_cost < upper:
            best, upper = found, found_cost
        best, upper = window_improve(model, best, upper, start + (SEARCH_SHARE + 0.02) * time_limit)
        partition = partition_bound(problem, start + PARTITION_SHARE * time_limit)
        probed = _raise_lower_bound(search, min(partition, upper), upper)
        if probed < upper and search.all in search.exact:  # a probe found the optimum below `upper`
            best, upper = search.order(search.all), probed
        lower = max(probed, min(partition, upper))
    order = model.scene_ids(best)
    cost = problem.cost_of(order)
    seconds = time.perf_counter() - start
    return Result(cost=cost, order=order, optimal=lower >= cost, lower_bound=min(lower, cost), seconds=seconds)


def _raise_lower_bound(search: BoundedSearch, known: int, upper: int) -> int:
    """Probe budgets above the best lower bound (`known` or the search's), in growing steps.

    Stops when the bounds meet or the time runs out, and returns the best proven lower bound;
    a probe that succeeds leaves the optimum in the memo and returns it.
    """
    lower = known
    step = max(1, upper // 64)
    try:
        lower = max(known, search.lower_bound(search.all))
        while lower < upper:
            budget = min(upper, lower + step)
            value = search.search(search.all, budget)
            if value < budget:
                return value
            lower = value
            step *= 2
    except Timeout:
        pass
    return lower
