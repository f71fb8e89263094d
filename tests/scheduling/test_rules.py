"""Working-time limits as dated settings: the data migration's values and a later change by date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from regie.scheduling.conflicts import Booking, ConflictKind, RuleSet, working_time_conflicts
from regie.scheduling.models import RuleParameter, RuleSetCode, WorkingTimeRule
from regie.scheduling.queries import rule_set_on

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_pc304_limits_come_from_the_data_migration(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        rules = rule_set_on(RuleSetCode.PC304_ARTISTIC_TECHNICAL, dt.date(2026, 6, 1))

    assert rules == RuleSet(
        code="pc304_artistic_technical",
        max_day_hours=Decimal(10),
        max_day_hours_peak=Decimal(12),
        min_rest_hours=Decimal(8),
        max_consecutive_days=10,
        max_week_hours=Decimal(60),
        max_week_hours_peak=Decimal(84),
    )


def test_film_and_general_law_limits_come_from_the_data_migration() -> None:
    film = rule_set_on(RuleSetCode.PSC30301_FILM, dt.date(2026, 6, 1))
    law = rule_set_on(RuleSetCode.GENERAL_LAW, dt.date(2026, 6, 1))

    assert (film.max_day_hours, film.min_rest_hours, film.max_week_hours, film.max_consecutive_days) == (
        Decimal(11),
        Decimal(11),
        Decimal(53),
        None,
    )
    assert (law.max_day_hours, law.min_rest_hours, law.max_week_hours) == (Decimal(11), Decimal(11), Decimal(50))


def test_every_default_rule_names_its_source() -> None:
    assert WorkingTimeRule.objects.filter(source_url="").count() == 0
    assert WorkingTimeRule.objects.count() == 12


def test_later_rule_applies_from_its_date_only() -> None:
    WorkingTimeRule.objects.create(
        rule_set=RuleSetCode.PSC30301_FILM,
        parameter=RuleParameter.MIN_REST_HOURS,
        value=Decimal(12),
        valid_from=dt.date(2027, 1, 1),
        source_url="https://example.org/new-cao",
    )

    before = rule_set_on(RuleSetCode.PSC30301_FILM, dt.date(2026, 12, 31))
    after = rule_set_on(RuleSetCode.PSC30301_FILM, dt.date(2027, 1, 1))

    assert (before.min_rest_hours, after.min_rest_hours) == (Decimal(11), Decimal(12))


def test_rule_set_before_any_rule_checks_nothing() -> None:
    assert rule_set_on(RuleSetCode.PC304_ARTISTIC_TECHNICAL, dt.date(2000, 1, 1)) == RuleSet(
        code="pc304_artistic_technical"
    )


def test_engine_uses_the_stored_limits() -> None:
    rules = rule_set_on(RuleSetCode.GENERAL_LAW, dt.date(2026, 6, 1))
    calls = [
        Booking("a", "ann", dt.datetime(2026, 6, 1, 7, tzinfo=BRUSSELS), dt.datetime(2026, 6, 1, 19, tzinfo=BRUSSELS)),
    ]

    conflicts = working_time_conflicts(calls, {}, default=rules)

    assert [(c.kind, c.measured, c.limit) for c in conflicts] == [(ConflictKind.LONG_DAY, Decimal(12), Decimal(11))]
