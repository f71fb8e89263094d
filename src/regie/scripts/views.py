from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.feedback import attempt
from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scripts import services
from regie.scripts.forms import CastLinkForm, ElementForm, ScriptUploadForm
from regie.scripts.models import Scene
from regie.scripts.queries import breakdown_by_category, element_names, latest_import, scenes_for_production


@production_view("scripts.view_breakdown")
def scene_list(request: HttpRequest, production: Production) -> HttpResponse:
    scenes = list(scenes_for_production(production))
    context = {
        "production": production,
        "scenes": scenes,
        "removed": list(production.scenes.filter(removed=True)),
        "latest": latest_import(production),
        "can_import": request.user.has_perm("scripts.import_script", production),
    }
    return render(request, "scripts/scene_list.html", context)


@production_view("scripts.import_script")
def script_import(request: HttpRequest, production: Production) -> HttpResponse:
    form = ScriptUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        imported = attempt(
            request,
            lambda: services.import_script(production, data, upload.name, by=request.user),  # type: ignore[arg-type]
            _("The script was imported."),
        )
        if imported:
            return redirect("scripts:scenes", pk=production.pk)
        status = 400
    else:
        status = 200 if request.method == "GET" or not form.errors else 400
    return render(request, "scripts/import.html", {"production": production, "form": form}, status=status)


def _scene_in(production: Production, scene_pk: int) -> Scene:
    return get_object_or_404(Scene.objects.filter(production=production), pk=scene_pk)


@production_view("scripts.view_breakdown")
def breakdown_sheet(request: HttpRequest, production: Production, scene_pk: int) -> HttpResponse:
    scene = _scene_in(production, scene_pk)
    can_change = request.user.has_perm("scripts.change_breakdown", production)
    context = {
        "production": production,
        "scene": scene,
        "categories": breakdown_by_category(scene),
        "can_change": can_change,
        "form": ElementForm() if can_change else None,
        "names": element_names(production) if can_change else [],
        "cast_form": CastLinkForm(production=production) if can_change else None,
    }
    return render(request, "scripts/breakdown.html", context)


@production_view("scripts.change_breakdown")
@require_POST
def element_add(request: HttpRequest, production: Production, scene_pk: int) -> HttpResponse:
    scene = _scene_in(production, scene_pk)
    form = ElementForm(request.POST)
    if form.is_valid():
        services.add_element(scene, form.cleaned_data["category"], form.cleaned_data["name"], by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The element was added to the scene."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("scripts:breakdown", pk=production.pk, scene_pk=scene.pk)


@production_view("scripts.change_breakdown")
@require_POST
def element_remove(request: HttpRequest, production: Production, scene_pk: int, element_pk: int) -> HttpResponse:
    scene = _scene_in(production, scene_pk)
    element = get_object_or_404(production.breakdown_elements, pk=element_pk)
    services.remove_element(scene, element, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The element was taken off the scene."))
    return redirect("scripts:breakdown", pk=production.pk, scene_pk=scene.pk)


@production_view("scripts.change_breakdown")
@require_POST
def cast_link(request: HttpRequest, production: Production, scene_pk: int, element_pk: int) -> HttpResponse:
    scene = _scene_in(production, scene_pk)
    element = get_object_or_404(production.breakdown_elements, pk=element_pk)
    form = CastLinkForm(request.POST, production=production)
    if form.is_valid():
        engagement = form.cleaned_data["engagement"]
        attempt(
            request,
            lambda: services.link_engagement(element, engagement, by=request.user),  # type: ignore[arg-type]
            _("The cast member was linked."),
        )
    else:
        messages.error(request, _("Choose a person engaged on the production."))
    return redirect("scripts:breakdown", pk=production.pk, scene_pk=scene.pk)
