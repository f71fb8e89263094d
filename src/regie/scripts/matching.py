"""Matching the scenes of a revised script to the scenes already in the production. No Django here.

The rule, in two passes:

1. By number. A new scene numbered in the script (Fountain `#12A#`, FDX `Number`) takes the
   existing scene that was numbered with the same number (compared without case or spaces).
2. By heading and order. Every new scene still unmatched takes an unmatched existing scene
   with the same heading (compared without case and runs of spaces): the first new scene
   with heading H takes the first such existing scene in script order, the second the
   second, and so on. So inserting or deleting a scene elsewhere does not break the match,
   and two scenes with the same heading keep their order.

What is left is new (added) on one side and gone (removed) on the other. A matched scene
whose heading or length differs is reported as changed; it keeps its key and breakdown.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Existing:
    key: str
    number: str
    numbered: bool
    heading: str
    order: int


@dataclass(frozen=True)
class Incoming:
    number: str
    numbered: bool
    heading: str


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_scenes(existing: list[Existing], incoming: list[Incoming]) -> list[str | None]:
    """For each incoming scene, the key of the existing scene it continues, or None when new."""
    result: list[str | None] = [None] * len(incoming)
    taken: set[str] = set()
    by_number = {normalise(scene.number): scene for scene in existing if scene.numbered}
    for index, scene in enumerate(incoming):
        if scene.numbered and (found := by_number.get(normalise(scene.number))) and found.key not in taken:
            result[index] = found.key
            taken.add(found.key)
    by_heading: dict[str, deque[Existing]] = defaultdict(deque)
    for old in sorted(existing, key=lambda s: s.order):
        if old.key not in taken:
            by_heading[normalise(old.heading)].append(old)
    for index, new in enumerate(incoming):
        if result[index] is None and (queue := by_heading.get(normalise(new.heading))):
            result[index] = queue.popleft().key
    return result
