"""Reads of the scheduling app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.scheduling.conflicts import RuleSet
from regie.scheduling.models import RuleParameter, RuleSetCode, WorkingTimeRule


def rule_set_on(code: RuleSetCode | str, on: dt.date) -> RuleSet:
    """The limits of a rule set in force on a date, in one query: per parameter, the latest row not after `on`."""
    values: dict[str, Decimal] = {}
    rows = WorkingTimeRule.objects.filter(rule_set=code, valid_from__lte=on).order_by("parameter", "-valid_from")
    for row in rows:
        values.setdefault(row.parameter, row.value)
    consecutive = values.get(RuleParameter.MAX_CONSECUTIVE_DAYS)
    return RuleSet(
        code=str(code),
        max_day_hours=values.get(RuleParameter.MAX_DAY_HOURS),
        max_day_hours_peak=values.get(RuleParameter.MAX_DAY_HOURS_PEAK),
        min_rest_hours=values.get(RuleParameter.MIN_REST_HOURS),
        max_consecutive_days=int(consecutive) if consecutive is not None else None,
        max_week_hours=values.get(RuleParameter.MAX_WEEK_HOURS),
        max_week_hours_peak=values.get(RuleParameter.MAX_WEEK_HOURS_PEAK),
    )
