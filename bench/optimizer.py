"""Optimiser benchmark: the published talent-scheduling instances, then random ones of 30 to 64 scenes.

Run from the repository root (no database, no Django):

    .venv/bin/python -m bench.optimizer                  # writes bench/results/optimizer.md
    .venv/bin/python -m bench.optimizer --time-limit 20 --repeat 3

For every instance of `../shared/benchmarks/talent/instances/`: our cost against the published
optimum, the gap, whether we proved optimality, our median time over `--repeat` runs and the
published solve times (on the papers' hardware). For random instances (`regie.optimizer.generator`,
seeded): the cost found, the lower bound, the gap between them and the time, with Qin et al.'s
(2016) solve rate and mean time for groups of the same shape.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from regie.optimizer import Problem, Result, load_problem, solve
from regie.optimizer.generator import random_problem

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks" / "talent"
RANDOM_SHAPES = ((30, 10), (30, 20), (40, 10), (40, 20), (50, 10), (50, 20), (64, 10), (64, 20))
SHORT_METHOD = {"Smith": "Smith05", "Garcia": "GdlB11", "Qin": "Qin16", "CP, ends": "CP", "CP, as": "CP+"}


@dataclass
class Row:
    name: str
    scenes: int
    actors: int
    result: Result
    seconds: float  # wall clock, median
    cpu: float  # processor time of this process, median: steadier on a shared machine
    reference: int | None = None  # published optimum
    published: list[str] = field(default_factory=list)

    def gap(self, against: int) -> str:
        if against == 0:
            return "0%" if self.result.cost == 0 else "n/a"
        return f"{100 * (self.result.cost - against) / against:.1f}%"


@dataclass
class Report:
    time_limit: float
    repeat: int
    published: list[Row]
    random: list[Row]
    qin: dict[tuple[int, int], tuple[str, str]]

    def markdown(self) -> str:
        today = datetime.date.today().isoformat()
        lines = [
            "# Optimiser benchmark",
            "",
            f"{today}, Python {platform.python_version()} on {platform.machine()} ({platform.processor() or 'cpu'}),"
            f" a shared machine: times are noisy. Time limit {self.time_limit:g} s per instance."
            " `python -m bench.optimizer` writes this file.",
            "",
            "## Published instances",
            "",
            "| instance | scenes | actors | cost | published optimum | gap | proven optimal | our time (s) |"
            " our CPU (s) | published times (s) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
        ]
        for row in self.published:
            reference = row.reference if row.reference is not None else row.result.cost
            lines.append(
                f"| {row.name} | {row.scenes} | {row.actors} | {row.result.cost} | {row.reference} |"
                f" {row.gap(reference)} | {'yes' if row.result.optimal else 'no'} | {row.seconds:.3f} |"
                f" {row.cpu:.3f} | {', '.join(row.published) or '-'} |"
            )
        reached = sum(1 for row in self.published if row.result.optimal and row.result.cost == row.reference)
        slowest = max((row.seconds for row in self.published), default=0.0)
        slowest_cpu = max((row.cpu for row in self.published), default=0.0)
        lines += [
            "",
            f"Optimum reached and proven on {reached} of {len(self.published)}; slowest {slowest:.3f} s"
            f" ({slowest_cpu:.3f} s of CPU). Times: median of {self.repeat} run(s)."
            " Published times: Smith05 = CP with caching (1.7 GHz Pentium M), GdlB11 = dynamic programming"
            " (Xeon 2.4 GHz), Qin16 = branch and bound (Xeon E5430 2.66 GHz, C++), CP = Smith's rehearsal CP.",
            "",
            "## Random instances (seeded generator, durations 1-4, costs 1-100)",
            "",
            "| instance | scenes | actors | cost | lower bound | gap | proven optimal | time (s) |"
            " Qin16 solved/100 in 600 s, mean s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
        ]
        for row in self.random:
            solved, mean = self.qin.get((row.scenes, row.actors), ("-", "-"))
            lines.append(
                f"| {row.name} | {row.scenes} | {row.actors} | {row.result.cost} | {row.result.lower_bound} |"
                f" {row.gap(row.result.lower_bound)} | {'yes' if row.result.optimal else 'no'} | {row.seconds:.2f} |"
                f" {solved}, {mean} |"
            )
        lines += [
            "",
            "The gap of a random instance is (cost - lower bound) / lower bound: 0% when proven optimal.",
            "",
        ]
        return "\n".join(lines)


def _timed(problem: Problem, time_limit: float, repeat: int) -> tuple[Result, float, float]:
    results, cpu = [], []
    for _ in range(repeat):
        started = time.process_time()
        results.append(solve(problem, time_limit=time_limit))
        cpu.append(time.process_time() - started)
    return results[0], statistics.median(r.seconds for r in results), statistics.median(cpu)


def _published_times(data: dict) -> list[str]:
    times = []
    for entry in data.get("published_solve_times", []):
        label = next((short for key, short in SHORT_METHOD.items() if entry["method"].startswith(key)), "?")
        times.append(f"{label} {entry['time_s']:g}")
    return times


def _qin_table() -> dict[tuple[int, int], tuple[str, str]]:
    path = SHARED / "published_type2_qin2016.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {
            (int(r["n_scenes"]), int(r["m_actors"])): (
                r["qin16_solved_of_100_within_600s"],
                r["qin16_avg_time_s_over_solved"],
            )
            for r in csv.DictReader(handle)
        }


def run(*, time_limit: float, repeat: int, seeds: int, log: Callable[[str], None]) -> Report:
    published = []
    for path in sorted((SHARED / "instances").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        problem = load_problem(path)
        result, seconds, cpu = _timed(problem, time_limit, repeat)
        actors = len({a for s in problem.scenes for a in s.actors})
        published.append(
            Row(
                path.stem,
                len(problem.scenes),
                actors,
                result,
                seconds,
                cpu,
                data.get("optimum"),
                _published_times(data),
            )
        )
        log(f"{path.stem}: {result.cost} (optimum {data.get('optimum')}) in {seconds:.3f} s")
    randoms = []
    for scenes, actors in RANDOM_SHAPES:
        for seed in range(1, seeds + 1):
            problem = random_problem(scenes, actors, seed)
            result, seconds, cpu = _timed(problem, time_limit, 1)
            randoms.append(Row(problem.name, scenes, actors, result, seconds, cpu))
            log(f"{problem.name}: {result.cost} >= {result.lower_bound} in {seconds:.2f} s")
    return Report(time_limit=time_limit, repeat=repeat, published=published, random=randoms, qin=_qin_table())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0, help="Seconds per instance (default 60).")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per published instance; the median time (3).")
    parser.add_argument("--seeds", type=int, default=1, help="Random instances per shape (default 1).")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "optimizer.md")
    options = parser.parse_args(argv)
    if not (SHARED / "instances").is_dir():
        sys.exit(f"The benchmark instances are not at {SHARED / 'instances'}.")
    report = run(time_limit=options.time_limit, repeat=options.repeat, seeds=options.seeds, log=print)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(report.markdown(), encoding="utf-8")
    print(f"Wrote {options.output}")


if __name__ == "__main__":
    main()
