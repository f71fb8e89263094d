from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.formatting import currency_choices, format_money, round_money


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "€\xa01.234,50"), ("fr", "1\u202f234,50\xa0€"), ("en", "€1,234.50")],
)
def test_format_money_follows_the_language(language, expected):
    assert format_money(Decimal("1234.5"), "EUR", language) == expected


def test_round_money_rounds_halves_away_from_zero():
    assert round_money(Decimal("2.345")) == Decimal("2.35")
    assert round_money(Decimal("-2.345")) == Decimal("-2.35")
    assert round_money(Decimal("2.344")) == Decimal("2.34")


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=6))
def test_round_money_stays_within_half_a_cent(amount):
    rounded = round_money(amount)
    assert rounded.as_tuple().exponent == -2
    assert abs(rounded - amount) <= Decimal("0.005")


def test_currency_choices_named_in_the_language():
    choices = dict(currency_choices("fr"))
    assert choices["EUR"] == "EUR — euro"
    assert dict(currency_choices("nl"))["GBP"] == "GBP — Britse pond"
