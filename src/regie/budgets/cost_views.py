"""Cost control pages: purchase orders, invoices and expenses, receipts and the cost report."""

from __future__ import annotations

import functools
import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.budgets import cost_services, costchart
from regie.budgets.cost_forms import CostForm, EstimateForm, OrderStatusForm, PaymentForm, PurchaseOrderForm
from regie.budgets.cost_models import Cost, CostKind, PurchaseOrder
from regie.budgets.cost_queries import (
    cost_report_for_version,
    cost_version,
    costs_for_budget,
    get_cost_for_production,
    get_order_for_production,
    invoiced_by_order,
    open_amount,
    orders_for_budget,
    report_rows,
)
from regie.budgets.explain import explain
from regie.budgets.models import Budget, LinePhase
from regie.budgets.queries import budget_for_production, reference_version, sheet_for_version
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused
from regie.core.pagination import paginate
from regie.productions.access import production_view
from regie.productions.models import Production

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class NoBudget(Exception):
    """The production has no budget yet: the cost pages say so instead of showing empty tables."""


def _budget_of(production: Production) -> Budget:
    budget = budget_for_production(production)
    if budget is None:
        raise NoBudget
    return budget


def _no_budget(request: HttpRequest, production: Production) -> HttpResponse:
    return render(request, "budgets/no_budget.html", {"production": production})


