"""Reads of the scheduling app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from regie.core.uploads import token_digest
from regie.scheduling.conflicts import RuleSet
from regie.scheduling.models import (
    CalendarFeed,
    Call,
    DayTemplate,
    ItemKind,
    ItemStatus,
    Place,
    RuleParameter,
    RuleSetCode,
    ScheduleItem,
    Space,
    WorkingTimeRule,
)

if TYPE_CHECKING:
    from regie.accounts.models import Organisation
    from regie.productions.models import Production


def rule_set_on(code: RuleSetCode | str, on: dt.date) -> RuleSet:
    """The limits of a rule set in force on a date, in one query: per parameter, the latest row not after `on`."""
    return rule_sets_on([code], on)[str(code)]


def rule_sets_on(codes: Iterable[RuleSetCode | str], on: dt.date) -> dict[str, RuleSet]:
    """`rule_set_on` for several rule sets, in one query."""
    codes = [str(code) for code in codes]
    values: dict[str, dict[str, Decimal]] = {code: {} for code in codes}
    rows = WorkingTimeRule.objects.filter(rule_set__in=codes, valid_from__lte=on).order_by(
        "rule_set", "parameter", "-valid_from"
    )
    for row in rows:
        values[row.rule_set].setdefault(row.parameter, row.value)
    return {code: _rule_set(code, found) for code, found in values.items()}


def _rule_set(code: str, values: dict[str, Decimal]) -> RuleSet:
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


# --- the schedule ------------------------------------------------------------------------------


def items_for_production(
    production: Production,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    *,
    filters: ItemFilters | None = None,
) -> QuerySet[ScheduleItem]:
    """The production's items overlapping [start, end), with what a calendar or a list shows."""
    items = ScheduleItem.objects.filter(production=production)
    if start is not None:
        items = items.filter(ends_at__gt=start)
    if end is not None:
        items = items.filter(starts_at__lt=end)
    if filters is not None:
        items = filters.apply(items)
    return items.select_related("place").prefetch_related("spaces", calls_prefetch()).order_by("starts_at", "pk")


def calls_prefetch() -> Prefetch:
    return Prefetch("calls", queryset=Call.objects.select_related("engagement__contact").order_by("call_at", "pk"))


@dataclass(frozen=True)
class ItemFilters:
    """What a calendar or list is narrowed to; empty means everything."""

    kinds: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    engagement: int | None = None
    space: int | None = None
    include_cancelled: bool = True

    def apply(self, items: QuerySet[ScheduleItem]) -> QuerySet[ScheduleItem]:
        if self.kinds:
            items = items.filter(kind__in=self.kinds)
        if self.departments:
            called = Q(calls__department__in=self.departments) | Q(calls__engagement__department__in=self.departments)
            items = items.filter(pk__in=ScheduleItem.objects.filter(called).values("pk"))
        if self.engagement is not None:
            items = items.filter(pk__in=items_calling_engagements([self.engagement]).values("pk"))
        if self.space is not None:
            items = items.filter(spaces=self.space)
        if not self.include_cancelled:
            items = items.exclude(status=ItemStatus.CANCELLED)
        return items

    def is_empty(self) -> bool:
        return self == ItemFilters()


def items_calling_engagements(engagement_ids: list[int]) -> QuerySet[ScheduleItem]:
    """Items that call one of these engagements, in person or through their department (a department
    call calls that department on its own production only)."""
    from regie.people.models import Engagement

    called = Q(calls__engagement__in=engagement_ids)
    pairs = Engagement.objects.filter(pk__in=engagement_ids).exclude(department="")
    for production_id, department in pairs.values_list("production_id", "department").distinct():
        called |= Q(production_id=production_id, calls__department=department)
    return ScheduleItem.objects.filter(called).distinct()


def get_item(production: Production, pk: int) -> ScheduleItem:
    """An item of this production, or 404 (another production's id is as unknown as a made-up one)."""
    return get_object_or_404(ScheduleItem.objects.filter(production=production).select_related("place"), pk=pk)


