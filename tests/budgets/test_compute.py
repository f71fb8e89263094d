"""The budget engine on plain data: expressions, globals, fringes, currencies and every total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.budgets.compute import (
    Account,
    BudgetInput,
    CircularGlobalError,
    DivisionByZeroError,
    ExpressionSyntaxError,
    Fringe,
    FringeBasis,
    Line,
    MissingRateError,
    NegativeValueError,
    TooLargeError,
    UnknownGlobalError,
    compute,
    evaluate,
    names_in,
    resolve_globals,
    spreadsheet_formula,
)

D = Decimal


def small_budget(**changes) -> BudgetInput:
    """Two categories, three accounts; crew with social security, a foreign-currency rental."""
    data = {
        "currency": "EUR",
        "categories": ["cast", "tech"],
        "accounts": [Account("actors", "cast"), Account("crew", "tech"), Account("rental", "tech")],
        "globals": {"PERFORMANCES": "12", "REHEARSAL_WEEKS": "6", "SHOWS_AND_REHEARSALS": "PERFORMANCES + 4"},
        "fringes": [Fringe("rsz", "Employer social security", FringeBasis.PERCENT, D("27"))],
        "rates": {"USD": D("0.9")},
        "lines": [
            Line("a1", "actors", quantity="PERFORMANCES", rate=D("250.00"), fringes=("rsz",)),
            Line("c1", "crew", quantity="SHOWS_AND_REHEARSALS", multiplier="2", rate=D("180.555"), fringes=("rsz",)),
            Line("r1", "rental", quantity="1", rate=D("1000"), currency="USD"),
        ],
    }
    data.update(changes)
    return BudgetInput(**data)


# Expressions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", D("12")),
        ("2 + 3 * 4", D("14")),
        ("(2 + 3) * 4", D("20")),
        ("10 / 4", D("2.5")),
        ("-3 + 5", D("2")),
        ("2 * -(1 + 1)", D("-4")),
        ("0.5 * DAYS", D("10")),
        ("days * 2", D("40")),
    ],
)
def test_evaluate_expression_gives_exact_decimal(text, expected):
    # Act
    value = evaluate(text, {"DAYS": D("20")})

    # Assert
    assert value == expected


@pytest.mark.parametrize("text", ["", "2 +", "(2", "2)", "2 ** 3", "__import__('os')", "1.2.3", "2 # 3", "a b"])
def test_evaluate_malformed_expression_refused(text):
    # Act and assert
    with pytest.raises(ExpressionSyntaxError):
        evaluate(text, {"A": D(1), "B": D(2)})


def test_evaluate_unknown_global_names_it():
    # Act
    with pytest.raises(UnknownGlobalError) as error:
        evaluate("SHOOT_DAYS * 2", {})

    # Assert
    assert error.value.name == "SHOOT_DAYS"


def test_evaluate_division_by_zero_refused():
    # Act and assert
    with pytest.raises(DivisionByZeroError):
        evaluate("4 / (2 - 2)", {})


def test_names_in_lists_globals_upper_case():
    # Act and assert
    assert names_in("crew_size * (Shoot_Days + 2)") == {"CREW_SIZE", "SHOOT_DAYS"}


# Globals


def test_resolve_globals_follows_references_in_any_order():
    # Act
    values = resolve_globals({"TOTAL": "DAYS * CREW", "DAYS": "WEEKS * 5", "WEEKS": "4", "CREW": "12"})

    # Assert
    assert values == {"TOTAL": D("240"), "DAYS": D("20"), "WEEKS": D("4"), "CREW": D("12")}


def test_resolve_globals_self_reference_names_the_global():
    # Act
    with pytest.raises(CircularGlobalError) as error:
        resolve_globals({"DAYS": "DAYS + 1"})

    # Assert
    assert error.value.chain == ("DAYS", "DAYS")


def test_resolve_globals_circular_reference_names_the_chain():
    # Act
    with pytest.raises(CircularGlobalError) as error:
        resolve_globals({"A": "B + 1", "B": "C * 2", "C": "A", "D": "1"})

    # Assert
    assert error.value.chain == ("A", "B", "C", "A")


def test_resolve_globals_unknown_reference_names_it():
    # Act
    with pytest.raises(UnknownGlobalError) as error:
        resolve_globals({"A": "WEEKS * 5"})

    # Assert
    assert error.value.name == "WEEKS"


def test_resolve_globals_absurd_value_refused():
    # Act and assert
    with pytest.raises(TooLargeError):
        resolve_globals({"A": "1000000 * 1000000 * 10"})


# Lines and totals


def test_compute_small_budget_rounds_lines_and_fringes_to_the_cent():
    # Act
    result = compute(small_budget())

    # Assert
    assert (result.lines["a1"].subtotal, result.lines["a1"].fringes, result.lines["a1"].total) == (
        D("3000.00"),
        {"rsz": D("810.00")},
        D("3810.00"),
    )
    # 16 * 2 * 180.555 = 5777.76; 27 % of it = 1559.9952 → 1560.00
    assert (result.lines["c1"].subtotal, result.lines["c1"].fringes["rsz"]) == (D("5777.76"), D("1560.00"))
    assert result.lines["r1"].subtotal == D("900.00")
    assert result.accounts == {"actors": D("3810.00"), "crew": D("7337.76"), "rental": D("900.00")}
    assert result.categories == {"cast": D("3810.00"), "tech": D("8237.76")}
    assert (result.direct, result.total) == (D("12047.76"), D("12047.76"))
    assert result.fringes == {"rsz": D("2370.00")}


def test_compute_change_of_global_ripples_through_every_line_using_it():
    # Arrange
    before = compute(small_budget())

    # Act
    after = compute(
        small_budget(globals={"PERFORMANCES": "20", "REHEARSAL_WEEKS": "6", "SHOWS_AND_REHEARSALS": "PERFORMANCES + 4"})
    )

    # Assert
    assert (before.lines["a1"].quantity, after.lines["a1"].quantity) == (D("12"), D("20"))
    assert (before.lines["c1"].quantity, after.lines["c1"].quantity) == (D("16"), D("24"))
    assert after.lines["r1"].total == before.lines["r1"].total


def test_compute_flat_fringes_per_unit_and_per_line():
    # Arrange
    budget = small_budget(
        fringes=[
            Fringe("per_diem", "Per diem", FringeBasis.PER_UNIT, D("35.50")),
            Fringe("insurance", "Accident insurance", FringeBasis.PER_LINE, D("120")),
        ],
        lines=[Line("a1", "actors", quantity="4", multiplier="3", rate=D("100"), fringes=("per_diem", "insurance"))],
    )

    # Act
    result = compute(budget)

    # Assert
    assert result.lines["a1"].fringes == {"per_diem": D("426.00"), "insurance": D("120.00")}
    assert result.lines["a1"].total == D("1746.00")


def test_compute_bottom_items_on_their_bases():
    # Arrange
    budget = small_budget(
        lines=[Line("a1", "actors", quantity="1", rate=D("10000"))],
        contingency_percent=D("10"),
        overhead_percent=D("7"),
        insurance_percent=D("1.5"),
        vat_percent=D("21"),
        vat_recoverable=False,
    )

    # Act
    result = compute(budget)

    # Assert: overhead on 11,000; VAT on 10,000 + 1,000 + 770 + 150
    assert (result.direct, result.contingency, result.overhead, result.insurance) == (
        D("10000.00"),
        D("1000.00"),
        D("770.00"),
        D("150.00"),
    )
    assert (result.vat, result.total) == (D("2503.20"), D("14423.20"))


def test_compute_recoverable_vat_costs_nothing():
    # Arrange
    budget = small_budget(lines=[Line("a1", "actors", rate=D("100"))], vat_percent=D("21"), vat_recoverable=True)

    # Act
    result = compute(budget)

    # Assert
    assert (result.vat, result.total) == (D("0"), D("100.00"))


def test_compute_currency_without_rate_names_it():
    # Arrange
    budget = small_budget(lines=[Line("r1", "rental", rate=D("100"), currency="GBP")])

    # Act
    with pytest.raises(MissingRateError) as error:
        compute(budget)

    # Assert
    assert error.value.currency == "GBP"


def test_compute_negative_quantity_refused():
    # Act and assert
    with pytest.raises(NegativeValueError):
        compute(small_budget(lines=[Line("a1", "actors", quantity="PERFORMANCES - 20", rate=D("1"))]))


def test_compute_absurd_quantity_refused():
    # Act and assert
    with pytest.raises(TooLargeError):
        compute(small_budget(lines=[Line("a1", "actors", quantity="99999999999999", rate=D("1"))]))


def test_compute_phases_sum_to_direct_costs():
    # Arrange
    budget = small_budget(
        lines=[
            Line("a1", "actors", rate=D("100"), phase="production"),
            Line("a2", "crew", rate=D("40"), phase="post_production"),
            Line("a3", "crew", rate=D("2"), phase="production"),
        ]
    )

    # Act
    result = compute(budget)

    # Assert
    assert result.phases == {"production": D("102.00"), "post_production": D("40.00")}


# Properties: totals are the sums of their parts, whatever the lines.

money = st.decimals(min_value=D("-5000"), max_value=D("100000"), places=4, allow_nan=False, allow_infinity=False)
quantity = st.decimals(min_value=D("0"), max_value=D("500"), places=3, allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=D("0"), max_value=D("40"), places=2, allow_nan=False, allow_infinity=False)


@st.composite
def budgets(draw) -> BudgetInput:
    categories = list(range(draw(st.integers(1, 4))))
    accounts = [Account(f"acc{i}", draw(st.sampled_from(categories))) for i in range(draw(st.integers(1, 6)))]
    fringes = [
        Fringe("pct", "Social security", FringeBasis.PERCENT, draw(percent)),
        Fringe("unit", "Per diem", FringeBasis.PER_UNIT, draw(money)),
        Fringe("line", "Flat", FringeBasis.PER_LINE, draw(money)),
    ]
    lines = [
        Line(
            i,
            draw(st.sampled_from(accounts)).key,
            quantity=draw(st.sampled_from([str(draw(quantity)), "DAYS", "DAYS * 2 + 1", "CREW / 3"])),
            multiplier=str(draw(quantity)),
            rate=draw(money),
            currency=draw(st.sampled_from(["", "EUR", "USD"])),
            fringes=tuple(draw(st.sets(st.sampled_from(["pct", "unit", "line"])))),
            phase=draw(st.sampled_from(["pre_production", "production", "post_production"])),
        )
        for i in range(draw(st.integers(0, 25)))
    ]
    return BudgetInput(
        currency="EUR",
        categories=categories,
        accounts=accounts,
        lines=lines,
        globals={"DAYS": str(draw(quantity)), "CREW": "DAYS + 2"},
        fringes=fringes,
        rates={"USD": draw(st.decimals(min_value=D("0.01"), max_value=D("5"), places=4))},
        contingency_percent=draw(percent),
        overhead_percent=draw(percent),
        insurance_percent=draw(percent),
        vat_percent=draw(percent),
        vat_recoverable=draw(st.booleans()),
    )


@settings(max_examples=200, deadline=None)
@given(budgets())
def test_compute_totals_are_sums_of_their_parts(budget):
    # Act
    result = compute(budget)

    # Assert
    for key, line in result.lines.items():
        assert line.total == line.subtotal + sum(line.fringes.values(), D(0)), key
        assert line.subtotal == line.subtotal.quantize(D("0.01"))
    for account in budget.accounts:
        assert result.accounts[account.key] == sum(
            (result.lines[line.key].total for line in budget.lines if line.account == account.key), D(0)
        )
    for category in budget.categories:
        assert result.categories[category] == sum(
            (result.accounts[a.key] for a in budget.accounts if a.category == category), D(0)
        )
    assert result.direct == sum(result.categories.values(), D(0)) == sum(result.phases.values(), D(0))
    assert result.total == result.direct + result.contingency + result.overhead + result.insurance + result.vat
    assert sum(result.fringes.values(), D(0)) == sum((line.fringe_total for line in result.lines.values()), D(0))


@st.composite
def expressions(draw, depth: int = 0) -> str:
    if depth > 3 or draw(st.booleans()):
        return draw(st.sampled_from(["2", "0.5", "12", "DAYS", "CREW", "3.25"]))
    left, right = draw(expressions(depth + 1)), draw(expressions(depth + 1))
    op = draw(st.sampled_from(["+", "-", "*"]))
    return draw(st.sampled_from([f"{left} {op} {right}", f"({left} {op} {right})", f"-{left}"]))


@settings(max_examples=200, deadline=None)
@given(expressions())
def test_spreadsheet_formula_means_the_same_as_the_expression(text):
    # Arrange
    values = {"DAYS": D("7"), "CREW": D("3")}

    # Act: the formula, read back with the engine's own parser (names kept as they are)
    formula = spreadsheet_formula(text, lambda name: name)

    # Assert
    assert evaluate(formula, values) == evaluate(text, values)


def test_spreadsheet_formula_renames_globals_and_keeps_precedence():
    # Act and assert
    assert spreadsheet_formula("2 + DAYS * -crew", lambda name: f"G_{name}") == "(2+(G_DAYS*(-G_CREW)))"
