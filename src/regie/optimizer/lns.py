"""Large neighbourhood search: re-order a window of consecutive scenes exactly, keep the rest.

For a window of k consecutive (merged) scenes of an order, the cost of the scenes outside the
window depends only on WHICH scenes are in the window, not on their order (an actor before the
window still has the same scenes after it, and the other way round). So the best order of the
window, with the actors started before it (`before`) and those needed after it (`after`) as
context, is a small dynamic program over the subsets of the window:

    f(Q) = min over s in Q of  d(s) * w((before | actors(W - Q)) & (after | actors(Q - s)) & ~actors(s))
                             + f(Q - s)

2^k states of k choices: k = 10 takes a few milliseconds in Python. Sliding windows over the
order until none improves gives a local optimum far stronger than moving blocks of scenes;
random perturbations between rounds (iterated local search) leave local optima.
"""

from __future__ import annotations

import random
import time

from regie.optimizer.model import Model

WINDOW = 10


def best_window_order(model: Model, window: list[int], before: int, after: int) -> tuple[list[int], int]:
    """The cheapest order of the scenes in `window` between the actors `before` and `after`, and its cost."""
    k = len(window)
    masks = [model.masks[s] for s in window]
    durations = [model.durations[s] for s in window]
    weight = model.cost_of_mask
    full = (1 << k) - 1
    actors = [0] * (1 << k)  # actors of the scenes in a subset of the window
    for subset in range(1, 1 << k):
        low = subset & -subset
        actors[subset] = actors[subset ^ low] | masks[low.bit_length() - 1]
    # value[Q]: the best cost of playing the subset Q of the window last (after W - Q).
    value = [0] * (1 << k)
    choice = [-1] * (1 << k)
    for remaining in range(1, 1 << k):
        started = before | actors[full ^ remaining]
        best = -1
        best_scene = -1
        rest = remaining
        while rest:
            low = rest & -rest
            rest ^= low
            index = low.bit_length() - 1
            waiting = started & (after | actors[remaining ^ low]) & ~masks[index]
            cost = value[remaining ^ low]
            if waiting:
                cost += durations[index] * weight(waiting)
            if best < 0 or cost < best:
                best, best_scene = cost, index
        value[remaining] = best
        choice[remaining] = best_scene
    order = []
    remaining = full
    while remaining:
        index = choice[remaining]
        order.append(window[index])
        remaining ^= 1 << index
    return order, value[full]


def window_improve(
    model: Model, order: list[int], cost: int, deadline: float, *, size: int = WINDOW
) -> tuple[list[int], int]:
    """Slide windows of `size` scenes over the order, re-ordering each exactly, until none improves."""
    n = len(order)
    size = min(size, n)
    if size < 3:
        return order, cost
    step = max(1, size // 2)
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        starts = list(range(0, n - size + 1, step))
        if starts[-1] != n - size:
            starts.append(n - size)
        for start in starts:
            before = 0
            for scene in order[:start]:
                before |= model.masks[scene]
            after = 0
            for scene in order[start + size :]:
                after |= model.masks[scene]
            window = order[start : start + size]
            new_window, _ = best_window_order(model, window, before, after)
            if new_window != window:
                candidate = order[:start] + new_window + order[start + size :]
                value = model.order_cost(candidate)
                if value < cost:
                    order, cost, improved = candidate, value, True
            if time.perf_counter() >= deadline:
                break
    return order, cost


def iterated_window_search(
    model: Model, order: list[int], cost: int, deadline: float, *, seed: int = 0
) -> tuple[list[int], int]:
    """Window improvement, then perturb (move a random block elsewhere) and improve again, until `deadline`."""
    rng = random.Random(seed)
    order, cost = window_improve(model, order, cost, deadline)
    best, best_cost = order, cost
    n = len(order)
    while n >= 4 and best_cost > 0 and time.perf_counter() < deadline:
        candidate = list(best)
        length = rng.randint(1, max(1, n // 6))
        start = rng.randrange(n - length + 1)
        block = candidate[start : start + length]
        del candidate[start : start + length]
        target = rng.randrange(len(candidate) + 1)
        candidate[target:target] = block
        candidate, value = window_improve(model, candidate, model.order_cost(candidate), deadline)
        if value <= best_cost:
            best, best_cost = candidate, value
    return best, best_cost
