"""Named reads of contracts, payments and the register, scoped to a production."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from regie.contracts.models import (
    OPEN_PAYMENT,
    Contract,
    ContractDocument,
    ContractTemplate,
    Invoice,
    Payment,
    PaymentBatch,
    PaymentStatus,
    RequiredDocument,
    Settlement,
)
from regie.productions.models import Production


def contracts_for_production(production: Production, status: str = "") -> QuerySet[Contract]:
    contracts = Contract.objects.filter(production=production).select_related("counterparty", "engagement")
    return contracts.filter(status=status) if status else contracts


def get_contract(production: Production, pk: int) -> Contract:
    """The contract of this production, or 404 (never another production's)."""
    return get_object_or_404(
        Contract.objects.select_related("production__organisation", "template", "counterparty", "engagement"),
        production=production,
        pk=pk,
    )


def documents_of(contract: Contract) -> list[ContractDocument]:
    """The documents without their bytes (the list shows names and hashes)."""
    return list(contract.documents.defer("content").prefetch_related("links"))


def get_document(contract: Contract, pk: int) -> ContractDocument:
    return get_object_or_404(ContractDocument.objects.filter(contract=contract), pk=pk)


def templates_for(organisation: Any) -> QuerySet[ContractTemplate]:
    """Shipped templates and the organisation's own, without the Word bytes."""
    from django.db.models import Q

    return ContractTemplate.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation)).defer("docx")


def get_template(organisation: Any, pk: int) -> ContractTemplate:
    return get_object_or_404(templates_for(organisation), pk=pk)


def budget_line_choices(production: Production) -> list[tuple[str, str]]:
    """(key, label) of the lines of the newest budget version, for linking a contract."""
    from regie.budgets.models import BudgetVersion, Line

    version = BudgetVersion.objects.filter(budget__production=production).order_by("-number").first()
    if version is None:
        return []
    lines = (
        Line.objects.filter(budget_version=version)
        .select_related("account")
        .order_by("account__position", "account__code", "position", "pk")
    )
    return [
        (str(line.key), f"{line.account.code} {line.description} ({line.currency or version.currency})")
        for line in lines
    ]


@dataclass
class PaymentRegister:
    late: list[Payment]
    this_week: list[Payment]
    later: list[Payment]
    scheduled: list[Payment]
    approved: list[Payment]


def payment_register(production: Production, today: datetime.date) -> PaymentRegister:
    """Open payments: late, due within seven days, later; and those waiting for their condition."""
    payments = list(
        Payment.objects.filter(production=production)
        .exclude(status__in=(PaymentStatus.PAID, PaymentStatus.CANCELLED))
        .select_related("payee", "contract")
        .order_by("due_date", "pk")
    )
    week_end = today + datetime.timedelta(days=6)
    open_ = [p for p in payments if p.status in OPEN_PAYMENT and p.due_date is not None]
    return PaymentRegister(
        late=[p for p in open_ if p.due_date < today],  # type: ignore[operator]
        this_week=[p for p in open_ if today <= p.due_date <= week_end],  # type: ignore[operator]
        later=[p for p in open_ if p.due_date > week_end],  # type: ignore[operator]
        scheduled=[p for p in payments if p.status == PaymentStatus.SCHEDULED],
        approved=[p for p in payments if p.status == PaymentStatus.APPROVED],
    )


def payments_for_export(production: Production) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(production=production)
        .select_related("payee", "contract", "batch")
        .order_by("due_date", "pk")
    )


def invoices_for_production(production: Production) -> QuerySet[Invoice]:
    return Invoice.objects.filter(production=production).select_related("contact", "contract")


def batches_for_production(production: Production) -> QuerySet[PaymentBatch]:
    return PaymentBatch.objects.filter(production=production).defer("xml")


def get_batch(production: Production, pk: int) -> PaymentBatch:
    return get_object_or_404(PaymentBatch.objects.filter(production=production), pk=pk)


def get_payment(production: Production, pk: int) -> Payment:
    return get_object_or_404(Payment.objects.filter(production=production).select_related("contract", "payee"), pk=pk)


def get_invoice(production: Production, pk: int) -> Invoice:
    return get_object_or_404(Invoice.objects.filter(production=production), pk=pk)


def get_settlement(production: Production, pk: int) -> Settlement:
    return get_object_or_404(
        Settlement.objects.filter(contract__production=production).select_related(
            "contract__counterparty", "contract__production__organisation", "payment", "invoice"
        ),
        pk=pk,
    )


def documents_for_production(production: Production) -> QuerySet[RequiredDocument]:
    return RequiredDocument.objects.filter(production=production).select_related("engagement__contact")


def get_required_document(production: Production, pk: int) -> RequiredDocument:
    return get_object_or_404(RequiredDocument.objects.filter(production=production), pk=pk)


def get_own_template(organisation: Any, pk: int) -> ContractTemplate:
    """One of the organisation's own templates (shipped ones cannot be edited), or 404."""
    return get_object_or_404(ContractTemplate.objects.filter(organisation=organisation, docx_name=""), pk=pk)
