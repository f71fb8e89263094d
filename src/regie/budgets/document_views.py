"""The budget as documents: the top sheet and the full budget as PDF, and the XLSX import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify

from regie.budgets.explain import explain
from regie.budgets.models import BudgetVersion
from regie.budgets.pdf import render_pdf
from regie.budgets.queries import get_version_for_production, sheet_for_version
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
