"""Reading a budget back from a workbook in the layout of the export (xlsx.py).

The sheets are found by position, not by name (names are in the language of whoever exported):
Top sheet, Accounts, Detail, Globals, Fringes. Quantities and multipliers are read from their
formulas (G_NAME becomes the global NAME again), units, phases and fringe bases from their labels
in any of Regie's languages. The result is a structure as `services.structure_of` makes it, or a
list of errors, each naming its sheet and row; nothing is written here.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from regie.budgets import compute
from regie.budgets.models import FringeBasis, LinePhase, Unit

SHEETS = 5
DETAIL_FIXED = 11
GLOBAL_REFERENCE = re.compile(r"\bG_([A-Z][A-Z0-9_]*)\b")
MAX_ROWS = 20_000


@dataclass
class ImportResult:
    structure: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # The grand total the workbook itself shows (its cached value), to compare with Regie's.
    file_total: Decimal | None = None
    lines: int = 0


def _labels(choices: Any) -> dict[str, str]:
    """Label (lower case, in every language) or value -> value."""
    found: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices.choices:
                found[str(label).strip().lower()] = value
    for value in choices.values:
        found[value] = value
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _expression(value: Any) -> str:
    """A quantity or multiplier cell: a number, or a formula over G_ names, back to Regie's expression."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and value.startswith("="):
        return GLOBAL_REFERENCE.sub(lambda m: m.group(1), value[1:])
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def read_workbook(content: bytes) -> ImportResult:
    """Parse a workbook; every row with a problem adds an error naming the sheet and the row."""
    import openpyxl

    result = ImportResult()
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=False, read_only=True)
        values = openpyxl.load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds of errors for a file that is not a workbook)
        result.errors.append(_("This file is not an XLSX workbook."))
        return result
    if len(book.worksheets) < SHEETS:
        result.errors.append(
            _("The workbook needs the five sheets of Regie's export: top sheet, accounts, detail, globals and fringes.")
        )
        return result
    top, accounts, detail, globals_ws, fringes_ws = (list(ws.iter_rows(values_only=True)) for ws in book.worksheets[:5])
    if len(detail) > MAX_ROWS:
        result.errors.append(_("The workbook has more than 20,000 lines; split the budget."))
        return result
    top_values = list(values.worksheets[0].iter_rows(values_only=True))
    reader = _Reader(result, [ws.title for ws in book.worksheets[:5]])
    structure = reader.settings(top)
    structure["globals"] = reader.globals(globals_ws)
    structure["fringes"] = reader.fringes(fringes_ws)
    structure["categories"] = reader.categories(top, accounts)
    reader.lines(detail, structure)
    result.structure = structure
    result.file_total = _file_total(top_values)
    if not result.errors:
        reader.check_computes(structure)
    return result


def _file_total(rows: list[tuple[Any, ...]]) -> Decimal | None:
    """The last amount in the top sheet's total column (the grand total)."""
    amounts = [_decimal(row[2]) for row in rows[3:] if len(row) > 2 and _decimal(row[2]) is not None]
    return amounts[-1] if amounts else None


