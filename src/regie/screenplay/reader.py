"""Files in, Screenplay out: size limit, format detection, decoding.

Detection looks at the content first and the extension second: a ZIP (Fade In, Celtx, Word),
a PDF or a web page is refused with a message naming what it is; anything that starts like
XML goes to the FDX reader, which refuses XML that is not Final Draft (such as the Open
Screenplay Format); everything else is read as Fountain text. Text is UTF-8 (with or without
BOM), UTF-16 with a BOM, or else Windows-1252, with Latin-1 as the last resort.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from regie.screenplay.errors import MAX_BYTES, ScreenplayError
from regie.screenplay.fdx import parse_fdx
from regie.screenplay.fountain import parse_fountain
from regie.screenplay.model import Screenplay
from regie.screenplay.scenes import build_screenplay

_BINARY = {
    b"PK\x03\x04": "a ZIP archive (such as Fade In, Celtx or Word)",
    b"%PDF": "a PDF document",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}


def parse_file(path: str | Path) -> Screenplay:
    path = Path(path)
    if not path.exists():
        raise ScreenplayError("not_found", path=str(path))
    if not path.is_file():
        raise ScreenplayError("not_a_file", path=str(path))
    _check_size(path.stat().st_size)
    with path.open("rb") as stream:
        data = stream.read(MAX_BYTES + 1)  # the file may grow between stat and read
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, filename: str = "") -> Screenplay:
    """Parse a Fountain or FDX screenplay; ScreenplayError with a clear message otherwise."""
    _check_size(len(data))
    if not data.strip():
        raise ScreenplayError("empty")
    for magic, kind in _BINARY.items():
        if data.startswith(magic):
            raise ScreenplayError("unsupported", kind=kind)
    text = decode(data)
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")):
        raise ScreenplayError("web_page")
    if head.startswith("<") or filename.lower().endswith(".fdx"):
        title_page, elements = parse_fdx(data)
        return build_screenplay("fdx", title_page, elements)
    if "\x00" in text:
        raise ScreenplayError("not_text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title_page, elements = parse_fountain(text)
    return build_screenplay("fountain", title_page, elements)


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ScreenplayError("too_large", size_mb=round(size / 1024 / 1024, 1), limit_mb=MAX_BYTES // 1024 // 1024)


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
