"""The Universal Schedule Standard (USS) JSON: reading with per-item validation, and writing.

USS (https://www.universalschedulestandard.org, samples in ../shared/corpora/schedules/uss/) holds
`breakdowns` (scene strips, type "strip" or "scene", and banners), `categories` (by `ucid`:
0 set, 1 INT/EXT, 2 day/night, 100+ breakdown categories), `elements` (each in a category),
`stripboards` (each with a "stripboard" board and a "boneyard"; a board lists breakdown ids, as
one list, or as a list of lists: one list per shooting day) and `calendars` (start date, weekdays
off with Sunday 0, holidays). Two dialects exist: 1.0.0 (`ucid`, `type`/`name` events) and the
earlier 0.1.0 (`catId`, categories listing their elements, `effect`/`type` events, `time`).

`parse_uss` checks everything first and raises `UssError` with one line per faulty item, so an
import never half happens. No Django models here; messages are translated.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
SET, INT_EXT, DAY_NIGHT = 0, 1, 2
SCENE_TYPES = {"strip", "scene"}


class UssError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class UssElement:
    id: str
    name: str
    ucid: int | None
    category: str  # the category's name


@dataclass
class UssBreakdown:
    id: str
    kind: str  # "scene", "banner" or "day" (an end of day, in 0.1.0 files)
    scene: str
    description: str
    pages: float
    elements: list[str]
    text: str  # a banner's text
    travel: bool = False  # a Regie travel day, written as a banner


@dataclass
class UssBoard:
    name: str
    days: list[list[str]] | None  # None when the board is one list (no days)
    order: list[str]
    boneyard: list[str]
    start: datetime.date | None = None
    weekdays_off: list[int] = field(default_factory=list)  # Python weekdays, Monday 0
    dates_off: list[str] = field(default_factory=list)


@dataclass
class UssSchedule:
    name: str
    elements: dict[str, UssElement]
    breakdowns: dict[str, UssBreakdown]
    boards: list[UssBoard]


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _label(index: int, raw: dict[str, Any]) -> str:
    scene = raw.get("scene")
    return (
        _("breakdown %(index)s (scene %(scene)s)") % {"index": index + 1, "scene": scene}
        if scene
        else _("breakdown %(index)s") % {"index": index + 1}
    )


def _categories(raw: list[Any], problems: list[str]) -> tuple[dict[str, tuple[int | None, str]], dict[str, str]]:
    """Category id -> (ucid, name), and element id -> category id for 0.1.0 files listing elements per category."""
    categories: dict[str, tuple[int | None, str]] = {}
    listed: dict[str, str] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            problems.append(_("Category %(index)s needs an id and a name.") % {"index": index + 1})
            continue
        ucid = item.get("ucid", item.get("catId"))
        categories[str(item["id"])] = (ucid if isinstance(ucid, int) else None, _text(item["name"]))
        for element_id in item.get("elements") or []:
            listed[str(element_id)] = str(item["id"])
    return categories, listed


def _elements(
    raw: list[Any], categories: dict[str, tuple[int | None, str]], listed: dict[str, str], problems: list[str]
) -> dict[str, UssElement]:
    elements: dict[str, UssElement] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not item.get("id") or not _text(item.get("name")):
            problems.append(_("Element %(index)s needs an id and a name.") % {"index": index + 1})
            continue
        element_id = str(item["id"])
        category_id = str(item.get("category") or listed.get(element_id, ""))
        if category_id not in categories:
            problems.append(
                _("Element %(index)s (%(name)s) is in category %(category)s, which the file does not define.")
                % {"index": index + 1, "name": _text(item["name"]), "category": category_id or "?"}
            )
            continue
        ucid, name = categories[category_id]
        elements[element_id] = UssElement(element_id, _text(item["name"]), ucid, name)
    return elements


def _breakdowns(
    raw: list[Any], elements: dict[str, UssElement], problems: list[str], faulty: set[str]
) -> dict[str, UssBreakdown]:
    """The valid breakdowns; the ids of faulty ones go to `faulty` so that boards do not report them again."""
    breakdowns: dict[str, UssBreakdown] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.append(_("Breakdown %(index)s is not an object.") % {"index": index + 1})
            continue
        label = _label(index, item)
        kind = item.get("type")
        if item.get("id"):
            faulty.add(str(item["id"]))
        if not item.get("id") or kind not in SCENE_TYPES | {"banner", "day"}:
            problems.append(_("%(item)s needs an id and a type (strip, banner or day).") % {"item": label})
            continue
        refs = item.get("elements") or []
        if not isinstance(refs, list):
            problems.append(_("%(item)s: elements must be a list of element ids.") % {"item": label})
            continue
        unknown = [str(ref) for ref in refs if str(ref) not in elements]
        if unknown:
            problems.append(
                _("%(item)s refers to element %(element)s, which the file does not define.")
                % {"item": label, "element": unknown[0]}
            )
            continue
        pages = item.get("pages")
        if pages is not None and (isinstance(pages, bool) or not isinstance(pages, int | float) or pages < 0):
            problems.append(_("%(item)s: pages must be a number, not %(value)r.") % {"item": label, "value": pages})
            continue
        faulty.discard(str(item["id"]))
        breakdowns[str(item["id"])] = UssBreakdown(
            id=str(item["id"]),
            kind="scene" if kind in SCENE_TYPES else str(kind),
            scene=_text(item.get("scene")),
            description=str(item.get("description") or ""),
            pages=float(pages or 0),
            elements=[str(ref) for ref in refs],
            text=_text(item.get("bannerText") or item.get("description")),
            travel=item.get("regieKind") == "travel",
        )
    return breakdowns


def _calendar(raw: Any) -> tuple[datetime.date | None, list[int], list[str]]:
    if not isinstance(raw, dict):
        return None, [], []
    start = None
    dates_off = []
    for event in raw.get("events") or []:
        if not isinstance(event, dict):
            continue
        effect = event.get("effect") or event.get("type")
        name = event.get("name") if "effect" not in event else event.get("type")
        date = _date(event.get("date"))
        if effect == "start" and date is not None:
            start = date
        elif date is not None and (effect == "dayOff" or name in {"holiday", "dayOff"}):
            dates_off.append(date.isoformat())
    weekdays = [(int(day) + 6) % 7 for day in raw.get("daysOff") or [] if isinstance(day, int) and 0 <= day <= 6]
    return start, sorted(set(weekdays)), sorted(set(dates_off))


def _ids(value: Any) -> tuple[list[str], list[list[str]] | None]:
    """A board's breakdown list: flat, or one list per day."""
    if not isinstance(value, list):
        return [], None
    if value and all(isinstance(part, list) for part in value):
        days = [[str(ref) for ref in part] for part in value]
        return [ref for day in days for ref in day], days
    flat: list[str] = []
    for part in value:
        flat += [str(ref) for ref in part] if isinstance(part, list) else [str(part)]
    return flat, None


