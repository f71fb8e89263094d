"""The `budgets` scenario: a budget of 5,000 detail lines with 10 fringes and 20 globals.

Measured (median and p95 over the timed runs, in milliseconds):

- the engine alone recomputing every total after a change to a global (pure Python, no database);
- the service changing a global end to end: row lock, save, reload of the version (six queries),
  recomputation of every line, the stored total and the history entry, in one transaction;
- loading the version with all its rows (`sheet_for_version`);
- the top sheet page and the cost report page, requested in-process through Django's test client
  as the production's owner (middleware, view, SQL and template), with their query counts on this
  budget and on a small one (50 lines, 30 invoices): the counts must be equal;
- the XLSX export of the budget, and the cost report as XLSX, with 3,000 invoices (a fifth of them
  split over two lines) and 500 purchase orders.

The data is generated afresh at every run into the benchmark's own database (organisation
`bench-budgets`), so the figures do not depend on earlier runs.
"""

from __future__ import annotations

import datetime
import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import _host, machine
from bench.stats import Timing, summarise
from regie.accounts.models import Organisation, OrganisationMembership, User
from regie.accounts.roles import OrganisationRole, Role
from regie.budgets import compute, services
from regie.budgets.cost_models import Cost, CostAllocation, OrderStatus, PurchaseOrder
from regie.budgets.models import Global
from regie.budgets.queries import sheet_for_version
from regie.productions.models import Production, ProductionMembership

SLUG = "bench-budgets"
UNITS = ("day", "week", "flat", "hour", "performance", "piece")


@dataclass(frozen=True)
class Row:
    label: str
    timing: Timing
    queries: int | None = None
    queries_small: int | None = None


