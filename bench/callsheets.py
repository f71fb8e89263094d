"""The `callsheets` scenario: a 150-person call sheet drawn up, rendered as a PDF and mailed.

It builds its own production (an organisation "Bench call sheets" with a festival day of 150
people called across 8 schedule items at one place, a fifth of them hiding their phone, in
Dutch, French and English) so it depends on no seed. Then it measures:

- drawing the sheet up from the schedule (`generate_call_sheet`), the JSON snapshot, and comparing
  the sheet with the schedule (`schedule_differences`, what the edit page and publishing do);
- rendering the PDF with WeasyPrint (the whole sheet: 150 calls, locations, running order);
- sending 150 personal mails, each with its PDF, through the task worker (`db_worker --batch`)
  to a local SMTP server (aiosmtpd on 127.0.0.1): publish version 1, then resend twice.
"""

from __future__ import annotations

import asyncio
import datetime
import io
import os
import platform
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from bench.stats import Timing, summarise
from regie.accounts.models import Organisation
from regie.callsheets.delivery import render_document, render_pdf
from regie.callsheets.drawing import schedule_differences
from regie.callsheets.models import CallSheet, Recipient, SheetVersion
from regie.callsheets.services import build_snapshot, generate_call_sheet, publish_call_sheet, resend_to_unconfirmed
from regie.people.models import Contact, Engagement, EngagementStatus
from regie.productions.models import Kind, Production
from regie.scheduling.models import Call, ItemKind, Place, ScheduleItem

PEOPLE = 150
DAY = datetime.date(2027, 7, 9)
BRUSSELS = ZoneInfo("Europe/Brussels")
ORGANISATION = "bench-call-sheets"
DEPARTMENTS = ("production", "stage", "lighting", "sound", "costume", "make_up", "cast", "other")
ITEMS = (
    (ItemKind.LOAD_IN, "Opbouw hoofdpodium", 7, 5),
    (ItemKind.TECHNICAL_REHEARSAL, "Soundcheck", 12, 2),
    (ItemKind.REHEARSAL, "Doorloop", 14, 3),
    (ItemKind.MEETING, "Productievergadering", 17, 1),
    (ItemKind.PERFORMANCE, "Voorstelling 1", 19, 2),
    (ItemKind.PERFORMANCE, "Voorstelling 2", 21, 2),
    (ItemKind.OTHER, "Deuren dicht", 23, 1),
    (ItemKind.LOAD_OUT, "Afbraak", 23, 4),
)


class CountingMailbox:
    def __init__(self) -> None:
        self.count = 0
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
            self.bytes += len(envelope.content)
        return "250 Message accepted for delivery"


class LocalSMTP(Controller):
    """aiosmtpd on 127.0.0.1 and a port the OS picks (as tests/browser/smtp.py does)."""

    def __init__(self, mailbox: CountingMailbox) -> None:
        super().__init__(mailbox, hostname="127.0.0.1", port=0)
        self.mailbox = mailbox

    def _create_server(self) -> Any:
        return self._bind()

    async def _bind(self) -> asyncio.AbstractServer:
        server = await self.loop.create_server(self._factory_invoker, host=self.hostname, port=0)
        self.port = server.sockets[0].getsockname()[1]
        return server


def local(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(DAY, datetime.time(0), tzinfo=BRUSSELS) + datetime.timedelta(
        hours=hour, minutes=minute
    )


def build_production() -> Production:
    """A fresh 150-person production with one day of schedule (any previous one is deleted)."""
    organisation, _ = Organisation.objects.get_or_create(slug=ORGANISATION, defaults={"name": "Bench call sheets"})
    Production.objects.filter(organisation=organisation).delete()
    Contact.objects.filter(organisation=organisation).delete()
    Place.objects.filter(organisation=organisation).delete()
    production = Production.objects.create(
        organisation=organisation,
        title="Zomerfestival (bench)",
        kind=Kind.FESTIVAL,
        start_date=DAY,
        end_date=DAY,
        working_languages=["nl", "fr", "en"],
    )
    place = Place.objects.create(
        organisation=organisation,
        name="Festivalterrein Gentse Feesten",
        street="Sint-Baafsplein 1",
        postcode="9000",
        city="Gent",
        latitude=Decimal("51.053000"),
        longitude=Decimal("3.726000"),
        parking="P+R Gentbrugge, shuttle every 10 minutes",
        access="Crew entrance Biezekapelstraat, wristband required",
        nearest_hospital="AZ Sint-Lucas, Groenebriel 1, Gent",
        emergency_numbers="112 · festival first aid 09 123 45 67",
    )
    languages = ("nl", "fr", "en")
    contacts = Contact.objects.bulk_create(
        Contact(
            organisation=organisation,
            name=f"Crew {n:03d}",
            email=f"crew{n:03d}@bench.example.be",
            mobile=f"+3247{n:07d}",
            phone_private=n % 5 == 0,
            languages=[languages[n % 3]],
        )
        for n in range(PEOPLE)
    )
    engagements = Engagement.objects.bulk_create(
        Engagement(
            production=production,
            contact=contact,
            department=DEPARTMENTS[n % len(DEPARTMENTS)],
            function="other",
            custom_function=f"Function {n % 12}",
            status=EngagementStatus.CONFIRMED,
            fee=Decimal("250.00"),
        )
        for n, contact in enumerate(contacts)
    )
    items = [
        ScheduleItem.objects.create(
            production=production,
            kind=kind,
            title=title,
            place=place,
            starts_at=local(hour),
            ends_at=local(hour + hours),
        )
        for kind, title, hour, hours in ITEMS
    ]
    Call.objects.bulk_create(
        Call(
            item=items[n % len(items)],
            engagement=engagement,
            call_at=local(6 + n % 14, (n * 5) % 60),
            pickup_at=local(5 + n % 14, 30) if n % 4 == 0 else None,
            pickup_place="Gent-Sint-Pieters" if n % 4 == 0 else "",
        )
        for n, engagement in enumerate(engagements)
    )
    return production


@dataclass
class Report:
    rows: list[tuple[str, Timing, str]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        lines = [
            "# Call sheets: 150 people, PDF and mail",
            "",
            f"Measured on {self.facts['when']} ({self.facts['machine']}, {self.facts['database']}); "
            "see bench/README.md.",
            "",
            "| what | median ms | p95 ms | samples | notes |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        lines += [
            f"| {name} | {timing.median_ms:.0f} | {timing.p95_ms:.0f} | {timing.samples} | {note} |"
            for name, timing, note in self.rows
        ]
        lines += ["", *(f"- {key}: {value}" for key, value in self.facts.items() if key not in {"when", "machine"})]
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": [
                {"name": n, "median_ms": t.median_ms, "p95_ms": t.p95_ms, "samples": t.samples, "note": note}
                for n, t, note in self.rows
            ],
            "facts": self.facts,
        }


