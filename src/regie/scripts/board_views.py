"""Views of a stripboard's schedule: the optimiser, dates and shooting days, USS files and PDFs."""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.feedback import Refused
from regie.productions.access import production_view
from regie.productions.models import Production
from regie.scripts import optimising, shooting, transfer
from regie.scripts.forms import ApplyForm, BoardDatesForm, OptimiseForm, UssUploadForm
from regie.scripts.models import Board, OptimisationRun, RunStatus, ShootingDay
from regie.scripts.pdf import pdf_response
from regie.scripts.queries import board_rows, breakdown_sheets, optimisation_runs, scenes_for_production


def _board_in(production: Production, board_pk: int) -> Board:
    return get_object_or_404(Board.objects.filter(production=production), pk=board_pk)


def _run_in(board: Board, run_pk: int) -> OptimisationRun:
    return get_object_or_404(OptimisationRun.objects.filter(board=board).select_related("applied_board"), pk=run_pk)


# The optimiser


@production_view("scripts.change_board")
def board_optimise(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    """Ask for a run of the optimiser on the board; it runs in the background."""
    board = _board_in(production, board_pk)
    has_days = board.strips.filter(kind="day_break").exists()
    form = OptimiseForm(request.POST or None, initial={"keep_days": False})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = optimising.Options(
            time_limit=data["time_limit"],
            keep_days=data["keep_days"],
            location_blocks=data["location_blocks"],
            max_locations_per_day=data["max_locations_per_day"],
            day_eighths=max(1, round(data["pages_per_day"] * 8)),
        )
        try:
            run = optimising.start_optimisation(board, options, by=request.user)  # type: ignore[arg-type]
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("scripts:optimisation", pk=production.pk, board_pk=board.pk, run_pk=run.pk)
    context = {
        "production": production,
        "board": board,
        "form": form,
        "has_days": has_days,
        "runs": optimisation_runs(board)[:5],
    }
    return render(request, "scripts/optimise.html", context, status=400 if form.errors else 200)


@production_view("scripts.view_breakdown")
def optimisation_detail(request: HttpRequest, production: Production, board_pk: int, run_pk: int) -> HttpResponse:
    """The run's progress (polled while it runs) and then its proposal, before against after."""
    board = _board_in(production, board_pk)
    run = _run_in(board, run_pk)
    elapsed = (timezone.now() - run.started).total_seconds() if run.started else 0.0
    context = {
        "production": production,
        "board": board,
        "run": run,
        "busy": run.status in {RunStatus.QUEUED, RunStatus.RUNNING},
        "elapsed": min(int(elapsed), int(run.options.get("time_limit", 0))),
        "changed": board.version != run.board_version,
        "can_apply": request.user.has_perm("scripts.change_board", production),
        "form": ApplyForm(initial={"name": _("%(name)s, optimised") % {"name": board.name}}),
        "proposal": _proposal(board, run) if run.status == RunStatus.DONE else [],
        "honoured": _honoured(run) if run.status == RunStatus.DONE else [],
    }
    if request.headers.get("HX-Request"):
        return render(request, "scripts/_optimisation_status.html", context)
    return render(request, "scripts/optimisation.html", context)


def _proposal(board: Board, run: OptimisationRun) -> list[dict[str, object]]:
    scenes = {scene.pk: scene for scene in scenes_for_production(board.production, removed=True)}
    dates = [datetime.date.fromisoformat(d) for d in run.result.get("dates", [])]
    return [
        {
            "number": index,
            "date": dates[index - 1] if index <= len(dates) else None,
            "scenes": [scenes[pk] for pk in day if pk in scenes],
        }
        for index, day in enumerate(run.result.get("days", []), start=1)
    ]


def _honoured(run: OptimisationRun) -> list[dict[str, object]]:
    """The cast unavailability the run honoured, with dates to show."""
    return [
        {"actor": row["actor"], "dates": [datetime.date.fromisoformat(d) for d in row["dates"]]}
        for row in run.result.get("unavailable", [])
    ]


@production_view("scripts.change_board")
@require_POST
def optimisation_apply(request: HttpRequest, production: Production, board_pk: int, run_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    run = _run_in(board, run_pk)
    form = ApplyForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else _("%(name)s, optimised") % {"name": board.name}
    try:
        new, changed = optimising.apply_optimisation(run, name, by=request.user)  # type: ignore[arg-type]
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("scripts:optimisation", pk=production.pk, board_pk=board.pk, run_pk=run.pk)
    if changed:
        messages.warning(
            request,
            _(
                "The board %(name)s was changed while the optimiser ran. The proposal is for the board as it was; "
                "it was applied as this new board and %(name)s stays as you left it."
            )
            % {"name": board.name},
        )
    else:
        messages.success(
            request, _("The proposal was applied as a new stripboard; %(name)s is unchanged.") % {"name": board.name}
        )
    return redirect("scripts:board", pk=production.pk, board_pk=new.pk)


# Dates and shooting days


@production_view("scripts.change_board")
def board_dates(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    """Date the board's days and choose whether they make the shooting days of the schedule."""
    board = _board_in(production, board_pk)
    initial = {
        "drives_schedule": board.drives_schedule,
        "start_date": board.start_date,
        "days_off": board.days_off,
        "dates_off": ", ".join(board.dates_off),
        "call_time": board.call_time,
        "wrap_time": board.wrap_time,
    }
    form = BoardDatesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shooting.set_board_schedule(board, **form.cleaned_data, by=request.user)  # type: ignore[arg-type]
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The dates of the stripboard were saved."))
            return redirect("scripts:board_dates", pk=production.pk, board_pk=board.pk)
    days = (
        ShootingDay.objects.filter(board=board)
        .select_related("item")
        .prefetch_related("item__calls__engagement__contact")
    )
    context = {
        "production": production,
        "board": board,
        "form": form,
        "days": shooting.board_days(board),
        "scheduled": list(days),
    }
    return render(request, "scripts/board_dates.html", context, status=400 if form.errors else 200)


# USS


@production_view("scripts.import_script")
def uss_import(request: HttpRequest, production: Production) -> HttpResponse:
    form = UssUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            boards = transfer.import_uss(production, data, by=request.user)  # type: ignore[arg-type]
        except transfer.UssRefused as refusal:
            problems = refusal.problems
        else:
            messages.success(
                request, _("The schedule was imported: %(names)s.") % {"names": ", ".join(b.name for b in boards)}
            )
            return redirect("scripts:board", pk=production.pk, board_pk=boards[0].pk)
    status = 400 if problems or form.errors else 200
    return render(
        request,
        "scripts/uss_import.html",
        {"production": production, "form": form, "problems": problems},
        status=status,
    )


@production_view("scripts.view_breakdown")
def board_uss(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    document = json.dumps(transfer.export_board(board), ensure_ascii=False, indent=2)
    response = HttpResponse(document, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(board.name) or "board"}.uss.json"'
    return response


# PDFs


@production_view("scripts.view_breakdown")
def board_pdf(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    days = {day.number: day for day in shooting.board_days(board)}
    context = {
        "production": production,
        "board": board,
        "rows": board_rows(board),
        "dates": {n: d.date for n, d in days.items()},
    }
    return pdf_response(
        request, "scripts/pdf/stripboard.html", context, f"stripboard-{slugify(board.name) or board.pk}.pdf"
    )


@production_view("scripts.view_breakdown")
def breakdown_pdf(request: HttpRequest, production: Production) -> HttpResponse:
    context = {"production": production, "sheets": breakdown_sheets(production)}
    return pdf_response(request, "scripts/pdf/breakdown.html", context, f"breakdown-{production.pk}.pdf")


@production_view("scripts.view_breakdown")
def dood_pdf(request: HttpRequest, production: Production, board_pk: int) -> HttpResponse:
    board = _board_in(production, board_pk)
    days = shooting.board_days(board)
    context = {"production": production, "board": board, "days": days, "rows": shooting.dood_rows(days)}
    return pdf_response(request, "scripts/pdf/dood.html", context, f"dood-{slugify(board.name) or board.pk}.pdf")
