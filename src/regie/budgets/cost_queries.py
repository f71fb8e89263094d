"""Named reads for cost control: orders, invoices, the open commitments and the cost report."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse

from regie.budgets import costreport
from regie.budgets.commitments import Commitment, commitments_for_budget
from regie.budgets.cost_models import Cost, CostAllocation, EstimateToComplete, OrderStatus, PurchaseOrder
from regie.budgets.models import Budget, BudgetVersion
from regie.budgets.queries import Sheet, sheet_for_version
from regie.productions.models import Production

ZERO = Decimal(0)


def orders_for_budget(budget: Budget) -> QuerySet[PurchaseOrder]:
    return PurchaseOrder.objects.filter(budget=budget).select_related("supplier").order_by("-number")


def get_order_for_production(production: Production, pk: int) -> PurchaseOrder:
    """The purchase order of this production's budget, or 404 (never another production's)."""
    return get_object_or_404(
        PurchaseOrder.objects.select_related("budget__production__organisation", "supplier"),
        pk=pk,
        budget__production=production,
    )


def costs_for_budget(budget: Budget) -> QuerySet[Cost]:
    return (
        Cost.objects.filter(budget=budget)
        .select_related("supplier", "order")
        .prefetch_related("allocations")
        .order_by("-invoice_date", "-pk")
    )


def get_cost_for_production(production: Production, pk: int) -> Cost:
    """The invoice or expense of this production's budget, or 404 (never another organisation's)."""
    return get_object_or_404(
        Cost.objects.select_related("budget__production__organisation", "supplier", "order"),
        pk=pk,
        budget__production=production,
    )


def invoiced_by_order(order_ids: Iterable[int]) -> dict[int, Decimal]:
    """What invoices against each order have coded so far (excluding VAT), in the order's currency."""
    rows = (
        CostAllocation.objects.filter(cost__order_id__in=list(order_ids))
        .values("cost__order_id")
        .annotate(total=Sum("amount"))
    )
    return {row["cost__order_id"]: row["total"] or ZERO for row in rows}


def open_amount(order: PurchaseOrder, invoiced: Decimal) -> Decimal:
    """An issued order commits its amount until invoices against it use it up; other statuses commit nothing."""
    if order.status != OrderStatus.ISSUED:
        return ZERO
    return max(order.amount - invoiced, ZERO)


def purchase_order_commitments(budget: Budget) -> list[Commitment]:
    """The commitment source of purchase orders (registered in BudgetsConfig.ready): two queries."""
    orders = list(PurchaseOrder.objects.filter(budget=budget, status=OrderStatus.ISSUED).select_related("supplier"))
    invoiced = invoiced_by_order(o.pk for o in orders)
    commitments = []
    for order in orders:
        amount = open_amount(order, invoiced.get(order.pk, ZERO))
        if amount > ZERO:
            commitments.append(
                Commitment(
                    line_key=order.line_key,
                    amount=amount,
                    currency=order.currency,
                    label=f"{order} — {order.supplier_label}",
                    source="purchase_orders",
                    url=reverse("budgets:order_edit", args=[budget.production_id, order.pk]),
                    on=order.date,
                )
            )
    return commitments


def allocations_for_budget(budget: Budget) -> list[costreport.Amount]:
    """Every coded part of every cost of the budget, dated by its invoice date (one query)."""
    rows = CostAllocation.objects.filter(cost__budget=budget).values_list(
        "line_key", "amount", "cost__currency", "cost__invoice_date"
    )
    return [costreport.Amount(key, amount, currency, on) for key, amount, currency, on in rows]


def estimates_for_budget(budget: Budget) -> dict[uuid.UUID, EstimateToComplete]:
    return {e.line_key: e for e in EstimateToComplete.objects.filter(budget=budget).select_related("updated_by")}


