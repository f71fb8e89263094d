"""The whole budget as an XLSX workbook with live formulas.

Every computed cell is a formula (change a global or a rate in the spreadsheet and it recomputes)
and carries Regie's own value as the cached result, so a reader that does not recompute shows
exactly Regie's totals. The formulas round where Regie rounds (see `compute`): each line
subtotal, each fringe amount and each bottom item with ROUND(…, 2), which rounds halves away
from zero like `round_money`; sums are sums of rounded cells.

Sheets: Top sheet (categories and bottom items), Accounts, Detail (one row per line, one column
per fringe), Globals (each one a defined name G_<NAME>) and Fringes.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from xlsxwriter.utility import xl_rowcol_to_cell

from regie.budgets import compute
from regie.budgets.queries import Sheet

ZERO = Decimal(0)


def excel_name(name: str) -> str:
    """Defined names get a prefix: a bare global such as AB12 would read as a cell reference."""
    return f"G_{name}"


def _formula_or_number(ws: Any, row: int, col: int, text: str, value: Decimal, fmt: Any) -> None:
    if compute.names_in(text):
        ws.write_formula(row, col, "=" + compute.spreadsheet_formula(text, excel_name), fmt, value)
    else:
        ws.write_number(row, col, value, fmt)


def workbook(sheet: Sheet) -> bytes:
    """The workbook's bytes; the sheet must compute (its result is the cached values)."""
    result = sheet.result
    assert result is not None, "only a budget that computes can be exported"
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    fmt = {
        "bold": book.add_format({"bold": True}),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "bold_money": book.add_format({"num_format": "#,##0.00", "bold": True}),
        "number": book.add_format({"num_format": "0.####"}),
        "head": book.add_format({"bold": True, "bottom": 1}),
    }
    top = book.add_worksheet(_("Top sheet")[:31])
    accounts_ws = book.add_worksheet(pgettext("budget", "Accounts")[:31])
    detail = book.add_worksheet(_("Detail")[:31])
    globals_ws = book.add_worksheet(_("Globals")[:31])
    fringes_ws = book.add_worksheet(pgettext("budget", "Fringes")[:31])

    _write_globals(book, globals_ws, sheet, result, fmt)
    fringe_cells = _write_fringes(fringes_ws, sheet, fmt)
    line_totals = _write_detail(detail, sheet, result, fringe_cells, fmt)
    account_cells = _write_accounts(accounts_ws, sheet, result, line_totals, fmt)
    _write_top(top, sheet, result, account_cells, fmt)
    book.close()
    return output.getvalue()


def _write_globals(book: Any, ws: Any, sheet: Sheet, result: compute.BudgetResult, fmt: dict[str, Any]) -> None:
    ws.write_row(0, 0, [_("Name"), _("Formula"), _("Value"), _("Description")], fmt["head"])
    sheet_name = ws.get_name()
    for index, item in enumerate(sheet.globals, start=1):
        ws.write_string(index, 0, item.name)
        ws.write_string(index, 1, item.expression)
        _formula_or_number(ws, index, 2, item.expression, result.globals[item.name], fmt["number"])
        ws.write_string(index, 3, item.description)
        book.define_name(excel_name(item.name), f"='{sheet_name}'!$C${index + 1}")
    ws.set_column(0, 1, 22)
    ws.set_column(3, 3, 40)


def _write_fringes(ws: Any, sheet: Sheet, fmt: dict[str, Any]) -> dict[int, tuple[str, str]]:
    """Fringe id -> (basis, absolute reference of its value cell)."""
    ws.write_row(0, 0, [_("Name"), _("Basis"), _("Value")], fmt["head"])
    cells: dict[int, tuple[str, str]] = {}
    for index, fringe in enumerate(sheet.fringes, start=1):
        ws.write_string(index, 0, fringe.name)
        ws.write_string(index, 1, str(fringe.get_basis_display()))
        ws.write_number(index, 2, fringe.value, fmt["number"])
        cells[fringe.pk] = (fringe.basis, f"'{ws.get_name()}'!{xl_rowcol_to_cell(index, 2, True, True)}")
    ws.set_column(0, 1, 30)
    return cells


DETAIL_COLUMNS = (
    11  # category, account, description, quantity, unit, multiplier, rate, currency, exchange, subtotal, phase
)


