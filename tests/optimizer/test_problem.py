from __future__ import annotations

import json

import pytest

from regie.optimizer import Objective, ProblemError, load_problem, parse_problem

PUBLISHED_OPTIMAL_ORDER = ["5", "2", "7", "1", "6", "8", "4", "9", "3", "11", "10", "12"]
IDENTITY_ORDER = [str(i) for i in range(1, 13)]


def test_cost_of_published_optimal_order_is_published_optimum(example_data):
    problem = parse_problem(example_data)

    assert problem.cost_of(PUBLISHED_OPTIMAL_ORDER) == 53


def test_cost_of_identity_order_is_published_holding_cost(example_data):
    problem = parse_problem(example_data)

    assert problem.cost_of(IDENTITY_ORDER) == 223
    assert problem.cost_of(IDENTITY_ORDER) + problem.fixed_work_cost() == 604


def test_cost_of_counts_waiting_between_first_and_last_scene():
    problem = parse_problem(
        {
            "scenes": [
                {"id": "x", "duration": 1, "actors": ["a"]},
                {"id": "y", "duration": 3, "actors": ["b"]},
                {"id": "z", "duration": 2, "actors": ["a", "b"]},
            ],
            "actor_cost": {"a": 10, "b": 1},
        }
    )

    assert problem.cost_of(["x", "y", "z"]) == 30
    assert problem.cost_of(["y", "z", "x"]) == 0


def test_cost_of_rehearsal_wait_weighs_every_actor_one():
    problem = parse_problem(
        {
            "objective": "rehearsal_wait",
            "scenes": [
                {"id": "1", "duration": 1, "actors": ["p"]},
                {"id": "2", "duration": 4, "actors": ["q"]},
                {"id": "3", "duration": 1, "actors": ["p"]},
            ],
            "actor_cost": {"p": 50, "q": 7},
        }
    )

    assert problem.objective is Objective.REHEARSAL_WAIT
    assert problem.cost_of(["1", "2", "3"]) == 4


def test_cost_of_incomplete_order_is_refused(example_data):
    problem = parse_problem(example_data)

    with pytest.raises(ProblemError, match="every scene exactly once"):
        problem.cost_of(IDENTITY_ORDER[:-1])


def test_parse_problem_actor_in_no_scene_never_waits(example_data):
    example_data["actor_cost"]["a7"] = 99
    problem = parse_problem(example_data)

    assert problem.cost_of(PUBLISHED_OPTIMAL_ORDER) == 53


def test_parse_problem_scene_without_actor_is_allowed(example_data):
    example_data["scenes"].append({"id": "13", "duration": 2, "actors": []})
    problem = parse_problem(example_data)

    assert problem.cost_of([*PUBLISHED_OPTIMAL_ORDER, "13"]) == 53
    assert problem.cost_of(["5", "2", "7", "1", "6", "13", "8", "4", "9", "3", "11", "10", "12"]) == 53 + 2 * 29


def test_parse_problem_actor_without_cost_is_refused(example_data):
    del example_data["actor_cost"]["a6"]

    with pytest.raises(ProblemError) as error:
        parse_problem(example_data)

    assert str(error.value) == "Scene 10 has actor a6, who has no cost in actor_cost."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "The problem must be a JSON object with scenes and actor_cost."),
        ({"actor_cost": {}}, "The problem needs a list of scenes."),
        ({"scenes": []}, "The problem needs actor_cost, an object giving each actor's cost per time unit."),
        ({"scenes": [{"id": "1"}], "actor_cost": {}}, "Scene 1 has no duration, actors."),
        (
            {"scenes": [{"id": "1", "duration": 0, "actors": []}], "actor_cost": {}},
            "The duration of scene 1 must be a positive whole number, not 0.",
        ),
        (
            {"scenes": [{"id": "1", "duration": 1.5, "actors": []}], "actor_cost": {}},
            "The duration of scene 1 must be a positive whole number, not 1.5.",
        ),
        (
            {"scenes": [{"id": "1", "duration": 1, "actors": "a1"}], "actor_cost": {}},
            "The actors of scene 1 must be a list of names.",
        ),
        (
            {"scenes": [{"id": "1", "duration": 1, "actors": []}] * 2, "actor_cost": {}},
            "Two scenes have the id 1.",
        ),
        (
            {"scenes": [], "actor_cost": {"a": -3}},
            "The cost of actor a must be a whole number, 0 or more, not -3.",
        ),
        (
            {"scenes": [], "actor_cost": {}, "objective": "fun"},
            "Unknown objective 'fun': use talent_cost or rehearsal_wait.",
        ),
    ],
)
def test_parse_problem_bad_input_says_why(data, message):
    with pytest.raises(ProblemError) as error:
        parse_problem(data)

    assert str(error.value) == message


def test_load_problem_malformed_json_says_where(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"scenes": [', encoding="utf-8")

    with pytest.raises(ProblemError) as error:
        load_problem(path)

    assert str(error.value) == f"{path} is not valid JSON: Expecting value at line 1."


def test_load_problem_missing_file_says_so(tmp_path):
    path = tmp_path / "absent.json"

    with pytest.raises(ProblemError) as error:
        load_problem(path)

    assert str(error.value) == f"Cannot read {path}: No such file or directory."


def test_load_problem_reads_benchmark_format(tmp_path, example_data):
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")

    problem = load_problem(path)

    assert (problem.name, len(problem.scenes), problem.actor_cost["a1"]) == ("gdlb2011_example", 12, 20)
