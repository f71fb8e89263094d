"""The parsed screenplay as plain dataclasses, and their JSON-ready dictionaries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_EXTENSION = re.compile(r"\([^()]*\)?")


def character_name(cue: str) -> str:
    """A cue without extension, dual mark or forcing `@`, in capitals.

    "EVE (cont'd)" -> "EVE", "BRICK ^" -> "BRICK", "@McDUCK" -> "MCDUCK".
    """
    name = _EXTENSION.sub(" ", cue.removeprefix("@")).replace("^", " ")
    return " ".join(name.split()).upper()


class Kind(StrEnum):
    SCENE_HEADING = "scene_heading"
    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRICS = "lyrics"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    NOTE = "note"
    PAGE_BREAK = "page_break"
    SHOT = "shot"


@dataclass(frozen=True)
class Tag:
    """A breakdown tag: FDX `<TagData>` links a category ("Props") to a label ("Revolver")."""

    category: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"category": self.category, "label": self.label}


@dataclass
class Element:
    """One paragraph of the script. `dual` marks the second speaker of dual dialogue."""

    kind: Kind
    text: str
    dual: bool = False
    level: int = 0  # depth of a section (# = 1, ## = 2)
    scene_number: str = ""  # a scene heading's own number (#1A# or FDX Number)
    properties: dict[str, str] = field(default_factory=dict)  # a heading's FDX SceneProperties
    tags: list[Tag] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "text": self.text}
        if self.dual:
            data["dual"] = True
        if self.kind is Kind.SECTION:
            data["level"] = self.level
        if self.tags:
            data["tags"] = [tag.to_dict() for tag in self.tags]
        return data


@dataclass
class Scene:
    """One scene, from its heading to the next.

    `number` is the script's own (Fountain `#12A#`, FDX `Number`) or else the scene's position.
    `eighths` is estimated from the text (see `pagination`); `properties` are Final Draft's
    SceneProperties as stored (its own `length`, `page`, `title`). `notes` and `synopses` are
    the scene's Fountain notes and synopses or FDX ScriptNotes and scene summary.
    """

    number: str
    heading: str
    int_ext: str
    location: str
    time_of_day: str
    eighths: int
    characters: list[str]
    mentioned: list[str]
    tags: list[Tag]
    notes: list[str]
    synopses: list[str]
    properties: dict[str, str]
    elements: list[Element]

    @property
    def length(self) -> str:
        return format_eighths(self.eighths)

    def to_dict(self, elements: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "heading": self.heading,
            "int_ext": self.int_ext,
            "location": self.location,
            "time_of_day": self.time_of_day,
            "eighths": self.eighths,
            "length": self.length,
            "characters": self.characters,
            "mentioned": self.mentioned,
            "tags": [tag.to_dict() for tag in self.tags],
            "notes": self.notes,
            "synopses": self.synopses,
            "properties": self.properties,
        }
        if elements:
            data["elements"] = [element.to_dict() for element in self.elements]
        return data


@dataclass
class Screenplay:
    """`elements` is the whole script in order, including what comes before the first scene."""

    format: str
    title_page: dict[str, str]
    scenes: list[Scene]
    elements: list[Element]

    @property
    def characters(self) -> list[str]:
        """Speaking characters in order of first line, including before the first scene."""
        names = (character_name(e.text) for e in self.elements if e.kind is Kind.CHARACTER)
        return [name for name in dict.fromkeys(names) if name]

    @property
    def eighths(self) -> int:
        return sum(scene.eighths for scene in self.scenes)

    def to_dict(self, elements: bool = False) -> dict[str, Any]:
        """JSON-ready. With `elements`, scenes list their elements and `preamble` those before scene one."""
        data: dict[str, Any] = {
            "format": self.format,
            "title_page": self.title_page,
            "scene_count": len(self.scenes),
            "eighths": self.eighths,
            "length": format_eighths(self.eighths),
            "characters": self.characters,
            "scenes": [scene.to_dict(elements=elements) for scene in self.scenes],
        }
        if elements:
            kinds = [element.kind for element in self.elements]
            first = kinds.index(Kind.SCENE_HEADING) if Kind.SCENE_HEADING in kinds else len(kinds)
            data["preamble"] = [element.to_dict() for element in self.elements[:first]]
        return data


def format_eighths(eighths: int) -> str:
    """Pages the way a breakdown sheet writes them: 11 -> "1 3/8", 8 -> "1", 4 -> "4/8" (never halves)."""
    pages, rest = divmod(eighths, 8)
    if not rest:
        return str(pages)
    if not pages:
        return f"{rest}/8"
    return f"{pages} {rest}/8"
