"""The cost report's arithmetic over plain data (no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from regie.budgets.costchart import burn_chart
from regie.budgets.costreport import Amount, BudgetLine, cost_report, monthly_burn

D = Decimal
LINES = [
    BudgetLine("a", account=1, category=10, budget=D(1000), phase="production"),
    BudgetLine("b", account=1, category=10, budget=D(500), phase="post_production"),
    BudgetLine("c", account=2, category=20, budget=D(200), phase="production"),
]


def report(**kwargs):
    args = {"committed": [], "actual": [], "etc": {}, "currency": "EUR", "rates": {"USD": D("0.9")}}
    return cost_report(LINES, **{**args, **kwargs})


def test_cost_report_default_etc_is_what_is_left_of_the_budget():
    # Act
    result = report(committed=[Amount("a", D(300))], actual=[Amount("a", D(200))])

    # Assert
    line = result.lines["a"]
    assert (line.budget, line.committed, line.actual, line.etc, line.eac, line.variance) == (
        D(1000),
        D(300),
        D(200),
        D(500),
        D(1000),
        D(0),
    )


def test_cost_report_default_etc_is_never_negative_when_over_budget():
    # Act
    result = report(actual=[Amount("c", D(260))])

    # Assert
    assert (result.lines["c"].etc, result.lines["c"].eac, result.lines["c"].variance) == (D(0), D(260), D(-60))


def test_cost_report_etc_set_by_hand_replaces_the_default():
    # Act
    result = report(actual=[Amount("a", D(100))], etc={"a": D(50)})

    # Assert
    assert (result.lines["a"].etc, result.lines["a"].etc_set, result.lines["a"].variance) == (D(50), True, D(850))


def test_cost_report_accounts_categories_and_total_are_sums_of_lines():
    # Act
    result = report(committed=[Amount("b", D(100))], actual=[Amount("c", D(50)), Amount("a", D(10))])

    # Assert
    assert (result.accounts[1].budget, result.accounts[1].committed, result.accounts[1].actual) == (
        D(1500),
        D(100),
        D(10),
    )
    assert (result.categories[20].actual, result.categories[20].etc) == (D(50), D(150))
    assert (result.total.budget, result.total.committed, result.total.actual) == (D(1700), D(100), D(60))
    assert result.total.eac == result.total.actual + result.total.committed + result.total.etc


def test_cost_report_converts_other_currencies_with_the_rates():
    # Act
    result = report(actual=[Amount("a", D("100.05"), "USD")])

    # Assert
    assert result.lines["a"].actual == D("90.05")


def test_cost_report_names_missing_rates_and_leaves_those_amounts_out():
    # Act
    result = report(actual=[Amount("a", D(100), "GBP"), Amount("a", D(10))])

    # Assert
    assert (result.missing_rates, result.lines["a"].actual) == ({"GBP"}, D(10))


def test_cost_report_costs_on_unknown_lines_go_to_uncoded_and_the_total():
    # Act
    result = report(actual=[Amount("gone", D(70))], committed=[Amount("gone", D(5))])

    # Assert
    assert (result.uncoded.actual, result.uncoded.committed, result.total.actual) == (D(70), D(5), D(70))


def test_cost_report_phase_keeps_only_its_lines():
    # Act
    result = report(actual=[Amount("a", D(10)), Amount("b", D(20))], phase="post_production")

    # Assert
    assert (list(result.lines), result.total.budget, result.total.actual) == (["b"], D(500), D(20))
    assert result.uncoded.actual == D(0)


def test_monthly_burn_is_cumulative_and_fills_empty_months():
    # Act
    points = monthly_burn(
        committed=[Amount("a", D(100), on=datetime.date(2027, 1, 5))],
        actual=[Amount("a", D(40), on=datetime.date(2027, 1, 9)), Amount("b", D(60), on=datetime.date(2027, 3, 2))],
        currency="EUR",
        rates={},
        until=datetime.date(2027, 4, 15),
    )

    # Assert
    assert [(p.month.month, p.actual, p.committed) for p in points] == [
        (1, D(40), D(100)),
        (2, D(40), D(100)),
        (3, D(100), D(100)),
        (4, D(100), D(100)),
    ]


def test_burn_chart_marks_a_forecast_over_budget():
    # Arrange
    points = monthly_burn(
        committed=[],
        actual=[Amount("a", D(120), on=datetime.date(2027, 1, 5))],
        currency="EUR",
        rates={},
        until=datetime.date(2027, 2, 1),
    )

    # Act
    chart = burn_chart(points, D(100))

    # Assert
    assert chart is not None
    assert (chart.over_budget, chart.top, len(chart.actual.split())) == (True, D(120), 2)


def test_burn_chart_without_points_is_none():
    # Assert
    assert burn_chart([], D(100)) is None
