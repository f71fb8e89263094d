"""Organisation-wide parts of the schedule: places, spaces and resources, day templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts.access import organisation_view
from regie.accounts.models import Organisation
from regie.core.feedback import attempt
from regie.scheduling import services
from regie.scheduling.forms import DayTemplateForm, PlaceForm, SpaceForm, TemplateEntryForm
from regie.scheduling.models import DayTemplate, Place, ScheduleItem, Space, TemplateEntry
from regie.scheduling.queries import places_for_organisation, spaces_for_organisation, templates_for_organisation
from regie.scheduling.timing import to_local
from regie.scheduling.views.common import calendar_csp, requested_range

PERMISSION = "scheduling.manage_places"


def _status(request: HttpRequest, form: Any) -> int:
    return 400 if request.method == "POST" and form.errors else 200


# --- places ------------------------------------------------------------------------------------


@organisation_view(PERMISSION)
def place_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        place = form.save(commit=False)
        place.organisation = organisation
        services.save_place(place, by=request.user)
        messages.success(request, _("The place was added."))
        return redirect("scheduling:places", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "places": places_for_organisation(organisation),
        "archived": places_for_organisation(organisation, archived=True),
        "form": form,
    }
    return render(request, "scheduling/places.html", context, status=_status(request, form))


@organisation_view(PERMISSION)
def place_edit(request: HttpRequest, organisation: Organisation, place_pk: int) -> HttpResponse:
    place = get_object_or_404(Place.objects.filter(organisation=organisation), pk=place_pk)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        services.save_place(form.save(commit=False), by=request.user)
        messages.success(request, _("The place was saved."))
        return redirect("scheduling:places", slug=organisation.slug)
    context = {"organisation": organisation, "place": place, "form": form}
    return render(request, "scheduling/place_form.html", context, status=_status(request, form))


@organisation_view(PERMISSION)
@require_POST
def place_archive(request: HttpRequest, organisation: Organisation, place_pk: int) -> HttpResponse:
    place = get_object_or_404(Place.objects.filter(organisation=organisation), pk=place_pk)
    archive = request.POST.get("restore") != "1"
    services.set_archived(place, archived=archive, by=request.user)
    messages.success(request, _("The place was archived.") if archive else _("The place was restored."))
    return redirect("scheduling:places", slug=organisation.slug)


# --- spaces ------------------------------------------------------------------------------------


@organisation_view(PERMISSION)
def space_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = SpaceForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        space = form.save(commit=False)
        space.organisation = organisation
        if attempt(request, lambda: services.save_space(space, by=request.user), _("The space was added.")):
            return redirect("scheduling:spaces", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "spaces": spaces_for_organisation(organisation),
        "archived": spaces_for_organisation(organisation, archived=True),
        "form": form,
    }
    return render(request, "scheduling/spaces.html", context, status=_status(request, form))


def _space(organisation: Organisation, space_pk: int) -> Space:
    return get_object_or_404(Space.objects.filter(organisation=organisation).select_related("place"), pk=space_pk)


@organisation_view(PERMISSION)
def space_edit(request: HttpRequest, organisation: Organisation, space_pk: int) -> HttpResponse:
    space = _space(organisation, space_pk)
    form = SpaceForm(request.POST or None, instance=space, organisation=organisation)
    saved = _("The space was saved.")
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(request, lambda: services.save_space(form.save(commit=False), by=request.user), saved)
    ):
        return redirect("scheduling:spaces", slug=organisation.slug)
    context = {"organisation": organisation, "space": space, "form": form}
    return render(request, "scheduling/space_form.html", context, status=_status(request, form))


@organisation_view(PERMISSION)
@require_POST
def space_archive(request: HttpRequest, organisation: Organisation, space_pk: int) -> HttpResponse:
    space = _space(organisation, space_pk)
    archive = request.POST.get("restore") != "1"
    services.set_archived(space, archived=archive, by=request.user)
    messages.success(request, _("The space was archived.") if archive else _("The space was restored."))
    return redirect("scheduling:spaces", slug=organisation.slug)


@organisation_view(PERMISSION)
@calendar_csp
def space_calendar(request: HttpRequest, organisation: Organisation, space_pk: int) -> HttpResponse:
    """Who books a space, across all the organisation's productions."""
    space = _space(organisation, space_pk)
    context = {
        "organisation": organisation,
        "space": space,
        "events_url": reverse("scheduling:space_events", args=[organisation.slug, space.pk]),
    }
    return render(request, "scheduling/space_calendar.html", context)


