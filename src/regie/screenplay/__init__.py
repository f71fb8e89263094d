"""Screenplays in Fountain and Final Draft (FDX) read into plain dataclasses. No Django here.

    from regie.screenplay import parse_file, ScreenplayError
    screenplay = parse_file("film.fountain")
    for scene in screenplay.scenes:
        print(scene.number, scene.int_ext, scene.location, scene.time_of_day, scene.length)

Every refusal is a ScreenplayError whose `code` names an English message in
`regie.screenplay.errors.MESSAGES`.
"""

from __future__ import annotations

from regie.screenplay.errors import MAX_BYTES, MESSAGES, ScreenplayError
from regie.screenplay.model import Element, Kind, Scene, Screenplay, Tag, format_eighths
from regie.screenplay.reader import parse_bytes, parse_file

__all__ = [
    "MAX_BYTES",
    "MESSAGES",
    "Element",
    "Kind",
    "Scene",
    "Screenplay",
    "ScreenplayError",
    "Tag",
    "format_eighths",
    "parse_bytes",
    "parse_file",
]
