from __future__ import annotations

import itertools
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from regie.optimizer import Objective, Problem, Scene, parse_problem, solve
from regie.optimizer.bounds import partition_bound
from regie.optimizer.generator import random_problem
from regie.optimizer.model import build_model
from regie.optimizer.search import BoundedSearch


def brute_force_minimum(problem: Problem) -> int:
    ids = [scene.id for scene in problem.scenes]
    return min(problem.cost_of(order) for order in itertools.permutations(ids))


@st.composite
def small_problems(draw) -> Problem:
    actors = [f"a{i}" for i in range(draw(st.integers(1, 5)))]
    count = draw(st.integers(1, 7))
    scenes = tuple(
        Scene(
            id=f"s{i}",
            duration=draw(st.integers(1, 4)),
            actors=frozenset(draw(st.lists(st.sampled_from(actors), max_size=len(actors), unique=True))),
        )
        for i in range(count)
    )
    costs = {actor: draw(st.integers(0, 20)) for actor in actors}
    objective = draw(st.sampled_from(list(Objective)))
    return Problem(scenes=scenes, actor_cost=costs, objective=objective)


@settings(max_examples=150, deadline=None)
@given(small_problems())
def test_solve_small_problem_matches_brute_force(problem):
    result = solve(problem, time_limit=5)

    assert result.optimal is True
    assert result.cost == brute_force_minimum(problem)
    assert result.cost == problem.cost_of(result.order)
    assert result.lower_bound == result.cost


def test_solve_gdlb2011_example_reaches_published_optimum(example_data):
    result = solve(parse_problem(example_data), time_limit=5)

    assert (result.cost, result.optimal, result.lower_bound) == (53, True, 53)


def test_solve_scene_without_actor_costs_nothing_more(example_data):
    example_data["scenes"].append({"id": "13", "duration": 3, "actors": []})

    result = solve(parse_problem(example_data), time_limit=5)

    assert (result.cost, result.optimal) == (53, True)
    assert sorted(result.order) == sorted(str(i) for i in range(1, 14))


def test_solve_empty_problem_is_empty_and_optimal():
    result = solve(Problem(scenes=(), actor_cost={}), time_limit=1)

    assert (result.cost, result.order, result.optimal, result.lower_bound) == (0, (), True, 0)


def test_solve_large_problem_within_time_limit_gives_valid_order_and_bound():
    problem = random_problem(48, 22, seed=3)

    result = solve(problem, time_limit=1.0)

    assert result.seconds < 3.0
    assert sorted(result.order) == sorted(scene.id for scene in problem.scenes)
    assert result.cost == problem.cost_of(result.order)
    assert 0 <= result.lower_bound <= result.cost


def test_random_problem_same_seed_same_instance():
    assert random_problem(30, 10, seed=7) == random_problem(30, 10, seed=7)
    assert random_problem(30, 10, seed=7) != random_problem(30, 10, seed=8)


@settings(max_examples=40, deadline=None)
@given(small_problems())
def test_partition_bound_small_problem_never_exceeds_optimum(problem):
    bound = partition_bound(problem, time.perf_counter() + 0.05)

    assert 0 <= bound <= brute_force_minimum(problem)


def test_with_actors_drops_other_actors(example_data):
    problem = parse_problem(example_data)

    restricted = problem.with_actors(frozenset({"a1", "a3"}))

    assert restricted.actor_cost == {"a1": 20, "a3": 4}
    assert restricted.scenes[1].actors == frozenset({"a3"})
    assert restricted.cost_of([s.id for s in restricted.scenes]) <= problem.cost_of([s.id for s in problem.scenes])


def test_bounded_search_small_memo_still_rebuilds_optimal_order(example_data):
    problem = parse_problem(example_data)
    model = build_model(problem)
    search = BoundedSearch(model, time.perf_counter() + 30, memo_limit=8)

    value = search.search(search.all, 10**9)
    order = model.scene_ids(search.order(search.all))

    assert value == 53
    assert problem.cost_of(order) == 53
