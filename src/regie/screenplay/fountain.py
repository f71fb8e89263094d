"""Fountain 1.1 (https://fountain.io/syntax) into elements and a title page.

The parser reads line by line, knowing whether the line before was blank and whether the line
after is, which is all the syntax needs:

- boneyard `/* */` is removed first, then each `[[note]]` is replaced by a marker so that a note
  over several lines does not break the lines around it; notes come back as NOTE elements
  after the element they sat in;
- scene headings (INT, EXT, EST, INT./EXT, INT/EXT, I/E, and forced `.`) need a blank line
  before and after; a trailing `#1A#` is the scene number;
- a character cue is a line in capitals (an extension in brackets may be lower case, `^`
  marks dual dialogue, `@` forces it) after a blank line and before a non-blank one;
  dialogue and parentheticals follow it until the next blank line (a line of two spaces
  keeps the dialogue going);
- a transition is a capitals line ending in `TO:` between blank lines, or forced with `>`;
  `>text<` is centered; `!` forces action, `~` lyrics, `#` sections, `=` synopses,
  `===` a page break. Emphasis marks (`*`, `_`) are removed from the text.
"""

from __future__ import annotations

import re

from regie.screenplay.headings import heading_prefix, split_scene_number
from regie.screenplay.model import Element, Kind

_NOTE = re.compile(r"\[\[((?:[^\[\]\n]|\n(?!\n))*)\]\]")
_MARKER = re.compile("\ue000(\\d+)\ue001")
# "Key: value"; Japanese and Chinese title pages use the full-width colon U+FF1A.
_TITLE_KEY = re.compile("^([^\\s:\uff1a][^:\uff1a]{0,40}?)\\s*[:\uff1a]\\s*(.*)$")
# Emphasis holds no other mark and at most 500 characters: nested marks go in several passes,
# and a stray star costs a bounded look-ahead instead of a scan to the end of the line.
_EMPHASIS = re.compile(r"(\*{1,3}|_)(?=[^\s*_])([^*_\n]{1,500}?)(?<=\S)\1")
_PAGE_BREAK = re.compile(r"^={3,}$")
_BRACKETS = re.compile(r"\([^()]*\)?")


def plain(text: str) -> str:
    """Text without Fountain emphasis marks; `\\*` stays a star."""
    text = text.replace("\\*", "\ue002").replace("\\_", "\ue003")
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text.replace("\ue002", "*").replace("\ue003", "_")


def remove_boneyard(text: str) -> str:
    """Drop `/* ... */`; an opening without its closing is kept as text. Linear in the text length."""
    parts = []
    position = 0
    while True:
        start = text.find("/*", position)
        if start < 0:
            break
        end = text.find("*/", start + 2)
        if end < 0:
            break
        parts.append(text[position:start])
        position = end + 2
    parts.append(text[position:])
    return "".join(parts)


def _is_character(line: str) -> bool:
    if line.startswith("@"):
        return len(line) > 1
    if heading_prefix(line):
        return False
    name = _BRACKETS.sub("", line).rstrip().removesuffix("^").rstrip()
    return bool(name) and name == name.upper() and any(char.isupper() for char in name)


def _is_transition(line: str) -> bool:
    return line == line.upper() and line.endswith("TO:") and any(char.isupper() for char in line)


