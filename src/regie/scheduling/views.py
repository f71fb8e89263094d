"""Pages of the schedule of one production: calendar, list, items, templates, conflicts, feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regie.core.audit import last_change
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused, attempt
from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scheduling import services
from regie.scheduling.detection import DASH, ConflictRow, conflict_rows, conflicts_of_item
from regie.scheduling.forms import (
    AcceptConflictForm,
    ApplyTemplateForm,
    CallForm,
    FilterForm,
    ItemForm,
    LocalDateTimeField,
    MoveForm,
)
from regie.scheduling.models import Call, ItemKind, ItemStatus, ScheduleItem
from regie.scheduling.queries import ItemFilters, feed_for, get_item, items_for_production
from regie.scheduling.summary import open_conflict_count_cached
from regie.scheduling.timing import to_local, to_utc, zone

# FullCalendar injects its own style sheet, which embeds its icon font as a data: URL: the calendar
# pages allow that style sheet by the request's nonce, and fonts from data: URLs.
V = TypeVar("V", bound=Callable[..., Any])


def calendar_csp(view: V) -> V:
    return csp_update({"style-src": [NONCE], "font-src": ["data:"]})(view)  # type: ignore[return-value,arg-type]


CALENDAR_VIEWS = {"month": "dayGridMonth", "week": "timeGridWeek", "day": "timeGridDay", "list": "listWeek"}
MAX_RANGE = dt.timedelta(days=100)
LIST_DAYS = 14
LIST_MAX_ITEMS = 300  # a festival fills two weeks with thousands: the list then stops at a day boundary


def parse_local(value: str | None) -> dt.datetime | None:
    """A local date or date-time from a query string (FullCalendar sends "2027-03-22T00:00:00Z" with
    its UTC time zone, which holds the wall-clock time); None when missing or unreadable."""
    if not value:
        return None
    text = value.strip().replace(" ", "+")
    for cut in ("Z", "+"):
        text = text.split(cut)[0]
    if len(text) == 10:
        text += "T00:00"
    try:
        return LocalDateTimeField().to_python(text[:19])
    except Exception:  # noqa: BLE001 - a malformed parameter is a missing one
        return None


def requested_range(request: HttpRequest, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC window a calendar asks for, capped so a forged query cannot ask for years."""
    start = parse_local(request.GET.get("start")) or to_local(dt.datetime.now(dt.UTC), timezone).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    end = parse_local(request.GET.get("end")) or start + dt.timedelta(days=7)
    if end <= start or end - start > MAX_RANGE:
        end = start + min(MAX_RANGE, dt.timedelta(days=7) if end <= start else MAX_RANGE)
    return to_utc(start, timezone, shift_gap=True), to_utc(end, timezone, shift_gap=True)


def filters_from(form: FilterForm) -> ItemFilters:
    if not form.is_valid():
        return ItemFilters()
    data = form.cleaned_data
    return ItemFilters(
        kinds=tuple(data["kind"]),
        departments=tuple(data["department"]),
        engagement=data["person"].pk if data["person"] else None,
        space=data["space"].pk if data["space"] else None,
    )


def event_for(item: ScheduleItem, production: Production, *, editable: bool) -> dict[str, Any]:
    """One item as a FullCalendar event, in local wall-clock time (the calendar runs in "UTC")."""
    tz = production.timezone
    title = item.title or str(item.get_kind_display())
    if item.place is not None:
        title = f"{title} · {item.place.name}"
    event: dict[str, Any] = {
        "id": str(item.pk),
        "title": title,
        "start": to_local(item.starts_at, tz).isoformat(),
        "end": to_local(item.ends_at, tz).isoformat(),
        "url": reverse("scheduling:item", args=[production.pk, item.pk]),
        "classNames": [f"kind-{item.kind}", f"status-{item.status}"],
        "editable": editable and item.status != ItemStatus.CANCELLED,
        "extendedProps": {
            "version": item.version,
            "kind": str(item.get_kind_display()),
            "status": str(item.get_status_display()),
        },
    }
    if editable:
        event["extendedProps"]["moveUrl"] = reverse("scheduling:item_move", args=[production.pk, item.pk])
    return event