def _boards(
    raw: list[Any],
    breakdowns: dict[str, UssBreakdown],
    calendars: dict[str, Any],
    problems: list[str],
    faulty: set[str],
) -> list[UssBoard]:
    boards = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("boards"), list):
            problems.append(_("Stripboard %(index)s needs a list of boards.") % {"index": index + 1})
            continue
        name = _text(item.get("name")) or _("Stripboard %(index)s") % {"index": index + 1}
        parts = {str(b.get("name", "")).lower(): b for b in item["boards"] if isinstance(b, dict)}
        main = parts.get("stripboard") or next(iter(parts.values()), {})
        order, days = _ids(main.get("breakdownArrays", main.get("breakdownIds")))
        boneyard, _days = _ids(
            parts.get("boneyard", {}).get("breakdownArrays", parts.get("boneyard", {}).get("breakdownIds"))
        )
        unknown = [ref for ref in order + boneyard if ref not in breakdowns and ref not in faulty]
        if unknown:
            problems.append(
                _("Stripboard %(name)s lists breakdown %(ref)s, which the file does not define.")
                % {"name": name, "ref": unknown[0]}
            )
            continue
        start, weekdays, dates_off = _calendar(calendars.get(str(item.get("calendar"))))
        boards.append(UssBoard(name, days, order, boneyard, start, weekdays, dates_off))
    return boards


def parse_uss(data: bytes) -> UssSchedule:
    """Read a USS file; UssError lists every problem (one line per item) and nothing is returned."""
    if len(data) > MAX_BYTES:
        raise UssError([_("The file is larger than 5 MB; a schedule file is much smaller.")])
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UssError([_("The file is not UTF-8 text.")]) from None
    except json.JSONDecodeError as error:
        raise UssError(
            [_("The file is not JSON: %(msg)s at line %(line)s.") % {"msg": error.msg, "line": error.lineno}]
        ) from None
    root = document.get("universalScheduleStandard") if isinstance(document, dict) else None
    if not isinstance(root, dict):
        raise UssError([_("The file has no universalScheduleStandard object: it is not a USS schedule.")])
    problems: list[str] = []
    for key in ("breakdowns", "categories", "elements"):
        if not isinstance(root.get(key), list):
            problems.append(_("The schedule has no list of %(key)s.") % {"key": key})
    if problems:
        raise UssError(problems)
    categories, listed = _categories(root["categories"], problems)
    elements = _elements(root["elements"], categories, listed, problems)
    faulty: set[str] = set()
    breakdowns = _breakdowns(root["breakdowns"], elements, problems, faulty)
    calendars = {str(c.get("id")): c for c in root.get("calendars") or [] if isinstance(c, dict)}
    boards = _boards(root.get("stripboards") or [], breakdowns, calendars, problems, faulty)
    if problems:
        raise UssError(problems)
    if not any(b.kind == "scene" for b in breakdowns.values()):
        raise UssError([_("The schedule has no scene strips.")])
    return UssSchedule(_text(root.get("name")) or _text(root.get("project")), elements, breakdowns, boards)
