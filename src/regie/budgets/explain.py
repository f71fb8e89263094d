"""The engine's errors as sentences for people, in their language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from regie.budgets import compute


def explain(error: compute.BudgetError) -> str:
    if isinstance(error, compute.ExpressionSyntaxError):
        return _("“%(text)s” is not a formula Regie can read (at character %(position)s).") % {
            "text": error.expression,
            "position": error.position + 1,
        }
    if isinstance(error, compute.UnknownGlobalError):
        return _("There is no global called %(name)s in this budget.") % {"name": error.name}
    if isinstance(error, compute.CircularGlobalError):
        return _("The global %(name)s refers to itself: %(chain)s.") % {
            "name": error.chain[0],
            "chain": " → ".join(error.chain),
        }
    if isinstance(error, compute.DivisionByZeroError):
        return _("“%(text)s” divides by zero.") % {"text": error.expression}
    if isinstance(error, compute.MissingRateError):
        return _("There is no exchange rate for %(currency)s; add it in the version's settings first.") % {
            "currency": error.currency
        }
    if isinstance(error, compute.NegativeValueError):
        return _("A quantity or multiplier cannot be negative (it comes to %(value)s).") % {"value": error.value}
    if isinstance(error, compute.TooLargeError):
        return _("That number is too large for a budget; check it for a typing error.")
    return str(error)
