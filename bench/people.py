"""People benchmark: importing a large address book, searching it, and the festival's crew lists.

Run by `regie bench people` (Django is set up and migrated by then). On the large seed, as the
organisation's administrator, through Django's test client like the `pages` scenario:

- an XLSX file of 5,000 new contacts (and one of 10,000, the import's limit) is generated here
  with XlsxWriter, then imported the way a person does: upload (reading the file), preview
  (checking every row, duplicates against the address book), confirm (writing the contacts, or,
  above settings.REGIE_IMPORT_BACKGROUND_ROWS rows, queuing them: then the worker's job, checking
  and writing, is timed in-process as the "worker" column).
  Each run happens inside a transaction that is rolled back, so the seed stays as it was;
- the address book searched by name and by skill;
- the festival's crew and cast page (800 engaged, 100 a page), and its printed crew list and
  contact sheet (all 800, WeasyPrint).

Query counts of the lists come from one request on the large and on the small seed and must be
equal. The import's count grows with the file by design (one INSERT per 500 contacts).
"""

from __future__ import annotations

import datetime
import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import _get, clients_for, count_queries, ensure_seeds, machine, seed_summary, time_page
from bench.stats import Timing, summarise
from regie.accounts.models import Organisation
from regie.core.seeding import festival_for, seed_slug
from regie.people.import_jobs import run_contact_import
from regie.people.models import ContactImport, ImportStatus

SIZES = ("large", "small")
FIRST = ["Lotte", "Wout", "Élodie", "Kobe", "Inès", "Jasper", "Nora", "Mathis", "Amélie", "Sven", "Fien", "Hugo"]
LAST = ["Peeters", "Janssens", "Dubois", "Lambert", "Maes", "Claes", "Dupont", "Martens", "Leroy", "Wouters"]
SKILLS = ["rigger", "gaffer", "sound engineer", "stage manager", "dresser", "forklift", "catering", "runner"]


class BenchError(Exception):
    """A step did not answer as a person would see it succeed."""


def contacts_xlsx(rows: int, seed: int = 7) -> bytes:
    """A spreadsheet of `rows` distinct people as production offices keep them (Dutch headers)."""
    rng = random.Random(seed)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Crew")
    sheet.write_row(0, 0, ["Naam", "E-mail", "GSM", "Gemeente", "Vaardigheden", "Talen"])
    for i in range(1, rows + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i:05d}"
        sheet.write_row(
            i,
            0,
            [
                name,
                f"bench.import.{i:05d}@example.org",
                f"+32 470 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}",
                rng.choice(["Gent", "Antwerpen", "Bruxelles", "Liège", "Leuven"]),
                ", ".join(rng.sample(SKILLS, 2)),
                rng.choice(["nl", "fr", "nl, en", "fr, en"]),
            ],
        )
    workbook.close()
    return buffer.getvalue()


@dataclass(frozen=True)
class ImportRun:
    rows: int
    upload_ms: float
    preview_ms: float
    confirm_ms: float
    worker_ms: float
    queries: int

    @property
    def total_ms(self) -> float:
        return self.upload_ms + self.preview_ms + self.confirm_ms + self.worker_ms


class _Rollback(Exception):
    pass


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def import_once(client: Client, slug: str, content: bytes, rows: int) -> ImportRun:
    """Upload, preview and confirm one file as a person does; everything is rolled back afterwards."""
    organisation = Organisation.objects.get(slug=slug)
    upload_url = reverse("people:contact_import", kwargs={"slug": slug})
    preview_url = reverse("people:contact_import_preview", kwargs={"slug": slug})
    result: ImportRun | None = None
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            file = io.BytesIO(content)
            file.name = "crew.xlsx"
            upload_ms, response = _timed(lambda: client.post(upload_url, {"file": file}, secure=True))
            if response.status_code != 302:
                raise BenchError(f"the upload answered {response.status_code}")
            preview_ms, response = _timed(lambda: client.get(preview_url, secure=True))
            if response.status_code != 200:
                raise BenchError(f"the preview answered {response.status_code}")
            # What the preview's form posts back: the guessed column mapping and the import's token.
            pending = client.session[f"people.import.{organisation.pk}"]
            data = {f"col_{index}": field for index, field in enumerate(pending["mapping"])}
            data.update({"token": pending["token"], "confirm": "1"})
            before = organisation.contacts.count()
            confirm_ms, response = _timed(lambda: client.post(preview_url, data, secure=True))
            if response.status_code != 302:
                raise BenchError(f"the confirmation answered {response.status_code}")
            worker_ms = 0.0
            job = ContactImport.objects.filter(organisation=organisation, status=ImportStatus.QUEUED).first()
            if job is not None:  # a large file: queued for the worker, which is timed here in-process
                worker_ms, _count = _timed(lambda: run_contact_import(job.pk))
            if organisation.contacts.count() - before != rows:
                raise BenchError("the import did not add every row")
            result = ImportRun(rows, upload_ms, preview_ms, confirm_ms, worker_ms, len(queries.captured_queries))
            raise _Rollback
    except _Rollback:
        pass
    assert result is not None
    return result


