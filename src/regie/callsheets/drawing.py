"""Reading the schedule for call sheets: what the sheet of a day is drawn up from.

`draw_days` is the one reader. Drawing a sheet up (`generate_call_sheet`), comparing a sheet with
the schedule and bringing the schedule's changes into it all go through it, so the sheet and its
comparison can never read the schedule differently. It reads any number of days in a fixed number
of queries, whatever the number of items and people called.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from regie.callsheets.comparison import Difference, call_key, compare, sheet_state, source_of
from regie.callsheets.models import CallSheet, RunningOrderRow, SheetCall, SheetLocation
from regie.callsheets.queries import calls_of_items, day_bounds, items_of_days
from regie.people.models import DEPARTMENT_LABELS, EngagementStatus
from regie.productions.models import Production
from regie.scheduling.models import NON_WORKING_KINDS, Call, ItemKind, ItemStatus, ScheduleItem
from regie.scripts.models import Board, StripKind


@dataclass
class Drawn:
    """What the schedule says about one day, in the shape of a sheet (rows not saved, no sheet set)."""

    day: datetime.date
    tz: zoneinfo.ZoneInfo
    items: list[ScheduleItem]  # the day's items, cancelled ones left out, by start
    cancelled: list[ScheduleItem]
    calls: list[Call]  # the calls of `items`, by when each is wanted
    sheet_calls: list[SheetCall] = field(default_factory=list)
    locations: list[SheetLocation] = field(default_factory=list)
    rows: list[RunningOrderRow] = field(default_factory=list)
    general_call: datetime.time | None = None
    day_number: int | None = None
    day_count: int | None = None

    @property
    def title(self) -> str:
        return self.items[0].title if self.items and self.items[0].title else ""


def draw_days(
    production: Production, days: Iterable[datetime.date], *, numbered: bool = False
) -> dict[datetime.date, Drawn]:
    """The schedule of each day in the shape of its sheet, in two queries for any number of days;
    a third when `numbered` asks for "day x of y", which is read from the whole schedule."""
    days = sorted(set(days))
    if not days:
        return {}
    tz = zoneinfo.ZoneInfo(production.timezone)
    items = items_of_days(production, days)
    active = [item for item in items if item.status != ItemStatus.CANCELLED]
    # By when each is wanted (a call without its own time is at the item's start); in Python
    # because databases sort a NULL call time differently.
    calls = sorted(calls_of_items(active), key=lambda c: (c.call_at or c.item.starts_at, c.pk)) if active else []
    working = working_days(production, tz)[production.is_screen] if numbered else None
    drawn = {}
    for day in days:
        start, end = day_bounds(production, day)
        touching = [item for item in items if item.starts_at < end and item.ends_at > start]
        of_day = [item for item in touching if item.status != ItemStatus.CANCELLED]
        ids = {item.pk for item in of_day}
        drawn[day] = _draw(
            Drawn(
                day=day,
                tz=tz,
                items=of_day,
                cancelled=[item for item in touching if item.status == ItemStatus.CANCELLED],
                calls=[call for call in calls if call.item_id in ids],
            ),
            working,
        )
    return drawn


def _draw(drawn: Drawn, working: list[datetime.date] | None) -> Drawn:
    drawn.sheet_calls = merge_calls(drawn.calls)
    drawn.locations = _locations(drawn.items)
    drawn.rows = _item_rows(drawn)
    first = min([c.call_at for c in drawn.sheet_calls if c.call_at] + [i.starts_at for i in drawn.items], default=None)
    drawn.general_call = first.astimezone(drawn.tz).time() if first else None
    if working is not None and drawn.day in working:
        drawn.day_number, drawn.day_count = working.index(drawn.day) + 1, len(working)
    elif working is not None:
        drawn.day_count = len(working) or None
    return drawn


def working_days(production: Production, tz: zoneinfo.ZoneInfo) -> dict[bool, list[datetime.date]]:
    """The days that count for "day x of y": the working days of the schedule (stage, False) and
    its shooting days (screen, True)."""
    rows = (
        production.schedule_items.exclude(status=ItemStatus.CANCELLED)
        .exclude(kind__in=NON_WORKING_KINDS)
        .values_list("starts_at", "kind")
    )
    every, shooting = set(), set()
    for start, kind in rows:
        every.add(start.astimezone(tz).date())
        if kind == ItemKind.SHOOTING_DAY:
            shooting.add(start.astimezone(tz).date())
    return {False: sorted(every), True: sorted(shooting)}


def department_label(code: str) -> str:
    return str(DEPARTMENT_LABELS.get(code, code))


def _item_rows(drawn: Drawn) -> list[RunningOrderRow]:
    """One line per schedule item for a stage or event day, with who is called for it."""
    called: dict[int, list[str]] = {}
    for call in drawn.calls:
        label = call.engagement.contact.name if call.engagement is not None else department_label(call.department)
        called.setdefault(call.item_id, []).append(label)
    rows = []
    for item in drawn.items:
        local_start = item.starts_at.astimezone(drawn.tz)
        starts = local_start.time() if local_start.date() == drawn.day else None
        minutes = int((item.ends_at - item.starts_at).total_seconds() // 60)
        rows.append(
            RunningOrderRow(
                from_item=item.pk,
                starts_at=starts,
                duration_minutes=minutes,
                what=(item.title or str(item.get_kind_display()))[:300],
                who=", ".join(called.get(item.pk, []))[:200],
            )
        )
    return rows


def merge_calls(calls: list[Any]) -> list[SheetCall]:
    """One sheet call per person and per department: the earliest call, the latest wrap, the first pick-up."""
    merged: dict[str, SheetCall] = {}
    for call in calls:
        if call.engagement_id and call.engagement.status == EngagementStatus.CANCELLED:
            continue
        key = call_key(call.engagement_id, call.department)
        call_at, wrap_at = call.call_at or call.item.starts_at, call.wrap_at or call.item.ends_at
        row = merged.get(key)
        if row is None:
            merged[key] = SheetCall(
                engagement_id=call.engagement_id,
                department=call.department,
                call_at=call_at,
                wrap_at=wrap_at,
                pickup_at=call.pickup_at,
                pickup_place=call.pickup_place,
                note=call.note,
            )
            continue
        row.call_at = min(row.call_at, call_at)  # type: ignore[type-var]
        row.wrap_at = max(row.wrap_at, wrap_at)  # type: ignore[type-var]
        if row.pickup_at is None and call.pickup_at is not None:
            row.pickup_at, row.pickup_place = call.pickup_at, call.pickup_place
    return list(merged.values())


def _locations(items: list[ScheduleItem]) -> list[SheetLocation]:
    seen: dict[int, SheetLocation] = {}
    for item in items:
        place = item.place
        if place is None or place.pk in seen:
            continue
        seen[place.pk] = SheetLocation(
            place=place,
            name=place.name,
            address=place.address,
            parking=place.parking,
            access=place.access,
            nearest_hospital=place.nearest_hospital,
            emergency_numbers=place.emergency_numbers,
            latitude=place.latitude,
            longitude=place.longitude,
            timezone=place.timezone,
            position=len(seen),
        )
    return list(seen.values())


def scene_rows(production: Production, day_number: int | None) -> list[RunningOrderRow]:
    """The scenes of strip day `day_number` on the production's latest board, where there is one.

    A stripboard orders scenes into days split by "end of day" strips, without dates: shooting
    day N of the schedule is taken to be day N of the board.
    """
    board = Board.objects.filter(production=production).order_by("-created", "-pk").first()
    if board is None or day_number is None:
        return []
    rows, current = [], 1
    for strip in board.strips.select_related("scene").order_by("position", "pk"):
        if strip.kind == StripKind.DAY_BREAK:
            current += 1
            if current > day_number:
                break
        elif strip.kind == StripKind.SCENE and current == day_number and strip.scene is not None:
            scene = strip.scene
            rows.append(
                RunningOrderRow(
                    scene=scene,
                    what=f"{scene.number}. {scene.heading}",
                    who="",
                    duration_minutes=None,
                )
            )
    return rows


# --- the sheet against the schedule ---------------------------------------------------------


def names_of(drawn: Drawn) -> dict[str, str]:
    return {call_key(c.engagement_id, ""): c.engagement.contact.name for c in drawn.calls if c.engagement is not None}


def against_schedule(
    sheet: CallSheet,
    drawn: Drawn,
    calls: list[SheetCall],
    locations: list[SheetLocation],
    rows: list[RunningOrderRow],
) -> tuple[dict[str, Any], list[Difference]]:
    """The schedule of the sheet's day as a source, and how the sheet differs from it."""
    base = sheet.source
    assert base is not None
    now = source_of(drawn, names_of(drawn), rows=base.get("rows") is not None)
    return now, compare(base, now, sheet_state(sheet, calls, locations, rows), tz=drawn.tz, day=sheet.date)


