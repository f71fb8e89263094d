"""What the pages show, assembled from computed sheets: rows of an account, versions side by side."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from regie.budgets import compute
from regie.budgets.models import Account, Line
from regie.budgets.queries import Sheet

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineRow:
    line: Line
    result: compute.LineResult | None
    fringe_names: list[str]


def line_rows(sheet: Sheet, account: Account) -> list[LineRow]:
    names = {f.pk: f.name for f in sheet.fringes}
    results = sheet.result.lines if sheet.result else {}
    return [
        LineRow(line, results.get(line.pk), [names[pk] for pk in sheet.line_fringes.get(line.pk, [])])
        for line in sheet.lines_by_account.get(account.pk, [])
    ]


@dataclass(frozen=True)
class CompareRow:
    """One category or account (matched by code) across versions; `amounts` is None where it is absent."""

    level: str  # "category", "account" or "total"
    code: str
    name: str
    amounts: list[Decimal | None]

    @property
    def differences(self) -> list[Decimal | None]:
        """Each version against the first: None for the first itself or where either is absent."""
        first = self.amounts[0]
        return [None] + [None if a is None or first is None else a - first for a in self.amounts[1:]]

    @property
    def cells(self) -> list[tuple[Decimal | None, Decimal | None, bool]]:
        """(amount, difference with the first version, is the first version) per version."""
        return [(a, d, i == 0) for i, (a, d) in enumerate(zip(self.amounts, self.differences, strict=True))]

    @property
    def changed(self) -> bool:
        return len(set(self.amounts)) > 1


@dataclass(frozen=True)
class Comparison:
    sheets: list[Sheet]
    rows: list[CompareRow]

    @property
    def columns(self) -> list[dict[str, Any]]:
        return [{"version": s.version, "first": i == 0} for i, s in enumerate(self.sheets)]


def comparison(sheets: list[Sheet]) -> Comparison:
    """Categories and accounts of every version, matched by their codes, in the order of first appearance."""
    order: list[tuple[str, str]] = []
    names: dict[tuple[str, str], str] = {}
    amounts: dict[tuple[str, str], dict[int, Decimal]] = {}
    for index, sheet in enumerate(sheets):
        result = sheet.result
        for category in sheet.categories:
            key = (category.code, "")
            if key not in names:
                order.append(key)
                names[key] = category.name
            amounts.setdefault(key, {})[index] = result.categories.get(category.pk, ZERO) if result else ZERO
            for account in sheet.accounts_by_category.get(category.pk, []):
                account_key = (category.code, account.code)
                if account_key not in names:
                    order.append(account_key)
                    names[account_key] = account.name
                amounts.setdefault(account_key, {})[index] = result.accounts.get(account.pk, ZERO) if result else ZERO
    seen = {key: index for index, key in enumerate(order)}
    order.sort(key=lambda key: (seen[(key[0], "")], key[1] != "", seen[key]))
    rows = [
        CompareRow(
            "account" if key[1] else "category",
            key[1] or key[0],
            names[key],
            [amounts[key].get(i) for i in range(len(sheets))],
        )
        for key in order
    ]
    totals: list[tuple[str, Any]] = [
        ("direct", "direct"),
        ("contingency", "contingency"),
        ("overhead", "overhead"),
        ("insurance", "insurance"),
        ("vat", "vat"),
        ("total", "total"),
    ]
    for code, attribute in totals:
        values = [getattr(s.result, attribute) if s.result else None for s in sheets]
        rows.append(CompareRow("total", code, code, values))
    return Comparison(sheets, rows)


@dataclass(frozen=True)
class PhaseTotals:
    """The lines of one phase only (the post-production budget, for example), summed per account and category."""

    phase: str
    accounts: dict[int, Decimal]
    categories: dict[int, Decimal]
    direct: Decimal


def phase_totals(sheet: Sheet, phase: str) -> PhaseTotals | None:
    if sheet.result is None:
        return None
    accounts = {account.pk: ZERO for account in sheet.accounts}
    for line in sheet.lines:
        if line.phase == phase:
            accounts[line.account_id] += sheet.result.lines[line.pk].total
    categories = {category.pk: ZERO for category in sheet.categories}
    for account in sheet.accounts:
        categories[account.category_id] += accounts[account.pk]
    return PhaseTotals(phase, accounts, categories, sum(categories.values(), ZERO))