class _Reader:
    def __init__(self, result: ImportResult, titles: list[str]) -> None:
        self.result = result
        self.titles = titles
        self.units = _labels(Unit)
        self.phases = _labels(LinePhase)
        self.bases = _labels(FringeBasis)
        self.currencies = set(list_currencies())
        self.rates: dict[str, str] = {}

    def error(self, sheet: int, row: int, message: str) -> None:
        self.result.errors.append(
            _("%(sheet)s, row %(row)s: %(message)s") % {"sheet": self.titles[sheet], "row": row, "message": message}
        )

    def settings(self, top: list[tuple[Any, ...]]) -> dict[str, Any]:
        """Currency (A2) and the bottom percentages (column D of the four rows after “Direct costs”)."""
        currency = _text(top[1][0]) if len(top) > 1 else ""
        if currency not in self.currencies:
            self.error(0, 2, _("“%(code)s” is not a currency code.") % {"code": currency})
        data: dict[str, Any] = {"currency": currency}
        rows = [row for row in top[3:] if len(row) > 3 and _decimal(row[3]) is not None]
        names = ["contingency_percent", "overhead_percent", "insurance_percent", "vat_percent"]
        for name, row in zip(names, rows[:4], strict=False):
            percent = _decimal(row[3])
            data[name] = str(percent)
        # The export writes “=0” as the VAT formula when VAT is recoverable (no cost to the production).
        data["vat_recoverable"] = len(rows) < 4 or _text(rows[3][2]).replace(" ", "") in ("=0", "0")
        return data

    def globals(self, rows: list[tuple[Any, ...]]) -> list[dict[str, str]]:
        found = []
        for number, row in enumerate(rows[1:], start=2):
            name, expression = _text(row[0]) if row else "", _text(row[1]) if len(row) > 1 else ""
            if not name and not expression:
                continue
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
                self.error(
                    3,
                    number,
                    _("“%(name)s” is not a global name (capital letters, digits, underscores).") % {"name": name},
                )
                continue
            found.append(
                {
                    "name": name,
                    "expression": _expression(expression) or "0",
                    "description": _text(row[3]) if len(row) > 3 else "",
                }
            )
        return found

    def fringes(self, rows: list[tuple[Any, ...]]) -> list[dict[str, str]]:
        found = []
        for number, row in enumerate(rows[1:], start=2):
            name = _text(row[0]) if row else ""
            if not name:
                continue
            basis = self.bases.get(_text(row[1]).lower()) if len(row) > 1 else None
            value = _decimal(row[2]) if len(row) > 2 else None
            if basis is None:
                self.error(4, number, _("the basis “%(basis)s” is unknown.") % {"basis": _text(row[1])})
                continue
            if value is None or value < 0:
                self.error(4, number, _("the value must be a number of zero or more."))
                continue
            found.append({"key": str(number), "name": name, "basis": basis, "value": str(value), "default": ""})
        return found

    def categories(self, top: list[tuple[Any, ...]], accounts: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        categories: dict[str, dict[str, Any]] = {}
        for row in top[3:]:
            code = _text(row[0]) if row else ""
            if not code:
                break
            categories[code] = {"code": code, "name": _text(row[1]) or code, "accounts": []}
        self.accounts: dict[str, dict[str, Any]] = {}
        for number, row in enumerate(accounts[1:], start=2):
            category, code = (_text(row[0]), _text(row[1])) if len(row) > 1 else ("", "")
            if not category and not code:
                continue
            if category not in categories:
                self.error(1, number, _("the category “%(code)s” is not on the top sheet.") % {"code": category})
                continue
            account = {"code": code, "name": _text(row[2]) if len(row) > 2 else code, "lines": []}
            categories[category]["accounts"].append(account)
            self.accounts[code] = account
        return list(categories.values())

    def lines(self, rows: list[tuple[Any, ...]], structure: dict[str, Any]) -> None:
        fringe_keys = [f["key"] for f in structure["fringes"]]
        globals_known = {g["name"] for g in structure["globals"]}
        structure["rates"] = {}
        for number, row in enumerate(rows[1:], start=2):
            cells = list(row) + [None] * (DETAIL_FIXED + len(fringe_keys) - len(row))
            if not any(_text(c) for c in cells[:DETAIL_FIXED]):
                continue
            line = self.line(number, cells, fringe_keys, globals_known, structure["currency"])
            structure["rates"] = self.rates
            if line is not None:
                self.accounts[_text(cells[1])]["lines"].append(line)
                self.result.lines += 1

    def line(
        self, number: int, cells: list[Any], fringe_keys: list[str], globals_known: set[str], currency: str
    ) -> dict[str, Any] | None:
        errors_before = len(self.result.errors)
        account = _text(cells[1])
        if account not in self.accounts:
            self.error(2, number, _("the account “%(code)s” is not on the accounts sheet.") % {"code": account})
        description = _text(cells[2])
        if not description:
            self.error(2, number, _("the description is empty."))
        quantity, multiplier = _expression(cells[3]) or "1", _expression(cells[5]) or "1"
        for text in (quantity, multiplier):
            try:
                unknown = compute.names_in(text) - globals_known
            except compute.BudgetError:
                self.error(2, number, _("“%(text)s” is not a number or a formula.") % {"text": text})
                continue
            if unknown:
                self.error(
                    2, number, _("the global %(name)s is not on the globals sheet.") % {"name": sorted(unknown)[0]}
                )
        unit = self.units.get(_text(cells[4]).lower())
        if unit is None:
            self.error(2, number, _("the unit “%(unit)s” is unknown.") % {"unit": _text(cells[4])})
        rate = _decimal(cells[6])
        if rate is None:
            self.error(2, number, _("the rate “%(rate)s” is not a number.") % {"rate": _text(cells[6])})
        line_currency = _text(cells[7]).upper()
        if line_currency and line_currency not in self.currencies:
            self.error(2, number, _("“%(code)s” is not a currency code.") % {"code": line_currency})
        if line_currency and line_currency != currency:
            exchange = _decimal(cells[8])
            if exchange is None or exchange <= 0:
                self.error(2, number, _("the exchange rate of %(code)s must be above zero.") % {"code": line_currency})
            else:
                self.rates[line_currency] = str(exchange)
        phase = self.phases.get(_text(cells[10]).lower()) if _text(cells[10]) else LinePhase.PRODUCTION
        if phase is None:
            self.error(2, number, _("the phase “%(phase)s” is unknown.") % {"phase": _text(cells[10])})
        if len(self.result.errors) > errors_before:
            return None
        return {
            "description": description[:200],
            "quantity": quantity,
            "unit": unit,
            "multiplier": multiplier,
            "rate": str(rate),
            "currency": "" if line_currency == currency else line_currency,
            "phase": phase,
            "fringes": [key for i, key in enumerate(fringe_keys) if _text(cells[DETAIL_FIXED + i])],
            "notes": "",
            "supplier": "",
            "person": None,
        }

    def check_computes(self, structure: dict[str, Any]) -> None:
        from regie.budgets.explain import explain

        try:
            compute.compute(engine_input(structure))
        except compute.BudgetError as error:
            self.result.errors.append(explain(error))


def engine_input(structure: dict[str, Any]) -> compute.BudgetInput:
    """The engine's view of a structure (keys are positions), to compute an import before it is written."""
    lines, accounts, categories = [], [], []
    for c_index, category in enumerate(structure["categories"]):
        categories.append(c_index)
        for a_index, account in enumerate(category["accounts"]):
            key = (c_index, a_index)
            accounts.append(compute.Account(key, c_index))
            for l_index, spec in enumerate(account["lines"]):
                lines.append(
                    compute.Line(
                        key=(c_index, a_index, l_index),
                        account=key,
                        quantity=spec["quantity"],
                        multiplier=spec["multiplier"],
                        rate=Decimal(spec["rate"]),
                        currency=spec["currency"],
                        fringes=tuple(spec["fringes"]),
                        phase=spec["phase"],
                    )
                )
    return compute.BudgetInput(
        currency=structure["currency"],
        categories=categories,
        accounts=accounts,
        lines=lines,
        globals={g["name"]: g["expression"] for g in structure["globals"]},
        fringes=[compute.Fringe(f["key"], f["name"], f["basis"], Decimal(f["value"])) for f in structure["fringes"]],
        rates={code: Decimal(rate) for code, rate in structure.get("rates", {}).items()},
        contingency_percent=Decimal(structure.get("contingency_percent", "0")),
        overhead_percent=Decimal(structure.get("overhead_percent", "0")),
        insurance_percent=Decimal(structure.get("insurance_percent", "0")),
        vat_percent=Decimal(structure.get("vat_percent", "21")),
        vat_recoverable=structure.get("vat_recoverable", True),
    )


@dataclass(frozen=True)
class Preview:
    categories: list[tuple[str, str, Decimal]]
    result: compute.BudgetResult
    lines: int


def import_preview(result: ImportResult) -> Preview:
    """What the import would give: the total per category and the bottom line, computed by the engine."""
    computed = compute.compute(engine_input(result.structure))
    categories = [
        (c["code"], c["name"], computed.categories[index]) for index, c in enumerate(result.structure["categories"])
    ]
    return Preview(categories, computed, result.lines)
