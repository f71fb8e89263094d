from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused, attempt
from regie.people.exports import CONTENT_TYPES, Column, to_xlsx
from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scripts import services
from regie.scripts.dood import CastRow
from regie.scripts.forms import BoardForm, CastLinkForm, ElementForm, ScriptUploadForm, StripForm
from regie.scripts.models import Board, Scene
from regie.scripts.queries import (
    board_rows,
    boards_for_production,
    breakdown_by_category,
    element_names,
    latest_import,
    optimisation_runs,
    scenes_for_production,
)
from regie.scripts.shooting import BoardDay, board_days, dood_rows

BOARD_CONFLICT = gettext_lazy(
    "Someone else changed this stripboard in the meantime; your change was not saved. "
    "The board below shows the current order."
)


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


# Stripboards


def _board_in(production: Production, board_pk: int) -> Board:
    return get_object_or_404(Board.objects.filter(production=production), pk=board_pk)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@production_view("scripts.view_breakdown")
def board_list(request: HttpRequest, production: Production) -> HttpResponse:
    can_change = request.user.has_perm("scripts.change_board", production)
    form = BoardForm(request.POST or None) if can_change else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            board = services.create_board(production, form.cleaned_data["name"], by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The stripboard was made."))
            return redirect("scripts:board", pk=production.pk, board_pk=board.pk)
    context = {"production": production, "boards": boards_for_production(production), "form": form}
    return render(request, "scripts/board_list.html", context, status=400 if form is not None and form.errors else 200)


@production_view("scripts.view_breakdown")
def board_detail(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    can_change = request.user.has_perm("scripts.change_board", production)
    context = {
        "production": production,
        "board": board,
        "rows": board_rows(board),
        "can_change": can_change,
        "strip_form": StripForm() if can_change else None,
        "runs": optimisation_runs(board)[:3],
    }
    return render(request, "scripts/board.html", context)


def _board_refusal(request: HttpRequest, message: str, production: Production, board: Board) -> HttpResponse:
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"error": message}, status=409)
    messages.error(request, message)
    return redirect("scripts:board", pk=production.pk, board_pk=board.pk)


@production_view("scripts.change_board")
@require_POST
def board_order(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    """The new order from the drag and drop script: `order` is the strip ids joined by commas."""
    board = _board_in(production, board_pk)
    try:
        ids = [int(part) for part in request.POST.get("order", "").split(",") if part]
        board = services.reorder_board(board, ids, expected_version=_version(request), by=request.user)  # type: ignore[arg-type]
    except ValueError:
        return _board_refusal(request, _("The order of the strips could not be read."), production, board)
    except EditConflict:
        return _board_refusal(request, str(BOARD_CONFLICT), production, board)
    except Refused as refusal:
        return _board_refusal(request, str(refusal), production, board)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"version": board.version})
    return redirect("scripts:board", pk=production.pk, board_pk=board.pk)


@production_view("scripts.change_board")
@require_POST
def strip_move(request: HttpRequest, production: Production, board_pk: int, strip_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    strip = get_object_or_404(board.strips, pk=strip_pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.move_strip(board, strip, step, expected_version=_version(request), by=request.user)  # type: ignore[arg-type]
    except EditConflict:
        return _board_refusal(request, str(BOARD_CONFLICT), production, board)
    except Refused as refusal:
        return _board_refusal(request, str(refusal), production, board)
    return redirect(f"{reverse('scripts:board', kwargs={'pk': production.pk, 'board_pk': board.pk})}#strip-{strip.pk}")


@production_view("scripts.change_board")
@require_POST
def strip_add(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    form = StripForm(request.POST)
    if not form.is_valid():
        return _board_refusal(request, _("Choose an end of day, a travel day or a banner."), production, board)
    try:
        services.add_strip(
            board,
            form.cleaned_data["kind"],
            form.cleaned_data["text"],
            expected_version=_version(request),
            by=request.user,  # type: ignore[arg-type]
        )
    except EditConflict:
        return _board_refusal(request, str(BOARD_CONFLICT), production, board)
    return redirect("scripts:board", pk=production.pk, board_pk=board.pk)


@production_view("scripts.change_board")
@require_POST
def strip_remove(request: HttpRequest, production: Production, board_pk: int, strip_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    strip = get_object_or_404(board.strips, pk=strip_pk)
    try:
        services.remove_strip(board, strip, expected_version=_version(request), by=request.user)  # type: ignore[arg-type]
    except EditConflict:
        return _board_refusal(request, str(BOARD_CONFLICT), production, board)
    except Refused as refusal:
        return _board_refusal(request, str(refusal), production, board)
    return redirect("scripts:board", pk=production.pk, board_pk=board.pk)


def _dood(production: Production, board: Board) -> tuple[list[BoardDay], list[CastRow]]:
    days = board_days(board)
    return days, dood_rows(days)


@production_view("scripts.view_breakdown")
def board_dood(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    days, rows = _dood(production, board)
    context = {"production": production, "board": board, "days": days, "rows": rows}
    return render(request, "scripts/dood.html", context)


def _code_on(day: int) -> Callable[[CastRow], str]:
    return lambda row: row.codes[day]


@production_view("scripts.view_breakdown")
def board_dood_xlsx(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    """The day out of days as a spreadsheet: one row per cast member, one column per day."""
    board = _board_in(production, board_pk)
    days, rows = _dood(production, board)
    columns = [Column(pgettext("breakdown", "Cast"), lambda row: row.name)]
    columns += [
        Column(day.date.isoformat() if day.date else day.number, _code_on(index)) for index, day in enumerate(days)
    ]
    columns += [
        Column(_("Work"), lambda row: row.work),
        Column(_("Hold"), lambda row: row.hold),
        Column(_("Travel"), lambda row: row.travel),
        Column(_("Total"), lambda row: row.total),
    ]
    response = HttpResponse(to_xlsx(columns, rows, _("Day out of days")), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="dood-{board.pk}.xlsx"'
    return response
