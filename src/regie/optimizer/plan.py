"""A shooting plan for a stripboard: the order of scenes and the days, with what a first AD expects.

`plan_schedule` puts the talent-scheduling solver under the constraints of a stripboard:
- `fixed_days`: days the person already fixed (end-of-day strips). They are kept whole, scenes
  and their order within the day untouched; only the order of the days is optimised. Scenes not
  on a fixed day stay after the last day, in their own order, cut into days by the day rules.
- `location_blocks`: scenes at one location (same set, and day or night) are played as one
  block, so the unit moves as little as possible; the solver orders the blocks. Within a block
  the scenes keep script order.
- `night`: night scenes never share a day with day scenes (a day break comes between them);
  with location blocks, the night scenes of a location form their own block.
- `max_locations_per_day`: at most that many locations on one day (company moves).
- `day_length`: the most scene time (eighths of a page on a board) a day holds.
- `unavailable`: per actor, the shooting days (numbered from 0, day 0 the first shooting day)
  on which they cannot work. No scene with that actor is put on such a day: it waits for the
  next day the actor can work, and later scenes without them are played meanwhile (see
  `days.split_into_days`); a day with nothing playable stays empty. Fixed days are kept whole:
  each day index takes the first remaining fixed day whose cast can all work, or stays empty.
- `days_available`: the number of shooting days there are (None: no limit). When the days
  needed run past it, `UnavailableError` names the scenes that do not fit and the actors whose
  unavailable days pushed them there, instead of a plan that breaks the calendar.

Without `unavailable` and `days_available` the plan is exactly the one made before they existed.

Costs reported: the actors' waiting (the solver's objective, in the scene duration unit) and
hold days (days between an actor's first and last day on which they do not work), before and
after. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from regie.optimizer.days import DayRules, split_into_days
from regie.optimizer.problem import Problem, ProblemError, Scene
from regie.optimizer.solver import Result, solve


@dataclass(frozen=True)
class PlanRules:
    day_length: int
    fixed_days: tuple[tuple[str, ...], ...] = ()
    location: Mapping[str, str] = field(default_factory=dict)
    night: frozenset[str] = frozenset()
    location_blocks: bool = True
    max_locations_per_day: int | None = 2
    unavailable: Mapping[str, frozenset[int]] = field(default_factory=dict)
    days_available: int | None = None


class UnavailableError(ProblemError):
    """The scenes do not fit the days available; `actors` are the unavailable cast of `scenes`."""

    def __init__(self, scenes: tuple[str, ...], actors: tuple[str, ...], days_available: int) -> None:
        self.scenes, self.actors, self.days_available = scenes, actors, days_available
        names = ", ".join(scenes)
        if actors:
            message = (
                f"Scenes {names} do not fit in the {days_available} days available: "
                f"{', '.join(actors)} cannot work on enough of those days."
            )
        else:
            message = f"Scenes {names} do not fit in the {days_available} days available."
        super().__init__(message)


@dataclass(frozen=True)
class Plan:
    order: tuple[str, ...]
    days: tuple[tuple[str, ...], ...]
    waiting: int  # the objective of `order` on the scene problem
    holding: int  # hold days of the cast over `days`
    result: Result  # the solver's answer on the blocks it ordered (bound, optimality)


def hold_days(problem: Problem, days: Sequence[Sequence[str]]) -> int:
    """Days between each actor's first and last working day on which they do not work, summed."""
    scenes = {scene.id: scene for scene in problem.scenes}
    worked: dict[str, set[int]] = {}
    for index, day in enumerate(days):
        for scene_id in day:
            for actor in scenes[scene_id].actors:
                worked.setdefault(actor, set()).add(index)
    return sum(max(on) - min(on) + 1 - len(on) for on in worked.values())


def _units(problem: Problem, rules: PlanRules) -> list[tuple[str, ...]]:
    """The blocks the solver orders: fixed days, location blocks, or single scenes."""
    if rules.fixed_days:
        return [tuple(day) for day in rules.fixed_days if day]
    if not rules.location_blocks:
        return [(scene.id,) for scene in problem.scenes]
    blocks: dict[tuple[str, bool], list[str]] = {}
    for scene in problem.scenes:
        key = (rules.location.get(scene.id, scene.id), scene.id in rules.night)
        blocks.setdefault(key, []).append(scene.id)
    return [tuple(block) for block in blocks.values()]