def budget_required(view: Any) -> Any:
    """Answer with the “no budget yet” page when the production has none (keeps the access markers)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, production: Production, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, production, *args, **kwargs)  # type: ignore[no-any-return]
        except NoBudget:
            return _no_budget(request, production)

    return wrapper


def _report_context(request: HttpRequest, production: Production, *, for_page: bool = False) -> dict[str, Any]:
    version = cost_version(production, request.GET.get("version"))
    if version is None:
        raise NoBudget
    phase = request.GET.get("phase", "")
    phase = phase if phase in LinePhase.values else ""
    data = cost_report_for_version(version, phase=phase)
    context: dict[str, Any] = {
        "production": production,
        "version": version,
        "versions": list(version.budget.versions.order_by("-number")),
        "currency": version.currency,
        "phase": phase,
        "phase_label": LinePhase(phase).label if phase else "",
        "phases": LinePhase.choices,
        "data": data,
        "report": data.report,
        "sheet_error": explain(data.sheet.error) if data.sheet.error else "",
        "can_record": request.user.has_perm("budgets.record_costs", production),
    }
    if data.report is not None:
        # The page shows accounts, and the lines of the accounts asked for (a budget has thousands);
        # the exports show every line.
        everything = request.GET.get("lines") == "all" or not for_page
        opened = {int(pk) for pk in request.GET.getlist("account") if pk.isdigit()}
        context.update(all_lines=everything, opened=opened)
        context["rows"] = report_rows(data, lines_of=None if everything else opened)
    return context


@production_view("budgets.view_budget")
@budget_required
def cost_report(request: HttpRequest, production: Production) -> HttpResponse:
    context = _report_context(request, production, for_page=True)
    report, data = context["report"], context["data"]
    if report is not None:
        key = _uuid(request.GET.get("line", ""))
        today = production.today()
        if key is not None and key in report.lines:
            line = next(line for line in data.sheet.lines if line.key == key)
            context["chart_of"] = line
            context["chart_budget"] = report.lines[key].budget
            context["chart"] = costchart.burn_chart(data.burn(keys={key}, today=today), report.lines[key].budget)
        else:
            context["chart_budget"] = report.total.budget
            keys = set(report.lines) if context["phase"] else None
            context["chart"] = costchart.burn_chart(data.burn(keys=keys, today=today), report.total.budget)
    return render(request, "budgets/cost_report.html", context)


@production_view("budgets.view_budget")
@budget_required
def cost_report_xlsx(request: HttpRequest, production: Production) -> HttpResponse:
    from regie.budgets.cost_exports import cost_report_workbook

    context = _report_context(request, production)
    if context["report"] is None:
        messages.error(request, context["sheet_error"])
        return redirect("budgets:cost_report", pk=production.pk)
    response = HttpResponse(cost_report_workbook(context), content_type=XLSX)
    name = slugify(f"{production.title} cost report v{context['version'].number}") + ".xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@production_view("budgets.view_budget")
@budget_required
def cost_report_pdf(request: HttpRequest, production: Production) -> HttpResponse:
    from regie.budgets.pdf import render_pdf

    context = _report_context(request, production)
    if context["report"] is None:
        messages.error(request, context["sheet_error"])
        return redirect("budgets:cost_report", pk=production.pk)
    name = slugify(f"{production.title} cost report v{context['version'].number}") + ".pdf"
    return render_pdf(request, "budgets/pdf/cost_report.html", context, name)


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


# Estimates to complete


@production_view("budgets.record_costs")
@budget_required
def estimate_edit(request: HttpRequest, production: Production, line_key: uuid.UUID) -> HttpResponse:
    budget = _budget_of(production)
    version = cost_version(production, request.GET.get("version"))
    if version is None:
        raise NoBudget
    data = cost_report_for_version(version)
    line = next((line for line in data.sheet.lines if line.key == line_key), None)
    if line is None or data.report is None:
        raise Http404(_("No such line in this version."))
    current = data.estimates.get(line_key)
    figures = data.report.lines[line_key]
    initial: dict[str, Any] = {
        "version": current.version if current else 0,
        "amount": current.amount if current else None,
        "note": current.note if current else "",
    }
    form = EstimateForm(request.POST or None, initial=initial)
    context = {"production": production, "version": version, "line": line, "figures": figures, "form": form}
    context.update(current=current, currency=version.currency)
    if request.method == "POST" and form.is_valid():
        try:
            cost_services.set_estimate(
                budget,
                line_key,
                amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            fresh = cost_report_for_version(version).estimates.get(line_key)
            form.data = {**request.POST.dict(), "version": str(fresh.version if fresh else 0)}
            return render(request, "budgets/estimate_form.html", {**context, "current": fresh}, status=409)
        messages.success(request, _("The estimate to complete was saved."))
        query = f"?version={version.pk}&account={line.account_id}#line-{line_key}"
        return redirect(_report_url(production) + query)
    return render(request, "budgets/estimate_form.html", context)


def _report_url(production: Production) -> str:
    from django.urls import reverse

    return reverse("budgets:cost_report", args=[production.pk])


# Purchase orders


@production_view("budgets.view_budget")
@budget_required
def orders(request: HttpRequest, production: Production) -> HttpResponse:
    budget = _budget_of(production)
    page = paginate(request, orders_for_budget(budget))
    invoiced = invoiced_by_order(o.pk for o in page.object_list)
    zero = Decimal(0)
    rows = [(o, invoiced.get(o.pk, zero), open_amount(o, invoiced.get(o.pk, zero))) for o in page.object_list]
    context = {"production": production, "page": page, "rows": rows, "currency": _currency(production)}
    context["can_record"] = request.user.has_perm("budgets.record_costs", production)
    return render(request, "budgets/orders.html", context)


def _currency(production: Production) -> str:
    reference = reference_version(production)
    return reference.currency if reference else production.currency


@production_view("budgets.record_costs")
@budget_required
def order_edit(request: HttpRequest, production: Production, order_pk: int | None = None) -> HttpResponse:
    budget = _budget_of(production)
    item = get_order_for_production(production, order_pk) if order_pk else PurchaseOrder(budget=budget)
    if not order_pk:
        item.date = production.today()
    reference = reference_version(production)
    if reference is None:
        raise NoBudget
    sheet = sheet_for_version(reference)
    form = PurchaseOrderForm(
        request.POST or None, instance=item, production=production, sheet=sheet, reference=reference
    )
    context = {"production": production, "form": form, "item": item, "status_form": OrderStatusForm()}
    if request.method == "POST" and form.is_valid():
        try:
            order = cost_services.save_order(
                form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            return render(request, "budgets/order_form.html", context, status=409)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return render(request, "budgets/order_form.html", context, status=400)
        messages.success(request, _("%(order)s was saved.") % {"order": order})
        return redirect("budgets:orders", pk=production.pk)
    return render(request, "budgets/order_form.html", context)


@production_view("budgets.record_costs")
@require_POST
@budget_required
def order_status(request: HttpRequest, production: Production, order_pk: int) -> HttpResponse:
    item = get_order_for_production(production, order_pk)
    form = OrderStatusForm(request.POST)
    if form.is_valid():
        try:
            order = cost_services.set_order_status(item, form.cleaned_data["status"], by=request.user)  # type: ignore[arg-type]
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            status = order.get_status_display()
            messages.success(request, _("%(order)s is now %(status)s.") % {"order": order, "status": status})
    return redirect("budgets:orders", pk=production.pk)


# Invoices and expenses


@production_view("budgets.view_budget")
@budget_required
def costs(request: HttpRequest, production: Production) -> HttpResponse:
    budget = _budget_of(production)
    page = paginate(request, costs_for_budget(budget))
    context = {"production": production, "page": page, "currency": _currency(production)}
    context["can_record"] = request.user.has_perm("budgets.record_costs", production)
    context["can_approve"] = request.user.has_perm("budgets.approve_payments", production)
    context["payment_form"] = PaymentForm()
    return render(request, "budgets/costs.html", context)


@production_view("budgets.record_costs")
@budget_required
def cost_edit(request: HttpRequest, production: Production, cost_pk: int | None = None) -> HttpResponse:
    budget = _budget_of(production)
    item = get_cost_for_production(production, cost_pk) if cost_pk else Cost(budget=budget)
    if not cost_pk:
        item.invoice_date = production.today()
        kind = request.GET.get("kind", "")
        item.kind = kind if kind in CostKind.values else CostKind.INVOICE
    reference = reference_version(production)
    if reference is None:
        raise NoBudget
    sheet = sheet_for_version(reference)
    form = CostForm(
        request.POST or None,
        request.FILES or None,
        instance=item,
        production=production,
        sheet=sheet,
        reference=reference,
    )
    context = {"production": production, "form": form, "item": item}
    if request.method == "POST" and form.is_valid():
        try:
            cost = cost_services.save_cost(
                form.save(commit=False),
                allocations=form.allocations(),
                expected_version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            return render(request, "budgets/cost_form.html", context, status=409)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return render(request, "budgets/cost_form.html", context, status=400)
        messages.success(request, _("%(cost)s was saved.") % {"cost": cost})
        return redirect("budgets:costs", pk=production.pk)
    return render(request, "budgets/cost_form.html", context)


@production_view("budgets.view_budget")
@budget_required
def cost_receipt(request: HttpRequest, production: Production, cost_pk: int) -> FileResponse:
    """The receipt, only through this view: the files are stored outside any public URL."""
    item = get_cost_for_production(production, cost_pk)
    if not item.receipt:
        raise Http404(_("This cost has no receipt."))
    response = FileResponse(item.receipt.open("rb"), content_type=item.receipt_type or "application/octet-stream")
    extension = (item.receipt.name or "").rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="receipt-{item.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@production_view("budgets.approve_payments")
@require_POST
@budget_required
def cost_payment(request: HttpRequest, production: Production, cost_pk: int) -> HttpResponse:
    item = get_cost_for_production(production, cost_pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("budgets:costs", pk=production.pk)
    try:
        cost = cost_services.set_payment(
            item,
            form.cleaned_data["payment_status"],
            paid_on=form.cleaned_data["paid_on"],
            by=request.user,  # type: ignore[arg-type]
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        status = cost.get_payment_status_display()
        messages.success(request, _("%(cost)s: %(status)s.") % {"cost": cost, "status": status})
    return redirect("budgets:costs", pk=production.pk)


@production_view("budgets.record_costs")
@require_POST
@budget_required
def cost_delete(request: HttpRequest, production: Production, cost_pk: int) -> HttpResponse:
    item = get_cost_for_production(production, cost_pk)
    try:
        cost_services.delete_cost(item, by=request.user)  # type: ignore[arg-type]
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The invoice or expense was deleted."))
    return redirect("budgets:costs", pk=production.pk)
