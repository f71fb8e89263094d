"""Checks before a contract is sent: the amateur-arts allowance limits, withholding tax for foreign
artists, the Dimona declaration and the personal data the contract needs.

The limits are dated settings (`AllowanceSetting`), read for the dates of the work; the
computations below them are plain functions over plain data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.translation import gettext as _

from regie.contracts.models import (
    COMMITTING,
    EMPLOYMENT_KINDS,
    AllowanceCode,
    AllowanceSetting,
    Contract,
    ContractKind,
)
from regie.core.formatting import format_money
from regie.people.models import EngagementType, FeeUnit

if TYPE_CHECKING:
    from regie.people.models import PersonalData


@dataclass(frozen=True)
class Check:
    code: str
    message: str
    blocking: bool


def setting_on(code: str, on: datetime.date) -> AllowanceSetting | None:
    """The dated setting of `code` in force on `on`."""
    return AllowanceSetting.objects.filter(code=code, valid_from__lte=on).order_by("-valid_from").first()


def longest_run(dates: Iterable[datetime.date], touching: Iterable[datetime.date] | None = None) -> int:
    """The longest number of consecutive calendar days among `dates`; with `touching`, only the
    runs that contain one of those days count."""
    days = sorted(set(dates))
    wanted = set(days if touching is None else touching)
    best = run = 0
    hit = False
    for i, day in enumerate(days):
        if i and (day - days[i - 1]).days == 1:
            run += 1
        else:
            run, hit = 1, False
        hit = hit or day in wanted
        if hit:
            best = max(best, run)
    return best


@dataclass(frozen=True)
class AkvLimits:
    daily_amount: Decimal | None
    days_per_year: Decimal | None
    consecutive_days: Decimal | None
    yearly_amount: Decimal | None
    travel_daily: Decimal | None = None


@dataclass(frozen=True)
class AkvWork:
    """An artist's allowance work as the checks see it."""

    dates: list[datetime.date]  # the days of this contract
    daily_amount: Decimal
    travel_daily: Decimal  # proven travel costs paid per day, 0 when none
    principal_dates: list[datetime.date]  # the days of the artist's other allowance contracts with us
    principal_amount: Decimal  # what those pay in the year of this contract
    days_elsewhere: int  # days with other principals this year, as the artist declares them


def akv_problems(work: AkvWork, limits: AkvLimits) -> list[tuple[str, dict[str, object]]]:
    """What the allowance limits refuse: codes with the figures for the message.

    The days a year count over all principals: ours from the contracts, the others' as declared.
    Consecutive days count over all of the artist's allowance days with us, so two contracts of
    four days back to back are eight.
    """
    problems: list[tuple[str, dict[str, object]]] = []
    if limits.daily_amount is not None and work.daily_amount > limits.daily_amount:
        problems.append(("akv_daily", {"amount": work.daily_amount, "limit": limits.daily_amount}))
    if limits.travel_daily is not None and work.travel_daily > limits.travel_daily:
        problems.append(("akv_travel", {"amount": work.travel_daily, "limit": limits.travel_daily}))
    own = set(work.dates)
    for year in sorted({day.year for day in own}):
        with_us = {day for day in own | set(work.principal_dates) if day.year == year}
        total_days = len(with_us) + work.days_elsewhere
        if limits.days_per_year is not None and total_days > limits.days_per_year:
            problems.append(
                (
                    "akv_days",
                    {
                        "days": total_days,
                        "ours": len(with_us),
                        "elsewhere": work.days_elsewhere,
                        "year": year,
                        "limit": int(limits.days_per_year),
                    },
                )
            )
    run = longest_run(own | set(work.principal_dates), touching=own)
    if limits.consecutive_days is not None and run > limits.consecutive_days:
        problems.append(("akv_consecutive", {"days": run, "limit": int(limits.consecutive_days)}))
    yearly = work.principal_amount + work.daily_amount * len(own)
    if limits.yearly_amount is not None and yearly > limits.yearly_amount:
        problems.append(("akv_yearly", {"amount": yearly, "limit": limits.yearly_amount}))
    return problems


def is_akv(contract: Contract) -> bool:
    if contract.kind != ContractKind.ARTIST:
        return False
    by_engagement = contract.engagement is not None and contract.engagement.engagement_type == EngagementType.AKV
    return by_engagement or "regime_akv" in contract.clauses


def daily_amount_of(contract: Contract) -> Decimal:
    if contract.fee_unit in (FeeUnit.DAY, FeeUnit.PERFORMANCE):
        return contract.fee
    days = len(contract.work_dates) or 1
    return (contract.total_amount / days).quantize(Decimal("0.01"))


