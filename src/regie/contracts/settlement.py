"""The split of a door deal: the artist gets the higher of the guarantee and a percentage of the
net door. Pure functions over Decimals; rounding through the one money helper."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from regie.core.formatting import round_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Split:
    net_receipts: Decimal  # box office without the VAT on tickets
    split_base: Decimal  # net receipts less the agreed costs, never below zero
    percentage_amount: Decimal
    artist_amount: Decimal
    venue_amount: Decimal  # what the presenter keeps of the net receipts (negative: a loss)
    guarantee_applies: bool


def door_split(
    gross_receipts: Decimal, ticket_vat_rate: Decimal, costs: Decimal, guarantee: Decimal, percentage: Decimal
) -> Split:
    """Guarantee versus percentage after costs.

    The VAT in ticket prices is not income: net = gross / (1 + rate). The artist's percentage is
    of the net less the agreed costs; the artist receives the higher of that and the guarantee.
    """
    if min(gross_receipts, ticket_vat_rate, costs, guarantee, percentage) < 0 or percentage > HUNDRED:
        raise ValueError("amounts and rates must be positive, the percentage at most 100")
    net = round_money(gross_receipts / (1 + ticket_vat_rate / HUNDRED))
    base = max(net - costs, Decimal(0))
    share = round_money(base * percentage / HUNDRED)
    artist = max(share, round_money(guarantee))
    return Split(
        net_receipts=net,
        split_base=base,
        percentage_amount=share,
        artist_amount=artist,
        venue_amount=net - artist,
        guarantee_applies=artist > share,
    )