@organisation_view(PERMISSION)
def space_events(request: HttpRequest, organisation: Organisation, space_pk: int) -> JsonResponse:
    space = _space(organisation, space_pk)
    timezone = (space.place.timezone if space.place else "") or "Europe/Brussels"
    start, end = requested_range(request, timezone)
    items = (
        ScheduleItem.objects.filter(spaces=space, production__organisation=organisation)
        .filter(ends_at__gt=start, starts_at__lt=end)
        .select_related("production")
        .order_by("starts_at", "pk")
    )
    events = [
        {
            "id": str(item.pk),
            "title": f"{item.production.title}: {item.title or item.get_kind_display()}",
            "start": to_local(item.starts_at, timezone).isoformat(),
            "end": to_local(item.ends_at, timezone).isoformat(),
            "url": reverse("scheduling:item", args=[item.production_id, item.pk]),
            "classNames": [f"kind-{item.kind}", f"status-{item.status}"],
            "editable": False,
        }
        for item in items
    ]
    return JsonResponse(events, safe=False)


# --- day templates -----------------------------------------------------------------------------


@organisation_view(PERMISSION)
def template_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = DayTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.organisation = organisation
        services.create_template(template, by=request.user)
        messages.success(request, _("The day template was made; add its entries."))
        return redirect("scheduling:template", slug=organisation.slug, template_pk=template.pk)
    context = {"organisation": organisation, "templates": templates_for_organisation(organisation), "form": form}
    return render(request, "scheduling/templates.html", context, status=_status(request, form))


def _template(organisation: Organisation, template_pk: int) -> DayTemplate:
    return get_object_or_404(DayTemplate.objects.filter(organisation=organisation), pk=template_pk)


@organisation_view(PERMISSION)
def template_detail(request: HttpRequest, organisation: Organisation, template_pk: int) -> HttpResponse:
    """The template's name and its entries; POST with `entry` adds an entry, otherwise renames."""
    template = _template(organisation, template_pk)
    adding = request.method == "POST" and "entry" in request.POST
    form = DayTemplateForm(request.POST if request.method == "POST" and not adding else None, instance=template)
    entry_form = TemplateEntryForm(request.POST if adding else None)
    if adding and entry_form.is_valid():
        entry = entry_form.save(commit=False)
        entry.template = template
        if attempt(request, lambda: services.add_template_entry(entry, by=request.user), _("The entry was added.")):
            return redirect("scheduling:template", slug=organisation.slug, template_pk=template.pk)
    elif request.method == "POST" and not adding and form.is_valid():
        services.update_template(form.save(commit=False), by=request.user)
        messages.success(request, _("The day template was saved."))
        return redirect("scheduling:template", slug=organisation.slug, template_pk=template.pk)
    context = {
        "organisation": organisation,
        "template": template,
        "entries": template.entries.all(),
        "form": form,
        "entry_form": entry_form,
    }
    status = 400 if request.method == "POST" and (form.errors or entry_form.errors) else 200
    return render(request, "scheduling/template_detail.html", context, status=status)


@organisation_view(PERMISSION)
@require_POST
def template_entry_remove(
    request: HttpRequest, organisation: Organisation, template_pk: int, entry_pk: int
) -> HttpResponse:
    template = _template(organisation, template_pk)
    entry = get_object_or_404(TemplateEntry.objects.filter(template=template), pk=entry_pk)
    services.remove_template_entry(entry, by=request.user)
    messages.success(request, _("The entry was removed."))
    return redirect("scheduling:template", slug=organisation.slug, template_pk=template.pk)


@organisation_view(PERMISSION)
@require_POST
def template_delete(request: HttpRequest, organisation: Organisation, template_pk: int) -> HttpResponse:
    template = _template(organisation, template_pk)
    services.delete_template(template, by=request.user)
    messages.success(request, _("The day template was deleted."))
    return redirect("scheduling:templates", slug=organisation.slug)
