"""The conflicts benchmark scenario runs on small sizes and writes its table."""

from __future__ import annotations

from bench.conflicts import generate, run


def test_generated_schedule_scales_with_items() -> None:
    schedule = generate(600)

    assert (len(schedule.calls), len(schedule.spaces), len(schedule.unavailable)) == (1800, 600, 4)


def test_conflicts_scenario_reports_every_size() -> None:
    report = run(repeat=1, warmup=0, log=lambda message: None, sizes=(60, 120))

    assert [r.items for r in report.results] == [60, 120]
    assert report.results[0].growth is None
    assert report.markdown().startswith("# Conflict engine benchmark\n")
    assert [r["items"] for r in report.as_dict()["results"]] == [60, 120]
