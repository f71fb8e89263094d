"""Actual costs from the accounting software: the budget's lines to code them to, the supplier
invoices and expenses recorded, and recording one. Through the same service as the cost pages:
the same duplicate check, currency rule and history."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime
import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from regie.api.routers.common import Rows, label, production_for
from regie.budgets import cost_services
from regie.budgets.cost_forms import cost_currency
from regie.budgets.cost_models import Cost, CostKind, PaymentStatus
from regie.budgets.models import BudgetVersion, Line
from regie.budgets.queries import reference_version, sheet_for_version
from regie.core.feedback import Refused
from regie.productions.models import Production

router = Router(tags=["costs"])


class LineOut(Schema):
    key: uuid.UUID
    account: str
    account_name: str
    description: str
    phase: str
    total: Decimal


class AllocationOut(Schema):
    line: uuid.UUID
    amount: Decimal


class CostOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    supplier: str
    supplier_contact: int | None
    description: str
    invoice_date: datetime.date
    due_date: datetime.date | None
    currency: str
    amount: Decimal
    vat_amount: Decimal
    payment_status: str
    payment_status_label: str
    allocations: list[AllocationOut]
    version: int


class AllocationIn(Schema):
    line: uuid.UUID
    amount: Decimal


class CostIn(Schema):
    kind: str = CostKind.INVOICE
    number: str = ""
    supplier: int | None = None
    supplier_name: str = ""
    description: str = ""
    invoice_date: datetime.date
    due_date: datetime.date | None = None
    currency: str = ""
    vat_amount: Decimal = Decimal(0)
    allocations: list[AllocationIn]


def cost_out(cost: Cost) -> dict[str, Any]:
    return {
        "id": cost.pk,
        "kind": cost.kind,
        "kind_label": label(CostKind.choices, cost.kind),
        "number": cost.number,
        "supplier": cost.supplier_label,
        "supplier_contact": cost.supplier_id,
        "description": cost.description,
        "invoice_date": cost.invoice_date,
        "due_date": cost.due_date,
        "currency": cost.currency,
        "amount": cost.amount,
        "vat_amount": cost.vat_amount,
        "payment_status": cost.payment_status,
        "payment_status_label": label(PaymentStatus.choices, cost.payment_status),
        "allocations": [{"line": a.line_key, "amount": a.amount} for a in cost.allocations.all()],
        "version": cost.version,
    }


def _reference(production: Production) -> BudgetVersion:
    reference = reference_version(production)
    if reference is None:
        raise Refused(_("This production has no budget yet."))
    return reference


@router.get("/productions/{production_id}/budget/lines", response=list[LineOut], summary="The budget's lines")
def budget_lines(request: HttpRequest, production_id: int) -> list[dict[str, Any]]:
    """The lines of the reference version (the latest approved or locked one, else the latest),
    with the `key` that costs are coded to: a line keeps its key in every version of the budget."""
    production = production_for(request, production_id, "budgets.view_budget")
    sheet = sheet_for_version(_reference(production))
    totals = sheet.result.lines if sheet.result else {}
    return [
        {
            "key": line.key,
            "account": sheet.accounts_by_id[line.account_id].code,
            "account_name": sheet.accounts_by_id[line.account_id].name,
            "description": line.description,
            "phase": line.phase,
            "total": totals[line.pk].total if line.pk in totals else Decimal(0),
        }
        for line in sheet.lines
    ]


@router.get("/productions/{production_id}/costs", response=list[CostOut], summary="Invoices and expenses")
@paginate(LimitOffsetPagination)
def costs(request: HttpRequest, production_id: int, number: str = "") -> Rows:
    """Supplier invoices and expenses recorded against the budget, newest first (`number` to find one)."""
    production = production_for(request, production_id, "budgets.view_budget")
    rows = (
        Cost.objects.filter(budget__production=production)
        .select_related("supplier")
        .prefetch_related("allocations")
        .order_by("-invoice_date", "-pk")
    )
    if number:
        rows = rows.filter(number=number.strip())
    return Rows(rows, cost_out)


@router.post("/productions/{production_id}/costs", response={201: CostOut}, summary="Record an invoice or expense")
def add_cost(request: HttpRequest, production_id: int, data: CostIn) -> Status:
    """Coded to one or more budget lines by their `key` (amounts excluding VAT). An invoice needs
    its number; the same number from the same supplier is refused as recorded already. A currency
    other than the budget's needs an exchange rate in the reference version."""
    production = production_for(request, production_id, "budgets.record_costs")
    reference = _reference(production)
    if data.kind not in CostKind.values:
        raise Refused(
            _("Unknown %(what)s “%(value)s”; use one of: %(choices)s.")
            % {"what": _("kind"), "value": data.kind, "choices": ", ".join(CostKind.values)}
        )
    if data.kind == CostKind.INVOICE and not data.number.strip():
        raise Refused(_("A supplier invoice needs its number."))
    supplier = None
    if data.supplier is not None:
        supplier = production.organisation.contacts.filter(pk=data.supplier).first()
        if supplier is None:
            raise Refused(_("There is no contact %(ids)s in your organisation.") % {"ids": data.supplier})
    elif not data.supplier_name.strip():
        raise Refused(_("Choose a supplier from the address book or type its name."))
    if data.vat_amount < 0:
        raise Refused(_("The VAT amount cannot be negative."))
    try:
        currency = cost_currency(data.currency, reference, reference.currency)
    except forms.ValidationError as error:
        raise Refused(" ".join(error.messages)) from None
    keys = set(Line.objects.filter(budget_version=reference).values_list("key", flat=True))
    unknown = sorted(str(a.line) for a in data.allocations if a.line not in keys)
    if unknown:
        raise Refused(_("These are not lines of the budget: %(keys)s.") % {"keys": ", ".join(unknown)})
    cost = Cost(
        budget=reference.budget,
        kind=data.kind,
        number=data.number,
        supplier=supplier,
        supplier_name="" if supplier else data.supplier_name.strip(),
        description=data.description,
        invoice_date=data.invoice_date,
        due_date=data.due_date,
        currency=currency,
        vat_amount=data.vat_amount,
    )
    cost_services.save_cost(
        cost,
        allocations=[(a.line, a.amount) for a in data.allocations],
        expected_version=None,
        by=request.user,  # type: ignore[arg-type]
    )
    return Status(201, cost_out(Cost.objects.prefetch_related("allocations").get(pk=cost.pk)))
