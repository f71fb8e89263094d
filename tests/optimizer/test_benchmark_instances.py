"""The published instances of ../shared/benchmarks/talent: the optimum on every one.

The folder sits beside the repository (a sibling checkout); without it the test is skipped.
The 18-19 scene films take a few tenths of a second each; bench/optimizer.py times them all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regie.optimizer import load_problem, solve

INSTANCES = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "talent" / "instances"
FILES = sorted(INSTANCES.glob("*.json")) if INSTANCES.is_dir() else []


@pytest.mark.skipif(not FILES, reason=f"the shared benchmark instances are not at {INSTANCES}")
@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_solve_benchmark_instance_reaches_published_optimum(path):
    optimum = json.loads(path.read_text(encoding="utf-8"))["optimum"]

    result = solve(load_problem(path), time_limit=20)

    assert (result.cost, result.optimal, result.lower_bound) == (optimum, True, optimum)
