"""API benchmark: server time and SQL queries of the JSON API on the seeded organisations.

Run by `regie bench api`. The same method as `regie bench pages` (in-process requests through
Django's test client, the whole middleware stack; query counts on the large and the small seed
must be equal), with a personal API token instead of a session: the festival's administrator
reads the productions, the 800-person crew (a page of 100 and all at once), a week of the
festival's schedule, its conflicts and the address book; a crew member reads the crew.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.test import Client

from bench import pages
from bench.pages import Page, Report
from regie.accounts.models import User
from regie.api import tokens
from regie.core.seeding import admin_email, crew_email, festival_for, seed_slug
from regie.scheduling.models import ScheduleItem

V1 = "/api/v1"


def api_pages(size: str) -> list[Page]:
    festival = festival_for(size)
    pk, slug = festival.pk, seed_slug(size)
    crew = festival.engagements.count()
    first = (
        ScheduleItem.objects.filter(production=festival).order_by("starts_at").values_list("starts_at", flat=True)[:1]
    )
    start = (first[0] if first else datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)).date()
    week = f"start={start}T00:00:00Z&end={start + datetime.timedelta(days=7)}T00:00:00Z"
    items = ScheduleItem.objects.filter(production=festival, starts_at__date__lt=start + datetime.timedelta(days=7))
    return [
        Page("floor", "Minimal view (floor)", "/healthz", "anonymous"),
        Page("me", "GET /me", f"{V1}/me", "admin"),
        Page("productions", "GET /productions", f"{V1}/productions", "admin"),
        Page("crew", f"GET crew, first 100 of {crew}", f"{V1}/productions/{pk}/crew", "admin"),
        Page("crew_all", f"GET crew, all {crew}", f"{V1}/productions/{pk}/crew?limit=1000", "admin"),
        Page("crew_crew", "GET crew, first 100", f"{V1}/productions/{pk}/crew", "crew"),
        Page(
            "schedule",
            f"GET a week of the schedule, first 1,000 of {items.count():,} items",
            f"{V1}/productions/{pk}/schedule?{week}&limit=1000",
            "admin",
        ),
        Page("contacts", "GET address book, first 100", f"{V1}/organisations/{slug}/contacts", "admin"),
        Page("openapi", "GET openapi.json", f"{V1}/openapi.json", "anonymous"),
    ]


def api_clients(size: str) -> dict[str, Client]:
    host = pages._host()
    clients = {"anonymous": Client(HTTP_HOST=host)}
    for person, email in (("admin", admin_email(size)), ("crew", crew_email(size))):
        _token, secret = tokens.create_token(
            User.objects.get(email=email), name="regie bench api", read_only=True, days=1
        )
        clients[person] = Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {secret}")
    return clients


def run(*, repeat: int = 30, warmup: int = 5, log: Callable[[str], None] = print) -> Report:
    return pages.run(
        repeat=repeat,
        warmup=warmup,
        log=log,
        pages=api_pages,
        clients=api_clients,
        scenario="api",
        title="API benchmark",
        what="Server time of the JSON API's main operations with a personal token",
    )
