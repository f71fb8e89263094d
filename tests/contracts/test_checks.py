from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from regie.contracts.checks import AkvLimits, akv_problems, checks_for, longest_run
from regie.contracts.models import ContractKind, ContractStatus
from regie.people.models import EngagementType
from tests.factories import ContractFactory, EngagementFactory, personal_data_for, shipped_template

D = Decimal
TODAY = datetime.date(2025, 1, 5)
LIMITS = AkvLimits(D("80.18"), D("30"), D("7"), None)


def days(*numbers: int, month: int = 3) -> list[datetime.date]:
    return [datetime.date(2025, month, n) for n in numbers]


def test_longest_run_counts_consecutive_calendar_days():
    assert longest_run(days(1, 2, 3, 5, 6, 7, 8, 20)) == 4


def test_longest_run_of_no_days_is_zero():
    assert longest_run([]) == 0


def test_akv_problems_none_within_the_limits():
    assert akv_problems(days(1, 2, 3), D("80.00"), 20, D(0), LIMITS) == []


def test_akv_problems_daily_amount_above_the_maximum():
    assert akv_problems(days(1), D("80.19"), 0, D(0), LIMITS) == [
        ("akv_daily", {"amount": D("80.19"), "limit": D("80.18")})
    ]


def test_akv_problems_days_per_year_across_earlier_contracts():
    assert akv_problems(days(1, 3), D("50"), 29, D(0), LIMITS) == [("akv_days", {"days": 31, "limit": 30})]


def test_akv_problems_more_than_seven_consecutive_days():
    assert akv_problems(days(*range(1, 9)), D("50"), 0, D(0), LIMITS) == [("akv_consecutive", {"days": 8, "limit": 7})]


def test_akv_problems_yearly_amount_when_a_cap_applies():
    limits = AkvLimits(None, None, None, D("2953.37"))

    assert akv_problems(days(1, 2), D("100"), 0, D("2800"), limits) == [
        ("akv_yearly", {"amount": D("3000"), "limit": D("2953.37")})
    ]


def artist_contract(**kwargs):
    contract = ContractFactory(template=shipped_template(ContractKind.ARTIST, "nl"), **kwargs)
    personal_data_for(contract.counterparty)
    return contract


@pytest.mark.django_db
def test_checks_akv_daily_limit_is_the_one_in_force_on_the_first_day():
    engagement = EngagementFactory(engagement_type=EngagementType.AKV)
    contract = artist_contract(
        production=engagement.production,
        counterparty=engagement.contact,
        engagement=engagement,
        fee=D("79.00"),
        fee_unit="performance",
        work_dates=["2024-06-01"],
    )
    contract.counterparty.street, contract.counterparty.city = "Kerkstraat 1", "Gent"

    in_2024 = [c.code for c in checks_for(contract, None, TODAY) if c.code.startswith("akv")]
    contract.work_dates = ["2025-06-01"]
    in_2025 = [c.code for c in checks_for(contract, None, TODAY) if c.code.startswith("akv")]

    assert (in_2024, in_2025) == (["akv_daily"], [])


@pytest.mark.django_db
def test_checks_akv_days_counted_with_the_artists_other_contracts_this_year():
    engagement = EngagementFactory(engagement_type=EngagementType.AKV)
    common = {"counterparty": engagement.contact, "fee": D("50"), "fee_unit": "day", "clauses": ["regime_akv"]}
    first = artist_contract(production=engagement.production, status=ContractStatus.SIGNED, **common)
    first.work_dates = [(datetime.date(2025, 1, 1) + datetime.timedelta(days=2 * i)).isoformat() for i in range(29)]
    first.save()
    second = ContractFactory(
        production=engagement.production,
        template=shipped_template(ContractKind.ARTIST, "nl"),
        work_dates=["2025-09-01", "2025-09-02"],
        **common,
    )

    checks = checks_for(second, None, TODAY)

    assert [(c.code, c.blocking) for c in checks if c.code.startswith("akv")] == [("akv_days", True)]
    assert "31" in next(c.message for c in checks if c.code == "akv_days")


@pytest.mark.django_db
def test_checks_flag_withholding_tax_for_a_foreign_artist():
    contract = artist_contract(work_dates=["2027-02-01"])
    contract.counterparty.country = "FR"

    check = next(c for c in checks_for(contract, None, TODAY) if c.code == "withholding")

    assert (check.blocking, "18.00 %" in check.message) == (False, True)


@pytest.mark.django_db
def test_checks_dimona_warns_before_and_blocks_from_the_first_working_day():
    contract = ContractFactory(
        template=shipped_template(ContractKind.EMPLOYMENT_FIXED_TERM, "fr"), start_date=datetime.date(2025, 2, 1)
    )
    personal_data_for(contract.counterparty)

    before = [
        (c.code, c.blocking) for c in checks_for(contract, None, datetime.date(2025, 1, 20)) if c.code == "dimona"
    ]
    on_the_day = [
        (c.code, c.blocking) for c in checks_for(contract, None, datetime.date(2025, 2, 1)) if c.code == "dimona"
    ]
    contract.dimona_reference = "123456789012"
    declared = [c.code for c in checks_for(contract, None, datetime.date(2025, 2, 1)) if c.code == "dimona"]

    assert (before, on_the_day, declared) == ([("dimona", False)], [("dimona", True)], [])


@pytest.mark.django_db
def test_checks_name_the_missing_personal_data_the_contract_needs():
    contract = ContractFactory(
        template=shipped_template(ContractKind.EMPLOYMENT_FIXED_TERM, "en"), dimona_reference="1"
    )
    contract.counterparty.street = ""

    codes = [c.code for c in checks_for(contract, None, TODAY)]

    assert codes == ["missing_address", "missing_national_number", "missing_date_of_birth", "missing_iban"]
