"""Lists out to CSV and XLSX, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) could be run as a formula by the
spreadsheet that opens it (CSV injection: `=HYPERLINK(...)` typed into a name field). Such text is
prefixed with a single quote in both formats; XLSX cells are moreover written as text, never as
formulas. Numbers and dates keep their type.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    label: Any
    value: Callable[[Any], Any]


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any) -> Any:
    """The value as it goes into a cell: text made safe, numbers and dates as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | Decimal | datetime.date):
        return value
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return safe_text(str(value))


def to_csv(columns: list[Column], rows: Iterable[Any]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_text(str(c.label)) for c in columns])
    for row in rows:
        writer.writerow([_csv_value(_cell(c.value(row))) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def to_xlsx(columns: list[Column], rows: Iterable[Any], sheet: str) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    for x, column in enumerate(columns):
        worksheet.write_string(0, x, str(column.label), bold)
    for y, row in enumerate(rows, start=1):
        for x, column in enumerate(columns):
            value = _cell(column.value(row))
            if isinstance(value, datetime.date):
                worksheet.write_datetime(y, x, datetime.datetime.combine(value, datetime.time()), date)
            elif isinstance(value, Decimal):
                # XLSX stores numbers as binary floating point; the amount is exact to the cent here.
                worksheet.write_number(y, x, float(value), money)
            elif isinstance(value, int):
                worksheet.write_number(y, x, value)
            else:
                worksheet.write_string(y, x, value)
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}


def contact_columns() -> list[Column]:
    from django.utils.translation import gettext_lazy as _

    return [
        Column(_("Name"), lambda c: c.name),
        Column(_("Kind"), lambda c: c.get_kind_display()),
        Column(_("Company or organisation"), lambda c: c.company),
        Column(_("E-mail address"), lambda c: c.email),
        Column(_("Mobile phone"), lambda c: c.mobile_display),
        Column(_("Phone"), lambda c: c.phone_display),
        Column(_("Street and number"), lambda c: c.street),
        Column(_("Postcode"), lambda c: c.postcode),
        Column(_("City"), lambda c: c.city),
        Column(_("Country"), lambda c: c.country.name if c.country else ""),
        Column(_("Nationality"), lambda c: c.nationality.name if c.nationality else ""),
        Column(_("Languages spoken"), lambda c: c.language_labels()),
        Column(_("Roles and skills"), lambda c: c.skills),
        Column(_("Tags"), lambda c: c.tags),
        Column(_("Company or VAT number"), lambda c: c.vat_number),
        Column(_("Day rate"), lambda c: c.day_rate),
        Column(_("Hour rate"), lambda c: c.hour_rate),
        Column(_("Currency"), lambda c: c.currency),
        Column(_("Website"), lambda c: c.website),
        Column(_("Notes"), lambda c: c.notes),
    ]


def crew_columns(*, with_fees: bool, show_private: bool) -> list[Column]:
    """The crew list's columns; a phone number its owner keeps private shows only with `show_private`."""
    from django.utils.translation import gettext_lazy as _

    columns = [
        Column(_("Department"), lambda e: e.department_label),
        Column(_("Name"), lambda e: e.contact.name),
        Column(_("Function"), lambda e: e.function_label),
        Column(_("Head of the department"), lambda e: e.is_department_head),
        Column(_("Reports to"), lambda e: e.reports_to.contact.name if e.reports_to else ""),
        Column(_("From"), lambda e: e.start_date),
        Column(_("Until"), lambda e: e.end_date),
        Column(_("Status"), lambda e: e.get_status_display()),
        Column(_("E-mail address"), lambda e: e.contact.email),
        Column(
            _("Mobile phone"),
            lambda e: e.contact.mobile_display if show_private or not e.contact.phone_private else "",
        ),
    ]
    if with_fees:
        columns += [
            Column(_("Type of engagement"), lambda e: e.get_engagement_type_display()),
            Column(_("Fee or rate"), lambda e: e.fee),
            Column(_("Unit"), lambda e: e.get_fee_unit_display() if e.fee is not None else ""),
            Column(_("Currency"), lambda e: e.currency),
        ]
    return columns
