"""The sheet against the schedule: what changed in the schedule since the sheet was drawn up.

Pure functions on plain dicts. Three states of a day are compared, each in the same shape:

- the *source*: what the schedule said when the sheet was drawn up or last updated from it
  (stored on the sheet, `CallSheet.source`);
- *now*: what the schedule says today (`drawing.draw_days`, the reader that draws sheets up);
- the *sheet*: what the sheet holds, with the manager's edits.

A field is reported when the schedule changed it since the source (now ≠ source) and the sheet
does not say the same (sheet ≠ now). A field the manager changed on the sheet while the schedule
kept it is a deliberate edit, not a difference.

The rule when both sides changed a field (the schedule moved a call time the manager had also
changed on the sheet): the sheet's value is *kept* by "Update from the schedule", and the
difference keeps being reported — on the page and when publishing — until the sheet and the
schedule agree again (type the schedule's time on the sheet, or correct the schedule). A one-click
update never silently overwrites what someone decided by hand, and never silently hides that the
sheet and the schedule (which also feeds everyone's calendar) disagree. To keep reporting it, the
new source keeps the old value of such a field.

Call times are compared as UTC ISO strings, other times as local "HH:MM". The text of a running
order line is written in the language of whoever drew it up, so whether the schedule changed its
title or who it calls is judged on the codes it was written from (`what_key`, `who_keys`).
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import zoneinfo
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from regie.callsheets.drawing import Drawn
    from regie.callsheets.models import CallSheet, RunningOrderRow, SheetCall, SheetLocation

# Day x of y is left out: it depends on the whole schedule, and adding a day anywhere would mark
# every sheet out of date, drowning the changes that matter to the people called.
HEADER_FIELDS = ("general_call",)
CALL_FIELDS = ("call", "wrap", "pickup", "pickup_place")
LOCATION_FIELDS = (
    "name",
    "address",
    "parking",
    "access",
    "nearest_hospital",
    "emergency_numbers",
    "latitude",
    "longitude",
    "timezone",
)
ROW_FIELDS = ("time", "minutes", "what", "who")
# Fields of a line judged on the codes it was written from, not on its (translated) text.
ROW_KEYS = {"what": "what_key", "who": "who_keys"}
# Changed by hand, though never brought in from the schedule: a call that keeps one is not taken off.
CALL_HAND_FIELDS = ("note",)
MOMENTS = frozenset({"call", "wrap", "pickup"})
SECTIONS = ("rows", "calls", "locations")

# The model field behind each compared field.
CALL_ATTRS = {"call": "call_at", "wrap": "wrap_at", "pickup": "pickup_at", "pickup_place": "pickup_place"}
ROW_ATTRS = {"time": "starts_at", "minutes": "duration_minutes", "what": "what", "who": "who"}


@dataclass(frozen=True)
class Difference:
    """One way the sheet differs from a changed schedule.

    `op`: "changed" (a field), "added" (new in the schedule, not on the sheet), "removed" (no
    longer in the schedule of the day), "cancelled" (its item was cancelled), "absent" (taken off
    the sheet by hand, then changed in the schedule). `subject` is a name, a title or a place;
    `code` labels it when blank (a department, an item's kind). Values are shown as they are (local
    "HH:MM" times). `kept`: the sheet was changed by hand too, so an update keeps the sheet's side.
    """

    section: str  # "header", "rows", "calls", "locations"
    op: str
    key: str
    subject: str = ""
    code: str = ""
    field: str = ""
    schedule: Any = None
    sheet: Any = None
    was: Any = None
    kept: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def call_key(engagement_id: int | None, department: str) -> str:
    """How a call is known on a sheet and in its source: "e<engagement>" or "d-<department>"."""
    return f"e{engagement_id}" if engagement_id else f"d-{department}"


def _moment(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value is not None else None


def _clock(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _decimal(value: Any) -> str | None:
    return str(value) if value is not None else None


def _call(call: SheetCall) -> dict[str, Any]:
    return {
        "call": _moment(call.call_at),
        "wrap": _moment(call.wrap_at),
        "pickup": _moment(call.pickup_at),
        "pickup_place": call.pickup_place,
        "note": call.note,
    }


def _location(location: SheetLocation) -> dict[str, Any]:
    return {
        "name": location.name,
        "address": location.address,
        "parking": location.parking,
        "access": location.access,
        "nearest_hospital": location.nearest_hospital,
        "emergency_numbers": location.emergency_numbers,
        "latitude": _decimal(location.latitude),
        "longitude": _decimal(location.longitude),
        "timezone": location.timezone,
    }


def _row(row: RunningOrderRow) -> dict[str, Any]:
    return {"time": _clock(row.starts_at), "minutes": row.duration_minutes, "what": row.what, "who": row.who}


def source_of(drawn: Drawn, names: dict[str, str], *, rows: bool) -> dict[str, Any]:
    """The day of the schedule as a source: what the sheet is drawn from, JSON-safe.

    `rows` is False for a sheet whose running order is the scenes of the stripboard: its lines
    are not drawn from schedule items, so they are not compared.
    """
    who: dict[int, list[str]] = {}
    for call in drawn.calls:
        who.setdefault(call.item_id, []).append(call_key(call.engagement_id, call.department))
    kinds = {item.pk: (item.title, item.kind) for item in drawn.items}
    return {
        "header": {"general_call": _clock(drawn.general_call)},
        "calls": {
            (key := call_key(c.engagement_id, c.department)): {**_call(c), "name": names.get(key, "")}
            for c in drawn.sheet_calls
        },
        "locations": {str(loc.place_id): _location(loc) for loc in drawn.locations},
        "rows": {
            str(row.from_item): {
                **_row(row),
                "what_key": list(kinds[row.from_item]),  # type: ignore[index]
                "who_keys": who.get(row.from_item, []),  # type: ignore[arg-type]
            }
            for row in drawn.rows
        }
        if rows
        else None,
        "cancelled": [str(item.pk) for item in drawn.cancelled],
    }


def sheet_state(
    sheet: CallSheet, calls: list[SheetCall], locations: list[SheetLocation], rows: list[RunningOrderRow]
) -> dict[str, Any]:
    """The sheet in the shape of a source: its header, its calls, and the locations and lines drawn
    from the schedule (those written by hand are the manager's and are not compared)."""
    return {
        "header": {"general_call": _clock(sheet.general_call)},
        "calls": {call_key(c.engagement_id, c.department): _call(c) for c in calls},
        "locations": {str(loc.place_id): _location(loc) for loc in locations if loc.place_id is not None},
        "rows": {str(row.from_item): _row(row) for row in rows if row.from_item is not None},
    }


# --- comparing ------------------------------------------------------------------------------


class _Shown:
    """Turns stored values into what a person reads: local times of the sheet's day."""

    def __init__(self, tz: zoneinfo.ZoneInfo, day: datetime.date) -> None:
        self.tz, self.day = tz, day

    def __call__(self, field: str, value: Any) -> Any:
        if field not in MOMENTS or value is None:
            return value
        local = datetime.datetime.fromisoformat(value).astimezone(self.tz)
        clock = local.strftime("%H:%M")
        return clock if local.date() == self.day else f"{local.strftime('%d/%m')} {clock}"


def _schedule_changed(base: dict[str, Any], now: dict[str, Any], field: str) -> bool:
    name = ROW_KEYS.get(field, field)
    if name not in base or name not in now:
        name = field
    return bool(base.get(name) != now.get(name))


def _subject(section: str, key: str, entity: dict[str, Any]) -> tuple[str, str]:
    if section == "rows":
        title, kind = entity.get("what_key") or [entity.get("what", ""), ""]
        return str(title), str(kind)
    if section == "calls":
        return (str(entity.get("name", "")), "") if key.startswith("e") else ("", key.removeprefix("d-"))
    return str(entity.get("name", "")), ""


def _compare_section(
    section: str,
    base: dict[str, Any],
    now: dict[str, Any],
    sheet: dict[str, Any],
    cancelled: set[str],
    shown: _Shown,
) -> list[Difference]:
    fields = {"rows": ROW_FIELDS, "calls": CALL_FIELDS, "locations": LOCATION_FIELDS}[section]
    hand = CALL_HAND_FIELDS if section == "calls" else ()
    differences = []
    for key in [*now, *(k for k in base if k not in now)]:
        b, n, s = base.get(key), now.get(key), sheet.get(key)
        subject, code = _subject(section, key, n if n is not None else b)  # type: ignore[arg-type]
        about: dict[str, Any] = {"section": section, "key": key, "subject": subject, "code": code}
        if n is not None and s is not None:
            for name in fields:
                if s.get(name) == n.get(name) or (b is not None and not _schedule_changed(b, n, name)):
                    continue
                differences.append(
                    Difference(
                        **about,
                        op="changed",
                        field=name,
                        schedule=shown(name, n.get(name)),
                        sheet=shown(name, s.get(name)),
                        was=shown(name, b.get(name)) if b is not None else None,
                        kept=b is None or s.get(name) != b.get(name),
                    )
                )
        elif n is not None:
            first = fields[0]
            if b is None:
                differences.append(Difference(**about, op="added", schedule=shown(first, n.get(first))))
            elif any(_schedule_changed(b, n, name) for name in fields):
                differences.append(Difference(**about, op="absent", schedule=shown(first, n.get(first)), kept=True))
        elif s is not None and b is not None:
            touched = any(s.get(name) != b.get(name) for name in (*fields, *hand))
            op = "cancelled" if section == "rows" and key in cancelled else "removed"
            differences.append(Difference(**about, op=op, kept=touched))
    return differences


def compare(
    base: dict[str, Any], now: dict[str, Any], sheet: dict[str, Any], *, tz: zoneinfo.ZoneInfo, day: datetime.date
) -> list[Difference]:
    """The differences between the sheet and a schedule that changed since `base`: the header,
    then the running order (when drawn from items), the calls and the locations."""
    shown = _Shown(tz, day)
    differences = []
    b, n, s = base["header"], now["header"], sheet["header"]
    for name in HEADER_FIELDS:
        if s.get(name) != n.get(name) and _schedule_changed(b, n, name):
            differences.append(
                Difference(
                    "header",
                    "changed",
                    name,
                    field=name,
                    schedule=n.get(name),
                    sheet=s.get(name),
                    was=b.get(name),
                    kept=s.get(name) != b.get(name),
                )
            )
    cancelled = set(now.get("cancelled", []))
    for section in SECTIONS:
        if base.get(section) is None or now.get(section) is None:
            continue
        differences += _compare_section(section, base[section], now[section], sheet[section], cancelled, shown)
    return differences


def next_source(base: dict[str, Any], now: dict[str, Any], differences: list[Difference]) -> dict[str, Any]:
    """The source after an update: the schedule as it is now, except where a difference was kept.

    A kept field keeps its old value in the source (and a kept line, call or location its old
    entry), so that the difference is still reported until the sheet and the schedule agree.
    """
    source = copy.deepcopy(now)
    if base.get("rows") is None:
        source["rows"] = None
    for difference in differences:
        if not difference.kept:
            continue
        if difference.section == "header":
            source["header"][difference.field] = base["header"].get(difference.field)
            continue
        old = base[difference.section].get(difference.key)
        entries = source[difference.section]
        if old is None:
            entries.pop(difference.key, None)
        elif difference.op == "changed" and difference.key in entries:
            entry = entries[difference.key]
            for name in {difference.field, ROW_KEYS.get(difference.field, difference.field)}:
                if name in old:
                    entry[name] = old[name]
        else:
            entries[difference.key] = copy.deepcopy(old)
    return source


def digest(differences: list[Difference]) -> str:
    """A fingerprint of the differences someone saw: publishing anyway needs the same ones."""
    if not differences:
        return ""
    text = json.dumps([d.as_dict() for d in differences], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def can_update(differences: list[Difference]) -> bool:
    """Whether "Update from the schedule" would bring anything in."""
    return any(not d.kept for d in differences)