def conflict_message(request: HttpRequest, rows: list[ConflictRow]) -> None:
    if not rows:
        return
    text = ngettext(
        "This causes %(count)d conflict: %(causes)s",
        "This causes %(count)d conflicts: %(causes)s",
        len(rows),
    ) % {"count": len(rows), "causes": " ".join(f"{row.who}: {row.cause}" for row in rows[:5])}
    messages.warning(request, text)


# --- calendar, list, events --------------------------------------------------------------------


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


def _initial_times(request: HttpRequest) -> dict[str, Any]:
    start = parse_local(request.GET.get("start"))
    if start is None:
        return {}
    if start.time() == dt.time(0):
        start = start.replace(hour=10)
    end = parse_local(request.GET.get("end"))
    if end is None or end <= start:
        end = start + dt.timedelta(hours=2)
    return {"starts_at": start, "ends_at": end}


@production_view("scheduling.change_schedule")
def item_new(request: HttpRequest, production: Production) -> HttpResponse:
    form = ItemForm(request.POST or None, production=production, initial=_initial_times(request))
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.production = production
        data = form.cleaned_data
        created = attempt(
            request,
            lambda: services.create_item(
                item, by=request.user, spaces=data["spaces"], people=data["people"], departments=data["departments"]
            ),
            _("The item was added to the schedule."),
        )
        if created:
            conflict_message(request, conflicts_of_item(item))
            return redirect(_calendar_on(production, item))
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/item_form.html", {"production": production, "form": form}, status=status)


def _calendar_on(production: Production, item: ScheduleItem) -> str:
    date = to_local(item.starts_at, production.timezone).date().isoformat()
    return reverse("scheduling:calendar", args=[production.pk]) + "?" + urlencode({"date": date})


def _last_change(item: ScheduleItem) -> dict[str, Any] | None:
    """Who last changed the item and what, to explain an edit conflict (times in the item's zone)."""
    change = last_change(item)
    if change is None:
        return None
    entry, rows = change["entry"], change["rows"]
    tz = item.production.timezone
    for row, (name, change) in zip(rows, entry.changes.items(), strict=True):
        if name in {"starts_at", "ends_at"}:  # stored as UTC ISO strings: show them as the item's local time
            for side in ("old", "new"):
                if change.get(side):
                    local = to_local(dt.datetime.fromisoformat(change[side]), tz)
                    row[side] = f"{formats.date_format(local, 'D j M Y')} {local:%H:%M}"
    return {"entry": entry, "rows": rows}


def _call_forms(item: ScheduleItem, production: Production, data: Any = None, bound: int | None = None) -> list[Any]:
    forms = []
    for call in item.calls.select_related("engagement__contact").order_by("department", "engagement__contact__name"):
        call.item = item
        forms.append(
            (
                call,
                CallForm(
                    data if bound == call.pk else None,
                    instance=call,
                    timezone=production.timezone,
                    prefix=f"call-{call.pk}",
                ),
            )
        )
    return forms


