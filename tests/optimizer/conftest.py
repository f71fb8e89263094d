from __future__ import annotations

import copy

import pytest

# Garcia de la Banda, Stuckey & Chu (2011), as printed in Qin et al. (2016), Table 1.
GDLB2011_EXAMPLE = {
    "name": "gdlb2011_example",
    "objective": "talent_cost",
    "scenes": [
        {"id": "1", "duration": 1, "actors": ["a1", "a2", "a4"]},
        {"id": "2", "duration": 1, "actors": ["a2", "a3", "a4"]},
        {"id": "3", "duration": 2, "actors": ["a1", "a2"]},
        {"id": "4", "duration": 1, "actors": ["a2", "a5"]},
        {"id": "5", "duration": 3, "actors": ["a2", "a4"]},
        {"id": "6", "duration": 1, "actors": ["a1", "a4"]},
        {"id": "7", "duration": 1, "actors": ["a2", "a3"]},
        {"id": "8", "duration": 2, "actors": ["a1", "a3", "a5"]},
        {"id": "9", "duration": 1, "actors": ["a1", "a2", "a5"]},
        {"id": "10", "duration": 2, "actors": ["a1", "a6"]},
        {"id": "11", "duration": 1, "actors": ["a1", "a2"]},
        {"id": "12", "duration": 1, "actors": ["a1"]},
    ],
    "actor_cost": {"a1": 20, "a2": 5, "a3": 4, "a4": 10, "a5": 4, "a6": 7},
}


@pytest.fixture
def example_data() -> dict:
    return copy.deepcopy(GDLB2011_EXAMPLE)
