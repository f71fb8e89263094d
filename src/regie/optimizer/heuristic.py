"""A good order fast: a greedy start, then iterated local search (moves of blocks of scenes).

It gives the exact search its first upper bound, and is the answer on instances too large to
prove within the time limit. Seeded, so the same input gives the same order.
"""

from __future__ import annotations

import random
import time

from regie.optimizer.model import Model


def greedy_order(model: Model) -> list[int]:
    """Play next the scene that makes the fewest cost units wait now, preferring scenes that close actors."""
    remaining = set(range(model.size))
    order: list[int] = []
    started = 0
    weight = model.cost_of_mask
    while remaining:
        left = 0
        for actor_bit, scenes in model.actor_scenes:
            if any(scenes >> s & 1 for s in remaining):
                left |= actor_bit
        on_location = started & left

        def key(scene: int, on: int = on_location, started: int = started) -> tuple[int, int, int]:
            return (
                model.durations[scene] * weight(on & ~model.masks[scene]),
                weight(model.masks[scene] & ~started),
                scene,
            )

        best = min(remaining, key=key)
        order.append(best)
        remaining.discard(best)
        started |= model.masks[best]
    return order


def _improve(model: Model, order: list[int], cost: int, deadline: float) -> tuple[list[int], int]:
    """Move blocks of 1 to 3 scenes to better places until no move helps (first improvement)."""
    n = len(order)
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for length in (1, 2, 3):
            for i in range(n - length + 1):
                block = order[i : i + length]
                rest = order[:i] + order[i + length :]
                for j in range(len(rest) + 1):
                    if j == i:
                        continue
                    candidate = rest[:j] + block + rest[j:]
                    value = model.order_cost(candidate)
                    if value < cost:
                        order, cost, improved = candidate, value, True
                        break
                if time.perf_counter() >= deadline:
                    return order, cost
    return order, cost


def local_search(model: Model, deadline: float, *, rounds: int, seed: int = 0) -> tuple[list[int], int]:
    """The best order found by `rounds` perturb-and-improve rounds from the greedy order, before `deadline`."""
    rng = random.Random(seed)
    order = greedy_order(model)
    order, cost = _improve(model, order, model.order_cost(order), deadline)
    best, best_cost = order, cost
    n = len(order)
    for _ in range(rounds):
        if n < 4 or time.perf_counter() >= deadline or best_cost == 0:
            break
        # Perturb: reverse a random segment, then swap two random scenes.
        candidate = list(best)
        i, j = sorted(rng.sample(range(n), 2))
        candidate[i : j + 1] = reversed(candidate[i : j + 1])
        k, m = rng.sample(range(n), 2)
        candidate[k], candidate[m] = candidate[m], candidate[k]
        candidate, cost = _improve(model, candidate, model.order_cost(candidate), deadline)
        if cost < best_cost:
            best, best_cost = candidate, cost
    return best, best_cost