def _write_detail(
    ws: Any,
    sheet: Sheet,
    result: compute.BudgetResult,
    fringe_cells: dict[Any, tuple[str, str]],
    fmt: dict[str, Any],
) -> dict[int, tuple[int, int]]:
    """One row per line, grouped by account. Returns account id -> (first row, last row) of its lines."""
    heads = [
        _("Category"),
        pgettext("budget", "Account"),
        _("Description"),
        _("Quantity"),
        _("Unit"),
        pgettext("budget", "Multiplier"),
        _("Rate"),
        _("Currency"),
        _("Exchange rate"),
        _("Subtotal"),
        _("Phase"),
    ]
    heads += [f.name for f in sheet.fringes] + [pgettext("budget", "Fringes"), _("Total")]
    ws.write_row(0, 0, heads, fmt["head"])
    fringe_col = {f.pk: DETAIL_COLUMNS + i for i, f in enumerate(sheet.fringes)}
    fringe_total_col = DETAIL_COLUMNS + len(sheet.fringes)
    total_col = fringe_total_col + 1
    ranges: dict[int, tuple[int, int]] = {}
    row = 1
    for category in sheet.categories:
        for account in sheet.accounts_by_category.get(category.pk, []):
            first = row
            for line in sheet.lines_by_account.get(account.pk, []):
                _write_line(ws, row, line, result.lines[line.pk], sheet, fringe_cells, fringe_col, fmt)
                row += 1
            ranges[account.pk] = (first, row - 1)
    ws.set_column(2, 2, 36)
    ws.set_column(9, total_col, 14)
    ws.freeze_panes(1, 3)
    return ranges


def _write_line(
    ws: Any,
    row: int,
    line: Any,
    amounts: compute.LineResult,
    sheet: Sheet,
    fringe_cells: dict[Any, tuple[str, str]],
    fringe_col: dict[Any, int],
    fmt: dict[str, Any],
) -> None:
    cell = lambda col: xl_rowcol_to_cell(row, col)  # noqa: E731
    ws.write_string(row, 0, _category_code(sheet, line))
    ws.write_string(row, 1, _account_code(sheet, line))
    ws.write_string(row, 2, line.description)
    _formula_or_number(ws, row, 3, line.quantity, amounts.quantity, fmt["number"])
    ws.write_string(row, 4, str(line.get_unit_display()))
    _formula_or_number(ws, row, 5, line.multiplier, amounts.multiplier, fmt["number"])
    ws.write_number(row, 6, line.rate, fmt["number"])
    ws.write_string(row, 7, line.currency or sheet.version.currency)
    ws.write_number(row, 8, amounts.exchange_rate, fmt["number"])
    ws.write_formula(row, 9, f"=ROUND({cell(3)}*{cell(5)}*{cell(6)}*{cell(8)},2)", fmt["money"], amounts.subtotal)
    ws.write_string(row, 10, str(line.get_phase_display()))
    for fringe_id, amount in amounts.fringes.items():
        basis, ref = fringe_cells[fringe_id]
        if basis == compute.FringeBasis.PERCENT:
            formula = f"=ROUND({cell(9)}*{ref}/100,2)"
        elif basis == compute.FringeBasis.PER_UNIT:
            formula = f"=ROUND({cell(3)}*{cell(5)}*{ref},2)"
        else:
            formula = f"=ROUND({ref},2)"
        ws.write_formula(row, fringe_col[fringe_id], formula, fmt["money"], amount)
    first_fringe = DETAIL_COLUMNS
    fringe_total_col = DETAIL_COLUMNS + len(sheet.fringes)
    if sheet.fringes:
        span = f"{cell(first_fringe)}:{cell(fringe_total_col - 1)}"
        ws.write_formula(row, fringe_total_col, f"=SUM({span})", fmt["money"], amounts.fringe_total)
    else:
        ws.write_number(row, fringe_total_col, 0, fmt["money"])
    ws.write_formula(
        row, fringe_total_col + 1, f"={cell(9)}+{cell(fringe_total_col)}", fmt["bold_money"], amounts.total
    )


def _account_code(sheet: Sheet, line: Any) -> str:
    return sheet.accounts_by_id[line.account_id].code


def _category_code(sheet: Sheet, line: Any) -> str:
    category_id = sheet.accounts_by_id[line.account_id].category_id
    return next(c.code for c in sheet.categories if c.pk == category_id)