@dataclass(frozen=True)
class PageTiming:
    label: str
    path: str
    timing: Timing
    queries_large: int
    queries_small: int

    @property
    def flat(self) -> bool:
        return self.queries_large == self.queries_small


@dataclass(frozen=True)
class Report:
    when: datetime.datetime
    repeat: int
    machine: dict[str, str]
    seeds: dict[str, str]
    imports: list[ImportRun]
    pages: list[PageTiming]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.when.isoformat(timespec="seconds"),
            "machine": self.machine,
            "seeds": self.seeds,
            "imports": [
                {
                    "rows": run.rows,
                    "upload_ms": round(run.upload_ms),
                    "preview_ms": round(run.preview_ms),
                    "confirm_ms": round(run.confirm_ms),
                    "worker_ms": round(run.worker_ms),
                    "total_ms": round(run.total_ms),
                    "queries": run.queries,
                }
                for run in self.imports
            ],
            "pages": [
                {
                    "page": page.label,
                    "path": page.path,
                    "median_ms": round(page.timing.median_ms, 1),
                    "p95_ms": round(page.timing.p95_ms, 1),
                    "queries_large": page.queries_large,
                    "queries_small": page.queries_small,
                    "flat": page.flat,
                }
                for page in self.pages
            ],
        }

    def markdown(self) -> str:
        lines = [
            "# People benchmark",
            "",
            f"Written by `regie bench people` on {self.when:%Y-%m-%d %H:%M} UTC. "
            "Run it again rather than edit this file.",
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {name} | {value} |" for name, value in {**self.machine, **self.seeds}.items()),
            "",
            "## Import of an XLSX address book, as the administrator (median of the runs, each rolled back)",
            "",
            "| contacts | upload (read) ms | preview (check) ms | confirm ms | worker (check + write) ms | total ms "
            "| queries |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for run in self.imports:
            lines.append(
                f"| {run.rows:,} | {run.upload_ms:.0f} | {run.preview_ms:.0f} | {run.confirm_ms:.0f} | "
                f"{run.worker_ms:.0f} | {run.total_ms:.0f} | {run.queries} |"
            )
        lines += [
            "",
            f"## Lists ({self.repeat} timed requests each; PDFs fewer)",
            "",
            "| page | median ms | p95 ms | queries (large) | queries (small) | flat |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for page in self.pages:
            flat = "yes" if page.flat else "**grows**"
            lines.append(
                f"| {page.label} `{page.path}` | {page.timing.median_ms:.1f} | {page.timing.p95_ms:.1f} | "
                f"{page.queries_large} | {page.queries_small} | {flat} |"
            )
        return "\n".join(lines) + "\n"


def _median_run(runs: list[ImportRun]) -> ImportRun:
    return sorted(runs, key=lambda run: run.total_ms)[len(runs) // 2]


def list_pages(size: str) -> list[tuple[str, str, int]]:
    """(label, path, how many timed requests at most) of the measured lists."""
    festival = festival_for(size)
    slug, pk = seed_slug(size), festival.pk
    crew = festival.engagements.count()
    contacts = festival.organisation.contacts.count()
    book = reverse("people:contacts", kwargs={"slug": slug})
    return [
        (f"Address book ({contacts:,} contacts), search by name", f"{book}?q=e", 10_000),
        ("Address book, search by name and skill", f"{book}?q=e&skill=rigger", 10_000),
        (f"Festival crew and cast ({crew} engaged, 100 a page)", reverse("people:crew", kwargs={"pk": pk}), 10_000),
        (f"Festival crew list PDF (all {crew})", reverse("people:crew_pdf", kwargs={"pk": pk}), 3),
        (f"Festival contact sheet PDF (all {crew})", reverse("people:contact_sheet_pdf", kwargs={"pk": pk}), 3),
    ]


def run(*, repeat: int = 30, warmup: int = 5, log: Callable[[str], None] = print) -> Report:
    ensure_seeds(log)
    small = clients_for("small")["admin"]
    small_counts = [count_queries(small, path) for _label, path, _most in list_pages("small")]
    admin = clients_for("large")["admin"]
    slug = seed_slug("large")
    imports = []
    for rows, runs in ((5_000, min(repeat, 3)), (10_000, 1)):
        runs = 1 if repeat < 10 else runs
        log(f"Generating and importing {rows:,} contacts ({runs} run(s))…")
        content = contacts_xlsx(rows)
        imports.append(_median_run([import_once(admin, slug, content, rows) for _ in range(runs)]))
    pages = []
    for (label, path, most), small_count in zip(list_pages("large"), small_counts, strict=True):
        log(f"Measuring {label}…")
        times = time_page(admin, path, repeat=min(repeat, most), warmup=min(warmup, 1 if most < 10 else warmup))
        pages.append(PageTiming(label, path, summarise(times), count_queries(admin, path, warmup=0), small_count))
    _get(admin, reverse("core:healthz"))
    return Report(
        when=datetime.datetime.now(datetime.UTC),
        repeat=repeat,
        machine=machine(),
        seeds={f"{size} seed": seed_summary(size) for size in SIZES},
        imports=imports,
        pages=pages,
    )
