"""Reading contact lists from CSV and XLSX files into rows of text, with clear refusals.

Nothing here touches the database: a file becomes a header and rows of strings (`Table`), or an
`ImportRefused` whose message is shown to the person as it is. Cells are kept as the text they
hold; a cell that looks like a formula (`=HYPERLINK(...)`) is only ever stored as text, and the
exports make it safe again on the way out (`regie.people.exports.safe_text`).
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.core.feedback import Refused

MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 60
MAX_CELL = 2_000

XLSX_MAGIC = b"PK\x03\x04"


class ImportRefused(Refused):
    """A file that cannot be read as a contact list; the message says why."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


def read_table(content: bytes, filename: str) -> Table:
    """The file's first sheet (XLSX) or its text (CSV) as a header and rows of text."""
    if not content.strip():
        raise ImportRefused(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(size)s MB; split it into smaller files.") % {"size": MAX_BYTES // 1024**2}
        )
    if content.startswith(XLSX_MAGIC):
        raw = _xlsx_rows(content)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportRefused(_("This file is not a valid XLSX spreadsheet."))
    else:
        raw = _csv_rows(content)
    return _table(raw)


def _decode(content: bytes) -> str:
    """UTF-8 with or without a byte-order mark, else Windows-1252 (what Excel writes in Belgium)."""
    if b"\x00" in content[:4096]:
        raise ImportRefused(
            _("This file is not a CSV or XLSX spreadsheet. Save it from your spreadsheet as CSV (UTF-8) or XLSX.")
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRefused(
            _("The file's characters could not be read. Save it from your spreadsheet as CSV (UTF-8) or XLSX.")
        ) from None


def _csv_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportRefused(_("The CSV file could not be read: %(error)s") % {"error": error}) from None


def _xlsx_rows(content: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRefused(_("This file is not a valid XLSX spreadsheet.")) from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(Decimal(str(value)).normalize()) if value != int(value) else str(int(value))
    return str(value)


def _table(raw: list[list[str]]) -> Table:
    rows = [[cell.strip()[:MAX_CELL] for cell in row[:MAX_COLUMNS]] for row in raw]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ImportRefused(_("The file is empty."))
    headers, body = rows[0], rows[1:]
    if not body:
        raise ImportRefused(_("The file has a header row but no contacts under it."))
    if len(body) > MAX_ROWS:
        raise ImportRefused(
            ngettext(
                "The file has more than %(max)s row; import at most %(max)s rows at a time.",
                "The file has more than %(max)s rows; import at most %(max)s rows at a time.",
                MAX_ROWS,
            )
            % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
        )
    width = max(len(headers), *(len(row) for row in body))
    headers = headers + [""] * (width - len(headers))
    return Table(headers=headers, rows=[row + [""] * (width - len(row)) for row in body])


# Column headers as people write them, in Dutch, French and English, without accents or case.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "nom", "full name", "volledige naam", "nom complet", "contact", "contactpersoon"),
    "kind": ("kind", "type", "soort", "sorte"),
    "company": (
        "company",
        "bedrijf",
        "organisatie",
        "organisation",
        "organization",
        "societe",
        "entreprise",
        "firma",
        "company or organisation",
    ),
    "email": (
        "email",
        "e-mail",
        "e mail",
        "mail",
        "e-mailadres",
        "emailadres",
        "courriel",
        "adresse e-mail",
        "e-mail address",
    ),
    "email_other": ("other e-mail", "email 2", "e-mail 2", "ander e-mailadres", "autre e-mail"),
    "phone": ("phone", "telephone", "telefoon", "tel", "tel.", "telefoonnummer", "numero de telephone"),
    "mobile": ("mobile", "mobile phone", "gsm", "mobiel", "mobiele telefoon", "portable", "cell", "cellphone"),
    "website": ("website", "site", "site web", "url", "webstek"),
    "street": ("street", "straat", "adres", "address", "rue", "adresse", "street and number", "straat en nummer"),
    "postcode": ("postcode", "postal code", "zip", "zip code", "code postal", "cp", "postnummer"),
    "city": ("city", "stad", "gemeente", "plaats", "woonplaats", "ville", "localite", "commune"),
    "country": ("country", "land", "pays"),
    "nationality": ("nationality", "nationaliteit", "nationalite"),
    "vat_number": (
        "vat",
        "vat number",
        "btw",
        "btw-nummer",
        "btw nummer",
        "tva",
        "numero de tva",
        "ondernemingsnummer",
        "company number",
        "numero d'entreprise",
        "company or vat number",
    ),
    "skills": (
        "skills",
        "roles",
        "functie",
        "functies",
        "function",
        "vaardigheden",
        "competences",
        "fonction",
        "role",
        "roles and skills",
    ),
    "tags": ("tags", "labels", "etiquettes", "tag"),
    "day_rate": ("day rate", "dagtarief", "tarif journalier", "dagprijs"),
    "hour_rate": ("hour rate", "hourly rate", "uurtarief", "tarif horaire"),
    "notes": ("notes", "note", "opmerkingen", "opmerking", "notities", "remarques", "remarque", "comments"),
}
_HEADER_LOOKUP = {alias: field for field, aliases in HEADER_NAMES.items() for alias in aliases}


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().replace("_", " ").split())


def guess_mapping(headers: list[str]) -> list[str]:
    """For each column the contact field its header names, or "" (not imported); each field once."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        field = _HEADER_LOOKUP.get(plain(header), "")
        if field in taken:
            field = ""
        taken.add(field)
        mapping.append(field)
    return mapping
