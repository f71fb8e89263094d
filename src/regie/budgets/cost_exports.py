"""The cost report as an XLSX workbook: EAC and variance are formulas with Regie's values cached."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_rowcol_to_cell

COLUMNS = ("budget", "committed", "actual", "etc")


def cost_report_workbook(context: dict[str, Any]) -> bytes:
    """One sheet: a row per category, account and line, then the uncoded costs and the total."""
    report, rows, version = context["report"], context["rows"], context["version"]
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    money = book.add_format({"num_format": "#,##0.00"})
    bold_money = book.add_format({"num_format": "#,##0.00", "bold": True})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bottom": 1})
    ws = book.add_worksheet(_("Cost report")[:31])
    title = _("Cost report of %(production)s, budget %(version)s, in %(currency)s") % {
        "production": context["production"],
        "version": version,
        "currency": version.currency,
    }
    if context.get("phase_label"):
        title += f" — {context['phase_label']}"
    ws.write(0, 0, title, bold)
    headings = [
        _("Code"),
        _("Category, account or line"),
        _("Budget"),
        _("Committed"),
        _("Actual"),
        _("Estimate to complete"),
        _("Estimate at completion"),
        _("Variance"),
    ]
    for col, text in enumerate(headings):
        ws.write(2, col, text, head)
    row = 3
    for item in rows:
        fmt = money if item.level == "line" else bold_money
        name = item.name if item.level != "account" else f"  {item.name}"
        if item.level == "line":
            name = f"    {item.name}"
        ws.write(row, 0, item.code, bold if item.level == "category" else None)
        ws.write(row, 1, name, bold if item.level != "line" else None)
        _figures(ws, row, item.figures, fmt)
        row += 1
    if report.uncoded.actual or report.uncoded.committed:
        ws.write(row, 1, _("Costs coded to lines that are no longer in this version"))
        _figures(ws, row, report.uncoded, money)
        row += 1
    ws.write(row, 1, _("Total"), bold)
    _figures(ws, row, report.total, bold_money)
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 7, 16)
    ws.freeze_panes(3, 2)
    book.close()
    return output.getvalue()


def _figures(ws: Any, row: int, figures: Any, fmt: Any) -> None:
    for col, attribute in enumerate(COLUMNS, start=2):
        ws.write_number(row, col, getattr(figures, attribute), fmt)
    committed, actual, etc, budget = (xl_rowcol_to_cell(row, c) for c in (3, 4, 5, 2))
    ws.write_formula(row, 6, f"={actual}+{committed}+{etc}", fmt, figures.eac)
    ws.write_formula(row, 7, f"={budget}-{xl_rowcol_to_cell(row, 6)}", fmt, figures.variance)
