"""Use case: bring what changed in the schedule into a sheet drawn up from it.

The comparison itself, and the rule for a field changed on both sides, are in comparison.py.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from regie.callsheets.comparison import (
    CALL_ATTRS,
    LOCATION_FIELDS,
    ROW_ATTRS,
    Difference,
    call_key,
    next_source,
)
from regie.callsheets.drawing import Drawn, against_schedule, draw_days
from regie.callsheets.models import CallSheet, RunningOrderRow, SheetCall, SheetLocation
from regie.core.audit import log_action
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused


def update_from_schedule(sheet: CallSheet, *, version: int, by: Any) -> list[Difference]:
    """Bring what changed in the schedule since the sheet was drawn up into the sheet: times,
    calls, locations and the running-order lines drawn from items.

    What was written by hand stays: notes, catering, safety, weather, notes per department, lines
    and locations added by hand, per-person notes, and any field the manager changed on the sheet
    that the schedule changed too (the rule is in comparison.py: the sheet's value is kept and the
    difference stays reported). Refused over someone else's unseen edit (`version`), for a sheet
    drawn up before sheets kept their source, and when there is nothing to bring in. Returns the
    differences, those brought in and those kept (`kept`).
    """
    with transaction.atomic():
        current = CallSheet.objects.select_for_update().select_related("production").get(pk=sheet.pk)
        if current.version != version:
            raise EditConflict()
        if current.source is None:
            raise Refused(_("This sheet was drawn up before Regie compared sheets with the schedule: edit it by hand."))
        drawn = draw_days(current.production, [current.date])[current.date]
        calls, locations, rows = list(current.calls.all()), list(current.locations.all()), list(current.rows.all())
        now, differences = against_schedule(current, drawn, calls, locations, rows)
        if not differences:
            raise Refused(_("The sheet already agrees with the schedule: there is nothing to update."))
        applied = [d for d in differences if not d.kept]
        if not applied:
            raise Refused(_("Nothing to bring in: what still differs was changed by hand on the sheet, and is kept."))
        _apply_header(current, drawn, applied)
        _apply_calls(current, drawn, applied, calls)
        _apply_locations(current, drawn, applied, locations)
        _apply_rows(current, drawn, applied, rows)
        current.source = next_source(current.source, now, differences)
        current.version += 1
        current.save()
        log_action(
            current,
            "callsheets.sheet.updated_from_schedule",
            user=by,
            changes={_audit_label(d): {"old": d.sheet, "new": d.schedule} for d in applied},
            data={"applied": [d.as_dict() for d in applied], "kept": [d.as_dict() for d in differences if d.kept]},
        )
    sheet.refresh_from_db()
    return differences


def _audit_label(difference: Difference) -> str:
    parts = (difference.section, difference.subject or difference.code, difference.field or difference.op)
    return " · ".join(part for part in parts if part)


def _of(differences: list[Difference], section: str) -> list[Difference]:
    return [d for d in differences if d.section == section]


def _apply_header(sheet: CallSheet, drawn: Drawn, applied: list[Difference]) -> None:
    for difference in _of(applied, "header"):
        setattr(sheet, difference.field, getattr(drawn, difference.field))


def _apply_calls(sheet: CallSheet, drawn: Drawn, applied: list[Difference], calls: list[SheetCall]) -> None:
    mine = {call_key(c.engagement_id, c.department): c for c in calls}
    theirs = {call_key(c.engagement_id, c.department): c for c in drawn.sheet_calls}
    changed, added, removed = _plan(_of(applied, "calls"), mine, theirs, CALL_ATTRS)
    for call in added:
        call.sheet = sheet
    if changed:
        SheetCall.objects.bulk_update(changed, list(CALL_ATTRS.values()))
    if added:
        SheetCall.objects.bulk_create(added)
    SheetCall.objects.filter(pk__in=removed).delete()


def _apply_locations(sheet: CallSheet, drawn: Drawn, applied: list[Difference], locations: list[SheetLocation]) -> None:
    mine = {str(loc.place_id): loc for loc in locations if loc.place_id is not None}
    theirs = {str(loc.place_id): loc for loc in drawn.locations}
    attrs = {name: name for name in LOCATION_FIELDS}
    changed, added, removed = _plan(_of(applied, "locations"), mine, theirs, attrs)
    last = max((loc.position for loc in locations), default=-1)
    for offset, location in enumerate(added, start=1):
        location.sheet, location.position = sheet, last + offset
    if changed:
        SheetLocation.objects.bulk_update(changed, list(attrs.values()))
    if added:
        SheetLocation.objects.bulk_create(added)
    SheetLocation.objects.filter(pk__in=removed).delete()


def _apply_rows(sheet: CallSheet, drawn: Drawn, applied: list[Difference], rows: list[RunningOrderRow]) -> None:
    """Bring in the lines drawn from items; a line that moved or is new goes where its time puts it
    among the others, which keep their order (lines written by hand included)."""
    mine = {str(row.from_item): row for row in rows if row.from_item is not None}
    theirs = {str(row.from_item): row for row in drawn.rows}
    differences = _of(applied, "rows")
    _changed, added, removed = _plan(differences, mine, theirs, ROW_ATTRS)
    moved = {id(mine[d.key]) for d in differences if d.op == "changed" and d.field == "time"} | {id(r) for r in added}
    remaining = [row for row in rows if row.pk not in removed]
    order = [row for row in remaining if id(row) not in moved]
    floating = [row for row in remaining if id(row) in moved] + added
    for row in sorted(floating, key=lambda r: (r.starts_at is not None, r.starts_at or datetime.time.min)):
        start = row.starts_at
        later = (i for i, other in enumerate(order) if start and other.starts_at and other.starts_at > start)
        order.insert(0 if start is None else next(later, len(order)), row)
    for position, row in enumerate(order):
        row.sheet, row.position = sheet, position
    if differences and remaining:
        RunningOrderRow.objects.bulk_update(remaining, [*ROW_ATTRS.values(), "position"])
    if added:
        RunningOrderRow.objects.bulk_create(added)
    RunningOrderRow.objects.filter(pk__in=removed).delete()


def _plan(
    differences: list[Difference], mine: dict[str, Any], theirs: dict[str, Any], attrs: dict[str, str]
) -> tuple[list[Any], list[Any], list[int]]:
    """Set the changed fields on the sheet's own rows; return those changed, the schedule's rows to
    add and the ids of the sheet's rows to take off."""
    changed: dict[int, Any] = {}
    added, removed = [], []
    for difference in differences:
        if difference.op == "changed":
            obj = mine[difference.key]
            attr = attrs[difference.field]
            setattr(obj, attr, getattr(theirs[difference.key], attr))
            changed[obj.pk] = obj
        elif difference.op == "added":
            added.append(theirs[difference.key])
        elif difference.op in ("removed", "cancelled"):
            removed.append(mine[difference.key].pk)
    return list(changed.values()), added, removed
