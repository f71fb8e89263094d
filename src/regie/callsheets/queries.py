from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from regie.callsheets.models import CallSheet, Recipient, SheetVersion
from regie.core.uploads import token_digest
from regie.productions.models import Production
from regie.scheduling.models import Call, ScheduleItem


def day_bounds(production: Production, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Local midnight to next local midnight in the production's time zone, as aware datetimes.

    The day is 23 hours long on the last Sunday of March and 25 on the last Sunday of October in
    Brussels: adding timedelta(days=1) to an aware datetime would be wrong, so each midnight is
    built on its own date.
    """
    tz = zoneinfo.ZoneInfo(production.timezone)
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


def items_of_days(production: Production, days: Iterable[datetime.date]) -> list[ScheduleItem]:
    """The production's items that touch any of the days (an item running past midnight counts on
    both), cancelled ones included: a sheet says which of its items were cancelled since."""
    touches = Q(pk__in=[])
    for day in days:
        start, end = day_bounds(production, day)
        touches |= Q(starts_at__lt=end, ends_at__gt=start)
    return list(production.schedule_items.filter(touches).select_related("place").order_by("starts_at", "pk"))


def calls_of_items(items: Iterable[ScheduleItem]) -> QuerySet[Call]:
    """The calls of `items` with what a sheet is drawn up from, and only that: a list page compares
    many sheets with the schedule at once, and whole rows of items and contacts cost time."""
    return (
        Call.objects.filter(item__in=items)
        .select_related("item", "engagement__contact")
        .only(
            *("item", "engagement", "department", "call_at", "wrap_at", "pickup_at", "pickup_place", "note"),
            *("item__starts_at", "item__ends_at", "engagement__status", "engagement__contact__name"),
        )
        .order_by("call_at", "item__starts_at", "pk")
    )


def sheets_for_production(production: Production, *, published_only: bool) -> QuerySet[CallSheet]:
    qs = production.call_sheets.all()
    if published_only:
        qs = qs.filter(issued__gt=0)
    return qs.order_by("-date")


def get_sheet(production: Production, sheet_pk: int) -> CallSheet:
    return get_object_or_404(production.call_sheets.select_related("production__organisation"), pk=sheet_pk)


def latest_version(sheet: CallSheet) -> SheetVersion | None:
    return sheet.versions.order_by("-number").first()


def recipients_with_counts(version: SheetVersion) -> dict[str, int]:
    return version.recipients.aggregate(
        total=Count("pk", filter=Q(queued_at__isnull=False)),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        failed=Count("pk", filter=Q(failed_at__isnull=False)),
        pending=Count("pk", filter=Q(queued_at__isnull=False, sent_at__isnull=True, failed_at__isnull=True)),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )


hash_link_token = token_digest


def recipient_for_token(token: str) -> Recipient:
    """The recipient a personal link belongs to; 404 for a token nobody was given."""
    try:
        return Recipient.objects.select_related("version__sheet__production").get(token_hash=hash_link_token(token))
    except Recipient.DoesNotExist:
        raise Http404 from None
