"""Cut an optimised order into working days: a post-step on top of `solve`.

Rules handled:
- `max_per_day`: a day holds at most this much scene duration (same unit as the durations);
- `same_day`: groups of scenes that must be played on the same day; a group is played where
  its first member stands in the order, its members together in order;
- `unavailable`: days (numbered from 0) on which an actor cannot work; a block of scenes with
  that actor waits for the next day they can, and meanwhile the first later blocks that fit the
  day (without that actor) are played instead; a day may stay empty when nothing fits. Without
  unavailable days the order is kept as it is.

- `night`: night scenes; a day is either a night day or a day day (the crew's turnaround), so
  a day break comes wherever the order passes from day to night scenes or back;
- `location` with `max_locations_per_day`: the location of each scene; a day holds scenes of at
  most that many locations (each extra one is a company move), so a new day starts instead.

The order is kept (except for pulling same-day groups together), filling days greedily, so a
day may be left short. Keeping locations and night scenes together in the order is the job of
`plan.plan_schedule`, which orders blocks of scenes before cutting them into days here.
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
    night: frozenset[str] = frozenset()
    location: Mapping[str, str] = field(default_factory=dict)
    max_locations_per_day: int | None = None


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
    pending = _blocks(problem, order, rules)
    for block in pending:
        length = sum(scenes[s].duration for s in block)
        if length > rules.max_per_day:
            names = ", ".join(block)
            raise ProblemError(
                f"Scenes {names} last {length}, more than a day's {rules.max_per_day}: they cannot share a day."
            )
    days: list[list[str]] = [[]]
    used = 0
    places: set[str] = set()

    def absent(block: list[str]) -> bool:
        cast = set().union(*(scenes[s].actors for s in block))
        return any(len(days) - 1 in rules.unavailable.get(actor, ()) for actor in cast)

    def fits(block: list[str]) -> bool:
        block_places = {rules.location[s] for s in block if s in rules.location}
        return not (
            used + sum(scenes[s].duration for s in block) > rules.max_per_day
            or absent(block)
            or _turnaround(days[-1], block, rules.night)
            or (bool(days[-1]) and _too_many_places(places | block_places, rules.max_locations_per_day))
        )

    while pending:
        chosen = 0 if fits(pending[0]) else None
        if chosen is None and absent(pending[0]):  # its cast is away today: play what can be played
            chosen = next((i for i in range(1, len(pending)) if fits(pending[i])), None)
        if chosen is None:
            if len(days) > len(order) + last_unavailable + 1:  # cannot happen: past every unavailable day
                raise ProblemError("No day fits the scenes.")
            days.append([])
            used = 0
            places = set()
            continue
        block = pending.pop(chosen)
        days[-1].extend(block)
        used += sum(scenes[s].duration for s in block)
        places |= {rules.location[s] for s in block if s in rules.location}
    while days and not days[-1]:
        days.pop()
    return days


def _turnaround(day: list[str], block: list[str], night: frozenset[str]) -> bool:
    """True when the block would put night and day scenes on one day."""
    if not day or not night:
        return False
    return (day[-1] in night) != (block[0] in night) or any((s in night) != (block[0] in night) for s in block)


def _too_many_places(places: set[str], limit: int | None) -> bool:
    return limit is not None and len(places) > limit
