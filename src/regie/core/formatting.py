"""Locale-aware formatting of money and numbers, in one place (Babel, the CLDR data)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_name, list_currencies
from django.utils import translation

CENT = Decimal("0.01")


def round_money(amount: Decimal) -> Decimal:
    """The one rounding rule for money: to the cent, halves away from zero."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def babel_locale(language: str | None = None) -> str:
    language = (language or translation.get_language() or "en").split("-")[0]
    return {"nl": "nl_BE", "fr": "fr_BE", "en": "en_IE"}.get(language, "en_IE")


def format_money(amount: Decimal | int | str, currency: str, language: str | None = None) -> str:
    return format_currency(round_money(Decimal(amount)), currency, locale=babel_locale(language))


def currency_choices(language: str | None = None) -> list[tuple[str, str]]:
    locale = babel_locale(language)
    codes = sorted(list_currencies())
    return [(code, f"{code} — {get_currency_name(code, locale=locale)}") for code in codes]