@production_view("scheduling.view_schedule")
def item_detail(request: HttpRequest, production: Production, item_pk: int) -> HttpResponse:
    """The item's page: its details and calls for everyone; the edit form for those who plan."""
    item = get_item(production, item_pk)
    can_change = request.user.has_perm("scheduling.change_schedule", production)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = ItemForm(request.POST or None, instance=item, production=production) if can_change else None
    status = 200
    context: dict[str, Any] = {"production": production, "item": item, "can_change": can_change}
    if request.method == "POST" and form is not None:
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.update_item(
                    form.save(commit=False),
                    version=data["version"] or 0,
                    by=request.user,
                    spaces=data["spaces"],
                    people=data["people"],
                    departments=data["departments"],
                )
            except EditConflict as conflict:
                fresh = get_item(production, item_pk)
                messages.error(request, str(conflict.message))
                posted = request.POST.copy()
                posted["version"] = str(fresh.version)
                form.data = posted
                context.update({"item": fresh, "other_change": _last_change(fresh)})
                status = 409
            except Refused as refusal:
                messages.error(request, str(refusal))
                status = 400
            else:
                messages.success(request, _("The item was saved."))
                conflict_message(request, conflicts_of_item(saved))
                return redirect("scheduling:item", pk=production.pk, item_pk=saved.pk)
        else:
            status = 400
            item = get_item(production, item_pk)
            context["item"] = item
    context.update(
        {
            "form": form,
            "calls": _call_forms(context["item"], production) if can_change else None,
            "call_list": context["item"]
            .calls.select_related("engagement__contact")
            .order_by("department", "engagement__contact__name"),
        }
    )
    return render(request, "scheduling/item_detail.html", context, status=status)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _conflict_explanation(item: ScheduleItem) -> str:
    change = _last_change(item)
    tz = item.production.timezone
    when = (
        f"{formats.date_format(to_local(item.starts_at, tz), 'D j M')} "
        f"{to_local(item.starts_at, tz):%H:%M}{DASH}{to_local(item.ends_at, tz):%H:%M}"
    )
    if change is None or change["entry"].user is None:
        return _("Someone else changed this item in the meantime; it is now %(when)s. Your move was undone.") % {
            "when": when
        }
    return _("%(name)s changed this item in the meantime; it is now %(when)s. Your move was undone.") % {
        "name": change["entry"].user.name or change["entry"].user.email,
        "when": when,
    }


@production_view("scheduling.change_schedule")
@require_POST
def item_move(request: HttpRequest, production: Production, item_pk: int) -> HttpResponse:
    """Drag and drop on the calendar: a JSON answer with the new version and the conflicts caused,
    409 with the current times when someone else changed the item first."""
    item = get_item(production, item_pk)
    form = MoveForm(request.POST, timezone=production.timezone)
    if not form.is_valid():
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    data = form.cleaned_data
    try:
        item = services.move_item(
            item, starts_at=data["start"], ends_at=data["end"], version=data["version"], by=request.user
        )
    except EditConflict:
        fresh = get_item(production, item_pk)
        return JsonResponse(
            {"error": _conflict_explanation(fresh), "event": event_for(fresh, production, editable=True)}, status=409
        )
    except Refused as refusal:
        return JsonResponse({"error": str(refusal)}, status=400)
    rows = conflicts_of_item(item)
    message = _("The item was moved.")
    if rows:
        message = ngettext(
            "The item was moved. It causes %(count)d conflict: %(causes)s",
            "The item was moved. It causes %(count)d conflicts: %(causes)s",
            len(rows),
        ) % {"count": len(rows), "causes": " ".join(f"{row.who}: {row.cause}" for row in rows[:3])}
    return JsonResponse(
        {
            "version": item.version,
            "message": message,
            "conflicts": [{"kind": row.kind_label, "who": row.who, "cause": row.cause} for row in rows],
        }
    )


@production_view("scheduling.change_schedule")
@require_POST
def item_cancel(request: HttpRequest, production: Production, item_pk: int) -> HttpResponse:
    item = get_item(production, item_pk)
    try:
        services.cancel_item(item, version=_version(request), by=request.user)
    except EditConflict:
        messages.error(
            request, _conflict_explanation(get_item(production, item_pk)).replace(_("Your move was undone."), "")
        )
        return redirect("scheduling:item", pk=production.pk, item_pk=item.pk)
    messages.success(request, _("The item was cancelled. It stays on the schedule, marked cancelled."))
    return redirect("scheduling:item", pk=production.pk, item_pk=item.pk)


@production_view("scheduling.change_schedule")
@require_POST
def item_delete(request: HttpRequest, production: Production, item_pk: int) -> HttpResponse:
    item = get_item(production, item_pk)
    target = _calendar_on(production, item)
    try:
        services.delete_item(item, version=_version(request), by=request.user)
    except EditConflict:
        messages.error(request, str(EditConflict.message))
        return redirect("scheduling:item", pk=production.pk, item_pk=item.pk)
    messages.success(request, _("The item was deleted."))
    return redirect(target)


