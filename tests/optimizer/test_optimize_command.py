from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_optimize_json_prints_result_as_specified(tmp_path, example_data):
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")
    out = StringIO()

    call_command("optimize", str(path), "--time-limit", "5", "--json", stdout=out)

    result = json.loads(out.getvalue())
    assert list(result) == ["cost", "order", "optimal", "lower_bound", "seconds"]
    assert (result["cost"], result["optimal"], result["lower_bound"]) == (53, True, 53)
    assert sorted(result["order"], key=int) == [str(i) for i in range(1, 13)]


def test_optimize_without_json_prints_readable_lines(tmp_path, example_data):
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")
    out = StringIO()

    call_command("optimize", str(path), stdout=out)

    assert out.getvalue().startswith("Cost: 53 (optimal), in ")


def test_optimize_malformed_json_is_a_one_line_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("optimize", str(path), "--json")

    assert str(error.value) == f"{path} is not valid JSON: Expecting property name enclosed in double quotes at line 1."


def test_optimize_actor_without_cost_is_a_one_line_error(tmp_path, example_data):
    del example_data["actor_cost"]["a1"]
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("optimize", str(path))

    assert str(error.value) == "Scene 1 has actor a1, who has no cost in actor_cost."
