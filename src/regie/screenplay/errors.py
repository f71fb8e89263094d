"""The one exception the screenplay package raises, and its messages.

Messages are English constants with `str.format` fields, so that the Django layer can look
them up by `code` and show a translated text with the same `params`.
"""

from __future__ import annotations

from typing import Any

MAX_BYTES = 20 * 1024 * 1024

EMPTY = "The file is empty."
TOO_LARGE = "The file is {size_mb} MB; Regie reads screenplays up to {limit_mb} MB. Check that it is the right file."
NOT_TEXT = "The file is not text: Regie reads Fountain (.fountain) and Final Draft (.fdx) screenplays."
UNSUPPORTED = (
    "The file is {kind}, which Regie cannot read: export the screenplay as Fountain (.fountain) or Final Draft (.fdx)."
)
WEB_PAGE = "The file is a web page (HTML), not a screenplay."
NOT_A_SCREENPLAY = "The file is not a screenplay: it has no scene headings and no dialogue."
XML_INVALID = "The Final Draft file is damaged or cut short: its XML is not well formed ({detail})."
XML_UNSAFE = (
    "The XML file declares a document type or entities, which a Final Draft file never does; it was refused for safety."
)
NOT_FOUND = "There is no file at {path}."
NOT_A_FILE = "{path} is not a file."

MESSAGES = {
    "empty": EMPTY,
    "too_large": TOO_LARGE,
    "not_text": NOT_TEXT,
    "unsupported": UNSUPPORTED,
    "web_page": WEB_PAGE,
    "not_a_screenplay": NOT_A_SCREENPLAY,
    "xml_invalid": XML_INVALID,
    "xml_unsafe": XML_UNSAFE,
    "not_found": NOT_FOUND,
    "not_a_file": NOT_A_FILE,
}


class ScreenplayError(ValueError):
    """A file that cannot be read as a screenplay. `code` names the message in MESSAGES."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        self.message = MESSAGES[code].format(**params)
        super().__init__(self.message)
