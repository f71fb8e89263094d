"""The shooting plan on top of the solver: location blocks, night scenes, fixed days, hold days; window search."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from regie.optimizer import PlanRules, ProblemError, UnavailableError, hold_days, parse_problem, plan_schedule
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


def test_plan_schedule_unavailable_actor_changes_the_first_day():
    # Arrange: two locations, a day each; whoever the plan puts on day 1 is away that day
    p = problem(("1", 2, "A"), ("2", 2, "A"), ("3", 2, "B"), ("4", 2, "B"))
    places = {"1": "DEPOT", "2": "DEPOT", "3": "KITCHEN", "4": "KITCHEN"}
    free = plan_schedule(p, PlanRules(day_length=4, location=places), time_limit=1)
    away = "A" if free.days[0] == ("1", "2") else "B"

    # Act
    plan = plan_schedule(p, PlanRules(day_length=4, location=places, unavailable={away: frozenset({0})}), time_limit=1)

    # Assert
    assert plan.days == (free.days[1], free.days[0])
    assert not any(away in {x.id: x for x in p.scenes}[s].actors for s in plan.days[0])


def test_plan_schedule_plays_other_scenes_while_an_actor_is_away():
    # Arrange
    p = problem(("1", 2, "A"), ("2", 2, "AB"), ("3", 2, "B"), ("4", 2, "C"))

    # Act
    plan = plan_schedule(
        p,
        PlanRules(day_length=4, location_blocks=False, unavailable={"A": frozenset({0, 1})}, days_available=3),
        time_limit=1,
    )

    # Assert
    assert len(plan.days) == 3
    assert all("A" not in {x.id: x for x in p.scenes}[s].actors for day in plan.days[:2] for s in day)
    assert sorted(s for day in plan.days for s in day) == ["1", "2", "3", "4"]


def test_plan_schedule_unavailable_actor_beyond_the_days_available_is_reported():
    # Arrange: A can only work on day 3, and there are three days
    p = problem(("1", 3, "A"), ("2", 3, "A"), ("3", 3, "B"))

    # Act
    with pytest.raises(UnavailableError) as error:
        plan_schedule(
            p,
            PlanRules(day_length=4, location_blocks=False, unavailable={"A": frozenset({0, 1})}, days_available=3),
            time_limit=1,
        )

    # Assert
    assert error.value.actors == ("A",)
    assert error.value.days_available == 3
    assert len(error.value.scenes) == 1
    assert str(error.value) == (
        f"Scenes {error.value.scenes[0]} do not fit in the 3 days available: A cannot work on enough of those days."
    )


def test_plan_schedule_too_many_days_without_unavailability_names_no_actor():
    # Arrange
    p = problem(("1", 3, "A"), ("2", 3, "A"))

    # Act
    with pytest.raises(UnavailableError) as error:
        plan_schedule(p, PlanRules(day_length=4, days_available=1), time_limit=1)

    # Assert
    assert error.value.actors == ()
    assert str(error.value) == f"Scenes {error.value.scenes[0]} do not fit in the 1 days available."


def test_plan_schedule_fixed_day_with_an_absent_actor_moves_later():
    # Arrange
    p = problem(("1", 1, "A"), ("2", 1, "B"), ("3", 1, "AB"))
    fixed = (("1",), ("2",), ("3",))

    # Act
    plan = plan_schedule(p, PlanRules(day_length=2, fixed_days=fixed, unavailable={"A": frozenset({0})}), time_limit=1)

    # Assert
    assert plan.days[0] == ("2",)
    assert sorted(plan.days) == [("1",), ("2",), ("3",)]


def _old_split(p, order, rules):
    """The day split as it was before unavailable days were honoured (greedy, order kept)."""
    scenes = {scene.id: scene for scene in p.scenes}
    days, used, places = [[]], 0, set()
    for scene_id in order:
        length = scenes[scene_id].duration
        place = {rules.location[scene_id]} if scene_id in rules.location else set()
        day = days[-1]
        night_change = bool(day) and bool(rules.night) and ((day[-1] in rules.night) != (scene_id in rules.night))
        too_many = (
            bool(day) and rules.max_locations_per_day is not None and len(places | place) > rules.max_locations_per_day
        )
        if used + length > rules.max_per_day or night_change or too_many:
            days.append([])
            used, places = 0, set()
        days[-1].append(scene_id)
        used += length
        places |= place
    return days


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_split_into_days_without_unavailability_is_the_old_split(seed):
    # Arrange
    p = random_problem(14, 5, seed)
    ids = [scene.id for scene in p.scenes]
    rules = DayRules(
        max_per_day=max(scene.duration for scene in p.scenes) * 2,
        night=frozenset(ids[::4]),
        location={s: f"L{i % 3}" for i, s in enumerate(ids)},
        max_locations_per_day=2,
    )

    # Act
    days = split_into_days(p, ids, rules)

    # Assert
    assert days == _old_split(p, ids, rules)


@pytest.mark.parametrize("seed", [1, 2])
def test_plan_schedule_with_room_to_spare_is_the_plan_without_limits(seed):
    # Arrange
    p = random_problem(10, 4, seed)
    places = {scene.id: f"L{i % 3}" for i, scene in enumerate(p.scenes)}
    day_length = max(scene.duration for scene in p.scenes) * 2
    plain = PlanRules(day_length=day_length, location=places)

    # Act
    limited = plan_schedule(p, replace(plain, unavailable={}, days_available=len(p.scenes)), time_limit=1)

    # Assert
    assert limited.days == plan_schedule(p, plain, time_limit=1).days
