"""The scheduling problem: scenes, actors and their costs; reading and checking the benchmark JSON.

The objective is the one of `../shared/benchmarks/talent/README.md`. Scenes are played back to
back from time 0 in the chosen order; an actor is on location from the start of their first
scene to the end of their last one, and costs `actor_cost[a]` per time unit spent there without
playing. `rehearsal_wait` is the same with every actor weighing 1.

Edge cases, on purpose:
- an actor listed in `actor_cost` but in no scene never waits: they add nothing;
- a scene without actors is allowed: played first (or last) it makes nobody wait;
- an actor in a scene without a cost is an error for `talent_cost` (for `rehearsal_wait` costs
  are not needed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class ProblemError(ValueError):
    """The input cannot be read as a scheduling problem; `str(error)` says why in one line."""


class Objective(StrEnum):
    TALENT_COST = "talent_cost"
    REHEARSAL_WAIT = "rehearsal_wait"


@dataclass(frozen=True)
class Scene:
    id: str
    duration: int
    actors: frozenset[str]


@dataclass(frozen=True)
class Problem:
    scenes: tuple[Scene, ...]
    actor_cost: Mapping[str, int]
    objective: Objective = Objective.TALENT_COST
    name: str = ""
    _by_id: dict[str, Scene] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {scene.id: scene for scene in self.scenes})

    def weight(self, actor: str) -> int:
        """What one time unit of waiting costs for this actor under the problem's objective."""
        if self.objective is Objective.REHEARSAL_WAIT:
            return 1
        return self.actor_cost[actor]

    def with_actors(self, actors: frozenset[str]) -> Problem:
        """The same scenes with only `actors` in them (the others cost nothing)."""
        return Problem(
            scenes=tuple(Scene(id=s.id, duration=s.duration, actors=s.actors & actors) for s in self.scenes),
            actor_cost={a: c for a, c in self.actor_cost.items() if a in actors},
            objective=self.objective,
            name=self.name,
        )

    def fixed_work_cost(self) -> int:
        """The cost of the actors' own playing time, the same for every order."""
        return sum(scene.duration * sum(self.weight(a) for a in scene.actors) for scene in self.scenes)

    def cost_of(self, order: Sequence[str]) -> int:
        """The objective of playing the scenes in `order` (every scene id exactly once)."""
        if sorted(order) != sorted(self._by_id) or len(set(order)) != len(order):
            raise ProblemError("The order must name every scene exactly once.")
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        played: dict[str, int] = {}
        time = 0
        for scene_id in order:
            scene = self._by_id[scene_id]
            for actor in scene.actors:
                first.setdefault(actor, time)
                last[actor] = time + scene.duration
                played[actor] = played.get(actor, 0) + scene.duration
            time += scene.duration
        return sum(self.weight(a) * (last[a] - first[a] - played[a]) for a in first)


def load_problem(path: Path) -> Problem:
    """Read a benchmark file; every failure is a `ProblemError` with a one-line message."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ProblemError(f"Cannot read {path}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise ProblemError(f"{path} is not UTF-8 text.") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProblemError(f"{path} is not valid JSON: {error.msg} at line {error.lineno}.") from error
    return parse_problem(data)


def _whole_number(value: object, what: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "a positive whole number" if minimum > 0 else "a whole number, 0 or more"
        raise ProblemError(f"{what} must be {kind}, not {value!r}.")
    return value


def _parse_scene(raw: object, index: int) -> Scene:
    if not isinstance(raw, dict):
        raise ProblemError(f"Scene {index + 1} must be an object with id, duration and actors.")
    missing = [key for key in ("id", "duration", "actors") if key not in raw]
    if missing:
        raise ProblemError(f"Scene {index + 1} has no {', '.join(missing)}.")
    scene_id = raw["id"]
    if not isinstance(scene_id, str | int) or isinstance(scene_id, bool) or str(scene_id) == "":
        raise ProblemError(f"Scene {index + 1} needs a text id, not {scene_id!r}.")
    scene_id = str(scene_id)
    duration = _whole_number(raw["duration"], f"The duration of scene {scene_id}", minimum=1)
    actors = raw["actors"]
    if not isinstance(actors, list) or not all(isinstance(a, str) and a for a in actors):
        raise ProblemError(f"The actors of scene {scene_id} must be a list of names.")
    return Scene(id=scene_id, duration=duration, actors=frozenset(actors))


def parse_problem(data: object) -> Problem:
    """Build a `Problem` from decoded benchmark JSON, or raise `ProblemError` saying what is wrong."""
    if not isinstance(data, dict):
        raise ProblemError("The problem must be a JSON object with scenes and actor_cost.")
    objective_name = data.get("objective", Objective.TALENT_COST.value)
    try:
        objective = Objective(objective_name)
    except ValueError:
        choices = " or ".join(o.value for o in Objective)
        raise ProblemError(f"Unknown objective {objective_name!r}: use {choices}.") from None
    raw_scenes = data.get("scenes")
    if not isinstance(raw_scenes, list):
        raise ProblemError("The problem needs a list of scenes.")
    scenes = tuple(_parse_scene(raw, index) for index, raw in enumerate(raw_scenes))
    seen: set[str] = set()
    for scene in scenes:
        if scene.id in seen:
            raise ProblemError(f"Two scenes have the id {scene.id}.")
        seen.add(scene.id)
    raw_costs = data.get("actor_cost", {} if objective is Objective.REHEARSAL_WAIT else None)
    if not isinstance(raw_costs, dict):
        raise ProblemError("The problem needs actor_cost, an object giving each actor's cost per time unit.")
    costs = {str(a): _whole_number(c, f"The cost of actor {a}", minimum=0) for a, c in raw_costs.items()}
    if objective is Objective.TALENT_COST:
        for scene in scenes:
            unknown = sorted(scene.actors - costs.keys())
            if unknown:
                raise ProblemError(f"Scene {scene.id} has actor {unknown[0]}, who has no cost in actor_cost.")
    name = data.get("name", "")
    return Problem(scenes=scenes, actor_cost=costs, objective=objective, name=str(name))
