"""A lower bound from smaller problems: split the actors into groups and solve each group exactly.

Dropping actors never raises the cost of an order (costs are not negative), so the optimum of
the problem restricted to a group of actors is a lower bound, and for a partition of the actors

    sum over groups of min over orders of cost_group(order) <= min over orders of the full cost.

Groups of a few actors merge many scenes (same remaining actors) and solve in milliseconds. It
complements the search's bound on large instances, where the search cannot get deep.
"""

from __future__ import annotations

import random
import time

from regie.optimizer.heuristic import local_search
from regie.optimizer.model import build_model
from regie.optimizer.problem import Problem
from regie.optimizer.search import BoundedSearch, Timeout

GROUP_SIZE = 4
GROUP_SECONDS = 1.0


def _optimum(problem: Problem, deadline: float) -> int:
    """The optimum of a small problem, or 0 (still a lower bound) when it takes past `deadline`."""
    model = build_model(problem)
    if model.size <= 1:
        return 0
    _, upper = local_search(model, deadline, rounds=3)
    search = BoundedSearch(model, deadline)
    try:
        return min(upper, search.search(search.all, upper))
    except Timeout:
        return 0


def partition_bound(problem: Problem, deadline: float, *, seed: int = 0) -> int:
    """The best sum over random partitions of the actors into groups of GROUP_SIZE, until `deadline`."""
    actors = sorted({actor for scene in problem.scenes for actor in scene.actors})
    rng = random.Random(seed)
    best = 0
    while time.perf_counter() < deadline:
        rng.shuffle(actors)
        total = 0
        for start in range(0, len(actors), GROUP_SIZE):
            group_deadline = min(deadline, time.perf_counter() + GROUP_SECONDS)
            total += _optimum(problem.with_actors(frozenset(actors[start : start + GROUP_SIZE])), group_deadline)
            if time.perf_counter() >= deadline:
                return best
        best = max(best, total)
    return best
