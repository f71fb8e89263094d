"""The money of a production: the budget's top sheet, the cost report, contracts and payments."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from regie.api.routers.common import Rows, label, production_for
from regie.budgets.cost_queries import cost_report_for_version, cost_version
from regie.budgets.costreport import Figures
from regie.budgets.models import BudgetVersion, Status
from regie.budgets.queries import sheet_for_version
from regie.contracts.models import Contract, ContractKind, ContractStatus, Payment, PaymentStatus
from regie.core.feedback import Refused

router = Router(tags=["money"])


class VersionOut(Schema):
    id: int
    number: int
    name: str
    status: str
    status_label: str
    currency: str


class TotalOut(Schema):
    code: str
    name: str
    total: Decimal


class TopSheetOut(Schema):
    version: VersionOut
    categories: list[TotalOut]
    direct: Decimal
    contingency: Decimal
    overhead: Decimal
    insurance: Decimal
    vat: Decimal
    total: Decimal


class FiguresOut(Schema):
    budget: Decimal
    committed: Decimal
    actual: Decimal
    estimate_to_complete: Decimal
    estimate_at_completion: Decimal
    variance: Decimal


class ReportRowOut(FiguresOut):
    code: str
    name: str


class CostReportOut(Schema):
    version: VersionOut
    currency: str
    accounts: list[ReportRowOut]
    uncoded: FiguresOut
    total: FiguresOut
    missing_rates: list[str]


class ContractOut(Schema):
    id: int
    reference: str
    kind: str
    kind_label: str
    title: str
    party: str
    engagement: int | None
    status: str
    status_label: str
    language: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    total_amount: Decimal
    currency: str
    revision: int
    signed_at: datetime.datetime | None


class PaymentOut(Schema):
    id: int
    contract: str
    payee: str
    kind: str
    label: str
    amount: Decimal
    currency: str
    due_date: datetime.date | None
    status: str
    status_label: str
    paid_on: datetime.date | None


def version_out(version: BudgetVersion) -> dict[str, object]:
    return {
        "id": version.pk,
        "number": version.number,
        "name": version.name,
        "status": version.status,
        "status_label": label(Status.choices, version.status),
        "currency": version.currency,
    }


def figures_out(figures: Figures) -> dict[str, Decimal]:
    return {
        "budget": figures.budget,
        "committed": figures.committed,
        "actual": figures.actual,
        "estimate_to_complete": figures.etc,
        "estimate_at_completion": figures.eac,
        "variance": figures.variance,
    }


def contract_out(c: Contract) -> dict[str, Any]:
    return {
        "id": c.pk,
        "reference": c.reference,
        "kind": c.kind,
        "kind_label": label(ContractKind.choices, c.kind),
        "title": c.title,
        "party": c.counterparty.name,
        "engagement": c.engagement_id,
        "status": c.status,
        "status_label": label(ContractStatus.choices, c.status),
        "language": c.language,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "total_amount": c.total_amount,
        "currency": c.currency,
        "revision": c.revision,
        "signed_at": c.signed_at,
    }


def payment_out(p: Payment) -> dict[str, Any]:
    return {
        "id": p.pk,
        "contract": p.contract.reference,
        "payee": p.payee.name,
        "kind": p.kind,
        "label": p.label,
        "amount": p.amount,
        "currency": p.currency,
        "due_date": p.due_date,
        "status": p.status,
        "status_label": label(PaymentStatus.choices, p.status),
        "paid_on": p.paid_on,
    }


def _version(request: HttpRequest, production_id: int, version: int | None) -> BudgetVersion:
    production = production_for(request, production_id, "budgets.view_budget")
    chosen = cost_version(production, str(version) if version else None)
    if chosen is None:
        raise Refused(_("This production has no budget yet."))
    return chosen


@router.get("/productions/{production_id}/budget", response=TopSheetOut, summary="The budget's top sheet")
def top_sheet(request: HttpRequest, production_id: int, version: int | None = None) -> dict[str, object]:
    """By category, with the bottom of the budget; by default the latest approved or locked
    version, else the latest (`version` to choose)."""
    chosen = _version(request, production_id, version)
    sheet = sheet_for_version(chosen)
    result = sheet.result
    if result is None:
        raise Refused(_("The budget cannot be computed: %(error)s") % {"error": sheet.error})
    return {
        "version": version_out(chosen),
        "categories": [
            {"code": c.code, "name": c.name, "total": result.categories.get(c.pk, Decimal(0))} for c in sheet.categories
        ],
        "direct": result.direct,
        "contingency": result.contingency,
        "overhead": result.overhead,
        "insurance": result.insurance,
        "vat": result.vat,
        "total": result.total,
    }


@router.get("/productions/{production_id}/cost-report", response=CostReportOut, summary="The cost report")
def cost_report(
    request: HttpRequest, production_id: int, version: int | None = None, phase: str = ""
) -> dict[str, object]:
    """Per account: budget, committed (open orders and contracts), actual (invoices), estimate to
    complete, estimate at completion and variance, in the version's currency."""
    chosen = _version(request, production_id, version)
    data = cost_report_for_version(chosen, phase=phase)
    report = data.report
    if report is None:
        raise Refused(_("The budget cannot be computed: %(error)s") % {"error": data.sheet.error})
    return {
        "version": version_out(chosen),
        "currency": report.currency,
        "accounts": [
            {"code": a.code, "name": a.name, **figures_out(report.accounts.get(a.pk, Figures()))}
            for a in data.sheet.accounts
        ],
        "uncoded": figures_out(report.uncoded),
        "total": figures_out(report.total),
        "missing_rates": sorted(report.missing_rates),
    }


@router.get("/productions/{production_id}/contracts", response=list[ContractOut], summary="Contracts")
@paginate(LimitOffsetPagination)
def contracts(request: HttpRequest, production_id: int, status: str = "") -> Rows:
    production = production_for(request, production_id, "contracts.view_contracts")
    rows = Contract.objects.filter(production=production).select_related("counterparty").order_by("number")
    if status:
        rows = rows.filter(status=status)
    return Rows(rows, contract_out)


@router.get("/productions/{production_id}/payments", response=list[PaymentOut], summary="Payments")
@paginate(LimitOffsetPagination)
def payments(request: HttpRequest, production_id: int, status: str = "") -> Rows:
    """Payments under the production's contracts, by due date (those waiting for a condition last)."""
    production = production_for(request, production_id, "contracts.view_payments")
    rows = (
        Payment.objects.filter(production=production)
        .select_related("contract", "payee")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )
    if status:
        rows = rows.filter(status=status)
    return Rows(rows, payment_out)
