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
    """The optimum of a small problem, or, when it takes past `deadline`, the search's lower bound for it."""
    model = build_model(problem)
    if model.size <= 1:
        return 0
    _, upper = local_search(model, deadline, rounds=3)
    search = BoundedSearch(model, deadline)
    try:
        return min(upper, search.search(search.all, upper))
    except Timeout:
        return min(upper, search.lower_bound(search.all))


def partition_bound(problem: Problem, deadline: float, *, seed: int = 0) -> int:
    """The best sum found for partitions of the actors into groups of GROUP_SIZE, until `deadline`.

    Starts from a random partition, then swaps two actors of two groups and keeps the swap
    when the sum does not go down (a local search over partitions; every partition evaluated
    gives a valid bound, the best one is returned).
    """
    actors = sorted({actor for scene in problem.scenes for actor in scene.actors})
    if len(actors) < 2:
        return 0
    rng = random.Random(seed)
    rng.shuffle(actors)
    groups = [actors[start : start + GROUP_SIZE] for start in range(0, len(actors), GROUP_SIZE)]
    known: dict[frozenset[str], int] = {}

    def value(group: list[str]) -> int:
        key = frozenset(group)
        if key not in known:
            known[key] = _optimum(problem.with_actors(key), min(deadline, time.perf_counter() + GROUP_SECONDS))
        return known[key]

    values = []
    for group in groups:
        values.append(value(group))
        if time.perf_counter() >= deadline:
            return 0
    best = sum(values)
    while len(groups) > 1 and time.perf_counter() < deadline:
        i, j = rng.sample(range(len(groups)), 2)
        a, b = rng.randrange(len(groups[i])), rng.randrange(len(groups[j]))
        first, second = list(groups[i]), list(groups[j])
        first[a], second[b] = second[b], first[a]
        new_first, new_second = value(first), value(second)
        if time.perf_counter() >= deadline:
            break
        if new_first + new_second >= values[i] + values[j]:
            groups[i], groups[j], values[i], values[j] = first, second, new_first, new_second
            best = max(best, sum(values))
    return best
