from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from regie.core.audit import action_label, describe_changes
from regie.core.formatting import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | int | str | None, currency: str = "EUR") -> str:
    if amount is None or amount == "":
        return "—"
    return format_money(amount, currency)


@register.filter
def audit_action(action: str) -> str:
    return action_label(action)


@register.filter
def audit_changes(entry: Any) -> list[dict[str, Any]]:
    return describe_changes(entry)
