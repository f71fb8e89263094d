"""The `conflicts` scenario: the pure conflict engine on a festival-sized schedule, at growing sizes.

No database: the engine works on plain data, so the timing is the engine's alone. A festival of
6,000 schedule items, each calling three of 800 people and booking one of 40 spaces, over 60
days; the scenario also runs half, double and quadruple that, so the growth is visible: an
O(n log n) sweep roughly doubles its time when n doubles, a pairwise check would quadruple it.
"""

from __future__ import annotations

import datetime
import platform
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bench.stats import Timing, summarise
from regie.scheduling.conflicts import Booking, Period, RuleSet, detect

SIZES = (3_000, 6_000, 12_000, 24_000)
PC304 = RuleSet(
    code="pc304_artistic_technical",
    max_day_hours=Decimal(10),
    max_day_hours_peak=Decimal(12),
    min_rest_hours=Decimal(8),
    max_consecutive_days=10,
    max_week_hours=Decimal(60),
    max_week_hours_peak=Decimal(84),
)
BRUSSELS = ZoneInfo("Europe/Brussels")
KINDS = ("rehearsal", "build", "load_in", "technical_rehearsal", "dress_rehearsal", "performance", "load_out")


@dataclass(frozen=True)
class Schedule:
    calls: list[Booking]
    spaces: list[Booking]
    unavailable: list[Period]


def generate(items: int, *, seed: int = 304) -> Schedule:
    """`items` schedule items scaled with the crew (800 people and 40 spaces per 6,000 items)."""
    rng = random.Random(seed)
    people = max(10, items * 800 // 6_000)
    spaces = max(2, items * 40 // 6_000)
    start = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    calls: list[Booking] = []
    bookings: list[Booking] = []
    for item in range(items):
        begin = (start + datetime.timedelta(minutes=30 * rng.randrange(60 * 48))).astimezone(BRUSSELS)
        end = begin + datetime.timedelta(minutes=30 * rng.randrange(2, 9))
        kind = rng.choice(KINDS)
        bookings.append(Booking(item, f"space{rng.randrange(spaces)}", begin, end, kind, "Europe/Brussels"))
        for person in rng.sample(range(people), 3):
            calls.append(Booking(item, person, begin, end, kind, "Europe/Brussels"))
    unavailable = [
        Period(p, start + datetime.timedelta(days=rng.randrange(60)), start + datetime.timedelta(days=61), "holiday")
        for p in rng.sample(range(people), people // 20)
    ]
    return Schedule(calls, bookings, unavailable)


@dataclass(frozen=True)
class SizeResult:
    items: int
    calls: int
    conflicts: int
    timing: Timing
    growth: float | None


@dataclass(frozen=True)
class Report:
    when: datetime.datetime
    repeat: int
    machine: dict[str, str]
    results: list[SizeResult]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.when.isoformat(timespec="seconds"),
            "repeat": self.repeat,
            "machine": self.machine,
            "results": [
                {
                    "items": r.items,
                    "calls": r.calls,
                    "conflicts": r.conflicts,
                    "median_ms": r.timing.median_ms,
                    "p95_ms": r.timing.p95_ms,
                    "growth": r.growth,
                }
                for r in self.results
            ],
        }

    def markdown(self) -> str:
        lines = [
            "# Conflict engine benchmark",
            "",
            f"Written by `regie bench conflicts` on {self.when:%Y-%m-%d %H:%M} UTC. "
            "Run it again rather than edit this file.",
            "",
            f"Machine: {self.machine['python']} on {self.machine['platform']}; {self.repeat} timed runs per size.",
            "Each item calls 3 people and books 1 space; all rules of PC 304 are checked for everybody.",
            "**growth** is the median over the previous size's median: about 2 for O(n log n), 4 for pairwise.",
            "",
            "| items | calls | conflicts found | median ms | p95 ms | growth |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in self.results:
            growth = f"{r.growth:.2f}" if r.growth is not None else ""
            timing = f"{r.timing.median_ms:.1f} | {r.timing.p95_ms:.1f}"
            lines.append(f"| {r.items:,} | {r.calls:,} | {r.conflicts:,} | {timing} | {growth} |")
        return "\n".join(lines) + "\n"


def measure(schedule: Schedule, repeat: int, warmup: int) -> tuple[int, Timing]:
    found = 0
    samples: list[float] = []
    for n in range(warmup + repeat):
        began = time.perf_counter()
        found = len(detect(schedule.calls, schedule.spaces, schedule.unavailable, default_rules=PC304))
        if n >= warmup:
            samples.append((time.perf_counter() - began) * 1000)
    return found, summarise(samples)


def run(
    *, repeat: int = 5, warmup: int = 1, log: Callable[[str], None] = print, sizes: Sequence[int] = SIZES
) -> Report:
    """Time the whole detection at each size."""
    results: list[SizeResult] = []
    for items in sizes:
        log(f"conflicts: {items:,} items")
        schedule = generate(items)
        found, timing = measure(schedule, repeat, warmup)
        growth = timing.median_ms / results[-1].timing.median_ms if results else None
        results.append(SizeResult(items, len(schedule.calls), found, timing, growth))
    machine = {"python": platform.python_version(), "platform": platform.platform(terse=True)}
    return Report(datetime.datetime.now(datetime.UTC), repeat, machine, results)
