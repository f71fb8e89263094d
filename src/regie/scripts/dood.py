"""Day out of days: which shooting day each cast member starts, works, holds and finishes. No Django here.

The input is the board read as days: each day the set of cast names of its scenes. For each
cast member, between their first and last work day:
- SWF: starts, works and finishes on one day (their only day);
- SW: start-work, their first day; WF: work-finish, their last day; W: a work day between;
- H: a hold day, a day between their first and last on which they do not work (paid, on hold).
Days before their first and after their last are blank. Travel days are not computed: the board
does not know where people come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CastRow:
    name: str
    codes: tuple[str, ...]  # one per day: "", "SW", "W", "WF", "SWF", "H"
    start: int  # first work day, 1-based
    finish: int  # last work day, 1-based
    work: int
    hold: int

    @property
    def total(self) -> int:
        return self.work + self.hold


def day_out_of_days(days: Sequence[Iterable[str]], order: Sequence[str] | None = None) -> list[CastRow]:
    """One row per cast member who works at least one day, in `order` or else by first day then name."""
    worked: dict[str, list[int]] = {}
    for index, cast in enumerate(days):
        for name in set(cast):
            worked.setdefault(name, []).append(index)
    rows = []
    for name, indices in worked.items():
        first, last = min(indices), max(indices)
        on = set(indices)
        codes = []
        for day in range(len(days)):
            if day < first or day > last:
                codes.append("")
            elif first == last:
                codes.append("SWF")
            elif day == first:
                codes.append("SW")
            elif day == last:
                codes.append("WF")
            else:
                codes.append("W" if day in on else "H")
        rows.append(CastRow(name, tuple(codes), first + 1, last + 1, len(on), (last - first + 1) - len(on)))
    if order is not None:
        rank = {name: position for position, name in enumerate(order)}
        rows.sort(key=lambda row: (rank.get(row.name, len(rank)), row.name))
    else:
        rows.sort(key=lambda row: (row.start, row.name))
    return rows
