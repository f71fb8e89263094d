"""Scene headings: INT/EXT, location and time of day, in English, French and Dutch.

"INT. KITCHEN - NIGHT", "EXT. CUISINE - JOUR", "BINNEN. KEUKEN - NACHT" and the French order
"INT. JOUR - CUISINE" all give the same shape. Times of day are normalised to English words
(JOUR -> DAY, NACHT -> NIGHT); a time that is not recognised is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Alternatives longest first, so that "INT./EXT" wins over "INT"; dots are dropped to look up the value.
_PREFIX = re.compile(
    r"(INT\.?/EXT|EXT\.?/INT|I\.?/E|BI/BU|BINNEN/BUITEN|BINNEN|BUITEN|INT|EXT|EST)(\.?)", re.IGNORECASE
)
_INT_EXT = {
    "INT/EXT": "INT/EXT",
    "EXT/INT": "INT/EXT",
    "I/E": "INT/EXT",
    "BI/BU": "INT/EXT",
    "BINNEN/BUITEN": "INT/EXT",
    "BINNEN": "INT",
    "BUITEN": "EXT",
    "INT": "INT",
    "EXT": "EXT",
    "EST": "EST",
}
# Dutch prefixes count only on an all-capitals line: "Binnen staat Jan." is action.
_CAPITALS_ONLY = ("BI/BU", "BINNEN", "BUITEN")

_TIMES = {
    "DAY": "DAY",
    "JOUR": "DAY",
    "DAG": "DAY",
    "NIGHT": "NIGHT",
    "NUIT": "NIGHT",
    "NACHT": "NIGHT",
    "DAWN": "DAWN",
    "SUNRISE": "DAWN",
    "AUBE": "DAWN",
    "AURORE": "DAWN",
    "DAGERAAD": "DAWN",
    "ZONSOPGANG": "DAWN",
    "DUSK": "DUSK",
    "SUNSET": "DUSK",
    "TWILIGHT": "DUSK",
    "CRÉPUSCULE": "DUSK",
    "CREPUSCULE": "DUSK",
    "SCHEMERING": "DUSK",
    "ZONSONDERGANG": "DUSK",
    "MORNING": "MORNING",
    "MATIN": "MORNING",
    "OCHTEND": "MORNING",
    "AFTERNOON": "AFTERNOON",
    "APRÈS-MIDI": "AFTERNOON",
    "NAMIDDAG": "AFTERNOON",
    "EVENING": "EVENING",
    "SOIR": "EVENING",
    "SOIRÉE": "EVENING",
    "AVOND": "EVENING",
    "CONTINUOUS": "CONTINUOUS",
    "CONTINU": "CONTINUOUS",
    "CONTINUE": "CONTINUOUS",
    "DOORLOPEND": "CONTINUOUS",
    "LATER": "LATER",
    "PLUS TARD": "LATER",
    "MOMENTS LATER": "LATER",
    "SAME": "SAME TIME",
    "SAME TIME": "SAME TIME",
}
# Hyphen, en dash or em dash between spaces, or two dashes.
_SEPARATOR = re.compile("\\s+[-\u2013\u2014]+\\s+|\\s*[-\u2013\u2014]{2,}\\s*")
_IDEOGRAPHIC_STOP = "\u3002"  # "INT\u3002" in the Japanese and Chinese samples
_PARENS = re.compile(r"\([^()]*\)")
_SCENE_NUMBER = re.compile(r"#([\w.\-]+)#$")


@dataclass
class Heading:
    int_ext: str
    location: str
    time_of_day: str


def split_scene_number(text: str) -> tuple[str, str]:
    """Fountain's trailing `#1A#`: ("INT. HOUSE - DAY #1A#") -> ("INT. HOUSE - DAY", "1A")."""
    text = text.strip()
    match = _SCENE_NUMBER.search(text)
    if not match:
        return text, ""
    return text[: match.start()].strip(), match.group(1)


def heading_prefix(line: str) -> tuple[str, str] | None:
    """The INT/EXT prefix a Fountain line starts with, and the rest, or None when it has none.

    As the Fountain syntax says, the prefix is followed by a dot or a space, case-insensitive.
    """
    match = _PREFIX.match(line)
    if not match:
        return None
    prefix, dot = match.group(1).upper().replace(".", ""), match.group(2)
    rest = line[match.end() :]
    if prefix.startswith(_CAPITALS_ONLY) and line != line.upper():
        return None
    if dot or rest.startswith((" ", "\t", _IDEOGRAPHIC_STOP)) or not rest:
        return _INT_EXT[prefix], rest.lstrip(" .\t-\u2013\u2014" + _IDEOGRAPHIC_STOP)
    return None


def _time_of(part: str) -> str:
    words = _PARENS.sub("", part).strip(" .,").upper()
    if words in _TIMES:
        return _TIMES[words]
    # "NEXT DAY", "LATE NIGHT", "DAY (1979)": the last known word decides.
    for word in reversed(words.split()):
        if word in _TIMES:
            return _TIMES[word]
    return ""


def parse_heading(text: str) -> Heading:
    """Split a heading (without its scene number) into INT/EXT, location and time of day."""
    text = " ".join(text.split())  # no long runs of spaces for the separator to scan
    found = heading_prefix(text)
    int_ext, rest = found if found else ("", text.strip())
    parts = [part.strip() for part in _SEPARATOR.split(rest) if part.strip()]
    if not parts:
        return Heading(int_ext, "", "")
    # The time is the last part that names one; French writes it first ("INT. JOUR - CUISINE").
    for index in range(len(parts) - 1, -1, -1):
        time = _time_of(parts[index])
        if time and (len(parts) > 1 or index > 0):
            location = " - ".join(parts[:index] + parts[index + 1 :])
            return Heading(int_ext, location, time)
    # No separator: "INT HOUSE DAY" ends in its time.
    words = parts[-1].split()
    if len(parts) == 1 and len(words) > 1 and words[-1].upper() in _TIMES:
        return Heading(int_ext, " ".join(words[:-1]), _TIMES[words[-1].upper()])
    return Heading(int_ext, " - ".join(parts), "")
