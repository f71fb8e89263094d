from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from regie.contracts.checks import AkvLimits, AkvWork, akv_problems, checks_for, longest_run, principal_year
from regie.contracts.models import ContractKind, ContractStatus
from regie.people.models import EngagementType
from tests.factories import ContractFactory, EngagementFactory, personal_data_for, shipped_template

D = Decimal
TODAY = datetime.date(2025, 1, 5)
LIMITS = AkvLimits(D("80.18"), D("30"), D("7"), None, D("22.91"))


def days(*numbers: int, month: int = 3) -> list[datetime.date]:
    return [datetime.date(2025, month, n) for n in numbers]


def work(dates, daily="50", *, travel="0", ours=(), ours_amount="0", elsewhere=0) -> AkvWork:
    return AkvWork(list(dates), D(daily), D(travel), list(ours), D(ours_amount), elsewhere)


def test_longest_run_counts_consecutive_calendar_days():
    assert longest_run(days(1, 2, 3, 5, 6, 7, 8, 20)) == 4


def test_longest_run_of_no_days_is_zero():
    assert longest_run([]) == 0


def test_longest_run_touching_counts_only_the_runs_with_those_days():
    assert longest_run(days(1, 2, 3, 4, 5, 10, 11), touching=days(11)) == 2
    assert longest_run(days(1, 2, 3, 4, 5, 10, 11), touching=days(3, 11)) == 5


def test_akv_problems_none_within_the_limits():
    assert akv_problems(work(days(1, 2, 3), "80.00", travel="22.91", elsewhere=20), LIMITS) == []


def test_akv_problems_daily_amount_above_the_maximum():
    assert akv_problems(work(days(1), "80.19"), LIMITS) == [("akv_daily", {"amount": D("80.19"), "limit": D("80.18")})]


def test_akv_problems_travel_costs_above_the_maximum():
    assert akv_problems(work(days(1), travel="22.92"), LIMITS) == [
        ("akv_travel", {"amount": D("22.92"), "limit": D("22.91")})
    ]


def test_akv_problems_days_per_year_count_ours_and_those_declared_elsewhere():
    ours = days(5, 7, 9, month=1)
    assert akv_problems(work(days(1, 3), ours=ours, elsewhere=26), LIMITS) == [
        ("akv_days", {"days": 31, "ours": 5, "elsewhere": 26, "year": 2025, "limit": 30})
    ]


def test_akv_problems_a_day_in_two_of_our_contracts_counts_once():
    assert akv_problems(work(days(1, 3), ours=days(1, 3, 5), elsewhere=27), LIMITS) == []


def test_akv_problems_days_of_another_year_do_not_count():
    ours = [datetime.date(2024, 3, n) for n in range(1, 29, 2)] + [datetime.date(2024, 4, n) for n in range(1, 29, 2)]
    assert akv_problems(work(days(1, 3), ours=ours), LIMITS) == []


def test_akv_problems_more_than_seven_consecutive_days():
    assert akv_problems(work(days(*range(1, 9))), LIMITS) == [("akv_consecutive", {"days": 8, "limit": 7})]


def test_akv_problems_consecutive_days_run_on_from_another_contract_with_us():
    problems = akv_problems(work(days(5, 6, 7, 8), ours=days(1, 2, 3, 4)), LIMITS)
    assert problems == [("akv_consecutive", {"days": 8, "limit": 7})]


def test_akv_problems_a_long_run_elsewhere_in_the_year_is_not_this_contracts():
    assert akv_problems(work(days(20), ours=days(*range(1, 9))), LIMITS) == []


def test_akv_problems_yearly_amount_when_a_cap_applies():
    limits = AkvLimits(None, None, None, D("2953.37"))

    assert akv_problems(work(days(1, 2), "100", ours_amount="2800"), limits) == [
        ("akv_yearly", {"amount": D("3000"), "limit": D("2953.37")})
    ]


