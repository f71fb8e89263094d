"""What the schedule pages share: the calendar's CSP, local times from the query, filters, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from regie.productions.models import Production
from regie.scheduling.detection import ConflictRow
from regie.scheduling.forms import (
    FilterForm,
    LocalDateTimeField,
)
from regie.scheduling.models import ItemStatus, ScheduleItem
from regie.scheduling.queries import ItemFilters
from regie.scheduling.timing import to_local, to_utc

# FullCalendar injects its own style sheet, which embeds its icon font as a data: URL: the calendar
# pages allow that style sheet by the request's nonce, and fonts from data: URLs.
V = TypeVar("V", bound=Callable[..., Any])


def calendar_csp(view: V) -> V:
    return csp_update({"style-src": [NONCE], "font-src": ["data:"]})(view)  # type: ignore[return-value,arg-type]


MAX_RANGE = dt.timedelta(days=100)


def parse_local(value: str | None) -> dt.datetime | None:
    """A local date or date-time from a query string (FullCalendar sends "2027-03-22T00:00:00Z" with
    its UTC time zone, which holds the wall-clock time); None when missing or unreadable."""
    if not value:
        return None
    text = value.strip().replace(" ", "+")
    for cut in ("Z", "+"):
        text = text.split(cut)[0]
    if len(text) == 10:
        text += "T00:00"
    try:
        return LocalDateTimeField().to_python(text[:19])
    except Exception:  # noqa: BLE001 - a malformed parameter is a missing one
        return None


def requested_range(request: HttpRequest, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC window a calendar asks for, capped so a forged query cannot ask for years."""
    start = parse_local(request.GET.get("start")) or to_local(dt.datetime.now(dt.UTC), timezone).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    end = parse_local(request.GET.get("end")) or start + dt.timedelta(days=7)
    if end <= start or end - start > MAX_RANGE:
        end = start + min(MAX_RANGE, dt.timedelta(days=7) if end <= start else MAX_RANGE)
    return to_utc(start, timezone, shift_gap=True), to_utc(end, timezone, shift_gap=True)


def filters_from(form: FilterForm) -> ItemFilters:
    if not form.is_valid():
        return ItemFilters()
    data = form.cleaned_data
    return ItemFilters(
        kinds=tuple(data["kind"]),
        departments=tuple(data["department"]),
        engagement=data["person"].pk if data["person"] else None,
        space=data["space"].pk if data["space"] else None,
    )


def event_for(item: ScheduleItem, production: Production, *, editable: bool) -> dict[str, Any]:
    """One item as a FullCalendar event, in local wall-clock time (the calendar runs in "UTC")."""
    tz = production.timezone
    title = item.title or str(item.get_kind_display())
    if item.place is not None:
        title = f"{title} · {item.place.name}"
    event: dict[str, Any] = {
        "id": str(item.pk),
        "title": title,
        "start": to_local(item.starts_at, tz).isoformat(),
        "end": to_local(item.ends_at, tz).isoformat(),
        "url": reverse("scheduling:item", args=[production.pk, item.pk]),
        "classNames": [f"kind-{item.kind}", f"status-{item.status}"],
        "editable": editable and item.status != ItemStatus.CANCELLED,
        "extendedProps": {
            "version": item.version,
            "kind": str(item.get_kind_display()),
            "status": str(item.get_status_display()),
        },
    }
    if editable:
        event["extendedProps"]["moveUrl"] = reverse("scheduling:item_move", args=[production.pk, item.pk])
    return event


def conflict_message(request: HttpRequest, rows: list[ConflictRow]) -> None:
    if not rows:
        return
    text = ngettext(
        "This causes %(count)d conflict: %(causes)s",
        "This causes %(count)d conflicts: %(causes)s",
        len(rows),
    ) % {"count": len(rows), "causes": " ".join(f"{row.who}: {row.cause}" for row in rows[:5])}
    messages.warning(request, text)


# --- calendar, list, events --------------------------------------------------------------------


def posted_version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")
