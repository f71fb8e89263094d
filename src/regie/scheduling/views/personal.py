"""A person's own schedule across all their productions, their private feed, and the feeds themselves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from regie.core.access import public_view, user_view
from regie.scheduling.feeds import person_feed, production_feed
from regie.scheduling.models import CalendarFeed, ItemStatus, ScheduleItem
from regie.scheduling.queries import calls_for_user, feed_by_token, items_for_production, my_items
from regie.scheduling.timing import to_local
from regie.scheduling.views.common import calendar_csp, parse_local
from regie.scheduling.views.feeds import feed_page

MY_LIST_DAYS = 14
FEED_PAST = dt.timedelta(days=90)
# Reading a feed records when it was last read, at most this often (calendar apps poll).
LAST_USED_EVERY = dt.timedelta(hours=1)


def _my_event(item: ScheduleItem) -> dict[str, Any]:
    tz = item.production.timezone
    return {
        "id": str(item.pk),
        "title": f"{item.production.title}: {item.title or item.get_kind_display()}",
        "start": to_local(item.starts_at, tz).isoformat(),
        "end": to_local(item.ends_at, tz).isoformat(),
        "url": reverse("scheduling:item", args=[item.production_id, item.pk]),
        "classNames": [f"kind-{item.kind}", f"status-{item.status}"],
        "editable": False,
    }


@user_view
@calendar_csp
def my_schedule(request: HttpRequest) -> HttpResponse:
    """The calendar of everything the person is called for, with the next two weeks as a plain list."""
    now = timezone.now()
    items = my_items(request.user, now - dt.timedelta(hours=12), now + dt.timedelta(days=MY_LIST_DAYS))
    days: dict[dt.date, list[ScheduleItem]] = {}
    for item in items:
        days.setdefault(to_local(item.starts_at, item.production.timezone).date(), []).append(item)
    context = {
        "days": sorted(days.items()),
        "events_url": reverse("scheduling:my_events"),
        "initial_date": timezone.localdate().isoformat(),
        "feed": CalendarFeed.objects.filter(user_id=request.user.pk or 0, production=None).exists(),
    }
    return render(request, "scheduling/my_schedule.html", context)


@user_view
def my_events(request: HttpRequest) -> JsonResponse:
    start = parse_local(request.GET.get("start")) or dt.datetime.now()
    end = parse_local(request.GET.get("end")) or start + dt.timedelta(days=7)
    end = min(end, start + dt.timedelta(days=100))
    # Wall-clock bounds widened by a day on each side: productions may sit in different zones.
    window_start = start.replace(tzinfo=dt.UTC) - dt.timedelta(days=1)
    window_end = end.replace(tzinfo=dt.UTC) + dt.timedelta(days=1)
    items = my_items(request.user, window_start, window_end)
    return JsonResponse([_my_event(item) for item in items], safe=False)


@user_view
def my_feed(request: HttpRequest) -> HttpResponse:
    return feed_page(request, None, reverse("scheduling:my_feed"))


def _touch(feed: CalendarFeed) -> None:
    now = timezone.now()
    if feed.last_used is None or now - feed.last_used > LAST_USED_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used=now)


@public_view
def ics(request: HttpRequest, feed_token: str) -> HttpResponse:
    """A feed, opened by its secret token alone (calendar apps send no cookies). A revoked, forged or
    malformed token, or a production feed whose owner lost access, is a 404 like any unknown URL."""
    feed = feed_by_token(feed_token)
    if feed is None or not feed.user.is_active:
        raise Http404
    host = request.get_host().split(":")[0] or "regie"
    since = timezone.now() - FEED_PAST
    if feed.production is None:
        body = person_feed(feed.user.name or feed.user.email, calls_for_user(feed.user, since), host=host)
        filename = "my-calls.ics"
    else:
        production = feed.production
        if not feed.user.has_perm("scheduling.view_schedule", production):
            raise Http404
        items = items_for_production(production, since, None).exclude(status=ItemStatus.CANCELLED, updated__lt=since)
        body = production_feed(production, items, host=host)
        filename = f"production-{production.pk}.ics"
    _touch(feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
