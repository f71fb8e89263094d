"""Schedule benchmark: conflict detection read from the database, and the week view, on the seeds.

Run by `regie bench schedule`. The large seed's festival has over 6,000 schedule items and 800
people engaged; every other production of the organisation has three weeks of work, and all of
them share people and spaces, so detection reads the whole organisation.

- **Full conflict detection**: `regie.scheduling.detection.full_detection`, which reads every item,
  call, space booking, engagement and unavailable period of the organisation in a fixed number of
  queries, builds the bookings and runs the O(n log n) sweep. Timed in two parts (reading and
  building; the engine) and as a whole.
- **Pages**: the week view's JSON events for the festival's busiest week, the calendar page around
  it (with its conflict badge: computed on the first request, then cached until the schedule
  changes), the plain list, and the conflicts page (which recomputes everything each time), as the
  organisation administrator and as a crew member. Queries are counted on both seeds: they must
  be equal.
"""

from __future__ import annotations

import datetime
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import SIZES, clients_for, count_queries, machine, time_page
from bench.stats import Timing, summarise
from regie.core.seeding import festival_for, generate, remove_seed, seed_exists
from regie.scheduling.conflicts import detect
from regie.scheduling.detection import load_schedule
from regie.scheduling.models import Call, ScheduleItem

MIN_FESTIVAL_ITEMS = {"large": 6000, "small": 50}


@dataclass(frozen=True)
class DetectionResult:
    items: int
    bookings: int
    space_bookings: int
    conflicts: int
    load: Timing
    engine: Timing
    total: Timing
    queries_large: int
    queries_small: int


@dataclass(frozen=True)
class PageResult:
    label: str
    path: str
    person: str
    timing: Timing
    queries_large: int
    queries_small: int


