"""A board read as days, and the shooting days it makes in the production's schedule.

Reading a board: strips in order; an end-of-day strip closes a shooting day; a travel strip is a
day of its own (it first closes the day in progress if that day has scenes); scenes after the
last end of day are not scheduled yet. On a travel day, the cast of the next shooting day travel.

The board that drives the schedule (`Board.drives_schedule`, one per production) keeps one
schedule item per day: kind "shooting_day" or "travel", dated from the board's start date
skipping its weekdays and dates off, from its call time to its wrap time in the production's time
zone, with a Call for every engagement linked to a cast element of the day's scenes (the
travellers on a travel day). `sync_shooting_days` runs after every change to such a board.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from regie.accounts.models import User
from regie.core.audit import log_action
from regie.core.feedback import Refused
from regie.scheduling.models import Call, ItemKind, ScheduleItem
from regie.scripts.dood import CastRow, day_out_of_days
from regie.scripts.models import Board, Category, SceneElement, ShootingDay, Strip, StripKind


@dataclass
class BoardDay:
    number: int  # 1-based, counting shooting and travel days
    travel: bool
    strips: list[Strip] = field(default_factory=list)
    cast: set[str] = field(default_factory=set)  # who works, or who travels on a travel day
    engagements: set[int] = field(default_factory=set)  # engagement ids of that cast
    date: datetime.date | None = None

    @property
    def names(self) -> list[str]:
        return sorted(self.cast)


@dataclass(frozen=True)
class CastLink:
    name: str
    engagement_id: int | None


def scene_cast_links(board: Board) -> dict[int, list[CastLink]]:
    """Scene id -> its cast elements with the engagement playing them (one query)."""
    links: dict[int, list[CastLink]] = defaultdict(list)
    rows = SceneElement.objects.filter(scene__production_id=board.production_id, element__category=Category.CAST)
    for scene_id, name, engagement_id in rows.order_by("element__name").values_list(
        "scene_id", "element__name", "element__engagement_id"
    ):
        links[scene_id].append(CastLink(name, engagement_id))
    return links


def read_days(strips: Iterable[Strip], cast: dict[int, list[CastLink]]) -> list[BoardDay]:
    """The days of a board from its strips in order (see the module's docstring)."""
    days: list[BoardDay] = []
    current: list[Strip] = []

    def close(*, travel: bool = False, strips: list[Strip] | None = None) -> None:
        day = BoardDay(len(days) + 1, travel, strips or [])
        for strip in day.strips:
            for link in cast.get(strip.scene_id or 0, ()):
                day.cast.add(link.name)
                if link.engagement_id is not None:
                    day.engagements.add(link.engagement_id)
        days.append(day)

    for strip in strips:
        if strip.kind == StripKind.DAY_BREAK:
            close(strips=current)
            current = []
        elif strip.kind == StripKind.TRAVEL:
            if current:
                close(strips=current)
                current = []
            close(travel=True, strips=[strip])
        elif strip.kind == StripKind.SCENE:
            current.append(strip)
    for index, day in enumerate(days):
        if day.travel:
            following = next((d for d in days[index + 1 :] if not d.travel), None)
            if following is not None:
                day.cast, day.engagements = set(following.cast), set(following.engagements)
    return days


def shooting_dates(
    start: datetime.date, count: int, weekdays_off: Iterable[int], dates_off: Iterable[str]
) -> list[datetime.date]:
    """`count` working dates from `start` on, skipping the weekdays (Monday 0) and ISO dates off."""
    off_days = {int(day) for day in weekdays_off}
    if len(off_days & set(range(7))) == 7:
        raise Refused(_("Every weekday is a day off: no shooting day can be dated."))
    off_dates = set()
    for value in dates_off:
        try:
            off_dates.add(datetime.date.fromisoformat(str(value)))
        except ValueError:
            continue
    dates: list[datetime.date] = []
    day = start
    while len(dates) < count:
        if day.weekday() not in off_days and day not in off_dates:
            dates.append(day)
        day += datetime.timedelta(days=1)
    return dates


def board_days(board: Board) -> list[BoardDay]:
    """The board's days, dated when the board has a start date (three queries)."""
    strips = board.strips.select_related("scene").order_by("position", "pk")
    days = read_days(strips, scene_cast_links(board))
    if board.start_date is not None and days:
        try:
            dates = shooting_dates(board.start_date, len(days), board.days_off, board.dates_off)
        except Refused:
            return days
        for day, date in zip(days, dates, strict=True):
            day.date = date
    return days


def dood_rows(days: Sequence[BoardDay]) -> list[CastRow]:
    """The day out of days of these days: work on shooting days, T on travel days."""
    return day_out_of_days(
        [set() if day.travel else day.cast for day in days],
        travel={index: day.cast for index, day in enumerate(days) if day.travel},
    )


def _title(board: Board, day: BoardDay, total: int) -> str:
    if day.travel:
        return _("Travel day (day %(number)s of %(total)s, %(board)s)") % {
            "number": day.number,
            "total": total,
            "board": board.name,
        }
    return _("Shooting day %(number)s of %(total)s (%(board)s)") % {
        "number": day.number,
        "total": total,
        "board": board.name,
    }


def _description(day: BoardDay) -> str:
    if day.travel:
        return day.strips[0].text if day.strips and day.strips[0].text else ""
    numbers = ", ".join(strip.scene.number for strip in day.strips if strip.scene is not None)
    return _("Scenes: %(numbers)s") % {"numbers": numbers} if numbers else ""


def _span(board: Board, date: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Call and wrap on `date` in the production's time zone; a wrap before the call is the next morning."""
    zone = zoneinfo.ZoneInfo(board.production.timezone)
    starts = datetime.datetime.combine(date, board.call_time, tzinfo=zone)
    ends = datetime.datetime.combine(date, board.wrap_time, tzinfo=zone)
    if ends <= starts:
        ends += datetime.timedelta(days=1)
    return starts.astimezone(datetime.UTC), ends.astimezone(datetime.UTC)


def _sync_calls(item: ScheduleItem, wanted: set[int]) -> bool:
    present = set(item.calls.exclude(engagement=None).values_list("engagement_id", flat=True))
    if present == wanted:
        return False
    item.calls.filter(engagement_id__in=present - wanted).delete()
    Call.objects.bulk_create(Call(item=item, engagement_id=pk) for pk in sorted(wanted - present))
    return True


def sync_shooting_days(board: Board, *, by: User | None) -> int:
    """Make the schedule's shooting days match the board's days; returns how many days there are.

    Runs inside the caller's transaction when there is one. A board that does not drive the
    schedule (or has no start date) keeps no shooting days.
    """
    with transaction.atomic():
        existing = {day.number: day for day in ShootingDay.objects.filter(board=board).select_related("item")}
        days = board_days(board) if board.drives_schedule and board.start_date is not None else []
        language = board.production.working_languages[0] if board.production.working_languages else None
        changed = 0
        for day in days:
            assert day.date is not None
            starts, ends = _span(board, day.date)
            with override(language):
                values = {
                    "kind": ItemKind.TRAVEL if day.travel else ItemKind.SHOOTING_DAY,
                    "title": _title(board, day, len(days))[:200],
                    "description": _description(day),
                    "starts_at": starts,
                    "ends_at": ends,
                }
            shooting = existing.pop(day.number, None)
            if shooting is None:
                item = ScheduleItem.objects.create(production=board.production, **values)
                ShootingDay.objects.create(board=board, number=day.number, date=day.date, travel=day.travel, item=item)
                _sync_calls(item, day.engagements)
                changed += 1
                continue
            item = shooting.item
            calls_changed = _sync_calls(item, day.engagements)
            if calls_changed or any(getattr(item, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(item, name, value)
                item.version += 1  # the scheduling pages lock on it: an open edit form must not overwrite this
                item.save()
                changed += 1
            if (shooting.date, shooting.travel) != (day.date, day.travel):
                shooting.date, shooting.travel = day.date, day.travel
                shooting.save(update_fields=["date", "travel"])
        for shooting in existing.values():
            shooting.item.delete()  # cascades to the shooting day and its calls
            changed += 1
        if changed:
            log_action(board, "scripts.board.days_scheduled", user=by, data={"days": len(days), "changed": changed})
    return len(days)


def set_board_schedule(
    board: Board,
    *,
    drives_schedule: bool,
    start_date: datetime.date | None,
    days_off: list[int],
    dates_off: list[str],
    call_time: datetime.time,
    wrap_time: datetime.time,
    by: User,
) -> Board:
    """Set how the board's days are dated; the board that drives the schedule is the only one doing so."""
    if drives_schedule and start_date is None:
        raise Refused(_("Give the first shooting day to put the board's days in the schedule."))
    if len(set(days_off) & set(range(7))) == 7:
        raise Refused(_("Every weekday is a day off: no shooting day can be dated."))
    with transaction.atomic():
        current = Board.objects.select_for_update().get(pk=board.pk)
        if drives_schedule:
            for other in (
                Board.objects.select_for_update()
                .filter(production_id=current.production_id, drives_schedule=True)
                .exclude(pk=current.pk)
            ):
                other.drives_schedule = False
                other.save(update_fields=["drives_schedule"])
                sync_shooting_days(other, by=by)
        current.drives_schedule = drives_schedule
        current.start_date = start_date
        current.days_off = sorted(set(days_off))
        current.dates_off = sorted(set(dates_off))
        current.call_time, current.wrap_time = call_time, wrap_time
        current.version += 1
        current.save()
        log_action(
            current,
            "scripts.board.dates_set",
            user=by,
            data={"drives_schedule": drives_schedule, "start_date": start_date, "days_off": current.days_off},
        )
        sync_shooting_days(current, by=by)
    return current