def engagements_for_user(user: Any) -> QuerySet[Any]:
    """Every engagement of the person behind this account, in every organisation (Contact.user)."""
    from regie.people.models import Engagement, EngagementStatus

    if not getattr(user, "is_authenticated", False):
        return Engagement.objects.none()
    return Engagement.objects.filter(contact__user=user).exclude(status=EngagementStatus.CANCELLED)


def my_items(user: Any, start: dt.datetime, end: dt.datetime) -> list[ScheduleItem]:
    """A person's schedule across all their productions, in every organisation.

    Where they are engaged: the items they are called for (in person or with their department).
    Where they are a member without being engaged (a producer, an accountant): the whole schedule.
    Cancelled items stay, marked, so that a cancellation is seen.
    """
    from regie.productions.queries import productions_for_user

    engagements = list(engagements_for_user(user).values_list("pk", "production_id"))
    engaged_productions = {production for _pk, production in engagements}
    called = items_calling_engagements([pk for pk, _production in engagements]).values("pk")
    member_only = productions_for_user(user).exclude(pk__in=engaged_productions).values("pk")
    items = (
        ScheduleItem.objects.filter(Q(pk__in=called) | Q(production__in=member_only))
        .filter(ends_at__gt=start, starts_at__lt=end)
        .exclude(kind=ItemKind.DAY_OFF, production__in=engaged_productions)
        .select_related("production", "place")
        .order_by("starts_at", "pk")
    )
    return list(items)


def places_for_organisation(organisation: Organisation, *, archived: bool = False) -> QuerySet[Place]:
    return organisation.places.filter(archived_at__isnull=not archived).order_by("name", "pk")


def spaces_for_organisation(organisation: Organisation, *, archived: bool = False) -> QuerySet[Space]:
    return (
        organisation.spaces.filter(archived_at__isnull=not archived)
        .select_related("place")
        .order_by("place__name", "name", "pk")
    )


def templates_for_organisation(organisation: Organisation) -> QuerySet[DayTemplate]:
    return organisation.day_templates.prefetch_related("entries").order_by("name", "pk")


def feed_for(user: Any, production: Production | None) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, production=production).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed a secret token opens, or None for a revoked, forged or malformed one."""
    if not token or len(token) > 100:
        return None
    digest = token_digest(token)
    return CalendarFeed.objects.select_related("user", "production__organisation").filter(token_hash=digest).first()


def calls_for_user(user: Any, since: dt.datetime) -> list[tuple[ScheduleItem, Call | None, int]]:
    """A person's calls from `since` on, across every production of every organisation: (item, the
    call that calls them — in person rather than through the department —, their contact id)."""
    engagements = list(engagements_for_user(user).values_list("pk", "production_id", "department", "contact_id"))
    if not engagements:
        return []
    by_production: dict[int, list[tuple[int, str, int]]] = {}
    for pk, production_id, department, contact_id in engagements:
        by_production.setdefault(production_id, []).append((pk, department, contact_id))
    items = (
        items_calling_engagements([e[0] for e in engagements])
        .filter(ends_at__gte=since)
        .select_related("production", "place")
        .prefetch_related("spaces", "calls")
        .order_by("starts_at", "pk")
    )
    result = []
    for item in items:
        mine = by_production.get(item.production_id, [])
        ids = {pk for pk, _department, _contact in mine}
        departments = {department for _pk, department, _contact in mine if department}
        calls = list(item.calls.all())
        own = next((c for c in calls if c.engagement_id in ids), None)
        through = next((c for c in calls if c.department and c.department in departments), None)
        call = own or through
        contact = next(
            (
                c
                for pk, d, c in mine
                if (own and pk == own.engagement_id) or (not own and d == getattr(call, "department", None))
            ),
            mine[0][2],
        )
        result.append((item, call, contact))
    return result
