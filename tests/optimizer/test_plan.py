"""The shooting plan on top of the solver: location blocks, night scenes, fixed days, hold days; window search."""

from __future__ import annotations

import itertools

import pytest

from regie.optimizer import PlanRules, ProblemError, hold_days, parse_problem, plan_schedule
from regie.optimizer.days import DayRules, split_into_days
from regie.optimizer.generator import random_problem
from regie.optimizer.lns import best_window_order, window_improve
from regie.optimizer.model import build_model


def problem(*scenes):
    actors = {a for _, _, cast in scenes for a in cast}
    return parse_problem(
        {
            "scenes": [{"id": i, "duration": d, "actors": list(cast)} for i, d, cast in scenes],
            "actor_cost": dict.fromkeys(actors, 1),
        }
    )


def test_split_into_days_night_scenes_never_share_a_day_with_day_scenes():
    # Arrange
    p = problem(("1", 2, "A"), ("2", 2, "A"), ("3", 2, "A"), ("4", 2, "A"))

    # Act
    days = split_into_days(p, ["1", "2", "3", "4"], DayRules(max_per_day=8, night=frozenset({"2", "3"})))

    # Assert
    assert days == [["1"], ["2", "3"], ["4"]]


def test_split_into_days_limits_the_locations_of_a_day():
    # Arrange
    p = problem(("1", 1, "A"), ("2", 1, "A"), ("3", 1, "A"), ("4", 1, "A"))
    places = {"1": "DEPOT", "2": "DEPOT", "3": "KITCHEN", "4": "SQUARE"}

    # Act
    days = split_into_days(p, ["1", "2", "3", "4"], DayRules(max_per_day=8, location=places, max_locations_per_day=2))

    # Assert
    assert days == [["1", "2", "3"], ["4"]]


def test_plan_schedule_keeps_each_location_together():
    # Arrange: the script goes back and forth between two sets
    p = problem(("1", 2, "A"), ("2", 2, "B"), ("3", 2, "A"), ("4", 2, "B"))
    places = {"1": "DEPOT", "2": "KITCHEN", "3": "DEPOT", "4": "KITCHEN"}

    # Act
    plan = plan_schedule(p, PlanRules(day_length=4, location=places), time_limit=1)

    # Assert
    assert sorted(plan.days) == [("1", "3"), ("2", "4")]
    assert plan.holding == 0


def test_plan_schedule_keeps_night_scenes_of_a_location_apart_and_together():
    # Arrange
    p = problem(("1", 1, "A"), ("2", 1, "A"), ("3", 1, "A"), ("4", 1, "AB"))
    places = dict.fromkeys("1234", "DEPOT")

    # Act
    plan = plan_schedule(p, PlanRules(day_length=8, location=places, night=frozenset({"2", "4"})), time_limit=1)

    # Assert
    assert sorted(plan.days) == [("1", "3"), ("2", "4")]


def test_plan_schedule_fixed_days_only_change_order():
    # Arrange
    p = problem(("1", 1, "A"), ("2", 1, "B"), ("3", 1, "B"), ("4", 1, "A"))

    # Act
    plan = plan_schedule(p, PlanRules(day_length=2, fixed_days=(("1",), ("2", "3"), ("4",))), time_limit=1)

    # Assert
    assert sorted(plan.days) == [("1",), ("2", "3"), ("4",)]
    assert plan.holding == 0
    assert plan.days.index(("2", "3")) in (0, 2)


def test_plan_schedule_without_cast_is_refused():
    # Arrange
    p = problem(("1", 1, ""), ("2", 1, ""))

    # Act and assert
    with pytest.raises(ProblemError, match="No scene has cast"):
        plan_schedule(p, PlanRules(day_length=8), time_limit=1)


def test_hold_days_counts_days_between_first_and_last_without_work():
    # Arrange
    p = problem(("1", 1, "A"), ("2", 1, "B"), ("3", 1, "AB"))

    # Act
    holding = hold_days(p, [["1"], ["2"], [], ["3"]])

    # Assert
    assert holding == 2 + 1  # A holds days 2 and 3, B day 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_best_window_order_is_the_best_permutation_of_the_window(seed):
    # Arrange
    model = build_model(random_problem(9, 5, seed))
    order = list(range(model.size))
    window = order[2:7]
    before = 0
    for scene in order[:2]:
        before |= model.masks[scene]
    after = 0
    for scene in order[7:]:
        after |= model.masks[scene]

    # Act
    best, _ = best_window_order(model, window, before, after)

    # Assert
    brute = min(model.order_cost(order[:2] + list(p) + order[7:]) for p in itertools.permutations(window))
    assert model.order_cost(order[:2] + best + order[7:]) == brute


def test_window_improve_never_makes_an_order_worse():
    # Arrange
    model = build_model(random_problem(20, 8, 4))
    order = list(range(model.size))
    cost = model.order_cost(order)

    # Act
    improved, value = window_improve(model, order, cost, deadline=float("inf"))

    # Assert
    assert value == model.order_cost(improved) <= cost
    assert sorted(improved) == order
