"""Seeded random instances of the shape of Garcia de la Banda et al. (2011) and Qin et al. (2016).

n scenes, m actors, durations 1 to 4, costs 1 to 100; each actor plays in a random subset of
the scenes (between 2 and half of them), and a scene left without actors gets one at random.
The same (n, m, seed) always gives the same instance.
"""

from __future__ import annotations

import random

from regie.optimizer.problem import Objective, Problem, Scene


def random_problem(scenes: int, actors: int, seed: int) -> Problem:
    if scenes < 2 or actors < 1:
        raise ValueError("A random problem needs at least 2 scenes and 1 actor.")
    rng = random.Random(f"talent-{scenes}-{actors}-{seed}")
    names = [f"a{i + 1}" for i in range(actors)]
    cast: list[set[str]] = [set() for _ in range(scenes)]
    for name in names:
        for index in rng.sample(range(scenes), rng.randint(2, max(2, scenes // 2))):
            cast[index].add(name)
    for members in cast:
        if not members:
            members.add(rng.choice(names))
    return Problem(
        scenes=tuple(
            Scene(id=str(i + 1), duration=rng.randint(1, 4), actors=frozenset(members))
            for i, members in enumerate(cast)
        ),
        actor_cost={name: rng.randint(1, 100) for name in names},
        objective=Objective.TALENT_COST,
        name=f"random-n{scenes}-m{actors}-s{seed}",
    )
