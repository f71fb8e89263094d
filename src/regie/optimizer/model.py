"""The problem as the solver sees it: merged scenes, actors as bits, costs as small integers.

Two reductions that never change the optimum (Garcia de la Banda, Stuckey & Chu 2011):
- an actor in a single scene (or costing nothing) never waits, so they are left out;
- scenes with the same remaining actors are played together in an optimal order, so they
  become one scene whose duration is the sum (a scene left without actors is such a group too:
  played first it makes nobody wait).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regie.optimizer.problem import Problem


@dataclass(frozen=True)
class Model:
    durations: tuple[int, ...]  # per merged scene
    masks: tuple[int, ...]  # actors of each merged scene, as bits
    members: tuple[tuple[str, ...], ...]  # the scene ids each merged scene stands for
    costs: tuple[int, ...]  # per actor bit
    actor_scenes: tuple[tuple[int, int], ...]  # (actor bit, bits of the merged scenes with that actor)

    @property
    def size(self) -> int:
        return len(self.durations)

    _weights: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    def cost_of_mask(self, mask: int) -> int:
        """The summed cost of the actors in `mask`, memoised (the same few masks come back often)."""
        total = self._weights.get(mask)
        if total is None:
            total = 0
            rest = mask
            while rest:
                low = rest & -rest
                total += self.costs[low.bit_length() - 1]
                rest ^= low
            if len(self._weights) > 1_000_000:
                self._weights.clear()
            self._weights[mask] = total
        return total

    def order_cost(self, order: list[int]) -> int:
        """The objective of playing the merged scenes in `order`, in O(len(order))."""
        masks, durations = self.masks, self.durations
        suffix = [0] * (len(order) + 1)
        for i in range(len(order) - 1, -1, -1):
            suffix[i] = suffix[i + 1] | masks[order[i]]
        started = 0
        total = 0
        weights = self._weights
        for i, scene in enumerate(order):
            waiting = started & suffix[i + 1] & ~masks[scene]
            if waiting:
                weight = weights.get(waiting)
                total += durations[scene] * (self.cost_of_mask(waiting) if weight is None else weight)
            started |= masks[scene]
        return total

    def scene_ids(self, order: list[int]) -> tuple[str, ...]:
        return tuple(scene_id for merged in order for scene_id in self.members[merged])


def build_model(problem: Problem) -> Model:
    appearances: dict[str, int] = {}
    for scene in problem.scenes:
        for actor in scene.actors:
            appearances[actor] = appearances.get(actor, 0) + 1
    kept = sorted(a for a, count in appearances.items() if count > 1 and problem.weight(a) > 0)
    bit = {actor: index for index, actor in enumerate(kept)}
    groups: dict[int, list[str]] = {}
    durations: dict[int, int] = {}
    for scene in problem.scenes:
        mask = 0
        for actor in scene.actors:
            if actor in bit:
                mask |= 1 << bit[actor]
        groups.setdefault(mask, []).append(scene.id)
        durations[mask] = durations.get(mask, 0) + scene.duration
    masks = tuple(groups)
    actor_scenes = []
    for index in range(len(kept)):
        scenes = 0
        for position, mask in enumerate(masks):
            if mask >> index & 1:
                scenes |= 1 << position
        actor_scenes.append((1 << index, scenes))
    return Model(
        durations=tuple(durations[m] for m in masks),
        masks=masks,
        members=tuple(tuple(groups[m]) for m in masks),
        costs=tuple(problem.weight(a) for a in kept),
        actor_scenes=tuple(actor_scenes),
    )
