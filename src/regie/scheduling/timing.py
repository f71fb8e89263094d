"""Local wall-clock times to UTC instants and back, free of Django.

People plan in the production's local time ("the show is at 20:00"); the database stores UTC.
Twice a year the two disagree about what exists:

* the last Sunday of March, 02:00 to 03:00 does not exist in Europe/Brussels (the clocks go
  forward): a time in that gap is refused where a person typed it, and moved forward by the gap
  where a template laid it (a 02:30 template entry starts at 03:30 that day);
* the last Sunday of October, 02:00 to 03:00 happens twice: the first one (summer time,
  `fold=0`) is taken, as calendar applications do.

Durations are elapsed time: a two-hour entry lasts two hours of UTC, even across a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

UTC = dt.UTC


class NonexistentLocalTime(ValueError):
    """A wall-clock time that the clocks skip on that date (spring forward)."""


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def exists(local: dt.datetime) -> bool:
    """Whether a naive wall-clock time exists in its zone: it survives the round trip through UTC."""
    assert local.tzinfo is not None
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def to_utc(naive: dt.datetime, timezone: str, *, shift_gap: bool = False) -> dt.datetime:
    """The UTC instant of a naive local time in `timezone`.

    An ambiguous time (autumn) is its first occurrence. A time in the spring gap raises
    NonexistentLocalTime, or, with `shift_gap`, is moved forward by the gap (fold=0 of a gap time
    converts with the offset before the change, which lands that far past it).
    """
    local = naive.replace(tzinfo=zone(timezone), fold=0)
    if not exists(local) and not shift_gap:
        raise NonexistentLocalTime(f"{naive:%Y-%m-%d %H:%M} does not exist in {timezone}")
    return local.astimezone(UTC)


def to_local(instant: dt.datetime, timezone: str) -> dt.datetime:
    """An aware instant as a naive wall-clock time in `timezone` (what a calendar shows)."""
    return instant.astimezone(zone(timezone)).replace(tzinfo=None)


@dataclass(frozen=True)
class Slot:
    """A template entry laid onto a date: its index in the template, and the UTC start and end."""

    index: int
    start: dt.datetime
    end: dt.datetime


def lay_day(entries: Iterable[tuple[dt.time, dt.timedelta]], on: dt.date, timezone: str) -> list[Slot]:
    """Template entries (local start time, duration) laid onto one date in `timezone`."""
    slots = []
    for index, (start_time, duration) in enumerate(entries):
        start = to_utc(dt.datetime.combine(on, start_time), timezone, shift_gap=True)
        slots.append(Slot(index, start, start + duration))
    return slots
