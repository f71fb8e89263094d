"""Where the cost report finds what has been committed against budget lines.

Purchase orders are one source; other apps (contracts) register their own in their
`AppConfig.ready()`, so the budget app never imports them. A source takes a budget and yields a
`Commitment` per line it commits money against; amounts are in the commitment's own currency and
the cost report converts them with the rates of the version it shows.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from regie.budgets.models import Budget


@dataclass(frozen=True)
class Commitment:
    line_key: uuid.UUID
    amount: Decimal
    currency: str
    # What the cost report shows for it: "PO 0007 — Lumen Rent", "Contract 12 — Jan Peeters".
    label: str
    source: str
    url: str = ""
    # When it was committed (an order's date, a contract's signature), for the chart of costs over
    # time; None counts from today.
    on: datetime.date | None = None


CommitmentSource = Callable[["Budget"], Iterable[Commitment]]
_SOURCES: dict[str, CommitmentSource] = {}


def register_commitment_source(name: str, source: CommitmentSource) -> None:
    """Register (or replace, on a reload) the source called `name`."""
    _SOURCES[name] = source


def commitments_for_budget(budget: Budget) -> list[Commitment]:
    """Every commitment of every registered source against the budget's lines."""
    return [commitment for source in _SOURCES.values() for commitment in source(budget)]