@dataclass
class CostReportData:
    """The version's sheet with the cost report computed over it, and what the page needs beside."""

    sheet: Sheet
    report: costreport.CostReport | None
    commitments: list[Commitment]
    actual: list[costreport.Amount]
    estimates: dict[uuid.UUID, EstimateToComplete]

    def burn(self, *, keys: set[Any] | None = None, today: datetime.date) -> list[costreport.MonthPoint]:
        """Cumulative actual and committed by month (of the lines of `keys`, or all); undated commitments count
        from today."""
        committed = [
            costreport.Amount(c.line_key, c.amount, c.currency, c.on or today)
            for c in self.commitments
            if keys is None or c.line_key in keys
        ]
        actual = [a for a in self.actual if keys is None or a.line_key in keys]
        version = self.sheet.version
        return costreport.monthly_burn(
            committed=committed, actual=actual, currency=version.currency, rates=version.rates(), until=today
        )


def budget_lines(sheet: Sheet) -> list[costreport.BudgetLine]:
    """The version's lines for the cost report, keyed by their stable key (so costs follow them across versions)."""
    assert sheet.result is not None
    return [
        costreport.BudgetLine(
            key=line.key,
            account=line.account_id,
            category=sheet.accounts_by_id[line.account_id].category_id,
            budget=sheet.result.lines[line.pk].total,
            phase=line.phase,
        )
        for line in sheet.lines
    ]


def cost_report_for_version(version: BudgetVersion, *, phase: str = "") -> CostReportData:
    """A fixed number of queries whatever the number of lines, orders and invoices."""
    sheet = sheet_for_version(version)
    budget = version.budget
    commitments = commitments_for_budget(budget)
    actual = allocations_for_budget(budget)
    estimates = estimates_for_budget(budget)
    data = CostReportData(sheet, None, commitments, actual, estimates)
    if sheet.result is None:
        return data
    data.report = costreport.cost_report(
        budget_lines(sheet),
        committed=[costreport.Amount(c.line_key, c.amount, c.currency) for c in commitments],
        actual=actual,
        etc={key: e.amount for key, e in estimates.items()},
        currency=version.currency,
        rates=version.rates(),
        phase=phase,
    )
    return data


def cost_version(production: Production, pk: str | None) -> BudgetVersion | None:
    """The version asked for in `?version=`, by default the latest approved or locked one, else the latest."""
    from regie.budgets.queries import reference_version

    if pk and pk.isdigit():
        return get_object_or_404(
            BudgetVersion.objects.select_related("budget__production"), pk=int(pk), budget__production=production
        )
    return reference_version(production)


@dataclass(frozen=True)
class ReportRow:
    level: str  # "category", "account" or "line"
    code: str
    name: str
    figures: costreport.Figures
    line_key: uuid.UUID | None = None
    phase: str = ""
    account: int | None = None


def report_rows(data: CostReportData, *, lines_of: set[int] | None = None) -> list[ReportRow]:
    """Categories, their accounts and their lines in the order of the sheet (lines of another phase left out).

    `lines_of` limits the line rows to those accounts (None: every line, as the exports show them)."""
    report, sheet = data.report, data.sheet
    assert report is not None
    rows: list[ReportRow] = []
    for category in sheet.categories:
        empty = costreport.Figures()
        rows.append(ReportRow("category", category.code, category.name, report.categories.get(category.pk, empty)))
        for account in sheet.accounts_by_category.get(category.pk, []):
            lines = [line for line in sheet.lines_by_account.get(account.pk, []) if line.key in report.lines]
            if not lines:
                continue
            rows.append(
                ReportRow("account", account.code, account.name, report.accounts[account.pk], account=account.pk)
            )
            if lines_of is not None and account.pk not in lines_of:
                continue
            rows += [
                ReportRow(
                    "line", account.code, line.description, report.lines[line.key], line.key, line.phase, account.pk
                )
                for line in lines
            ]
    return rows


def cost_summary(version: BudgetVersion) -> costreport.Figures | None:
    """The cost report's total for the version (budget, committed, actual, EAC), or None when it does not compute."""
    report = cost_report_for_version(version).report
    return report.total if report is not None else None