def test_principal_year_adds_the_allowances_of_that_year_only():
    totals = principal_year([(D("80"), days(1, 2, 2)), (D("50"), [datetime.date(2024, 12, 31), *days(9)])], 2025)
    assert (totals.amount, totals.days) == (D("210"), 3)


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

    assert [(c.code, c.blocking) for c in checks if c.code.startswith("akv") and c.blocking] == [("akv_days", True)]
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


def akv_contract(engagement, dates, **kwargs):
    return artist_contract(
        production=engagement.production,
        counterparty=engagement.contact,
        engagement=engagement,
        fee_unit="day",
        work_dates=dates,
        **{"fee": D("50"), **kwargs},
    )


@pytest.mark.django_db
def test_checks_akv_travel_costs_against_the_dated_maximum():
    engagement = EngagementFactory(engagement_type=EngagementType.AKV)
    contract = akv_contract(engagement, ["2025-06-01"], travel_allowance=D("22.92"))

    above = [c.code for c in checks_for(contract, None, TODAY) if c.code.startswith("akv")]
    contract.travel_allowance = D("22.91")
    at_the_maximum = [c.code for c in checks_for(contract, None, TODAY) if c.code.startswith("akv")]

    assert (above, at_the_maximum) == (["akv_travel"], [])


@pytest.mark.django_db
def test_checks_akv_days_declared_with_other_principals_count_towards_the_30():
    engagement = EngagementFactory(engagement_type=EngagementType.AKV)
    contract = akv_contract(engagement, ["2025-06-01", "2025-06-02"], akv_days_elsewhere=28)

    within = [c.code for c in checks_for(contract, None, TODAY) if c.code.startswith("akv")]
    contract.akv_days_elsewhere = 29
    over = [c for c in checks_for(contract, None, TODAY) if c.code == "akv_days"]

    assert within == []
    assert len(over) == 1 and over[0].blocking and "29" in over[0].message and "31" in over[0].message


@pytest.mark.django_db
def test_checks_warn_of_the_solidarity_contribution_once_the_organisation_pays_above_the_threshold():
    engagement = EngagementFactory(engagement_type=EngagementType.AKV)
    other = EngagementFactory(production=engagement.production, engagement_type=EngagementType.AKV)
    # 7 days at 70 = 490 already committed this year with another artist
    akv_contract(other, [f"2025-03-{n:02d}" for n in range(1, 8)], fee=D("70"), status=ContractStatus.SIGNED)
    contract = akv_contract(engagement, ["2025-06-01"], fee=D("61.56"))

    at_threshold = [c.code for c in checks_for(contract, None, TODAY) if c.code == "akv_solidarity"]
    contract.fee = D("61.57")
    above = [c for c in checks_for(contract, None, TODAY) if c.code == "akv_solidarity"]

    assert at_threshold == []
    assert len(above) == 1 and not above[0].blocking and "5 %" in above[0].message


@pytest.mark.django_db
def test_checks_warn_to_report_more_than_100_daily_allowances_a_year():
    first = EngagementFactory(engagement_type=EngagementType.AKV)
    dates = [(datetime.date(2025, 1, 1) + datetime.timedelta(days=3 * i)).isoformat() for i in range(25)]
    for _ in range(4):  # four artists of 25 days each: 100 allowances
        other = EngagementFactory(production=first.production, engagement_type=EngagementType.AKV)
        akv_contract(other, dates, fee=D("10"), status=ContractStatus.SIGNED)
    contract = akv_contract(first, ["2025-12-01"], fee=D("10"))

    warning = next(c for c in checks_for(contract, None, TODAY) if c.code == "akv_report")
    assert not warning.blocking and "101" in warning.message


@pytest.mark.django_db
def test_checks_a_presenting_contract_needs_our_side_of_the_deal():
    contract = ContractFactory(template=shipped_template(ContractKind.PRESENTING, "nl"), our_role="")

    unset = [(c.code, c.blocking) for c in checks_for(contract, None, TODAY) if c.code == "our_role"]
    contract.our_role = "presented"
    set_ = [c.code for c in checks_for(contract, None, TODAY) if c.code == "our_role"]

    assert (unset, set_) == ([("our_role", True)], [])