@dataclass
class Report:
    when: datetime.datetime
    repeat: int
    machine: dict[str, str]
    data: dict[str, str]
    rows: list[Row]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.when.isoformat(timespec="seconds"),
            "repeat": self.repeat,
            "machine": self.machine,
            "data": self.data,
            "results": [
                {
                    "what": r.label,
                    "median_ms": round(r.timing.median_ms, 1),
                    "p95_ms": round(r.timing.p95_ms, 1),
                    "queries": r.queries,
                    "queries_small": r.queries_small,
                }
                for r in self.rows
            ],
        }

    def markdown(self) -> str:
        lines = [
            "# Budget benchmark",
            "",
            f"Written by `regie bench budgets` on {self.when:%Y-%m-%d %H:%M} UTC. "
            "Run it again rather than edit this file.",
            "",
            f"{self.repeat} timed runs of each measurement after one untimed run. Pages are requested in-process",
            "through Django's test client (middleware, view, SQL and template; no network). Queries: one request",
            "on this budget and on a small one (50 lines, 30 invoices); they must be equal.",
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {name} | {value} |" for name, value in {**self.machine, **self.data}.items()),
            "",
            "| measurement | median ms | p95 ms | queries | queries (small budget) |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for r in self.rows:
            queries = "" if r.queries is None else str(r.queries)
            small = "" if r.queries_small is None else str(r.queries_small)
            if r.queries is not None and r.queries != r.queries_small:
                small += " **grows**"
            lines.append(f"| {r.label} | {r.timing.median_ms:.1f} | {r.timing.p95_ms:.1f} | {queries} | {small} |")
        return "\n".join(lines) + "\n"


def structure(lines: int, *, seed: int = 4) -> dict[str, Any]:
    """A chart of 10 categories with 10 accounts each, `lines` lines spread over them, 20 globals, 10 fringes."""
    rng = random.Random(seed)
    globals_ = [{"name": "WEEKS", "expression": "6"}, {"name": "DAYS", "expression": "WEEKS * 5"}]
    globals_ += [{"name": f"G{i:02d}", "expression": f"DAYS * {i} / 10 + {i}"} for i in range(3, 21)]
    names = [g["name"] for g in globals_]
    fringes = [
        {"key": str(i), "name": f"Fringe {i}", "basis": basis, "value": value}
        for i, (basis, value) in enumerate(
            [
                ("percent", "27"),
                ("percent", "15.5"),
                ("percent", "8"),
                ("percent", "1.5"),
                ("percent", "0.3"),
                ("per_unit", "12.5"),
                ("per_unit", "3"),
                ("per_line", "150"),
                ("per_line", "40"),
                ("percent", "4"),
            ]
        )
    ]
    per_account = max(1, lines // 100)
    categories = []
    for c in range(10):
        accounts = []
        for a in range(10):
            account_lines = []
            for n in range(per_account):
                quantity = rng.choice(names) if rng.random() < 0.6 else str(rng.randint(1, 40))
                account_lines.append(
                    {
                        "description": f"Line {c}{a:02d}{n:03d}",
                        "quantity": quantity,
                        "unit": rng.choice(UNITS),
                        "multiplier": rng.choice(["1", "1", "2", "WEEKS"]),
                        "rate": str(Decimal(rng.randint(500, 90_000)) / 100),
                        "phase": rng.choice(["pre_production", "production", "production", "post_production"]),
                        "fringes": rng.sample([f["key"] for f in fringes], rng.choice([0, 1, 2, 3])),
                    }
                )
            accounts.append({"code": f"{c + 1}{a:02d}", "name": f"Account {c + 1}{a:02d}", "lines": account_lines})
        categories.append({"code": f"{c + 1}00", "name": f"Category {c + 1}", "accounts": accounts})
    return {"globals": globals_, "fringes": fringes, "categories": categories}


def make_production(organisation: Organisation, owner: User, title: str, lines: int, invoices: int) -> Any:
    production = Production.objects.create(
        organisation=organisation,
        title=title,
        kind="film",
        start_date=datetime.date(2027, 1, 4),
        end_date=datetime.date(2027, 6, 30),
        currency="EUR",
    )
    ProductionMembership.objects.create(production=production, user=owner, role=Role.OWNER)
    version = services.create_budget(production, structure(lines), name="Bench", by=owner)
    add_costs(version, invoices=invoices, orders=invoices // 6)
    return production, version


def add_costs(version: Any, *, invoices: int, orders: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    keys = list(version.lines.values_list("key", flat=True))
    budget = version.budget
    PurchaseOrder.objects.bulk_create(
        PurchaseOrder(
            budget=budget,
            number=i + 1,
            supplier_name=f"Supplier {i % 40}",
            date=datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randrange(150)),
            description=f"Order {i + 1}",
            line_key=rng.choice(keys),
            amount=Decimal(rng.randint(100, 5000)),
            status=OrderStatus.ISSUED,
        )
        for i in range(orders)
    )
    order_ids = list(PurchaseOrder.objects.filter(budget=budget).values_list("pk", flat=True))
    costs = Cost.objects.bulk_create(
        Cost(
            budget=budget,
            number=f"INV-{i + 1:05d}",
            supplier_name=f"Supplier {i % 40}",
            supplier_key=f"nsupplier {i % 40}",
            invoice_date=datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randrange(170)),
            amount=Decimal(0),
            order_id=rng.choice(order_ids) if order_ids and rng.random() < 0.2 else None,
        )
        for i in range(invoices)
    )
    parts = []
    for cost in costs:
        for n in range(2 if rng.random() < 0.2 else 1):
            parts.append(
                CostAllocation(cost=cost, line_key=rng.choice(keys), amount=Decimal(rng.randint(20, 2000)), position=n)
            )
    CostAllocation.objects.bulk_create(parts)


def timed(action: Callable[[], Any], repeat: int) -> Timing:
    action()
    gc.collect()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return summarise(samples)


def queries_of(action: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def get(client: Client, path: str) -> Callable[[], None]:
    def request() -> None:
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        b"".join(response) if response.streaming else response.content

    return request


def run(*, repeat: int = 30, warmup: int = 5, log: Callable[[str], None] = print) -> Report:
    repeat = min(repeat, 10)  # each run is seconds, not milliseconds
    Organisation.objects.filter(slug=SLUG).delete()
    organisation = Organisation.objects.create(name="Bench budgets", slug=SLUG)
    owner, _new = User.objects.get_or_create(email="bench-budgets@example.org", defaults={"name": "Bench"})
    OrganisationMembership.objects.get_or_create(organisation=organisation, user=owner, role=OrganisationRole.ADMIN)
    log("Generating the budget of 5,000 lines with 3,000 invoices…")
    started = time.perf_counter()
    big, version = make_production(organisation, owner, "Bench 5000", 5_000, 3_000)
    created_ms = (time.perf_counter() - started) * 1000
    small, small_version = make_production(organisation, owner, "Bench 50", 50, 30)
    client = Client(HTTP_HOST=_host())
    client.force_login(owner)
    rows: list[Row] = []

    sheet = sheet_for_version(version)
    engine_input = sheet.engine_input()
    changed = {**engine_input.globals, "WEEKS": "7"}
    log("Engine…")
    rows.append(
        Row(
            "engine: recompute every total after a change to a global",
            timed(
                lambda: compute.compute(compute.BudgetInput(**{**engine_input.__dict__, "globals": changed})), repeat
            ),
        )
    )

    weeks = Global.objects.get(budget_version=version, name="WEEKS")
    flip = iter(["7", "6"] * (repeat + 2))

    def change_global() -> None:
        weeks.expression = next(flip)
        services.save_global(weeks, by=owner)

    log("Changing a global through the service…")
    rows.append(
        Row(
            "service: change a global (lock, save, recompute 5,000 lines, store, history)", timed(change_global, repeat)
        )
    )
    rows.append(
        Row("load the version with all its rows (sheet_for_version)", timed(lambda: sheet_for_version(version), repeat))
    )

    pages = [
        ("page: top sheet", "budgets:topsheet", {"version_pk": version.pk}, {"version_pk": small_version.pk}, ""),
        ("page: cost report by account (3,000 invoices, 500 orders)", "budgets:cost_report", {}, {}, ""),
        ("page: cost report with every line", "budgets:cost_report", {}, {}, "?lines=all"),
        ("page: budget home (with the cost summary)", "budgets:home", {}, {}, ""),
        (
            "download: budget as XLSX",
            "budgets:export_xlsx",
            {"version_pk": version.pk},
            {"version_pk": small_version.pk},
            "",
        ),
        ("download: cost report as XLSX", "budgets:cost_report_xlsx", {}, {}, ""),
    ]
    for label, name, big_kwargs, small_kwargs, query in pages:
        log(f"Measuring {label}…")
        path = reverse(name, kwargs={"pk": big.pk, **big_kwargs}) + query
        small_path = reverse(name, kwargs={"pk": small.pk, **small_kwargs}) + query
        timing = timed(get(client, path), repeat)
        rows.append(Row(label, timing, queries_of(get(client, path)), queries_of(get(client, small_path))))

    lines = len(sheet.lines)
    data = {
        "budget": f"{lines:,} lines in 100 accounts and 10 categories, {len(sheet.globals)} globals, "
        f"{len(sheet.fringes)} fringes, {sum(len(v) for v in sheet.line_fringes.values()):,} fringe links",
        "costs": f"{Cost.objects.filter(budget=version.budget).count():,} invoices, "
        f"{CostAllocation.objects.filter(cost__budget=version.budget).count():,} coded parts, "
        f"{PurchaseOrder.objects.filter(budget=version.budget).count():,} purchase orders",
        "creating the budget from its structure (once)": f"{created_ms:,.0f} ms",
        "total": f"{sheet.result.total:,} EUR" if sheet.result else "does not compute",
    }
    return Report(datetime.datetime.now(datetime.UTC), repeat, machine(), data, rows)