@production_view("scheduling.change_schedule")
@require_POST
def call_edit(request: HttpRequest, production: Production, item_pk: int, call_pk: int) -> HttpResponse:
    item = get_item(production, item_pk)
    call = get_object_or_404(Call.objects.filter(item=item), pk=call_pk)
    call.item = item
    form = CallForm(request.POST, instance=call, timezone=production.timezone, prefix=f"call-{call.pk}")
    if form.is_valid():
        try:
            services.update_call(form.save(commit=False), version=form.cleaned_data["version"], by=request.user)
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The call was saved."))
            conflict_message(request, conflicts_of_item(get_item(production, item_pk)))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("scheduling:item", pk=production.pk, item_pk=item.pk)


@production_view("scheduling.change_schedule")
def apply_template(request: HttpRequest, production: Production) -> HttpResponse:
    form = ApplyTemplateForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.apply_template(
                data["template"],
                production,
                data["dates"],
                by=request.user,
                status=data["status"],
                place=data["place"],
                spaces=data["spaces"],
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            added = ngettext("%(count)d item added", "%(count)d items added", len(made)) % {"count": len(made)}
            days = ngettext("on %(count)d date.", "on %(count)d dates.", len(data["dates"])) % {
                "count": len(data["dates"])
            }
            messages.success(request, f"{added} {days}")
            count = open_conflict_count_cached(production)
            if count:
                messages.warning(
                    request,
                    ngettext(
                        "The schedule has %(count)d open conflict.", "The schedule has %(count)d open conflicts.", count
                    )
                    % {"count": count},
                )
            url = reverse("scheduling:calendar", args=[production.pk])
            return redirect(url + "?" + urlencode({"date": data["dates"][0].isoformat()}))
    status = 400 if request.method == "POST" else 200
    templates = production.organisation.day_templates.prefetch_related("entries")
    context = {"production": production, "form": form, "templates": templates}
    return render(request, "scheduling/apply_template.html", context, status=status)


# --- conflicts ---------------------------------------------------------------------------------


@production_view("scheduling.change_schedule")
def conflicts(request: HttpRequest, production: Production) -> HttpResponse:
    rows = conflict_rows(production)
    can_accept = request.user.has_perm("scheduling.accept_conflicts", production)
    context = {
        "production": production,
        "open": [row for row in rows if not row.accepted],
        "accepted": [row for row in rows if row.accepted],
        "can_accept": can_accept,
    }
    return render(request, "scheduling/conflicts.html", context)


@production_view("scheduling.accept_conflicts")
@require_POST
def conflict_accept(request: HttpRequest, production: Production) -> HttpResponse:
    form = AcceptConflictForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.accept_conflict(production, data["fingerprint"], reason=data["reason"], by=request.user),
            _("The conflict was accepted; it stays accepted until it changes."),
        )
    else:
        messages.error(request, _("Give a reason for accepting the conflict."))
    return redirect("scheduling:conflicts", pk=production.pk)


# --- the production's feed ---------------------------------------------------------------------

FEED_SESSION_KEY = "scheduling_new_feed_token"


def feed_urls(request: HttpRequest, token: str) -> dict[str, str]:
    https = request.build_absolute_uri(reverse("scheduling:ics", args=[token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def feed_page(request: HttpRequest, production: Production | None, back: str) -> HttpResponse:
    """Show, make or revoke the user's secret feed address; a new address is shown once."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_feed(request.user, production)
            messages.success(request, _("The address was revoked: calendars subscribed to it no longer update."))
        else:
            request.session[FEED_SESSION_KEY] = services.make_feed(request.user, production)
            messages.success(request, _("A new private address was made; the previous one no longer works."))
        return redirect(back)
    token = request.session.pop(FEED_SESSION_KEY, None)
    context = {
        "production": production,
        "feed": feed_for(request.user, production),
        "urls": feed_urls(request, token) if token else None,
    }
    return render(request, "scheduling/feed.html", context)


@production_view("scheduling.view_schedule")
def production_feed_page(request: HttpRequest, production: Production) -> HttpResponse:
    return feed_page(request, production, reverse("scheduling:feed", args=[production.pk]))
