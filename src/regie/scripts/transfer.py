"""USS schedules into a production's scenes, breakdown and boards, and a board out as USS.

Import: every scene strip becomes a scene (matched to an existing scene of the same number, else
made), its elements breakdown elements (by category and name, shared across scenes), and every
stripboard of the file a new board: its days separated by ends of day, its banners as banners,
the boneyard after the last day; its calendar gives the board's first day and days off. All in
one transaction, after the whole file was checked (`uss.parse_uss`).

Export writes the same structure back (USS 1.0.0), so a board exported and imported into an
empty production gives the same scenes, elements and days.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.core.audit import log_action
from regie.core.feedback import Refused
from regie.productions.models import Production
from regie.scripts.models import Board, BreakdownElement, Category, Scene, SceneElement, Strip, StripKind
from regie.scripts.services import FDX_CATEGORIES, NAME_LENGTH
from regie.scripts.uss import DAY_NIGHT, INT_EXT, SET, UssBoard, UssError, UssSchedule, parse_uss

UCID_CATEGORY = {
    100: Category.CAST,
    101: Category.BACKGROUND,
    102: Category.STUNTS,
    103: Category.VEHICLES,
    104: Category.PROPS,
    105: Category.SPECIAL_EFFECTS,
    106: Category.COSTUMES,
    107: Category.MAKEUP_HAIR,
    108: Category.ANIMALS,
    109: Category.ANIMALS,
    110: Category.SPECIAL_EQUIPMENT,
    111: Category.SPECIAL_EQUIPMENT,
    112: Category.SPECIAL_EQUIPMENT,
    113: Category.SOUND,
    114: Category.MUSIC,
    115: Category.SET_DRESSING,
    116: Category.SET_DRESSING,
    117: Category.SET_DRESSING,
    119: Category.SPECIAL_EQUIPMENT,
    121: Category.SPECIAL_EFFECTS,
    122: Category.SPECIAL_EFFECTS,
    123: Category.NOTES,
}
CATEGORY_UCID = {
    Category.CAST: (100, "Cast Members"),
    Category.BACKGROUND: (101, "Background Actors"),
    Category.STUNTS: (102, "Stunts"),
    Category.VEHICLES: (103, "Vehicles"),
    Category.PROPS: (104, "Props"),
    Category.SPECIAL_EFFECTS: (105, "Special Effects"),
    Category.COSTUMES: (106, "Wardrobe"),
    Category.MAKEUP_HAIR: (107, "Makeup/Hair"),
    Category.ANIMALS: (108, "Animals"),
    Category.SET_DRESSING: (116, "Set Dressing"),
    Category.SPECIAL_EQUIPMENT: (119, "Special Equipment"),
    Category.SOUND: (113, "Sound"),
    Category.MUSIC: (114, "Music"),
    Category.NOTES: (123, "Notes"),
}
SCENE_FIELDS = {SET: (0, "Set"), INT_EXT: (1, "INT/EXT"), DAY_NIGHT: (2, "Day/Night")}


class UssRefused(Refused):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems[:1]))
        self.problems = problems


def _category(ucid: int | None, name: str) -> str:
    if ucid is not None and ucid in UCID_CATEGORY:
        return UCID_CATEGORY[ucid]
    return FDX_CATEGORIES.get(name.lower(), Category.NOTES)


def import_uss(production: Production, data: bytes, *, by: User) -> list[Board]:
    """Read a USS file into the production; UssRefused lists the problems and nothing changes."""
    try:
        schedule = parse_uss(data)
    except UssError as error:
        raise UssRefused(error.problems) from error
    with transaction.atomic():
        Production.objects.select_for_update().get(pk=production.pk)
        scenes = _scenes(production, schedule)
        boards = [_board(production, schedule, board, scenes) for board in schedule.boards]
        if not boards:
            everything = UssBoard(schedule.name, None, list(schedule.breakdowns), [])
            boards = [_board(production, schedule, everything, scenes)]
        for board in boards:
            log_action(board, "scripts.board.imported", user=by, data={"name": board.name, "format": "USS"})
    return boards


def _scenes(production: Production, schedule: UssSchedule) -> dict[str, Scene]:
    """Breakdown id -> scene, made or found by number; its non-scene elements on its breakdown."""
    existing = {s.number: s for s in Scene.objects.filter(production=production, removed=False)}
    order = (Scene.objects.filter(production=production).aggregate(last=Max("order"))["last"] or 0) + 1
    elements = {(e.category, e.name): e for e in BreakdownElement.objects.filter(production=production)}
    scenes: dict[str, Scene] = {}
    links: list[SceneElement] = []
    for breakdown in schedule.breakdowns.values():
        if breakdown.kind != "scene":
            continue
        fields = {SET: "", INT_EXT: "", DAY_NIGHT: ""}
        wanted = []
        for ref in breakdown.elements:
            element = schedule.elements[ref]
            if element.ucid in fields:
                fields[element.ucid] = element.name
            elif element.ucid is None or element.ucid >= 100:
                wanted.append((_category(element.ucid, element.category), element.name[:NAME_LENGTH]))
        scene = existing.get(breakdown.scene[:20]) if breakdown.scene else None
        if scene is None:
            heading = " - ".join(p for p in (f"{fields[INT_EXT]}. {fields[SET]}".strip(". "), fields[DAY_NIGHT]) if p)
            scene = Scene.objects.create(
                production=production,
                number=breakdown.scene[:20],
                numbered=bool(breakdown.scene),
                heading=(heading or breakdown.scene or breakdown.description or "?")[:300],
                int_ext=fields[INT_EXT][:20],
                location=fields[SET][:200],
                time_of_day=fields[DAY_NIGHT][:50],
                eighths=round(breakdown.pages * 8),
                synopsis=breakdown.description,
                order=order,
            )
            order += 1
            if scene.number:
                existing[scene.number] = scene
        scenes[breakdown.id] = scene
        for pair in wanted:
            if pair not in elements:
                elements[pair] = BreakdownElement.objects.create(production=production, category=pair[0], name=pair[1])
            links.append(SceneElement(scene=scene, element=elements[pair]))
    SceneElement.objects.bulk_create(links, ignore_conflicts=True)
    return scenes


def _board(production: Production, schedule: UssSchedule, uss: UssBoard, scenes: dict[str, Scene]) -> Board:
    board = Board.objects.create(
        production=production,
        name=(uss.name or _("Imported schedule"))[:100],
        start_date=uss.start,
        days_off=uss.weekdays_off,
        dates_off=uss.dates_off,
    )
    strips: list[Strip] = []
    placed: set[int] = set()

    def add(ref: str) -> None:
        breakdown = schedule.breakdowns[ref]
        if breakdown.kind == "scene":
            scene = scenes[ref]
            if scene.pk not in placed:
                placed.add(scene.pk)
                strips.append(Strip(board=board, kind=StripKind.SCENE, scene=scene))
        elif breakdown.kind == "day":
            strips.append(Strip(board=board, kind=StripKind.DAY_BREAK))
        else:
            kind = StripKind.TRAVEL if breakdown.travel else StripKind.BANNER
            strips.append(Strip(board=board, kind=kind, text=breakdown.text[:200]))

    if uss.days is None:
        for ref in uss.order:
            add(ref)
    else:
        for day in uss.days:
            for ref in day:
                add(ref)
            if not (day and schedule.breakdowns[day[-1]].travel):  # a travel strip is a day by itself
                strips.append(Strip(board=board, kind=StripKind.DAY_BREAK))
    for ref in uss.boneyard:
        add(ref)
    last = 0
    for position, strip in enumerate(strips, start=1):
        strip.position = last = position
    Strip.objects.bulk_create(strips)
    missing = Scene.objects.filter(production=production, removed=False).exclude(pk__in=placed).order_by("order")
    Strip.objects.bulk_create(
        Strip(board=board, kind=StripKind.SCENE, scene=scene, position=last + index)
        for index, scene in enumerate(missing, start=1)
    )
    return board


# Export


def _iso(date: datetime.date) -> str:
    return f"{date.isoformat()}T07:00:00.000Z"


def export_board(board: Board) -> dict[str, Any]:
    """The board as a USS 1.0.0 document: its scenes, their breakdown, its days and calendar."""
    strips = list(board.strips.select_related("scene").order_by("position", "pk"))
    scene_ids = [s.scene_id for s in strips if s.scene_id is not None]
    links = SceneElement.objects.filter(scene_id__in=scene_ids).select_related("element").order_by("element__name")
    by_scene: dict[int, list[BreakdownElement]] = {}
    for link in links:
        by_scene.setdefault(link.scene_id, []).append(link.element)
    now = timezone.now().strftime("%Y-%m-%dT%H:%M:%S.000Z")
    categories: dict[int, dict[str, Any]] = {}
    elements: dict[str, dict[str, Any]] = {}

    def element(ucid: int, category: str, name: str, key: str) -> str:
        categories.setdefault(ucid, {"id": f"c{ucid}", "ucid": ucid, "created": now, "name": category})
        element_id = f"e-{key}"
        elements.setdefault(
            element_id,
            {
                "id": element_id,
                "category": f"c{ucid}",
                "created": now,
                "daysOff": [],
                "isDrop": False,
                "isHold": True,
                "isDood": ucid == 100,
                "elementId": "",
                "isIdLock": False,
                "linkedElements": [],
                "events": [],
                "name": name,
            },
        )
        return element_id

    breakdowns: list[dict[str, Any]] = []
    days: list[list[str]] = []
    current: list[str] = []
    for strip in strips:
        if strip.kind == StripKind.DAY_BREAK:
            days.append(current)
            current = []
            continue
        if strip.kind != StripKind.SCENE:
            breakdown_id = f"b{strip.pk}"
            breakdowns.append(
                {
                    "id": breakdown_id,
                    "type": "banner",
                    "bannerText": strip.text or str(strip.get_kind_display()),
                    "regieKind": strip.kind,
                    "scene": None,
                    "description": None,
                    "scriptPage": None,
                    "pages": None,
                    "duration": None,
                    "comments": None,
                    "created": now,
                    "elements": [],
                }
            )
            current.append(breakdown_id)
            if strip.kind == StripKind.TRAVEL:  # a travel strip ends the day list: it is a day of its own
                days.append(current)
                current = []
            continue
        scene = strip.scene
        assert scene is not None
        if scene.removed:
            continue
        refs = []
        for ucid, value in ((SET, scene.location), (INT_EXT, scene.int_ext), (DAY_NIGHT, scene.time_of_day)):
            if value:
                ucid_, category = SCENE_FIELDS[ucid]
                refs.append(element(ucid_, category, value, f"{ucid}-{value}"))
        for item in by_scene.get(scene.pk, []):
            ucid, category = CATEGORY_UCID.get(item.category, (123, "Notes"))  # type: ignore[call-overload]
            refs.append(element(ucid, category, item.name, str(item.pk)))
        breakdown_id = f"s{scene.pk}"
        breakdowns.append(
            {
                "id": breakdown_id,
                "type": "strip",
                "bannerText": None,
                "scene": scene.number,
                "description": scene.synopsis or None,
                "scriptPage": None,
                "pages": scene.eighths / 8,
                "duration": None,
                "comments": None,
                "created": now,
                "elements": refs,
            }
        )
        current.append(breakdown_id)
    calendar_id = f"cal{board.pk}"
    events = (
        [{"id": f"{calendar_id}-start", "type": "start", "name": None, "date": _iso(board.start_date)}]
        if board.start_date
        else []
    )
    events += [
        {"id": f"{calendar_id}-off-{index}", "type": "event", "name": "holiday", "date": f"{value}T07:00:00.000Z"}
        for index, value in enumerate(board.dates_off)
    ]
    stripboard = (
        {"id": f"board{board.pk}", "breakdownArrays": days}
        if days
        else {"id": f"board{board.pk}", "breakdownIds": current}
    )
    return {
        "universalScheduleStandard": {
            "id": f"regie-{board.production_id}-{board.pk}",
            "author": "",
            "company": board.production.organisation.name,
            "created": now,
            "description": "",
            "episode": None,
            "episodeName": None,
            "name": board.name,
            "project": board.production.title,
            "schedColor": None,
            "schedDate": now,
            "scriptColor": None,
            "scriptDate": None,
            "season": None,
            "source": "Regie",
            "ussVersion": "1.0.0",
            "breakdowns": breakdowns,
            "categories": sorted(categories.values(), key=lambda c: c["ucid"]),
            "elements": list(elements.values()),
            "stripboards": [
                {
                    "id": f"sb{board.pk}",
                    "name": board.name,
                    "calendar": calendar_id,
                    "boards": [
                        {**stripboard, "name": "stripboard"},
                        {"id": f"boneyard{board.pk}", "name": "boneyard", "breakdownIds": current if days else []},
                    ],
                }
            ],
            "calendars": [
                {
                    "id": calendar_id,
                    "name": board.name,
                    "daysOff": sorted((day + 1) % 7 for day in board.days_off),
                    "events": events,
                }
            ],
        }
    }
