"""From a flat list of elements to scenes: numbers, heading parts, length, characters, tags.

Characters speaking are the character cues of the scene, normalised: extensions in brackets
((V.O.), (O.S.), (CONT'D)…), a dual-dialogue `^` and a forcing `@` removed, in capitals.
Characters mentioned are the speaking characters of the whole script whose name appears as a
whole word, in any case, in the scene's action text and who do not speak in the scene (so
speaking + mentioned is the scene's cast without duplicates). Names of one letter are ignored.
"""

from __future__ import annotations

import re

from regie.screenplay.errors import ScreenplayError
from regie.screenplay.headings import parse_heading
from regie.screenplay.model import Element, Kind, Scene, Screenplay, character_name
from regie.screenplay.pagination import count_lines, eighths

_MENTION_KINDS = {Kind.ACTION, Kind.SHOT}


def build_screenplay(source_format: str, title_page: dict[str, str], elements: list[Element]) -> Screenplay:
    """Group `elements` into scenes; ScreenplayError when there is neither a scene nor dialogue."""
    groups: list[list[Element]] = []
    for element in elements:
        if element.kind is Kind.SCENE_HEADING:
            groups.append([element])
        elif groups:
            groups[-1].append(element)
    if not groups and not any(element.kind is Kind.DIALOGUE for element in elements):
        raise ScreenplayError("not_a_screenplay")
    speaking = {character_name(e.text) for e in elements if e.kind is Kind.CHARACTER}
    names = sorted(name for name in speaking if len(name) > 1)
    scenes = [_scene(index, group, names) for index, group in enumerate(groups, start=1)]
    return Screenplay(format=source_format, title_page=title_page, scenes=scenes, elements=elements)


def _scene(ordinal: int, group: list[Element], names: list[str]) -> Scene:
    heading = group[0]
    parts = parse_heading(heading.text)
    characters = _unique(character_name(e.text) for e in group if e.kind is Kind.CHARACTER)
    action = "\n".join(e.text for e in group if e.kind in _MENTION_KINDS)
    mentioned = [name for name in _mentions(action, names) if name not in characters]
    return Scene(
        number=heading.scene_number or str(ordinal),
        heading=heading.text,
        int_ext=parts.int_ext,
        location=parts.location,
        time_of_day=parts.time_of_day,
        eighths=eighths(count_lines(group)),
        characters=characters,
        mentioned=mentioned,
        tags=list(dict.fromkeys(tag for element in group for tag in element.tags)),
        notes=[e.text for e in group if e.kind is Kind.NOTE],
        synopses=[e.text for e in group if e.kind is Kind.SYNOPSIS],
        properties={key: value for key, value in heading.properties.items() if key != "summary"},
        elements=group,
    )


def _mentions(text: str, names: list[str]) -> list[str]:
    """`names` found as whole words in `text`, in any case, in order of first appearance.

    A substring test on the capitalised text picks the candidates cheaply; a word-boundary
    search confirms each one.
    """
    upper = text.upper()
    found: dict[str, int] = {}
    for name in names:
        if name not in upper:
            continue
        match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
        if match:
            found[name] = match.start()
    return sorted(found, key=found.__getitem__)


def _unique(names: object) -> list[str]:
    return [name for name in dict.fromkeys(names) if name]  # type: ignore[call-overload]