class _Reader:
    def __init__(self, text: str) -> None:
        self.notes: list[str] = []
        # The note markers are private-use characters; a file cannot bring its own.
        text = remove_boneyard(text.replace("\ue000", "").replace("\ue001", ""))
        text = _NOTE.sub(self._mark_note, text)
        self.lines = text.split("\n")
        self.elements: list[Element] = []
        self.title_page: dict[str, str] = {}

    def _mark_note(self, match: re.Match[str]) -> str:
        self.notes.append(" ".join(match.group(1).split()))
        return f"\ue000{len(self.notes) - 1}\ue001"

    def _take_notes(self, line: str) -> tuple[str, list[Element]]:
        notes = [Element(Kind.NOTE, self.notes[int(found)]) for found in _MARKER.findall(line)]
        return _MARKER.sub("", line), notes

    def _blank(self, index: int) -> bool:
        """Whether line `index` is blank (outside the text counts as blank; a note-only line does not)."""
        if index < 0 or index >= len(self.lines):
            return True
        return not self.lines[index].strip()

    def read_title_page(self) -> int:
        """Read the key: value block at the top, if any; return the index of the first line after it."""
        index = 0
        while index < len(self.lines):
            rest, notes = self._take_notes(self.lines[index])
            if rest.strip():
                break
            self.elements.extend(notes)
            index += 1
        start = index
        key = ""
        entries: dict[str, list[str]] = {}
        while index < len(self.lines) and self.lines[index].strip():
            line = self._take_notes(self.lines[index])[0]
            match = _TITLE_KEY.match(line)
            if line[:1] in (" ", "\t") and key:
                entries[key].append(line.strip())
            elif match:
                key = match.group(1).strip()
                entries[key] = [match.group(2).strip()] if match.group(2).strip() else []
            else:
                return start
            index += 1
        if not entries or not any(entries.values()):
            return start
        self.title_page = {key: plain("\n".join(values)) for key, values in entries.items()}
        return index

    def read(self) -> None:
        start = self.read_title_page()
        in_dialogue = False
        dual = False
        action: list[str] = []
        after_blank = True
        for index in range(start, len(self.lines)):
            raw, notes = self._take_notes(self.lines[index])
            line = raw.strip()
            if not line:
                if notes:  # a note on its own line changes nothing around it
                    self._flush(action)
                    self.elements.extend(notes)
                    continue
                if in_dialogue and raw == "  ":  # the spec's way to keep a blank line in dialogue
                    self._dialogue(Kind.DIALOGUE, "", dual)
                    continue
                self._flush(action)
                in_dialogue = False
                after_blank = True
                continue
            before_blank, after_next_blank = after_blank, self._blank(index + 1)
            after_blank = False
            if in_dialogue:
                kind = Kind.PARENTHETICAL if line.startswith("(") and line.endswith(")") else Kind.DIALOGUE
                self._dialogue(kind, line.removeprefix("~"), dual)  # a sung line is still dialogue
            elif element := self._element(line, before_blank, after_next_blank):
                self._flush(action)
                last = self.elements[-1] if self.elements else None
                if element.kind is Kind.CENTERED and not before_blank and last and last.kind is Kind.CENTERED:
                    last.text = f"{last.text}\n{element.text}"  # consecutive centered lines are one block
                else:
                    self.elements.append(element)
                if element.kind is Kind.CHARACTER:
                    in_dialogue, dual = True, element.dual
            else:
                action.append(line[1:] if line.startswith("!") else raw.rstrip())
            if notes:
                self._flush(action)
                self.elements.extend(notes)
        self._flush(action)

    def _dialogue(self, kind: Kind, line: str, dual: bool) -> None:
        last = self.elements[-1] if self.elements else None
        if kind is Kind.DIALOGUE and last is not None and last.kind is Kind.DIALOGUE:
            last.text = f"{last.text}\n{plain(line)}" if last.text else plain(line)
        else:
            self.elements.append(Element(kind, plain(line), dual=dual))

    def _flush(self, action: list[str]) -> None:
        if action:
            self.elements.append(Element(Kind.ACTION, plain("\n".join(action).strip("\n"))))
            action.clear()

    def _element(self, line: str, before_blank: bool, after_blank: bool) -> Element | None:
        """The non-action element `line` starts, or None for action."""
        if line.startswith("!"):
            return None
        if _PAGE_BREAK.match(line):
            return Element(Kind.PAGE_BREAK, "")
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            return Element(Kind.SECTION, plain(line[level:].strip()), level=level)
        if line.startswith("="):
            return Element(Kind.SYNOPSIS, plain(line[1:].strip()))
        if line.startswith("~"):
            return Element(Kind.LYRICS, plain(line[1:].strip()))
        if line.startswith(">") and line.endswith("<"):
            return Element(Kind.CENTERED, plain(line[1:-1].strip()))
        if line.startswith(">"):
            return Element(Kind.TRANSITION, plain(line[1:].strip()))
        if before_blank and (heading := self._heading(line, after_blank)):
            return heading
        if before_blank and after_blank and _is_transition(line):
            return Element(Kind.TRANSITION, plain(line))
        if before_blank and not after_blank and _is_character(line):
            text = line.removeprefix("@")
            dual = text.endswith("^")
            return Element(Kind.CHARACTER, plain(text.removesuffix("^").rstrip()), dual=dual)
        return None

    def _heading(self, line: str, after_blank: bool) -> Element | None:
        forced = line.startswith(".") and len(line) > 1 and line[1] != "."
        if not forced and not (after_blank and heading_prefix(line)):
            return None
        text, number = split_scene_number(line[1:] if forced else line)
        return Element(Kind.SCENE_HEADING, plain(text), scene_number=number)


def parse_fountain(text: str) -> tuple[dict[str, str], list[Element]]:
    """Title page and elements of a Fountain text with "\\n" line ends."""
    reader = _Reader(text)
    reader.read()
    return reader.title_page, reader.elements
