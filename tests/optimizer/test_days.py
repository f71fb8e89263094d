from __future__ import annotations

import pytest

from regie.optimizer import DayRules, ProblemError, parse_problem, split_into_days


def problem_of(durations: dict[str, int], actors: dict[str, list[str]] | None = None):
    actors = actors or {}
    return parse_problem(
        {
            "scenes": [{"id": sid, "duration": d, "actors": actors.get(sid, ["a"])} for sid, d in durations.items()],
            "actor_cost": {"a": 1, "b": 1},
        }
    )


def test_split_into_days_fills_days_up_to_the_maximum():
    problem = problem_of({"1": 3, "2": 4, "3": 2, "4": 5})

    days = split_into_days(problem, ["1", "2", "3", "4"], DayRules(max_per_day=8))

    assert days == [["1", "2"], ["3", "4"]]


def test_split_into_days_keeps_same_day_group_together_at_first_member():
    problem = problem_of({"1": 3, "2": 4, "3": 2, "4": 1})

    days = split_into_days(problem, ["1", "2", "3", "4"], DayRules(max_per_day=5, same_day=(frozenset({"1", "4"}),)))

    assert days == [["1", "4"], ["2"], ["3"]]


def test_split_into_days_moves_scenes_past_an_unavailable_day():
    problem = problem_of({"1": 2, "2": 2, "3": 2}, actors={"2": ["b"]})

    days = split_into_days(problem, ["1", "2", "3"], DayRules(max_per_day=6, unavailable={"b": frozenset({0})}))

    assert days == [["1", "3"], ["2"]]


def test_split_into_days_leaves_a_day_empty_when_nothing_can_be_played():
    problem = problem_of({"1": 2, "2": 2}, actors={"1": ["b"], "2": ["b"]})

    days = split_into_days(problem, ["1", "2"], DayRules(max_per_day=6, unavailable={"b": frozenset({0, 1})}))

    assert days == [[], [], ["1", "2"]]


def test_split_into_days_group_longer_than_a_day_is_refused():
    problem = problem_of({"1": 3, "2": 4})

    with pytest.raises(ProblemError) as error:
        split_into_days(problem, ["1", "2"], DayRules(max_per_day=6, same_day=(frozenset({"1", "2"}),)))

    assert str(error.value) == "Scenes 1, 2 last 7, more than a day's 6: they cannot share a day."


def test_split_into_days_unknown_scene_in_group_is_refused():
    problem = problem_of({"1": 3})

    with pytest.raises(ProblemError) as error:
        split_into_days(problem, ["1"], DayRules(max_per_day=6, same_day=(frozenset({"9"}),)))

    assert str(error.value) == "The same-day group 1 names scene 9, which does not exist."
