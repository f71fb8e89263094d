"""The "contracts" source of budget commitments: contracts sent, in negotiation or signed commit
their budget-line amounts (registered in ContractsConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from regie.budgets.commitments import Commitment
from regie.contracts.models import COMMITTING, ContractLine

if TYPE_CHECKING:
    from regie.budgets.models import Budget


def contract_commitments(budget: Budget) -> Iterator[Commitment]:
    lines = (
        ContractLine.objects.filter(contract__production_id=budget.production_id, contract__status__in=COMMITTING)
        .select_related("contract__counterparty")
        .order_by("contract__number", "pk")
    )
    for line in lines:
        contract = line.contract
        yield Commitment(
            line_key=line.line_key,
            amount=line.amount,
            currency=line.currency,
            label=f"{contract.reference} — {contract.counterparty.name}",
            source="contracts",
            url=reverse("contracts:detail", kwargs={"pk": contract.production_id, "contract_pk": contract.pk}),
        )
