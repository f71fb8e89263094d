"""Day out of days: which day each cast member travels, starts, works, holds and finishes. No Django here.

The input is the board read as days: each day the set of cast names of its scenes, and for the
travel days (the unit moves to the next location) the names of who travels. For each cast
member, between their first and last day (work or travel):
- SWF: starts, works and finishes on one day (their only work day);
- SW: start-work, their first work day; WF: work-finish, their last work day; W: a work day between;
- T: a travel day they travel on (before their first work day, between, or after the last);
- H: a hold day, a day between their first and last on which they neither work nor travel (paid, on hold).
Days before their first and after their last are blank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CastRow:
    name: str
    codes: tuple[str, ...]  # one per day: "", "SW", "W", "WF", "SWF", "H", "T"
    start: int  # first work day, 1-based
    finish: int  # last work day, 1-based
    work: int
    hold: int
    travel: int = 0

    @property
    def total(self) -> int:
        return self.work + self.hold + self.travel


def _codes(days: int, on: set[int], travel: set[int]) -> tuple[str, ...]:
    first_work, last_work = min(on), max(on)
    first, last = min(on | travel), max(on | travel)
    codes = []
    for day in range(days):
        if day < first or day > last:
            codes.append("")
        elif day in travel and day not in on:
            codes.append("T")
        elif first_work == last_work == day:
            codes.append("SWF")
        elif day == first_work:
            codes.append("SW")
        elif day == last_work:
            codes.append("WF")
        else:
            codes.append("W" if day in on else "H")
    return tuple(codes)


def day_out_of_days(
    days: Sequence[Iterable[str]],
    order: Sequence[str] | None = None,
    travel: Mapping[int, Iterable[str]] | None = None,
) -> list[CastRow]:
    """One row per cast member who works at least one day, in `order` or else by first day then name.

    `travel` maps the index of a travel day to the names travelling that day.
    """
    worked: dict[str, set[int]] = {}
    for index, cast in enumerate(days):
        for name in set(cast):
            worked.setdefault(name, set()).add(index)
    travelled: dict[str, set[int]] = {}
    for index, names in (travel or {}).items():
        for name in set(names):
            travelled.setdefault(name, set()).add(index)
    rows = []
    for name, on in worked.items():
        moves = travelled.get(name, set()) - on
        codes = _codes(len(days), on, moves)
        rows.append(
            CastRow(
                name,
                codes,
                min(on) + 1,
                max(on) + 1,
                len(on),
                codes.count("H"),
                len(moves),
            )
        )
    if order is not None:
        rank = {name: position for position, name in enumerate(order)}
        rows.sort(key=lambda row: (rank.get(row.name, len(rank)), row.name))
    else:
        rows.sort(key=lambda row: (row.start, row.name))
    return rows


def hold_days(rows: Iterable[CastRow]) -> int:
    """The cast's hold days in total: the days paid for waiting."""
    return sum(row.hold for row in rows)
