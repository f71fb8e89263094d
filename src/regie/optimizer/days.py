"""Cut an optimised order into working days: a post-step on top of `solve`.

Rules handled:
- `max_per_day`: a day holds at most this much scene duration (same unit as the durations);
- `same_day`: groups of scenes that must be played on the same day; a group is played where
  its first member stands in the order, its members together in order;
- `unavailable`: days (numbered from 0) on which an actor cannot work; a block of scenes with
  that actor moves to the next day they can.

The order is kept (except for pulling same-day groups together), filling days greedily, so a
day may be left short. Not handled yet: night scenes, location blocks (scenes to play
back to back at one location), and re-optimising the order around the day constraints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from regie.optimizer.problem import Problem, ProblemError


@dataclass(frozen=True)
class DayRules:
    max_per_day: int
    same_day: tuple[frozenset[str], ...] = ()
    unavailable: Mapping[str, frozenset[int]] = field(default_factory=dict)


def _blocks(problem: Problem, order: Sequence[str], rules: DayRules) -> list[list[str]]:
    """The order as blocks that cannot be split across days: a scene alone, or a same-day group."""
    known = {scene.id for scene in problem.scenes}
    group_of: dict[str, int] = {}
    for index, group in enumerate(rules.same_day):
        for scene_id in group:
            if scene_id not in known:
                raise ProblemError(f"The same-day group {index + 1} names scene {scene_id}, which does not exist.")
            if scene_id in group_of:
                raise ProblemError(f"Scene {scene_id} is in two same-day groups; merge them.")
            group_of[scene_id] = index
    blocks: list[list[str]] = []
    placed: dict[int, list[str]] = {}
    for scene_id in order:
        number = group_of.get(scene_id)
        if number is None:
            blocks.append([scene_id])
        elif number in placed:
            placed[number].append(scene_id)
        else:
            placed[number] = [scene_id]
            blocks.append(placed[number])
    return blocks


def split_into_days(problem: Problem, order: Sequence[str], rules: DayRules) -> list[list[str]]:
    """Days of scene ids, in order; raises `ProblemError` when a block can never fit a day."""
    if rules.max_per_day <= 0:
        raise ProblemError("The maximum working time per day must be positive.")
    problem.cost_of(order)  # checks that the order names every scene once
    scenes = {scene.id: scene for scene in problem.scenes}
    last_unavailable = max((max(days) for days in rules.unavailable.values() if days), default=-1)
    days: list[list[str]] = [[]]
    used = 0
    for block in _blocks(problem, order, rules):
        length = sum(scenes[s].duration for s in block)
        if length > rules.max_per_day:
            names = ", ".join(block)
            raise ProblemError(
                f"Scenes {names} last {length}, more than a day's {rules.max_per_day}: they cannot share a day."
            )
        cast = set().union(*(scenes[s].actors for s in block))
        while used + length > rules.max_per_day or any(
            len(days) - 1 in rules.unavailable.get(actor, ()) for actor in cast
        ):
            if len(days) > len(order) + last_unavailable + 1:  # cannot happen: past every unavailable day
                raise ProblemError("No day fits the scenes.")
            days.append([])
            used = 0
        days[-1].extend(block)
        used += length
    while days and not days[-1]:
        days.pop()
    return days
