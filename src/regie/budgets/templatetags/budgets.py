from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from regie.budgets.cost_queries import cost_summary
from regie.budgets.queries import Sheet, financing_for_version, latest_version, reference_version

register = template.Library()


@register.filter
def amount_of(sheet: Sheet, obj: Any) -> Decimal | None:
    """The computed total of a category or account of the sheet."""
    return sheet.total_of(obj)


@register.filter
def phase_total(sheet: Sheet, phase: str) -> Decimal:
    return sheet.result.phases.get(phase, Decimal(0)) if sheet.result else Decimal(0)


@register.inclusion_tag("budgets/_dashboard_summary.html")
def budget_summary(production: Any) -> dict[str, Any]:
    """The latest version and its total, the financing gap and the costs against the reference version."""
    latest = latest_version(production)
    reference = reference_version(production) if latest is not None else None
    financing = financing_for_version(reference) if reference is not None else None
    costs = cost_summary(reference) if reference is not None else None
    return {"production": production, "latest": latest, "reference": reference, "financing": financing, "costs": costs}


@register.filter
def accounts_in(sheet: Sheet, category: Any) -> list[Any]:
    return sheet.accounts_by_category.get(category.pk, [])


@register.filter
def amount_in(totals: Any, obj: Any) -> Decimal | None:
    """The phase total of a category or account (see reports.PhaseTotals)."""
    from regie.budgets.models import Category

    table = totals.categories if isinstance(obj, Category) else totals.accounts
    return table.get(obj.pk)


@register.filter
def lines_in(sheet: Sheet, account: Any) -> list[Any]:
    return sheet.lines_by_account.get(account.pk, [])


@register.filter
def line_result(sheet: Sheet, line: Any) -> Any:
    """The computed amounts of a line (quantity, multiplier, subtotal, fringes, total)."""
    return sheet.result.lines.get(line.pk) if sheet.result else None


@register.filter
def global_value(values: dict[str, Decimal], name: str) -> Decimal | None:
    return values.get(name.upper())
