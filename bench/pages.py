"""Page benchmark: server time and SQL queries of the main pages on the seeded organisations.

Run by `regie bench pages` (Django is set up and migrated by then). Every page is requested
in-process through Django's test client as a signed-in person, over "https" so that the
production security settings answer as they do behind a proxy: the whole middleware stack,
the view, its SQL and its template, without network or static files. `/healthz` does nothing,
so its time is the floor every other page is compared with.

Query counts come from one request per page on the large seed and on the small seed. A page
whose count differs between the two makes a query per row somewhere: that is a bug to fix in
the view, however fast the page still is.
"""

from __future__ import annotations

import datetime
import gc
import os
import platform
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.stats import Timing, ratio, summarise
from regie.accounts.models import OrganisationMembership, User
from regie.core.models import AuditEntry
from regie.core.seeding import admin_email, crew_email, festival_for, generate, seed_exists, seed_slug

SIZES = ("large", "small")


class BenchError(Exception):
    """A page did not answer 200; the benchmark would measure an error page."""


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    person: str  # "anonymous", "admin" or "crew"


@dataclass(frozen=True)
class PageResult:
    page: Page
    timing: Timing
    times_floor: float
    queries_large: int
    queries_small: int

    @property
    def flat(self) -> bool:
        return self.queries_large == self.queries_small


