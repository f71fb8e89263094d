"""One schedule item: add, show and change it with its calls, move it, cancel or delete it; lay a day template."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

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
from regie.scheduling.detection import DASH, conflicts_of_item
from regie.scheduling.forms import (
    ApplyTemplateForm,
    CallForm,
    ItemForm,
    MoveForm,
)
from regie.scheduling.models import Call, ScheduleItem
from regie.scheduling.queries import get_item
from regie.scheduling.summary import open_conflict_count_cached
from regie.scheduling.timing import to_local
from regie.scheduling.views.common import conflict_message, event_for, parse_local, posted_version


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
        services.cancel_item(item, version=posted_version(request), by=request.user)
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
        services.delete_item(item, version=posted_version(request), by=request.user)
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
