from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from regie.budgets import compute, financing
from regie.budgets.models import (
    Account,
    Budget,
    BudgetVersion,
    Category,
    FinancingSource,
    FinancingStatus,
    Fringe,
    FringeDefault,
    Global,
    Line,
    Status,
)
from regie.productions.models import Production


def budget_for_production(production: Production) -> Budget | None:
    return Budget.objects.filter(production=production).first()


def versions_for_production(production: Production) -> QuerySet[BudgetVersion]:
    return BudgetVersion.objects.filter(budget__production=production).select_related("created_by")


def get_version_for_production(production: Production, pk: int) -> BudgetVersion:
    """The version of this production's budget, or 404 (never another production's)."""
    return get_object_or_404(
        BudgetVersion.objects.select_related("budget__production__organisation"), pk=pk, budget__production=production
    )


def fringe_default_on(code: str, on: datetime.date) -> FringeDefault | None:
    """The dated setting of `code` in force on `on`."""
    return FringeDefault.objects.filter(code=code, valid_from__lte=on).order_by("-valid_from").first()


@dataclass
class Sheet:
    """A version with all its rows, loaded in a fixed number of queries, and its computed totals."""

    version: BudgetVersion
    categories: list[Category]
    accounts: list[Account]
    lines: list[Line]
    line_fringes: dict[int, list[int]]
    globals: list[Global]
    fringes: list[Fringe]
    result: compute.BudgetResult | None = None
    error: compute.BudgetError | None = None
    accounts_by_id: dict[int, Account] = field(default_factory=dict)
    accounts_by_category: dict[int, list[Account]] = field(default_factory=dict)
    lines_by_account: dict[int, list[Line]] = field(default_factory=dict)

    def engine_input(self, **changes: Any) -> compute.BudgetInput:
        """The engine's view of this sheet; `changes` replace settings, globals or lines (to check candidates)."""
        version = self.version
        data: dict[str, Any] = {
            "currency": version.currency,
            "categories": [c.pk for c in self.categories],
            "accounts": [compute.Account(a.pk, a.category_id) for a in self.accounts],
            "lines": [engine_line(line, self.line_fringes.get(line.pk, [])) for line in self.lines],
            "globals": {g.name: g.expression for g in self.globals},
            "fringes": [compute.Fringe(f.pk, f.name, f.basis, f.value) for f in self.fringes],
            "rates": version.rates(),
            "contingency_percent": version.contingency_percent,
            "overhead_percent": version.overhead_percent,
            "insurance_percent": version.insurance_percent,
            "vat_percent": version.vat_percent,
            "vat_recoverable": version.vat_recoverable,
        }
        data.update(changes)
        return compute.BudgetInput(**data)

    def total_of(self, obj: Category | Account) -> Decimal | None:
        if self.result is None:
            return None
        table = self.result.categories if isinstance(obj, Category) else self.result.accounts
        return table.get(obj.pk)


def engine_line(line: Line, fringe_ids: list[int]) -> compute.Line:
    return compute.Line(
        key=line.pk,
        account=line.account_id,
        quantity=line.quantity,
        multiplier=line.multiplier,
        rate=line.rate,
        currency=line.currency,
        fringes=tuple(fringe_ids),
        phase=line.phase,
        description=line.description,
    )


def sheet_for_version(version: BudgetVersion) -> Sheet:
    """Six queries whatever the size of the budget; the totals, or the error that prevents them."""
    line_fringes: dict[int, list[int]] = {}
    through = Line.fringes.through.objects.filter(line__budget_version=version).order_by(
        "fringe__position", "fringe_id"
    )
    for line_id, fringe_id in through.values_list("line_id", "fringe_id"):
        line_fringes.setdefault(line_id, []).append(fringe_id)
    sheet = Sheet(
        version=version,
        categories=list(version.categories.all()),
        accounts=list(version.accounts.all()),
        lines=list(version.lines.select_related("person__user")),
        line_fringes=line_fringes,
        globals=list(version.globals.all()),
        fringes=list(version.fringes.all()),
    )
    for account in sheet.accounts:
        sheet.accounts_by_id[account.pk] = account
        sheet.accounts_by_category.setdefault(account.category_id, []).append(account)
    for line in sheet.lines:
        sheet.lines_by_account.setdefault(line.account_id, []).append(line)
    try:
        sheet.result = compute.compute(sheet.engine_input())
    except compute.BudgetError as error:
        sheet.error = error
    return sheet


def latest_version(production: Production) -> BudgetVersion | None:
    return versions_for_production(production).order_by("-number").first()


# Financing


def reference_version(production: Production) -> BudgetVersion | None:
    """The version financing is measured against: the latest approved (or locked) one, else the latest."""
    versions = list(BudgetVersion.objects.filter(budget__production=production).order_by("-number"))
    approved = [v for v in versions if v.status in (Status.APPROVED, Status.LOCKED)]
    candidates = approved or versions
    return candidates[0] if candidates else None


def sources_for_production(production: Production) -> list[FinancingSource]:
    return list(
        FinancingSource.objects.filter(budget__production=production)
        .select_related("contact")
        .order_by("kind", "funder", "pk")
    )


def get_source_for_production(production: Production, pk: int) -> FinancingSource:
    """The financing source of this production's budget, or 404 (never another production's)."""
    return get_object_or_404(
        FinancingSource.objects.select_related("budget__production__organisation"), pk=pk, budget__production=production
    )


def financing_of(
    sources: list[FinancingSource], *, total: Decimal, currency: str, rates: dict[str, Decimal]
) -> financing.Financing:
    plain = [
        financing.Source(
            kind=s.kind, status=s.status, requested=s.amount_requested, secured=s.amount_secured, currency=s.currency
        )
        for s in sources
    ]
    return financing.financing(plain, budget_total=total, currency=currency, rates=rates)


def financing_for_version(version: BudgetVersion, total: Decimal | None = None) -> financing.Financing:
    """The financing of the version's budget against `total` (by default the version's stored total)."""
    sources = list(FinancingSource.objects.filter(budget_id=version.budget_id).exclude(status=FinancingStatus.REFUSED))
    return financing_of(
        sources, total=version.total if total is None else total, currency=version.currency, rates=version.rates()
    )
