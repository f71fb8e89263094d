"""The cost report over plain data: per line, account, category and in total, the budget, what is
committed, what is spent, the estimate to complete, the estimate at completion and the variance.

Rules (Movie Magic Budgeting's and Saturation's, in their words):
- committed is the open amount of commitments (purchase orders issued and not yet invoiced,
  contracts…); actual is what invoices and expenses cost, excluding VAT;
- the estimate to complete (ETC) of a line is, unless someone set it by hand, what is left of the
  budget: max(budget - committed - actual, 0); a hand-set ETC replaces it;
- estimate at completion (EAC) = actual + committed + ETC; variance = budget - EAC (negative: over);
- amounts in another currency are converted with the version's rates (units of the budget's
  currency for one unit of the other), each converted amount rounded to the cent; an amount whose
  currency has no rate is left out and its currency named in `missing_rates`;
- a cost coded to a line key the version does not know (a line deleted since) goes to the
  "uncoded" row, so that the total still adds up to every cost recorded.

Accounts, categories and the total are sums of their lines, never recomputed (so they add up).
The budget of a line is its total with fringes; the bottom items (contingency, overhead,
insurance, VAT) are outside the report's lines, as in the detail of a cost report.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from regie.budgets.financing import convert

ZERO = Decimal(0)


@dataclass(frozen=True)
class BudgetLine:
    key: object
    account: object
    category: object
    budget: Decimal
    phase: str = ""


@dataclass(frozen=True)
class Amount:
    """A commitment or a cost against a line, in its own currency; `on` places it in time for the chart."""

    line_key: object
    amount: Decimal
    currency: str = ""
    on: datetime.date | None = None


@dataclass
class Figures:
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    actual: Decimal = ZERO
    etc: Decimal = ZERO
    etc_set: bool = False

    @property
    def eac(self) -> Decimal:
        return self.actual + self.committed + self.etc

    @property
    def variance(self) -> Decimal:
        return self.budget - self.eac

    @property
    def spent_percent(self) -> Decimal | None:
        """Actual and committed as a share of the budget, for the bars on the report."""
        if self.budget <= ZERO:
            return None
        return ((self.actual + self.committed) * 100 / self.budget).quantize(Decimal(1))

    def add(self, other: Figures) -> None:
        self.budget += other.budget
        self.committed += other.committed
        self.actual += other.actual
        self.etc += other.etc


@dataclass
class CostReport:
    currency: str
    lines: dict[object, Figures]
    accounts: dict[object, Figures]
    categories: dict[object, Figures]
    uncoded: Figures
    total: Figures
    missing_rates: set[str] = field(default_factory=set)


def _sum_by_line(
    amounts: Iterable[Amount], currency: str, rates: Mapping[str, Decimal], missing: set[str]
) -> dict[object, Decimal]:
    sums: dict[object, Decimal] = {}
    for item in amounts:
        converted = convert(item.amount, item.currency, currency, rates)
        if converted is None:
            missing.add(item.currency)
            continue
        sums[item.line_key] = sums.get(item.line_key, ZERO) + converted
    return sums


def cost_report(
    lines: Sequence[BudgetLine],
    *,
    committed: Iterable[Amount],
    actual: Iterable[Amount],
    etc: Mapping[object, Decimal],
    currency: str,
    rates: Mapping[str, Decimal],
    phase: str = "",
) -> CostReport:
    """The report of `lines` (only those of `phase` when given); `etc` holds the ETCs set by hand, by line key."""
    missing: set[str] = set()
    committed_by_line = _sum_by_line(committed, currency, rates, missing)
    actual_by_line = _sum_by_line(actual, currency, rates, missing)
    report = CostReport(currency, {}, {}, {}, Figures(), Figures(), missing)
    for line in lines:
        report.accounts.setdefault(line.account, Figures())
        report.categories.setdefault(line.category, Figures())
        if phase and line.phase != phase:
            continue
        figures = Figures(
            budget=line.budget,
            committed=committed_by_line.pop(line.key, ZERO),
            actual=actual_by_line.pop(line.key, ZERO),
        )
        if line.key in etc:
            figures.etc, figures.etc_set = etc[line.key], True
        else:
            figures.etc = max(figures.budget - figures.committed - figures.actual, ZERO)
        report.lines[line.key] = figures
        report.accounts[line.account].add(figures)
        report.categories[line.category].add(figures)
        report.total.add(figures)
    if not phase:
        known = {line.key for line in lines}
        report.uncoded.committed = sum((v for k, v in committed_by_line.items() if k not in known), ZERO)
        report.uncoded.actual = sum((v for k, v in actual_by_line.items() if k not in known), ZERO)
        report.total.add(report.uncoded)
    return report


@dataclass(frozen=True)
class MonthPoint:
    month: datetime.date  # the first day of the month
    actual: Decimal  # cumulative to the end of the month
    committed: Decimal  # open commitments dated up to the end of the month


def monthly_burn(
    *,
    committed: Iterable[Amount],
    actual: Iterable[Amount],
    currency: str,
    rates: Mapping[str, Decimal],
    until: datetime.date,
) -> list[MonthPoint]:
    """Cumulative actual and committed by month, from the month of the first dated amount to `until`.

    Amounts without a date or a rate are left out (the report names the missing rates)."""
    missing: set[str] = set()
    by_month: dict[datetime.date, list[Decimal]] = {}
    for index, items in enumerate((actual, committed)):
        for item in items:
            if item.on is None:
                continue
            value = convert(item.amount, item.currency, currency, rates)
            if value is None:
                missing.add(item.currency)
                continue
            month = item.on.replace(day=1)
            by_month.setdefault(month, [ZERO, ZERO])[index] += value
    if not by_month:
        return []
    month, last = min(by_month), max(max(by_month), until.replace(day=1))
    points: list[MonthPoint] = []
    running = [ZERO, ZERO]
    while month <= last:
        spent, promised = by_month.get(month, [ZERO, ZERO])
        running = [running[0] + spent, running[1] + promised]
        points.append(MonthPoint(month, running[0], running[1]))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return points
