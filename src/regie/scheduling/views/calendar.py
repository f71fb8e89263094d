"""The schedule of a production as a calendar, its events as JSON, and as a plain list."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scheduling.forms import (
    FilterForm,
)
from regie.scheduling.models import ItemKind, ItemStatus, ScheduleItem
from regie.scheduling.queries import ItemFilters, items_for_production
from regie.scheduling.summary import open_conflict_count_cached
from regie.scheduling.timing import to_local, to_utc, zone
from regie.scheduling.views.common import calendar_csp, filters_from, parse_local, requested_range

CALENDAR_VIEWS = {"month": "dayGridMonth", "week": "timeGridWeek", "day": "timeGridDay", "list": "listWeek"}
LIST_DAYS = 14
LIST_MAX_ITEMS = 300  # a festival fills two weeks with thousands: the list then stops at a day boundary


@production_view("scheduling.view_schedule")
@calendar_csp
def calendar(request: HttpRequest, production: Production) -> HttpResponse:
    filter_form = FilterForm(request.GET or None, production=production)
    filters = filters_from(filter_form) if request.GET else ItemFilters()
    query = {k: v for k, v in request.GET.lists() if k in {"kind", "department", "person", "space"}}
    view = request.GET.get("view", "week")
    can_change = request.user.has_perm("scheduling.change_schedule", production)
    date = parse_local(request.GET.get("date"))
    context = {
        "production": production,
        "filter_form": filter_form,
        "filtered": not filters.is_empty(),
        "events_url": reverse("scheduling:events", args=[production.pk])
        + ("?" + urlencode(query, doseq=True) if query else ""),
        "calendar_view": CALENDAR_VIEWS.get(view, "timeGridWeek"),
        "initial_date": (date.date() if date else production.today()).isoformat(),
        "can_change": can_change,
        "new_url": reverse("scheduling:item_new", args=[production.pk]),
        "conflict_count": open_conflict_count_cached(production) if can_change else None,
    }
    return render(request, "scheduling/calendar.html", context)


@production_view("scheduling.view_schedule")
def events(request: HttpRequest, production: Production) -> JsonResponse:
    """The calendar's events in a window: one lean query, labels and URLs built once per request
    (a festival week holds thousands of items)."""
    start, end = requested_range(request, production.timezone)
    filters = filters_from(FilterForm(request.GET, production=production))
    editable = request.user.has_perm("scheduling.change_schedule", production)
    items = (
        filters.apply(ScheduleItem.objects.filter(production=production, ends_at__gt=start, starts_at__lt=end))
        .select_related("place")
        .only("pk", "kind", "title", "status", "starts_at", "ends_at", "version", "place__name")
        .order_by("starts_at", "pk")
    )
    kinds = {value: str(label) for value, label in ItemKind.choices}
    statuses = {value: str(label) for value, label in ItemStatus.choices}
    item_url = reverse("scheduling:item", args=[production.pk, 0])[: -len("0/")]
    tz = zone(production.timezone)
    answer = []
    for item in items:
        title = item.title or kinds.get(item.kind, item.kind)
        if item.place is not None:
            title = f"{title} · {item.place.name}"
        event: dict[str, Any] = {
            "id": str(item.pk),
            "title": title,
            "start": item.starts_at.astimezone(tz).replace(tzinfo=None).isoformat(),
            "end": item.ends_at.astimezone(tz).replace(tzinfo=None).isoformat(),
            "url": f"{item_url}{item.pk}/",
            "classNames": [f"kind-{item.kind}", f"status-{item.status}"],
            "editable": editable and item.status != ItemStatus.CANCELLED,
            "extendedProps": {
                "version": item.version,
                "kind": kinds.get(item.kind, item.kind),
                "status": statuses.get(item.status, item.status),
            },
        }
        if editable:
            event["extendedProps"]["moveUrl"] = f"{item_url}{item.pk}/move/"
        answer.append(event)
    return JsonResponse(answer, safe=False)


def list_start(request: HttpRequest, production: Production) -> dt.date:
    chosen = parse_local(request.GET.get("start"))
    return chosen.date() if chosen else production.today()


@production_view("scheduling.view_schedule")
def schedule_list(request: HttpRequest, production: Production) -> HttpResponse:
    """The schedule as a plain list of days, two weeks at a time: no JavaScript, fine on a phone."""
    filter_form = FilterForm(request.GET or None, production=production)
    filters = filters_from(filter_form) if request.GET else ItemFilters()
    first = list_start(request, production)
    tz = production.timezone
    start = to_utc(dt.datetime.combine(first, dt.time(0)), tz, shift_gap=True)
    end = to_utc(dt.datetime.combine(first + dt.timedelta(days=LIST_DAYS), dt.time(0)), tz, shift_gap=True)
    days: dict[dt.date, list[ScheduleItem]] = {}
    last = first + dt.timedelta(days=LIST_DAYS - 1)
    fetched = list(items_for_production(production, start, end, filters=filters)[: LIST_MAX_ITEMS + 1])
    for item in fetched:
        item.production = production  # shown in its time zone without a query per item
        days.setdefault(to_local(item.starts_at, tz).date(), []).append(item)
    if len(fetched) > LIST_MAX_ITEMS:
        # Too many for one page: stop after the last whole day; the next page starts with the day cut.
        cut = max(days)
        if len(days) > 1:
            del days[cut]
            last = cut - dt.timedelta(days=1)
        else:  # one day holds more than a page: show that whole day
            end = to_utc(dt.datetime.combine(cut + dt.timedelta(days=1), dt.time(0)), tz, shift_gap=True)
            days[cut] = list(items_for_production(production, start, end, filters=filters))
            for item in days[cut]:
                item.production = production
            last = cut
    following = last + dt.timedelta(days=1)
    query = {k: v for k, v in request.GET.lists() if k in {"kind", "department", "person", "space"}}
    context = {
        "production": production,
        "filter_form": filter_form,
        "days": sorted(days.items()),
        "first": first,
        "last": last,
        "previous": urlencode({**query, "start": (first - dt.timedelta(days=LIST_DAYS)).isoformat()}, doseq=True),
        "next": urlencode({**query, "start": following.isoformat()}, doseq=True),
        "can_change": request.user.has_perm("scheduling.change_schedule", production),
    }
    return render(request, "scheduling/list.html", context)


# --- items -------------------------------------------------------------------------------------
