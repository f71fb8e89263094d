"""Exact search: dynamic programming over the set of scenes still to play, with bounds.

Garcia de la Banda, Stuckey & Chu (2011), "Solving talent scheduling with dynamic programming".
Scenes are played from the front. Once the set S of played scenes is fixed, the cost of playing
scene s next depends only on the set Q of scenes left (S is everything else):

    on_location(Q) = actors(S) & actors(Q)        started, and with a scene still to play
    cost(s | Q)    = duration(s) * cost(on_location(Q) - actors(s))

so f(Q) = min over s in Q of cost(s | Q) + f(Q - s) is a dynamic program over subsets, memoised
on Q (an int bitset). It is searched depth first with a budget U ("bounded DP"): `_search(Q, U)`
returns f(Q) exactly when f(Q) < U, and otherwise a lower bound >= U. Exact values and proven
lower bounds are both memoised, so later searches with larger budgets reuse them.

Pruning:
- the lower bound of Garcia de la Banda et al.: the actors on location each stay until their
  last scene; sharing each scene's duration among its on-location actors in proportion to their
  costs makes this a one-machine weighted-completion-time problem, solved exactly by Smith's rule;
- a scene whose actors are exactly the actors on location costs nothing now and nothing later:
  playing it next is optimal (moving it to the front of any optimal rest lengthens nobody's stay).
"""

from __future__ import annotations

import math
import time

from regie.optimizer.model import Model

# Memo entries kept before a memo is emptied (about 100 bytes each): bounds the memory.
MEMO_LIMIT = 1_000_000


class Timeout(Exception):
    """The deadline passed during a search; the memo stays consistent."""