def _akv_contracts_of_organisation(contract: Contract) -> list[Contract]:
    """The organisation's other allowance contracts that commit it (sent, negotiating, signed)."""
    others = (
        Contract.objects.filter(
            production__organisation_id=contract.production.organisation_id,
            kind=ContractKind.ARTIST,
            status__in=COMMITTING,
        )
        .exclude(pk=contract.pk)
        .select_related("engagement")
    )
    return [other for other in others if is_akv(other)]


def akv_checks(contract: Contract) -> list[Check]:
    dates = contract.dates()
    if not dates:
        return [Check("akv_dates", _("Enter the performance days: the amateur arts allowance counts days."), True)]
    on, year = dates[0], dates[0].year

    def value(code: str) -> Decimal | None:
        setting = setting_on(code, on)
        return setting.value if setting else None

    limits = AkvLimits(
        value(AllowanceCode.AKV_DAILY_AMOUNT),
        value(AllowanceCode.AKV_DAYS_PER_YEAR),
        value(AllowanceCode.AKV_CONSECUTIVE_DAYS),
        value(AllowanceCode.AKV_YEARLY_AMOUNT),
        value(AllowanceCode.AKV_TRAVEL_DAILY),
    )
    organisation_contracts = _akv_contracts_of_organisation(contract)
    principal_dates: list[datetime.date] = []
    principal_amount = Decimal(0)
    for other in organisation_contracts:
        if other.counterparty_id != contract.counterparty_id:
            continue
        principal_dates += other.dates()
        principal_amount += daily_amount_of(other) * len([d for d in other.dates() if d.year == year])
    daily = daily_amount_of(contract)
    work = AkvWork(
        dates=dates,
        daily_amount=daily,
        travel_daily=contract.travel_allowance or Decimal(0),
        principal_dates=principal_dates,
        principal_amount=principal_amount,
        days_elsewhere=contract.akv_days_elsewhere,
    )
    messages = {
        "akv_daily": _("The allowance of %(amount)s per day is above the maximum of %(limit)s per day and principal."),
        "akv_travel": _(
            "The travel costs of %(amount)s per day are above the maximum of %(limit)s per day and principal."
        ),
        "akv_days": _(
            "With this contract the artist has %(days)s allowance days in %(year)s (%(ours)s with you, "
            "%(elsewhere)s declared with other principals); the maximum is %(limit)s."
        ),
        "akv_consecutive": _(
            "The artist would work %(days)s consecutive days for you (this contract with their other "
            "allowance contracts); the maximum for one principal is %(limit)s."
        ),
        "akv_yearly": _("The allowances of this year add up to %(amount)s; the maximum is %(limit)s."),
    }
    checks = []
    for code, figures in akv_problems(work, limits):
        shown = {k: format_money(v, contract.currency) if isinstance(v, Decimal) else v for k, v in figures.items()}
        checks.append(Check(code, messages[code] % shown, True))
    return checks + principal_checks(contract, organisation_contracts, year, on)


@dataclass(frozen=True)
class PrincipalYear:
    amount: Decimal  # all allowances the organisation pays in the year
    days: int  # all daily allowances in the year


def principal_year(works: Iterable[tuple[Decimal, list[datetime.date]]], year: int) -> PrincipalYear:
    """The organisation's allowances of one year, from (daily amount, days) of each contract."""
    amount, days = Decimal(0), 0
    for daily, dates in works:
        in_year = len({day for day in dates if day.year == year})
        amount += daily * in_year
        days += in_year
    return PrincipalYear(amount, days)


def principal_checks(
    contract: Contract, organisation_contracts: list[Contract], year: int, on: datetime.date
) -> list[Check]:
    """Warnings for the organisation as principal: the solidarity contribution and the report to
    the Commission, once this contract is counted with the others of the year."""
    works = [(daily_amount_of(other), other.dates()) for other in organisation_contracts]
    works.append((daily_amount_of(contract), contract.dates()))
    totals = principal_year(works, year)
    checks = []
    threshold = setting_on(AllowanceCode.AKV_SOLIDARITY_THRESHOLD, on)
    rate = setting_on(AllowanceCode.AKV_SOLIDARITY_RATE, on)
    if threshold and threshold.value is not None and totals.amount > threshold.value:
        checks.append(
            Check(
                "akv_solidarity",
                _(
                    "With this contract your organisation pays %(amount)s in amateur arts allowances in %(year)s, "
                    "more than %(limit)s: a solidarity contribution of %(rate)s %% on all of them is due to the "
                    "National Social Security Office."
                )
                % {
                    "amount": format_money(totals.amount, contract.currency),
                    "year": year,
                    "limit": format_money(threshold.value, contract.currency),
                    "rate": formats.number_format(
                        (rate.value if rate and rate.value is not None else Decimal(0)).normalize()
                    ),
                },
                False,
            )
        )
    report = setting_on(AllowanceCode.AKV_REPORT_DAYS, on)
    if report and report.value is not None and totals.days > report.value:
        checks.append(
            Check(
                "akv_report",
                _(
                    "With this contract your organisation pays %(days)s daily allowances in %(year)s, more than "
                    "%(limit)s: report this to the Commission for Work in the Arts."
                )
                % {"days": totals.days, "year": year, "limit": int(report.value)},
                False,
            )
        )
    return checks