def plan_schedule(problem: Problem, rules: PlanRules, time_limit: float) -> Plan:
    """The best order found within `time_limit` seconds, cut into days; ProblemError when it cannot be done."""
    if not any(scene.actors for scene in problem.scenes):
        raise ProblemError("No scene has cast: there is nobody to keep from waiting.")
    units = _units(problem, rules)
    placed = {scene_id for unit in units for scene_id in unit}
    rest = [scene.id for scene in problem.scenes if scene.id not in placed]
    by_id = {scene.id: scene for scene in problem.scenes}
    blocks = Problem(
        scenes=tuple(
            Scene(
                id=str(index),
                duration=sum(by_id[s].duration for s in unit),
                actors=frozenset().union(*(by_id[s].actors for s in unit)),
            )
            for index, unit in enumerate(units)
        ),
        actor_cost=problem.actor_cost,
        objective=problem.objective,
    )
    result = solve(blocks, time_limit=time_limit)
    ordered = [units[int(index)] for index in result.order]
    day_rules = DayRules(
        max_per_day=rules.day_length,
        night=rules.night,
        location=rules.location,
        max_locations_per_day=rules.max_locations_per_day,
        unavailable=rules.unavailable,
    )
    if rules.fixed_days:
        days = _place_fixed_days(problem, ordered, rules.unavailable)
        if rest:
            sub = Problem(scenes=tuple(by_id[s] for s in rest), actor_cost=problem.actor_cost)
            shifted = _shift(rules.unavailable, len(days))
            days += split_into_days(sub, rest, replace(day_rules, unavailable=shifted))
    else:
        days = split_into_days(problem, [scene_id for unit in ordered for scene_id in unit], day_rules)
    _check_days_available(problem, days, rules)
    order = tuple(scene_id for day in days for scene_id in day)
    return Plan(
        order=order,
        days=tuple(tuple(day) for day in days),
        waiting=problem.cost_of(order),
        holding=hold_days(problem, days),
        result=result,
    )


def _place_fixed_days(
    problem: Problem, ordered: Sequence[tuple[str, ...]], unavailable: Mapping[str, frozenset[int]]
) -> list[list[str]]:
    """Fixed days in the solver's order; a day index takes the first one whose cast can all work."""
    if not unavailable:
        return [list(unit) for unit in ordered]
    by_id = {scene.id: scene for scene in problem.scenes}
    last = max((max(days) for days in unavailable.values() if days), default=-1)
    pending = list(ordered)
    days: list[list[str]] = []
    while pending:
        index = len(days)
        chosen = next(
            (
                unit
                for unit in pending
                if not any(index in unavailable.get(a, ()) for s in unit for a in by_id[s].actors)
            ),
            None,
        )
        if chosen is None:
            if index > last:  # cannot happen: past every unavailable day
                raise ProblemError("No day fits the fixed days.")
            days.append([])
            continue
        pending.remove(chosen)
        days.append(list(chosen))
    return days


def _shift(unavailable: Mapping[str, frozenset[int]], offset: int) -> dict[str, frozenset[int]]:
    """The unavailable days counted from day `offset` on."""
    return {actor: frozenset(d - offset for d in days if d >= offset) for actor, days in unavailable.items()}


def _check_days_available(problem: Problem, days: Sequence[Sequence[str]], rules: PlanRules) -> None:
    if rules.days_available is None or len(days) <= rules.days_available:
        return
    by_id = {scene.id: scene for scene in problem.scenes}
    late = tuple(s for day in days[rules.days_available :] for s in day)
    actors = tuple(
        sorted(
            {
                a
                for s in late
                for a in by_id[s].actors
                if any(d < rules.days_available for d in rules.unavailable.get(a, ()))
            }
        )
    )
    raise UnavailableError(late, actors, rules.days_available)