def _write_accounts(
    ws: Any,
    sheet: Sheet,
    result: compute.BudgetResult,
    line_ranges: dict[int, tuple[int, int]],
    fmt: dict[str, Any],
) -> dict[int, tuple[int, int]]:
    """Account rows grouped by category; returns category id -> (first row, last row) of its accounts."""
    ws.write_row(0, 0, [_("Category"), _("Code"), pgettext("budget", "Account"), _("Total")], fmt["head"])
    detail = f"'{_('Detail')[:31]}'"
    total_col = DETAIL_COLUMNS + len(sheet.fringes) + 1
    ranges: dict[int, tuple[int, int]] = {}
    row = 1
    for category in sheet.categories:
        first = row
        for account in sheet.accounts_by_category.get(category.pk, []):
            ws.write_string(row, 0, category.code)
            ws.write_string(row, 1, account.code)
            ws.write_string(row, 2, account.name)
            start, end = line_ranges[account.pk]
            amount = result.accounts[account.pk]
            if end >= start:
                span = f"{xl_rowcol_to_cell(start, total_col)}:{xl_rowcol_to_cell(end, total_col)}"
                ws.write_formula(row, 3, f"=SUM({detail}!{span})", fmt["money"], amount)
            else:
                ws.write_number(row, 3, 0, fmt["money"])
            row += 1
        ranges[category.pk] = (first, row - 1)
    ws.set_column(2, 2, 40)
    ws.set_column(3, 3, 16)
    return ranges


def _write_top(
    ws: Any,
    sheet: Sheet,
    result: compute.BudgetResult,
    account_ranges: dict[int, tuple[int, int]],
    fmt: dict[str, Any],
) -> None:
    version = sheet.version
    ws.write_string(0, 0, f"{version.budget.production} — {version}", fmt["bold"])
    ws.write_string(1, 0, version.currency)
    ws.write_row(2, 0, [_("Code"), _("Category"), _("Total")], fmt["head"])
    accounts = f"'{pgettext('budget', 'Accounts')[:31]}'"
    row = 3
    first = row
    for category in sheet.categories:
        ws.write_string(row, 0, category.code)
        ws.write_string(row, 1, category.name)
        start, end = account_ranges[category.pk]
        amount = result.categories[category.pk]
        if end >= start:
            ws.write_formula(row, 2, f"=SUM({accounts}!D{start + 1}:D{end + 1})", fmt["money"], amount)
        else:
            ws.write_number(row, 2, 0, fmt["money"])
        row += 1
    direct = xl_rowcol_to_cell(row, 2)
    last_category = xl_rowcol_to_cell(row - 1, 2)
    ws.write_string(row, 1, _("Direct costs"), fmt["bold"])
    sum_formula = f"=SUM({xl_rowcol_to_cell(first, 2)}:{last_category})" if row > first else "=0"
    ws.write_formula(row, 2, sum_formula, fmt["bold_money"], result.direct)
    rows = _bottom_rows(version, result, direct, row)
    for offset, (label, percent, formula, value) in enumerate(rows, start=1):
        ws.write_string(row + offset, 1, label)
        ws.write_number(row + offset, 3, percent, fmt["number"])
        ws.write_formula(row + offset, 2, formula, fmt["money"], value)
    grand = row + len(rows) + 1
    ws.write_string(grand, 1, _("Total budget"), fmt["bold"])
    ws.write_formula(grand, 2, f"=SUM({direct}:{xl_rowcol_to_cell(grand - 1, 2)})", fmt["bold_money"], result.total)
    ws.write_string(row, 3, "%", fmt["head"])
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 16)


def _bottom_rows(version: Any, result: compute.BudgetResult, direct: str, row: int) -> list[tuple[str, Any, str, Any]]:
    """Contingency, overhead, insurance, VAT: label, percentage, formula and cached value."""
    pct = lambda offset: xl_rowcol_to_cell(row + offset, 3)  # noqa: E731
    amount = lambda offset: xl_rowcol_to_cell(row + offset, 2)  # noqa: E731
    vat_base = f"({direct}+{amount(1)}+{amount(2)}+{amount(3)})"
    vat_formula = "=0" if version.vat_recoverable else f"=ROUND({vat_base}*{pct(4)}/100,2)"
    return [
        (_("Contingency"), version.contingency_percent, f"=ROUND({direct}*{pct(1)}/100,2)", result.contingency),
        (
            _("Overhead and production fee"),
            version.overhead_percent,
            f"=ROUND(({direct}+{amount(1)})*{pct(2)}/100,2)",
            result.overhead,
        ),
        (_("Insurance"), version.insurance_percent, f"=ROUND({direct}*{pct(3)}/100,2)", result.insurance),
        (_("VAT"), version.vat_percent, vat_formula, result.vat),
    ]