class BoundedSearch:
    def __init__(self, model: Model, deadline: float, *, memo_limit: int = MEMO_LIMIT) -> None:
        self.model = model
        self.memo_limit = memo_limit
        self.deadline = deadline
        self.all = (1 << model.size) - 1
        self.exact: dict[int, tuple[int, int]] = {0: (0, -1)}  # Q -> (f(Q), first scene)
        self.bound: dict[int, int] = {}  # Q -> proven lower bound of f(Q)
        self.nodes = 0
        self._shares: dict[int, tuple[float, float, tuple[int, ...]]] = {}
        self._touching: dict[int, int] = {}
        self._listed: dict[int, tuple[int, ...]] = {}
        # Per scene: (actor bit, the actor's scenes) for each of its actors.
        self._cast = [tuple((bit, scenes) for bit, scenes in model.actor_scenes if mask & bit) for mask in model.masks]

    # -- small helpers -------------------------------------------------------------------

    def _actors_of(self, scenes: int) -> int:
        actors = 0
        for actor_bit, actor_scenes in self.model.actor_scenes:
            if scenes & actor_scenes:
                actors |= actor_bit
        return actors

    def on_location(self, remaining: int) -> int:
        return self._actors_of(self.all & ~remaining) & self._actors_of(remaining)

    def _touched(self, actors: int) -> int:
        """The scenes with at least one of `actors`."""
        scenes = self._touching.get(actors)
        if scenes is None:
            scenes = 0
            for actor_bit, actor_scenes in self.model.actor_scenes:
                if actors & actor_bit:
                    scenes |= actor_scenes
            self._touching[actors] = scenes
        return scenes

    def static_bound(self, remaining: int, on_location: int) -> int:
        """Garcia de la Banda et al.'s bound on f(remaining); 0 when nobody is on location."""
        if not on_location:
            return 0
        costs = self.model.costs
        masks, durations, shares = self.model.masks, self.model.durations, self._shares
        ratio = [0.0] * len(costs)
        total = 0.0
        scenes = remaining & self._touched(on_location)
        while scenes:
            low = scenes & -scenes
            scene = low.bit_length() - 1
            scenes ^= low
            present = masks[scene] & on_location
            share = shares.get(present)
            if share is None:
                actors = tuple(i for i in range(len(costs)) if present >> i & 1)
                weight = sum(costs[i] for i in actors)
                squares = sum(costs[i] * costs[i] for i in actors)
                share = shares[present] = (1 / weight, (weight + squares / weight) / 2, actors)
            inverse, penalty, actors = share
            duration = durations[scene]
            part = duration * inverse
            for actor in actors:
                ratio[actor] += part
            total -= duration * penalty
        elapsed = 0.0
        for actor in sorted(self._actor_list(on_location), key=ratio.__getitem__):
            cost = costs[actor]
            elapsed += ratio[actor] * cost
            total += cost * elapsed
        return max(0, math.ceil(total - 1e-6))

    def _actor_list(self, actors: int) -> tuple[int, ...]:
        listed = self._listed.get(actors)
        if listed is None:
            listed = self._listed[actors] = tuple(i for i in range(len(self.model.costs)) if actors >> i & 1)
        return listed

    # -- the search ----------------------------------------------------------------------
    def lower_bound(self, remaining: int) -> int:
        known = self.exact.get(remaining)
        if known is not None:
            return known[0]
        value = self.bound.get(remaining)
        if value is None:
            value = self.static_bound(remaining, self.on_location(remaining))
            self._remember_bound(remaining, value)
        return value

    def _remember_bound(self, remaining: int, value: int) -> None:
        if len(self.bound) >= self.memo_limit:
            self.bound.clear()
        self.bound[remaining] = value

    def search(self, remaining: int, budget: int) -> int:
        """f(remaining) if it is below `budget` (then memoised as exact), else a lower bound >= budget."""
        played = self._actors_of(self.all & ~remaining)
        return self._search(remaining, budget, played, self._actors_of(remaining))

    def _child_bound(self, remaining: int, on_location: int) -> int:
        known = self.exact.get(remaining)
        if known is not None:
            return known[0]
        value = self.bound.get(remaining)
        if value is None:
            value = self.static_bound(remaining, on_location)
            self._remember_bound(remaining, value)
        return value

    def _search(self, remaining: int, budget: int, played: int, left: int) -> int:
        """`search`, with the actors of the played scenes and of the remaining ones passed down."""
        known = self.exact.get(remaining)
        if known is not None:
            return known[0]
        on_location = played & left
        floor = self._child_bound(remaining, on_location)
        if floor >= budget:
            return floor
        self.nodes += 1
        if not self.nodes & 15 and time.perf_counter() > self.deadline:
            raise Timeout
        masks, durations = self.model.masks, self.model.durations
        children: list[tuple[int, int, int, int, int]] = []
        scenes = remaining
        while scenes:
            low = scenes & -scenes
            scene = low.bit_length() - 1
            scenes ^= low
            mask = masks[scene]
            finishing = 0  # actors whose last remaining scene this is
            for actor_bit, actor_scenes in self._cast[scene]:
                if actor_scenes & remaining == low:
                    finishing |= actor_bit
            child_played, child_left = played | mask, left & ~finishing
            if on_location and mask == on_location:  # free now and later: play it next
                children = [(0, 0, scene, child_played, child_left)]
                break
            cost = durations[scene] * self.model.cost_of_mask(on_location & ~mask)
            estimate = cost + self._child_bound(remaining ^ low, child_played & child_left)
            children.append((estimate, cost, scene, child_played, child_left))
        children.sort()
        best = budget
        best_scene = -1
        failed = math.inf
        for estimate, cost, scene, child_played, child_left in children:
            if estimate >= best:
                failed = min(failed, estimate)
                break
            value = cost + self._search(remaining & ~(1 << scene), best - cost, child_played, child_left)
            if value < best:
                best, best_scene = value, scene
            else:
                failed = min(failed, value)
        if best_scene >= 0:
            if len(self.exact) >= self.memo_limit:
                self.exact = {0: (0, -1)}
            self.exact[remaining] = (best, best_scene)
            return best
        proven = max(floor, int(failed))
        self._remember_bound(remaining, proven)
        return proven

    def order(self, remaining: int) -> list[int]:
        """The optimal order of `remaining`, after a search proved f(remaining)."""
        order: list[int] = []
        value = self.exact[remaining][0]
        self.deadline = math.inf  # rebuilding a dropped entry is quick: its value is known
        while remaining:
            known = self.exact.get(remaining)
            if known is None:  # dropped when the memo was emptied: search it again
                self.search(remaining, value + 1)
                known = self.exact[remaining]
            scene = known[1]
            model = self.model
            value -= model.durations[scene] * model.cost_of_mask(self.on_location(remaining) & ~model.masks[scene])
            order.append(scene)
            remaining &= ~(1 << scene)
        return order