def schedule_differences(sheet: CallSheet) -> list[Difference]:
    """What differs between the sheet and its day of the schedule, where the schedule changed
    since the sheet was drawn up or last updated from it. Five queries, whatever the crew."""
    if sheet.source is None:
        return []
    return differences_of_sheets(sheet.production, [sheet])[sheet.pk]


def differences_of_sheets(production: Production, sheets: list[CallSheet]) -> dict[int, list[Difference]]:
    """`schedule_differences` of several sheets of a production at once, in the same five queries.
    Sheets drawn up before sheets kept their source are left out."""
    sheets = [sheet for sheet in sheets if sheet.source is not None]
    if not sheets:
        return {}
    drawn = draw_days(production, [sheet.date for sheet in sheets])
    ids = [sheet.pk for sheet in sheets]
    calls: dict[int, list[SheetCall]] = {pk: [] for pk in ids}
    for call in SheetCall.objects.filter(sheet__in=ids):
        calls[call.sheet_id].append(call)
    locations: dict[int, list[SheetLocation]] = {pk: [] for pk in ids}
    for location in SheetLocation.objects.filter(sheet__in=ids, place__isnull=False):
        locations[location.sheet_id].append(location)
    rows: dict[int, list[RunningOrderRow]] = {pk: [] for pk in ids}
    for row in RunningOrderRow.objects.filter(sheet__in=ids, from_item__isnull=False):
        rows[row.sheet_id].append(row)
    return {
        sheet.pk: against_schedule(sheet, drawn[sheet.date], calls[sheet.pk], locations[sheet.pk], rows[sheet.pk])[1]
        for sheet in sheets
    }
