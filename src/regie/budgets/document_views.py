"""The budget as documents: the top sheet and the full budget as PDF, and the XLSX import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regie.budgets import services
from regie.budgets.explain import explain
from regie.budgets.forms import ImportForm
from regie.budgets.models import BudgetVersion
from regie.budgets.pdf import render_pdf
from regie.budgets.queries import get_version_for_production, sheet_for_version
from regie.budgets.xlsx_import import import_preview, read_workbook
from regie.core.feedback import Refused
from regie.productions.access import production_view
from regie.productions.models import Production


def document_context(production: Production, version: BudgetVersion) -> dict[str, Any]:
    sheet = sheet_for_version(version)
    return {"production": production, "version": version, "sheet": sheet, "currency": version.currency}


def _pdf(request: HttpRequest, production: Production, version_pk: int, template: str, what: str) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    context = document_context(production, version)
    if context["sheet"].error is not None:
        messages.error(request, explain(context["sheet"].error))
        return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)
    name = slugify(f"{production.title} {what} v{version.number}") + ".pdf"
    return render_pdf(request, template, context, name)


@production_view("budgets.view_budget")
def topsheet_pdf(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    return _pdf(request, production, version_pk, "budgets/pdf/topsheet.html", "top sheet")


@production_view("budgets.view_budget")
def budget_pdf(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    return _pdf(request, production, version_pk, "budgets/pdf/budget.html", "budget")


# Import from a workbook


def _session_key(production: Production) -> str:
    return f"budget-import-{production.pk}"


@production_view("budgets.change_budget")
def import_xlsx(request: HttpRequest, production: Production) -> HttpResponse:
    """Upload → preview (per-row errors, or the totals Regie computes) → confirm → a new version."""
    key = _session_key(production)
    if request.method == "POST" and "confirm" in request.POST:
        structure = request.session.pop(key, None)
        if structure is None:
            messages.error(request, _("The preview expired. Upload the workbook again."))
            return redirect("budgets:import_xlsx", pk=production.pk)
        try:
            version = services.import_version(production, structure, by=request.user)  # type: ignore[arg-type]
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect("budgets:import_xlsx", pk=production.pk)
        messages.success(request, _("The workbook was imported as %(version)s.") % {"version": version})
        return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"production": production, "form": form}
    if request.method == "POST" and form.is_valid():
        result = read_workbook(form.cleaned_data["file"].read())
        context["result"] = result
        if not result.errors:
            context["preview"] = import_preview(result)
            request.session[key] = result.structure
    return render(request, "budgets/import.html", context)