def drain_queue() -> None:
    """What `regie worker` does, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


def timed(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def run(*, repeat: int, warmup: int, log: Any) -> Report:
    report = Report()
    report.facts["when"] = datetime.date.today().isoformat()
    report.facts["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    report.facts["database"] = connection.vendor
    report.facts["load average at start (1 min)"] = f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    log("Building a 150-person production…")
    production = build_production()

    generate_ms = []
    for _ in range(min(repeat, 10)):
        CallSheet.objects.filter(production=production).delete()
        elapsed, sheet = timed(lambda: generate_call_sheet(production, DAY, by=None))
        generate_ms.append(elapsed)
    report.rows.append(("draw up the sheet from the schedule", summarise(generate_ms), f"{sheet.calls.count()} calls"))
    snapshot_ms = []
    for _ in range(min(repeat, 10)):
        with CaptureQueriesContext(connection) as queries:
            elapsed, snapshot = timed(lambda: build_snapshot(sheet))
        snapshot_ms.append(elapsed)
    snapshot_queries = len(queries)
    report.rows.append(("snapshot (what is published)", summarise(snapshot_ms), f"{snapshot_queries} queries"))
    compare_ms = []
    for _ in range(min(repeat, 10)):
        with CaptureQueriesContext(connection) as queries:
            elapsed, found = timed(lambda: schedule_differences(sheet))
        compare_ms.append(elapsed)
    report.rows.append(
        (
            "compare the sheet with the schedule (edit page, publish)",
            summarise(compare_ms),
            f"{len(queries)} queries, {len(found)} differences",
        )
    )

    log("Rendering the PDF…")
    version = SheetVersion(sheet=sheet, number=1, snapshot=snapshot)
    for _ in range(min(warmup, 1)):
        render_pdf(version, language="nl", sees_private=True)
    pdf_ms, size = [], 0
    for _ in range(min(repeat, 5)):
        elapsed, pdf = timed(lambda: render_pdf(version, language="fr", sees_private=False))
        pdf_ms.append(elapsed)
        size = len(pdf)
    pages = len(render_document(version, language="fr", sees_private=False).pages)
    report.rows.append(("150-person PDF (WeasyPrint)", summarise(pdf_ms), f"{size // 1024} KiB, {pages} pages"))

    log("Sending 150 call sheets through the task worker…")
    mailbox = CountingMailbox()
    smtp = LocalSMTP(mailbox)
    smtp.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=smtp.port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        ):
            send_ms = []
            publish_ms, (published, _) = timed(lambda: publish_call_sheet(sheet, version=sheet.version, by=None))
            for round_number in range(3):
                if round_number:
                    resend_to_unconfirmed(published, by=None)
                elapsed, _ = timed(
                    lambda: call_command(
                        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO()
                    )
                )
                send_ms.append(elapsed)
                log(f"  round {round_number + 1}: {elapsed:.0f} ms, {mailbox.count} mails so far")
    finally:
        smtp.stop()
    sent = Recipient.objects.filter(version=published, sent_at__isnull=False).count()
    report.rows.append(("publish (snapshot, 150 recipients, queue the task)", summarise([publish_ms]), ""))
    report.rows.append(
        (
            "send 150 mails with PDF via db_worker to local SMTP",
            summarise(send_ms),
            f"{summarise(send_ms).median_ms / PEOPLE:.1f} ms a mail; 6 PDFs a run (3 languages by 2 privacy levels)",
        )
    )
    report.facts["mails received by the SMTP server"] = f"{mailbox.count} ({3 * PEOPLE} expected over 3 runs)"
    report.facts["recipients marked sent"] = sent
    report.facts["load average at end (1 min)"] = f"{os.getloadavg()[0]:.1f}"
    report.facts["average message size"] = f"{mailbox.bytes // max(mailbox.count, 1) // 1024} KiB"
    return report
