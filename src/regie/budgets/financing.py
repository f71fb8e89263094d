"""The financing plan's totals over plain data: what is requested, what is secured, and the gap
between the budget and the secured financing.

Rules:
- a refused source counts for nothing, neither requested nor secured;
- a source is secured once granted or received; its secured amount then counts;
- in-kind sponsorship is part of the secured total and is also shown on its own, because it
  covers costs without bringing cash;
- amounts in another currency are converted with the budget version's rates (units of the
  budget's currency for one unit of the other), each converted amount rounded to the cent;
  a source whose currency has no rate is left out of the totals and named in `missing_rates`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from regie.core.formatting import round_money

REFUSED = "refused"
SECURED_STATUSES = frozenset({"granted", "received"})
IN_KIND = "sponsorship_in_kind"
ZERO = Decimal(0)


@dataclass(frozen=True)
class Source:
    kind: str
    status: str
    requested: Decimal
    secured: Decimal
    currency: str = ""


@dataclass
class Financing:
    budget_total: Decimal
    requested: Decimal = ZERO
    secured: Decimal = ZERO
    secured_in_kind: Decimal = ZERO
    by_kind: dict[str, Decimal] = field(default_factory=dict)
    missing_rates: set[str] = field(default_factory=set)

    @property
    def secured_cash(self) -> Decimal:
        return self.secured - self.secured_in_kind

    @property
    def gap(self) -> Decimal:
        """What the secured financing still lacks to cover the budget (negative: a surplus)."""
        return self.budget_total - self.secured

    @property
    def surplus(self) -> Decimal:
        """What the secured financing holds beyond the budget (zero while there is a gap)."""
        return max(-self.gap, ZERO)


def convert(amount: Decimal, currency: str, budget_currency: str, rates: Mapping[str, Decimal]) -> Decimal | None:
    """The amount in the budget's currency, or None when there is no rate for `currency`."""
    if not currency or currency == budget_currency:
        return amount
    rate = rates.get(currency)
    return None if rate is None else round_money(amount * rate)


def financing(
    sources: Iterable[Source], *, budget_total: Decimal, currency: str, rates: Mapping[str, Decimal]
) -> Financing:
    result = Financing(budget_total=budget_total)
    for source in sources:
        if source.status == REFUSED:
            continue
        requested = convert(source.requested, source.currency, currency, rates)
        secured = convert(source.secured, source.currency, currency, rates)
        if requested is None or secured is None:
            result.missing_rates.add(source.currency)
            continue
        result.requested += requested
        if source.status in SECURED_STATUSES:
            result.secured += secured
            result.by_kind[source.kind] = result.by_kind.get(source.kind, ZERO) + secured
            if source.kind == IN_KIND:
                result.secured_in_kind += secured
    return result
