from __future__ import annotations

from decimal import Decimal

import pytest

from regie.contracts.settlement import door_split

D = Decimal


def test_door_split_percentage_wins_over_a_low_guarantee():
    split = door_split(D("10600.00"), D("6"), D("1000.00"), D("2000.00"), D("70"))

    assert (split.net_receipts, split.split_base, split.percentage_amount, split.artist_amount, split.venue_amount) == (
        D("10000.00"),
        D("9000.00"),
        D("6300.00"),
        D("6300.00"),
        D("3700.00"),
    )
    assert split.guarantee_applies is False


def test_door_split_guarantee_wins_when_the_house_is_thin():
    split = door_split(D("2120.00"), D("6"), D("500.00"), D("2000.00"), D("70"))

    assert (split.percentage_amount, split.artist_amount, split.venue_amount, split.guarantee_applies) == (
        D("1050.00"),
        D("2000.00"),
        D("0.00"),
        True,
    )


def test_door_split_costs_above_the_receipts_leave_a_zero_base():
    split = door_split(D("500.00"), D("0"), D("800.00"), D("0"), D("80"))

    assert (split.split_base, split.artist_amount, split.venue_amount) == (D("0"), D("0.00"), D("500.00"))


def test_door_split_rounds_to_the_cent():
    split = door_split(D("1000.00"), D("6"), D("0"), D("0"), D("33.33"))

    assert (split.net_receipts, split.percentage_amount) == (D("943.40"), D("314.44"))


def test_door_split_refuses_a_percentage_above_100():
    with pytest.raises(ValueError):
        door_split(D("100"), D("6"), D("0"), D("0"), D("101"))
