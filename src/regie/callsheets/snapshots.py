"""What a published version holds, what changed since the last one, and what a reader may see.

Pure functions on plain dicts: the snapshot is JSON, language-neutral (codes, not labels, so
each recipient reads it in their own language) and holds no fee and no personal data. Phone
numbers of people who hid them are in it, flagged, and `for_reader` strips them for readers
who may not see them.
"""

from __future__ import annotations

import copy
import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from astral import Observer
from astral.sun import sun
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

HEADER_FIELDS = ("date", "title", "general_call", "weather", "catering", "safety", "notes")
CALL_FIELDS = ("call", "wrap", "pickup", "pickup_place", "note")
LOCATION_FIELDS = ("address", "parking", "access", "nearest_hospital", "emergency_numbers")

FIELD_LABELS: dict[str, Any] = {
    "date": _("Date"),
    "title": _("Title"),
    "general_call": pgettext_lazy("callsheet", "General call"),
    "weather": _("Weather"),
    "catering": pgettext_lazy("callsheet", "Catering"),
    "safety": _("Safety notes"),
    "notes": _("Notes"),
    "call": pgettext_lazy("schedule", "Call time"),
    "wrap": _("Wrap"),
    "pickup": _("Pick-up time"),
    "pickup_place": _("Pick-up place"),
    "note": _("Note"),
    "address": _("Address"),
    "parking": _("Parking"),
    "access": _("Access"),
    "nearest_hospital": _("Nearest hospital"),
    "emergency_numbers": _("Emergency numbers"),
}


def local_time(moment: datetime.datetime | None, tz: zoneinfo.ZoneInfo) -> str | None:
    """ "HH:MM" on the wall clock of `tz` (UTC offsets and DST resolved by zoneinfo), or None."""
    return moment.astimezone(tz).strftime("%H:%M") if moment is not None else None


def sun_times(
    latitude: Decimal | None, longitude: Decimal | None, day: datetime.date, tz_name: str
) -> tuple[str | None, str | None]:
    """Sunrise and sunset as local "HH:MM" at a place, or (None, None) without coordinates or
    where the sun does not rise or set that day (astral raises ValueError near the poles)."""
    if latitude is None or longitude is None:
        return None, None
    tz = zoneinfo.ZoneInfo(tz_name)
    try:
        times = sun(Observer(latitude=float(latitude), longitude=float(longitude)), date=day, tzinfo=tz)
    except ValueError:
        return None, None
    return local_time(times["sunrise"], tz), local_time(times["sunset"], tz)


def for_reader(snapshot: dict[str, Any], *, sees_private: bool) -> dict[str, Any]:
    """The snapshot as a reader may see it: without the phone numbers their owners hid, unless
    the reader manages the crew."""
    if sees_private:
        return snapshot
    visible = copy.deepcopy(snapshot)
    for call in visible["calls"]:
        if call.get("phone_private"):
            call["phone"] = ""
    return visible


@dataclass(frozen=True)
class Change:
    section: str  # "header", "call", "location", "department_note", "running_order"
    op: str  # "added", "removed", "changed"
    subject: str  # a person's name, a department code, a location name or a field code
    field: str = ""
    old: Any = None
    new: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "op": self.op,
            "subject": self.subject,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def _keyed(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _subject(row: dict[str, Any]) -> str:
    """A person's name, or the department's code for a department call (labelled when shown)."""
    return str(row.get("name") or row.get("department", ""))


def _compare_rows(section: str, before: list, after: list, key: str, fields: tuple) -> list[Change]:
    old, new = _keyed(before, key), _keyed(after, key)
    changes = [Change(section, "removed", _subject(old[k])) for k in old if k not in new]
    for k, row in new.items():
        if k not in old:
            changes.append(Change(section, "added", _subject(row)))
            continue
        changes += [
            Change(section, "changed", _subject(row), name, old[k].get(name), row.get(name))
            for name in fields
            if old[k].get(name) != row.get(name)
        ]
    return changes


def changes_between(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed from one published version to the next: header fields, calls (by person or
    department), locations (by name), notes per department, and the running order as a whole."""
    if before is None:
        return []
    changes = [
        Change("header", "changed", name, name, before.get(name), after.get(name))
        for name in HEADER_FIELDS
        if before.get(name) != after.get(name)
    ]
    changes += _compare_rows("call", before["calls"], after["calls"], "key", CALL_FIELDS)
    changes += _compare_rows("location", before["locations"], after["locations"], "name", LOCATION_FIELDS)
    old_notes, new_notes = before.get("department_notes", {}), after.get("department_notes", {})
    changes += [
        Change("department_note", "changed", dept, "note", old_notes.get(dept, ""), new_notes.get(dept, ""))
        for dept in sorted(set(old_notes) | set(new_notes))
        if old_notes.get(dept, "") != new_notes.get(dept, "")
    ]
    if before.get("rows") != after.get("rows"):
        changes.append(Change("running_order", "changed", "rows"))
    return [change.as_dict() for change in changes]


def changed_call_keys(changes: list[dict[str, Any]], snapshot: dict[str, Any]) -> set[str]:
    """The keys of the calls a change touches, to mark them on the page."""
    names = {c["subject"] for c in changes if c["section"] == "call"}
    return {call["key"] for call in snapshot["calls"] if _subject(call) in names}