@dataclass(frozen=True)
class Report:
    when: datetime.datetime
    repeat: int
    warmup: int
    machine: dict[str, str]
    seed: str
    detection: DetectionResult
    pages: list[PageResult]

    def as_dict(self) -> dict[str, Any]:
        d = self.detection
        return {
            "date": self.when.isoformat(timespec="seconds"),
            "machine": self.machine,
            "seed": self.seed,
            "detection": {
                "items": d.items,
                "bookings": d.bookings,
                "space_bookings": d.space_bookings,
                "conflicts": d.conflicts,
                "read_ms": round(d.load.median_ms, 1),
                "engine_ms": round(d.engine.median_ms, 1),
                "total_ms": round(d.total.median_ms, 1),
                "queries_large": d.queries_large,
                "queries_small": d.queries_small,
            },
            "pages": [
                {
                    "page": p.label,
                    "path": p.path,
                    "as": p.person,
                    "median_ms": round(p.timing.median_ms, 1),
                    "p95_ms": round(p.timing.p95_ms, 1),
                    "queries_large": p.queries_large,
                    "queries_small": p.queries_small,
                }
                for p in self.pages
            ],
        }

    def markdown(self) -> str:
        d = self.detection
        lines = [
            "# Schedule benchmark",
            "",
            f"Written by `regie bench schedule` on {self.when:%Y-%m-%d %H:%M} UTC. "
            "Run it again rather than edit this file.",
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {name} | {value} |" for name, value in self.machine.items()),
            f"| large seed | {self.seed} |",
            "",
            "## Full conflict detection from the database",
            "",
            f"Every item of the organisation ({d.items:,} not cancelled, days off excluded): {d.bookings:,} person "
            f"bookings (department calls expanded), {d.space_bookings:,} space bookings; {d.conflicts:,} conflicts "
            f"found. Median of {self.detection.total.samples} runs after {min(self.warmup, 1)} warm-up.",
            "",
            "| part | median ms | p95 ms |",
            "| --- | ---: | ---: |",
            f"| read the database and build the bookings | {d.load.median_ms:.0f} | {d.load.p95_ms:.0f} |",
            f"| the engine (sweep and working-time checks) | {d.engine.median_ms:.0f} | {d.engine.p95_ms:.0f} |",
            f"| **total** | **{d.total.median_ms:.0f}** | {d.total.p95_ms:.0f} |",
            "",
            f"Queries: {d.queries_large} on the large seed, {d.queries_small} on the small one"
            f"{' (flat)' if d.queries_large == d.queries_small else ' (**grows**)'}.",
            "",
            "## Pages",
            "",
            f"In-process through Django's test client, {self.repeat} timed requests after {self.warmup} warm-up ones.",
            "",
            "| page | as | median ms | p95 ms | queries (large) | queries (small) | flat |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for p in self.pages:
            flat = "yes" if p.queries_large == p.queries_small else "**grows**"
            lines.append(
                f"| {p.label} `{p.path}` | {p.person} | {p.timing.median_ms:.1f} | {p.timing.p95_ms:.1f} | "
                f"{p.queries_large} | {p.queries_small} | {flat} |"
            )
        return "\n".join(lines) + "\n"


def ensure_schedule_seeds(log: Callable[[str], None]) -> None:
    """The seeds, with their schedules: a seed made before schedules were seeded is made again."""
    for size in SIZES:
        if seed_exists(size):
            festival = festival_for(size)
            if ScheduleItem.objects.filter(production=festival).count() >= MIN_FESTIVAL_ITEMS[size]:
                continue
            log(f"The {size} seed has no schedule yet: generating it again…")
            remove_seed(size)
        else:
            log(f"Generating the {size} seed…")
        generate(size)


def _week(size: str) -> tuple[str, str]:
    festival = festival_for(size)
    assert festival.start_date is not None
    monday = festival.start_date - datetime.timedelta(days=festival.start_date.weekday())
    return f"{monday.isoformat()}T00:00:00Z", f"{(monday + datetime.timedelta(days=7)).isoformat()}T00:00:00Z"


def page_paths(size: str) -> list[tuple[str, str, str]]:
    festival = festival_for(size)
    pk = festival.pk
    start, end = _week(size)
    monday = start[:10]
    events = reverse("scheduling:events", args=[pk]) + f"?start={start}&end={end}"
    week = ScheduleItem.objects.filter(
        production=festival,
        starts_at__lt=datetime.datetime.fromisoformat(end),
        ends_at__gt=datetime.datetime.fromisoformat(start),
    ).count()
    return [
        (f"Week view: JSON events ({week:,} items)", events, "admin"),
        (f"Week view: JSON events ({week:,} items)", events, "crew"),
        ("Week view: calendar page", reverse("scheduling:calendar", args=[pk]) + f"?date={monday}", "admin"),
        ("Schedule list, two weeks", reverse("scheduling:list", args=[pk]) + f"?start={monday}", "admin"),
        ("Conflicts page", reverse("scheduling:conflicts", args=[pk]), "admin"),
    ]


def _detection_queries(size: str) -> int:
    organisation = festival_for(size).organisation_id
    with CaptureQueriesContext(connection) as captured:
        schedule = load_schedule(organisation)
        detect(schedule.calls, schedule.spaces, schedule.unavailable, schedule.rules_for)
    return len(captured.captured_queries)


def measure_detection(repeat: int, log: Callable[[str], None]) -> DetectionResult:
    organisation = festival_for("large").organisation_id
    load_ms, engine_ms, total_ms = [], [], []
    found = []
    schedule = load_schedule(organisation)  # warm-up
    for n in range(repeat):
        log(f"Full conflict detection, run {n + 1} of {repeat}…")
        gc.collect()
        started = time.perf_counter()
        schedule = load_schedule(organisation)
        loaded = time.perf_counter()
        found = detect(schedule.calls, schedule.spaces, schedule.unavailable, schedule.rules_for)
        done = time.perf_counter()
        load_ms.append((loaded - started) * 1000)
        engine_ms.append((done - loaded) * 1000)
        total_ms.append((done - started) * 1000)
    return DetectionResult(
        items=len(schedule.items),
        bookings=len(schedule.calls),
        space_bookings=len(schedule.spaces),
        conflicts=len(found),
        load=summarise(load_ms),
        engine=summarise(engine_ms),
        total=summarise(total_ms),
        queries_large=_detection_queries("large"),
        queries_small=_detection_queries("small"),
    )


def run(*, repeat: int = 30, warmup: int = 5, log: Callable[[str], None] = print) -> Report:
    ensure_schedule_seeds(log)
    detection = measure_detection(max(3, min(repeat, 7)), log)
    small_clients = clients_for("small")
    small = [count_queries(small_clients[person], path) for _label, path, person in page_paths("small")]
    clients = clients_for("large")
    pages = []
    for (label, path, person), small_count in zip(page_paths("large"), small, strict=True):
        log(f"Measuring {label} as {person}…")
        client = clients[person]
        page_repeat = max(3, min(repeat, 7)) if "Conflicts" in label else repeat
        timing = summarise(time_page(client, path, repeat=page_repeat, warmup=min(warmup, 2)))
        pages.append(PageResult(label, path, person, timing, count_queries(client, path, warmup=0), small_count))
    festival = festival_for("large")
    seed = (
        f"festival of {festival.engagements.count():,} engaged, "
        f"{ScheduleItem.objects.filter(production=festival).count():,} festival items, "
        f"{ScheduleItem.objects.filter(production__organisation=festival.organisation).count():,} items and "
        f"{Call.objects.filter(item__production__organisation=festival.organisation).count():,} calls "
        f"in {festival.organisation.productions.count()} productions"
    )
    return Report(
        when=datetime.datetime.now(datetime.UTC),
        repeat=repeat,
        warmup=warmup,
        machine=machine(),
        seed=seed,
        detection=detection,
        pages=pages,
    )
