"""iCalendar (RFC 5545) feeds of the schedule.

Calendar applications poll a feed and reconcile events by UID: the UID of an item is stable for
its life (`item-<pk>@<host>`, plus the person in a personal feed, since a person's call times are
their own), SEQUENCE is the item's version so that a change supersedes what was fetched, and a
cancelled item stays in the feed with STATUS:CANCELLED so that subscribers see the cancellation
rather than an event that silently disappears. All times are written in UTC (the "Z" form), which
every client reads without a VTIMEZONE block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from regie.scheduling.models import ItemStatus, ScheduleItem

PRODID = "-//Regie//Schedule//EN"
STATUS = {
    ItemStatus.CONFIRMED: "CONFIRMED",
    ItemStatus.TENTATIVE: "TENTATIVE",
    ItemStatus.CANCELLED: "CANCELLED",
}


def _location(item: ScheduleItem) -> str:
    parts = []
    if item.place is not None:
        parts.append(item.place.name)
        if item.place.address:
            parts.append(item.place.address)
    spaces = [space.name for space in item.spaces.all()]
    if spaces:
        parts.insert(1 if parts else 0, ", ".join(spaces))
    return " — ".join(parts)


def item_event(
    item: ScheduleItem,
    *,
    host: str,
    stamp: dt.datetime,
    uid_suffix: str = "",
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    summary_prefix: str = "",
    description: str = "",
) -> Event:
    event = Event()
    event.add("uid", f"item-{item.pk}{uid_suffix}@{host}")
    event.add("dtstamp", stamp)
    event.add("sequence", item.version)
    event.add("last-modified", item.updated.astimezone(dt.UTC))
    event.add("created", item.created.astimezone(dt.UTC))
    event.add("dtstart", (start or item.starts_at).astimezone(dt.UTC))
    event.add("dtend", (end or item.ends_at).astimezone(dt.UTC))
    title = item.title or str(item.get_kind_display())
    event.add("summary", f"{summary_prefix}{title}")
    event.add("status", STATUS.get(item.status, "CONFIRMED"))  # type: ignore[call-overload]
    event.add("categories", [str(item.get_kind_display())])
    location = _location(item)
    if location:
        event.add("location", location)
    text = "\n\n".join(part for part in (description, item.description) if part)
    if text:
        event.add("description", text)
    if item.status == ItemStatus.TENTATIVE:
        event.add("transp", "TRANSPARENT")
    return event


def calendar(name: str, events: Iterable[Event]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def production_feed(production: Any, items: Iterable[ScheduleItem], *, host: str) -> bytes:
    stamp = timezone.now().replace(microsecond=0)
    events = (item_event(item, host=host, stamp=stamp) for item in items)
    return calendar(f"{production.title} — {_('Schedule')}", events)


def person_feed(name: str, calls: Iterable[tuple[ScheduleItem, Any, int]], *, host: str) -> bytes:
    """`calls` are (item, call or None, contact id): the person's own times when their call has them."""
    stamp = timezone.now().replace(microsecond=0)
    events = []
    for item, call, contact_id in calls:
        start = getattr(call, "call_at", None) or item.starts_at
        end = getattr(call, "wrap_at", None) or item.ends_at
        if end <= start:
            start, end = item.starts_at, item.ends_at
        note = []
        if call is not None and call.call_at:
            note.append(
                _("Your call: %(time)s") % {"time": timezone.localtime(call.call_at, item.tz).strftime("%H:%M")}
            )
        if call is not None and call.pickup_at:
            note.append(
                _("Pick-up: %(time)s %(place)s")
                % {"time": timezone.localtime(call.pickup_at, item.tz).strftime("%H:%M"), "place": call.pickup_place}
            )
        events.append(
            item_event(
                item,
                host=host,
                stamp=stamp,
                uid_suffix=f"-c{contact_id}",
                start=start,
                end=end,
                summary_prefix=f"{item.production.title}: ",
                description="\n".join(note),
            )
        )
    return calendar(f"{name} — Regie", events)