@dataclass(frozen=True)
class Report:
    when: datetime.datetime
    repeat: int
    warmup: int
    machine: dict[str, str]
    seeds: dict[str, str]
    results: list[PageResult]
    scenario: str = "pages"
    title: str = "Page benchmark"
    what: str = "Server time of the main pages"

    @property
    def growing(self) -> list[PageResult]:
        return [result for result in self.results if not result.flat]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.when.isoformat(timespec="seconds"),
            "repeat": self.repeat,
            "warmup": self.warmup,
            "machine": self.machine,
            "seeds": self.seeds,
            "pages": [
                {
                    "page": r.page.label,
                    "path": r.page.path,
                    "as": r.page.person,
                    "median_ms": round(r.timing.median_ms, 2),
                    "p95_ms": round(r.timing.p95_ms, 2),
                    "times_floor": round(r.times_floor, 1),
                    "queries_large": r.queries_large,
                    "queries_small": r.queries_small,
                    "flat": r.flat,
                }
                for r in self.results
            ],
        }

    def markdown(self) -> str:
        lines = [
            f"# {self.title}",
            "",
            f"Written by `regie bench {self.scenario}` on {self.when:%Y-%m-%d %H:%M} UTC. "
            "Run it again rather than edit this file.",
            "",
            f"{self.what}, requested in-process through Django's test client (middleware, view,",
            "SQL and template; no network, no static files) on the large seed: "
            f"{self.repeat} timed requests per page after {self.warmup} warm-up requests.",
            "*page/floor* is the page's median over the median of `/healthz`, a view that does nothing.",
            "Queries are those of one request on the large and on the small seed; they must be equal.",
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {name} | {value} |" for name, value in {**self.machine, **self.seeds}.items()),
            "",
            "| page | as | median ms | p95 ms | page/floor | queries (large) | queries (small) | flat |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in self.results:
            flat = "yes" if r.flat else "**grows**"
            lines.append(
                f"| {r.page.label} `{r.page.path}` | {r.page.person} | {r.timing.median_ms:.2f} | "
                f"{r.timing.p95_ms:.2f} | {r.times_floor:.1f} | {r.queries_large} | {r.queries_small} | {flat} |"
            )
        lines.append("")
        if self.growing:
            lines.append("Pages whose query count grows with the data (a query per row: fix the view):")
            lines += [
                f"- {r.page.label} as {r.page.person}: {r.queries_small} → {r.queries_large}" for r in self.growing
            ]
        else:
            lines.append("Every page makes as many queries on the large seed as on the small one.")
        return "\n".join(lines) + "\n"


def pages_for(size: str) -> list[Page]:
    """The measured pages of one seeded organisation, the floor first."""
    festival = festival_for(size)
    slug, pk = seed_slug(size), festival.pk
    team = festival.memberships.count()
    members = OrganisationMembership.objects.filter(organisation=festival.organisation).count()
    crew = festival.engagements.count()
    contacts = festival.organisation.contacts.count()
    return [
        Page("floor", "Minimal view (floor)", reverse("core:healthz"), "anonymous"),
        Page("home", "Organisation home", reverse("productions:organisation_home", kwargs={"slug": slug}), "admin"),
        Page("dashboard", "Festival dashboard", reverse("productions:dashboard", kwargs={"pk": pk}), "admin"),
        Page("dashboard_crew", "Festival dashboard", reverse("productions:dashboard", kwargs={"pk": pk}), "crew"),
        Page("team", f"Festival team ({team} people)", reverse("productions:team", kwargs={"pk": pk}), "admin"),
        Page("history", "Festival history", reverse("productions:history", kwargs={"pk": pk}), "admin"),
        Page(
            "members", f"Organisation members ({members})", reverse("accounts:members", kwargs={"slug": slug}), "admin"
        ),
        Page("crew", f"Festival crew and cast ({crew} engaged)", reverse("people:crew", kwargs={"pk": pk}), "admin"),
        Page("crew_crew", "Festival crew and cast", reverse("people:crew", kwargs={"pk": pk}), "crew"),
        Page("org_chart", "Festival organisation chart", reverse("people:org_chart", kwargs={"pk": pk}), "admin"),
        Page(
            "address_book",
            f"Address book ({contacts} contacts)",
            reverse("people:contacts", kwargs={"slug": slug}),
            "admin",
        ),
        Page(
            "address_book_search",
            "Address book search",
            reverse("people:contacts", kwargs={"slug": slug}) + "?q=e&skill=rigger",
            "admin",
        ),
    ]


def _host() -> str:
    """A host name the settings accept, so that requests are not refused as DisallowedHost."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def clients_for(size: str) -> dict[str, Client]:
    clients = {person: Client(HTTP_HOST=_host()) for person in ("anonymous", "admin", "crew")}
    clients["admin"].force_login(User.objects.get(email=admin_email(size)))
    clients["crew"].force_login(User.objects.get(email=crew_email(size)))
    return clients


def _get(client: Client, path: str) -> None:
    response = client.get(path, secure=True)
    if response.status_code != 200:
        raise BenchError(f"{path} answered {response.status_code} instead of 200")


def count_queries(client: Client, path: str, warmup: int = 1) -> int:
    """SQL queries of one request, after `warmup` requests have filled the per-process caches."""
    for _ in range(warmup):
        _get(client, path)
    with CaptureQueriesContext(connection) as captured:
        _get(client, path)
    return len(captured.captured_queries)


def time_page(client: Client, path: str, *, repeat: int, warmup: int) -> list[float]:
    """Milliseconds of `repeat` requests, after `warmup` untimed ones."""
    for _ in range(warmup):
        _get(client, path)
    gc.collect()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        _get(client, path)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def ensure_seeds(log: Callable[[str], None]) -> None:
    for size in SIZES:
        if not seed_exists(size):
            log(f"Generating the {size} seed (regie seed --size {size})…")
            generate(size)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, str]:
    if connection.vendor == "sqlite":
        database = f"SQLite {sqlite3.sqlite_version}"
    elif connection.vendor == "postgresql":
        version = connection.pg_version  # type: ignore[attr-defined]  # e.g. 150004 for 15.4
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    else:
        database = connection.vendor
    return {
        "CPUs": f"{os.cpu_count()} ({_cpu_model()})",
        # Other processes on the machine widen p95 first; the load says whether there were any.
        "load average (1, 5, 15 min)": ", ".join(f"{load:.2f}" for load in os.getloadavg()),
        "system": platform.platform(terse=True),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "database": database,
    }


def seed_summary(size: str) -> str:
    festival = festival_for(size)
    organisation = festival.organisation
    return (
        f"{organisation.productions.count()} productions, "
        f"{organisation.memberships.count():,} organisation members, "
        f"festival team of {festival.memberships.count():,}, "
        f"address book of {organisation.contacts.count():,}, "
        f"{festival.engagements.count():,} engaged on the festival, "
        f"{AuditEntry.objects.filter(organisation=organisation).count():,} history entries"
    )


def run(
    *,
    repeat: int = 30,
    warmup: int = 5,
    log: Callable[[str], None] = print,
    pages: Callable[[str], list[Page]] = pages_for,
    clients: Callable[[str], dict[str, Client]] = clients_for,
    **report: str,
) -> Report:
    """Measure every page on the large seed and count its queries on both seeds (seeding if needed).

    `pages` and `clients` give the pages and the signed-in clients of a seed size (the API
    benchmark passes its own); `report` names the scenario in the written table."""
    ensure_seeds(log)
    small_clients = clients("small")
    small_counts = {page.key: count_queries(small_clients[page.person], page.path) for page in pages("small")}
    large_clients = clients("large")
    measured: list[tuple[Page, Timing, int]] = []
    for page in pages("large"):
        log(f"Measuring {page.label} as {page.person}…")
        client = large_clients[page.person]
        timing = summarise(time_page(client, page.path, repeat=repeat, warmup=warmup))
        measured.append((page, timing, count_queries(client, page.path, warmup=0)))
    floor = measured[0][1].median_ms
    results = [
        PageResult(page, timing, ratio(timing.median_ms, floor), queries, small_counts[page.key])
        for page, timing, queries in measured
    ]
    return Report(
        when=datetime.datetime.now(datetime.UTC),
        repeat=repeat,
        warmup=warmup,
        machine=machine(),
        seeds={f"{size} seed": seed_summary(size) for size in SIZES},
        results=results,
        **report,
    )
