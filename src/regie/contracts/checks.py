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


def longest_run(dates: Iterable[datetime.date]) -> int:
    """The longest number of consecutive calendar days among `dates`."""
    days = sorted(set(dates))
    best = run = 0
    for i, day in enumerate(days):
        run = run + 1 if i and (day - days[i - 1]).days == 1 else 1
        best = max(best, run)
    return best


@dataclass(frozen=True)
class AkvLimits:
    daily_amount: Decimal | None
    days_per_year: Decimal | None
    consecutive_days: Decimal | None
    yearly_amount: Decimal | None


def akv_problems(
    dates: list[datetime.date], daily_amount: Decimal, earlier_days: int, earlier_amount: Decimal, limits: AkvLimits
) -> list[tuple[str, dict[str, object]]]:
    """What the allowance limits refuse: codes with the figures for the message.

    `earlier_days` and `earlier_amount` are those of the artist's other allowance contracts with
    this principal in the same calendar year (only the platform knows other principals' days).
    """
    problems: list[tuple[str, dict[str, object]]] = []
    if limits.daily_amount is not None and daily_amount > limits.daily_amount:
        problems.append(("akv_daily", {"amount": daily_amount, "limit": limits.daily_amount}))
    total_days = earlier_days + len(set(dates))
    if limits.days_per_year is not None and total_days > limits.days_per_year:
        problems.append(("akv_days", {"days": total_days, "limit": int(limits.days_per_year)}))
    run = longest_run(dates)
    if limits.consecutive_days is not None and run > limits.consecutive_days:
        problems.append(("akv_consecutive", {"days": run, "limit": int(limits.consecutive_days)}))
    yearly = earlier_amount + daily_amount * len(set(dates))
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


def akv_checks(contract: Contract) -> list[Check]:
    dates = contract.dates()
    if not dates:
        return [Check("akv_dates", _("Enter the performance days: the amateur arts allowance counts days."), True)]
    on = dates[0]

    def value(code: str) -> Decimal | None:
        setting = setting_on(code, on)
        return setting.value if setting else None

    limits = AkvLimits(
        value(AllowanceCode.AKV_DAILY_AMOUNT),
        value(AllowanceCode.AKV_DAYS_PER_YEAR),
        value(AllowanceCode.AKV_CONSECUTIVE_DAYS),
        value(AllowanceCode.AKV_YEARLY_AMOUNT),
    )
    others = Contract.objects.filter(
        production__organisation_id=contract.production.organisation_id,
        counterparty_id=contract.counterparty_id,
        kind=ContractKind.ARTIST,
        status__in=COMMITTING,
    ).exclude(pk=contract.pk)
    earlier_days, earlier_amount = 0, Decimal(0)
    for other in others.select_related("engagement"):
        if not is_akv(other):
            continue
        same_year = [d for d in other.dates() if d.year == on.year]
        earlier_days += len(same_year)
        earlier_amount += daily_amount_of(other) * len(same_year)
    daily = daily_amount_of(contract)
    messages = {
        "akv_daily": _("The allowance of %(amount)s per day is above the maximum of %(limit)s per day and principal."),
        "akv_days": _(
            "With this contract the artist has %(days)s allowance days this year with you; the maximum is %(limit)s."
        ),
        "akv_consecutive": _("The contract has %(days)s consecutive days; the maximum for one principal is %(limit)s."),
        "akv_yearly": _("The allowances of this year add up to %(amount)s; the maximum is %(limit)s."),
    }
    checks = []
    for code, figures in akv_problems(dates, daily, earlier_days, earlier_amount, limits):
        shown = {k: format_money(v, contract.currency) if isinstance(v, Decimal) else v for k, v in figures.items()}
        checks.append(Check(code, messages[code] % shown, True))
    return checks


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
    checks += withholding_checks(contract)
    return sorted(checks, key=lambda check: not check.blocking)