def presenting_checks(contract: Contract) -> list[Check]:
    if contract.kind != ContractKind.PRESENTING or contract.our_role:
        return []
    return [
        Check(
            "our_role",
            _("Say whether you present the performance or are presented: the settlement depends on it."),
            True,
        )
    ]


def withholding_checks(contract: Contract) -> list[Check]:
    country = str(contract.counterparty.country or "")
    if contract.kind not in (ContractKind.ARTIST, ContractKind.PRESENTING) or country in ("", "BE"):
        return []
    setting = setting_on(
        AllowanceCode.FOREIGN_ARTIST_WITHHOLDING, contract.first_working_day() or datetime.date.today()
    )
    rate = setting.value if setting else None
    message = _(
        "The artist lives abroad: Belgian withholding tax on non-resident artists (%(rate)s %%) applies to the "
        "fee unless the tax treaty gives Belgium no right to tax. Check it and withhold it when paying."
    ) % {"rate": rate if rate is not None else "?"}
    return [Check("withholding", message, False)]


def needs_dimona(contract: Contract) -> bool:
    return contract.kind in EMPLOYMENT_KINDS or (
        contract.kind == ContractKind.ARTIST and "regime_kwa" in contract.clauses
    )


def dimona_checks(contract: Contract, today: datetime.date) -> list[Check]:
    if not needs_dimona(contract) or contract.dimona_reference:
        return []
    first = contract.first_working_day()
    if first is not None and first <= today:
        return [Check("dimona", _("The first working day has come: enter the Dimona reference before sending."), True)]
    return [
        Check(
            "dimona",
            _("Declare the employment in Dimona before the first working day and enter the reference."),
            False,
        )
    ]


PERSONAL_NEEDS: dict[str, tuple[str, ...]] = {
    ContractKind.EMPLOYMENT_FIXED_TERM: ("address", "national_number", "date_of_birth", "iban"),
    ContractKind.EMPLOYMENT_PER_PERFORMANCE: ("address", "national_number", "iban"),
    ContractKind.ARTIST: ("address", "national_number", "iban"),
    ContractKind.FREELANCE: ("address", "vat_number", "iban"),
    ContractKind.VOLUNTEER: ("address",),
    ContractKind.COPRODUCTION: ("address", "vat_number"),
    ContractKind.PRESENTING: ("address", "vat_number"),
    ContractKind.LOCATION: ("address", "iban"),
    ContractKind.EQUIPMENT_RENTAL: ("address", "vat_number", "iban"),
    ContractKind.RIGHTS_CESSION: ("address", "iban"),
    ContractKind.PORTRAIT_RELEASE: ("address",),
}


def personal_data_checks(contract: Contract, personal: PersonalData | None) -> list[Check]:
    party = contract.counterparty
    labels = {
        "address": _("the address"),
        "national_number": _("the national register number"),
        "date_of_birth": _("the date of birth"),
        "iban": _("the IBAN"),
        "vat_number": _("the company or VAT number"),
    }
    present = {
        "address": bool(party.street and party.city),
        "vat_number": bool(party.vat_number),
        "national_number": bool(personal and personal.national_number),
        "date_of_birth": bool(personal and personal.date_of_birth),
        "iban": bool(personal and personal.iban),
    }
    checks = [
        Check(
            f"missing_{need}",
            _("%(person)s: %(what)s is missing; the contract needs it.") % {"person": party.name, "what": labels[need]},
            True,
        )
        for need in PERSONAL_NEEDS.get(contract.kind, ())
        if not present[need]
    ]
    if not party.email:
        checks.append(
            Check(
                "missing_email",
                _("%(person)s has no e-mail address to send the contract to.") % {"person": party.name},
                True,
            )
        )
    return checks


def checks_for(contract: Contract, personal: PersonalData | None, today: datetime.date) -> list[Check]:
    """Every check before sending, the blocking ones first."""
    checks = personal_data_checks(contract, personal) + dimona_checks(contract, today)
    if is_akv(contract):
        checks += akv_checks(contract)
    checks += presenting_checks(contract) + withholding_checks(contract)
    return sorted(checks, key=lambda check: not check.blocking)
