"""Budget pages. Lines are edited in place with htmx: a save answers with the line's row and the
totals (swapped out of band); without JavaScript the same URLs work as plain pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.budgets import services
from regie.budgets.cost_queries import cost_summary
from regie.budgets.explain import explain
from regie.budgets.forms import (
    CompareForm,
    CreateBudgetForm,
    FinancingSourceForm,
    FringeForm,
    GlobalForm,
    LineForm,
    TemplateForm,
    VersionSettingsForm,
)
from regie.budgets.models import BudgetVersion, FinancingKind, FinancingSource, Fringe, Global, Line, LinePhase
from regie.budgets.queries import (
    Sheet,
    budget_for_production,
    financing_for_version,
    financing_of,
    get_source_for_production,
    get_version_for_production,
    reference_version,
    sheet_for_version,
    sources_for_production,
    versions_for_production,
)
from regie.budgets.reports import comparison, line_rows, phase_totals
from regie.budgets.xlsx import workbook
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused, attempt
from regie.productions.access import production_view
from regie.productions.models import Production


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _context(request: HttpRequest, production: Production, version: BudgetVersion, **extra: Any) -> dict[str, Any]:
    sheet = extra.get("sheet")
    may_change = request.user.has_perm("budgets.change_budget", production)
    return {
        "production": production,
        "version": version,
        "currency": version.currency,
        "can_change": may_change and not version.is_locked,
        "can_copy": may_change,
        "can_lock": request.user.has_perm("budgets.lock_budget", production),
        "sheet_error": explain(sheet.error) if sheet is not None and sheet.error is not None else "",
        **extra,
    }


@production_view("budgets.view_budget")
def home(request: HttpRequest, production: Production) -> HttpResponse:
    versions = versions_for_production(production)
    reference = reference_version(production)
    context = {
        "production": production,
        "budget": budget_for_production(production),
        "versions": versions,
        "can_create": request.user.has_perm("budgets.change_budget", production),
        "reference": reference,
        "costs": cost_summary(reference) if reference is not None else None,
    }
    return render(request, "budgets/home.html", context)


@production_view("budgets.change_budget")
def create(request: HttpRequest, production: Production) -> HttpResponse:
    form = CreateBudgetForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_budget(
                production,
                form.structure(),
                name=form.cleaned_data["name"],
                by=request.user,  # type: ignore[arg-type]
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect("budgets:home", pk=production.pk)
        messages.success(
            request, _("The budget was created. Set its globals first: every line that uses them follows.")
        )
        return redirect("budgets:globals", pk=production.pk, version_pk=version.pk)
    return render(request, "budgets/create.html", {"production": production, "form": form})


@production_view("budgets.view_budget")
def topsheet(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    sheet = sheet_for_version(version)
    phase = request.GET.get("phase", "")
    context = _context(request, production, version, sheet=sheet)
    if sheet.result is not None:
        context["financing"] = financing_for_version(version, sheet.result.total)
    if phase in LinePhase.values:
        context.update(phase=phase, phase_label=LinePhase(phase).label, by_phase=phase_totals(sheet, phase))
    return render(request, "budgets/topsheet.html", context)


@production_view("budgets.view_budget")
def account(request: HttpRequest, production: Production, version_pk: int, account_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    sheet = sheet_for_version(version)
    item = get_object_or_404(version.accounts.select_related("category"), pk=account_pk)
    context = _context(request, production, version, sheet=sheet, account=item, rows=line_rows(sheet, item))
    if context["can_change"]:
        context["add_form"] = LineForm(sheet=sheet, prefix="new", initial={"phase": _default_phase(sheet, item)})
    return render(request, "budgets/account.html", context)


def _default_phase(sheet: Sheet, item: Any) -> str:
    lines = sheet.lines_by_account.get(item.pk, [])
    return lines[-1].phase if lines else "production"


@production_view("budgets.change_budget")
def line_add(request: HttpRequest, production: Production, version_pk: int, account_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    item = get_object_or_404(version.accounts.select_related("category"), pk=account_pk)
    account_url = reverse(
        "budgets:account", kwargs={"pk": production.pk, "version_pk": version.pk, "account_pk": item.pk}
    )
    sheet = sheet_for_version(version)
    line = Line(budget_version=version, account=item)
    form = LineForm(request.POST or None, instance=line, sheet=sheet, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_line(
                form.save(commit=False),
                fringes=list(form.cleaned_data["fringes"]),
                expected_version=None,
                by=request.user,  # type: ignore[arg-type]
            )
        except Refused as refusal:
            return _refused(request, refusal, account_url)
        if not _is_htmx(request):
            messages.success(request, _("The line was added."))
            return redirect(account_url)
        sheet = sheet_for_version(version)
        context = _context(request, production, version, sheet=sheet, account=item, oob=True)
        context["row"] = next(row for row in line_rows(sheet, item) if row.line.pk == saved.pk)
        context["add_form"] = LineForm(sheet=sheet, prefix="new", initial={"phase": saved.phase})
        return render(request, "budgets/_line_added.html", context)
    context = _context(request, production, version, sheet=sheet, account=item, add_form=form)
    if _is_htmx(request):
        response = render(request, "budgets/_line_add_form.html", context)
        response["HX-Retarget"] = "#line-add"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "budgets/line_form.html", {**context, "form": form})


@production_view("budgets.change_budget")
def line_edit(request: HttpRequest, production: Production, version_pk: int, line_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    line = get_object_or_404(version.lines.select_related("account__category"), pk=line_pk)
    account_url = reverse(
        "budgets:account", kwargs={"pk": production.pk, "version_pk": version.pk, "account_pk": line.account_id}
    )
    sheet = sheet_for_version(version)
    form = LineForm(request.POST or None, instance=line, sheet=sheet, prefix=f"line{line.pk}")
    context = _context(request, production, version, sheet=sheet, account=line.account, line=line)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_line(
                form.save(commit=False),
                fringes=list(form.cleaned_data["fringes"]),
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            return _line_conflict(request, form, context, conflict)
        except Refused as refusal:
            return _refused(request, refusal, account_url)
        if not _is_htmx(request):
            messages.success(request, _("The line was saved."))
            return redirect(account_url)
        sheet = sheet_for_version(version)
        context.update(sheet=sheet, oob=True)
        context["row"] = next(row for row in line_rows(sheet, line.account) if row.line.pk == line.pk)
        return render(request, "budgets/_line_saved.html", context)
    template = "budgets/_line_form_row.html" if _is_htmx(request) else "budgets/line_form.html"
    return render(request, template, {**context, "form": form})


def _line_conflict(
    request: HttpRequest, form: LineForm, context: dict[str, Any], conflict: EditConflict
) -> HttpResponse:
    """The person's input back, with the current values and the new version to save against."""
    current = Line.objects.get(pk=form.instance.pk)
    data = form.data.copy()  # type: ignore[attr-defined]
    data[form.add_prefix("version")] = str(current.version)
    form.data = data
    context.update(form=form, current=current, conflict=str(conflict.message))
    if _is_htmx(request):
        # htmx swaps only successful answers; the conflict is shown in the row being edited.
        return render(request, "budgets/_line_form_row.html", context)
    return render(request, "budgets/line_form.html", context, status=409)


def _refused(request: HttpRequest, refusal: Refused, url: str) -> HttpResponse:
    messages.error(request, str(refusal))
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@production_view("budgets.view_budget")
def line_row(request: HttpRequest, production: Production, version_pk: int, line_pk: int) -> HttpResponse:
    """One line's row as shown in the account (htmx puts it back when an edit is cancelled)."""
    version = get_version_for_production(production, version_pk)
    line = get_object_or_404(version.lines.select_related("account"), pk=line_pk)
    sheet = sheet_for_version(version)
    row = next(row for row in line_rows(sheet, line.account) if row.line.pk == line.pk)
    context = _context(request, production, version, sheet=sheet, account=line.account, row=row)
    return render(request, "budgets/_line_row.html", context)


@production_view("budgets.change_budget")
@require_POST
def line_delete(request: HttpRequest, production: Production, version_pk: int, line_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    line = get_object_or_404(version.lines.select_related("account__category"), pk=line_pk)
    account_url = reverse(
        "budgets:account", kwargs={"pk": production.pk, "version_pk": version.pk, "account_pk": line.account_id}
    )
    try:
        services.delete_line(line, by=request.user)  # type: ignore[arg-type]
    except Refused as refusal:
        return _refused(request, refusal, account_url)
    if not _is_htmx(request):
        messages.success(request, _("The line was deleted."))
        return redirect(account_url)
    context = _context(request, production, version, sheet=sheet_for_version(version), account=line.account, oob=True)
    return render(request, "budgets/_totals.html", context)


# Globals and fringes


@production_view("budgets.view_budget")
def globals_list(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    sheet = sheet_for_version(version)
    context = _context(request, production, version, sheet=sheet)
    if context["can_change"]:
        context["form"] = GlobalForm(sheet=sheet)
    return render(request, "budgets/globals.html", context)


@production_view("budgets.change_budget")
def global_edit(
    request: HttpRequest, production: Production, version_pk: int, global_pk: int | None = None
) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    item = get_object_or_404(version.globals, pk=global_pk) if global_pk else Global(budget_version=version)
    sheet = sheet_for_version(version)
    form = GlobalForm(request.POST or None, instance=item, sheet=sheet)
    if request.method == "POST" and form.is_valid():
        attempt(
            request,
            lambda: services.save_global(form.save(commit=False), by=request.user),  # type: ignore[arg-type]
            _("The global was saved; every line that uses it follows."),
        )
        return redirect("budgets:globals", pk=production.pk, version_pk=version.pk)
    context = _context(request, production, version, sheet=sheet, form=form, item=item)
    return render(request, "budgets/global_form.html", context)


@production_view("budgets.change_budget")
@require_POST
def global_delete(request: HttpRequest, production: Production, version_pk: int, global_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    item = get_object_or_404(version.globals, pk=global_pk)
    attempt(request, lambda: services.delete_global(item, by=request.user), _("The global was deleted."))  # type: ignore[arg-type]
    return redirect("budgets:globals", pk=production.pk, version_pk=version.pk)


@production_view("budgets.view_budget")
def fringes_list(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    sheet = sheet_for_version(version)
    context = _context(request, production, version, sheet=sheet)
    if context["can_change"]:
        context["form"] = FringeForm()
    return render(request, "budgets/fringes.html", context)


@production_view("budgets.change_budget")
def fringe_edit(
    request: HttpRequest, production: Production, version_pk: int, fringe_pk: int | None = None
) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    item = get_object_or_404(version.fringes, pk=fringe_pk) if fringe_pk else Fringe(budget_version=version)
    form = FringeForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        attempt(
            request,
            lambda: services.save_fringe(form.save(commit=False), by=request.user),  # type: ignore[arg-type]
            _("The fringe was saved; the lines it applies to follow."),
        )
        return redirect("budgets:fringes", pk=production.pk, version_pk=version.pk)
    context = _context(request, production, version, form=form, item=item)
    return render(request, "budgets/fringe_form.html", context)


@production_view("budgets.change_budget")
@require_POST
def fringe_delete(request: HttpRequest, production: Production, version_pk: int, fringe_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    item = get_object_or_404(version.fringes, pk=fringe_pk)
    attempt(request, lambda: services.delete_fringe(item, by=request.user), _("The fringe was deleted."))  # type: ignore[arg-type]
    return redirect("budgets:fringes", pk=production.pk, version_pk=version.pk)


# Versions


@production_view("budgets.change_budget")
def version_settings(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    sheet = sheet_for_version(version)
    form = VersionSettingsForm(request.POST or None, instance=version, sheet=sheet)
    if request.method == "POST" and form.is_valid():
        try:
            attempt(
                request,
                lambda: services.update_version_settings(
                    form.save(commit=False),
                    expected_version=form.cleaned_data["version"] or 0,
                    by=request.user,  # type: ignore[arg-type]
                ),
                _("The settings were saved."),
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            fresh = BudgetVersion.objects.get(pk=version.pk)
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form.data = data
            context = _context(request, production, fresh, form=form, current=fresh)
            return render(request, "budgets/settings.html", context, status=409)
        return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)
    return render(request, "budgets/settings.html", _context(request, production, version, form=form))


@production_view("budgets.lock_budget")
@require_POST
def approve(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    attempt(request, lambda: services.approve_version(version, by=request.user), _("The version was approved."))  # type: ignore[arg-type]
    return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)


@production_view("budgets.lock_budget")
@require_POST
def lock(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    attempt(
        request,
        lambda: services.lock_version(version, by=request.user),  # type: ignore[arg-type]
        _("The version was locked. Make a new version to go on changing the budget."),
    )
    return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)


@production_view("budgets.change_budget")
@require_POST
def copy(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    try:
        new = services.copy_version(version, by=request.user)  # type: ignore[arg-type]
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)
    messages.success(request, _("Version %(new)s was made as a copy of %(old)s.") % {"new": new, "old": version})
    return redirect("budgets:topsheet", pk=production.pk, version_pk=new.pk)


@production_view("budgets.change_budget")
def save_template(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    form = TemplateForm(request.POST or None, initial={"name": f"{production} {version}"})
    if request.method == "POST" and form.is_valid():
        services.save_as_template(version, name=form.cleaned_data["name"], by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The template was saved; the organisation's next budgets can start from it."))
        return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)
    return render(request, "budgets/template_form.html", _context(request, production, version, form=form))


@production_view("budgets.view_budget")
def compare(request: HttpRequest, production: Production) -> HttpResponse:
    versions = versions_for_production(production)
    form = CompareForm(request.GET or None, versions=versions)
    table = comparison([sheet_for_version(v) for v in form.cleaned_data["v"]]) if form.is_valid() else None
    return render(request, "budgets/compare.html", {"production": production, "form": form, "table": table})


@production_view("budgets.view_budget")
def export_xlsx(request: HttpRequest, production: Production, version_pk: int) -> HttpResponse:
    version = get_version_for_production(production, version_pk)
    sheet = sheet_for_version(version)
    if sheet.error is not None:
        messages.error(request, explain(sheet.error))
        return redirect("budgets:topsheet", pk=production.pk, version_pk=version.pk)
    response = HttpResponse(
        workbook(sheet), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = slugify(f"{production.title} budget v{version.number}") + ".xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Financing


@production_view("budgets.view_budget")
def financing(request: HttpRequest, production: Production) -> HttpResponse:
    budget = budget_for_production(production)
    reference = reference_version(production)
    sources = sources_for_production(production)
    context: dict[str, Any] = {
        "production": production,
        "budget": budget,
        "reference": reference,
        "sources": sources,
        "can_change": budget is not None and request.user.has_perm("budgets.change_budget", production),
    }
    if reference is not None:
        summary = financing_of(sources, total=reference.total, currency=reference.currency, rates=reference.rates())
        context["financing"] = summary
        context["secured_by_kind"] = [
            (kind.label, summary.by_kind[kind.value]) for kind in FinancingKind if kind.value in summary.by_kind
        ]
    return render(request, "budgets/financing.html", context)


@production_view("budgets.change_budget")
def financing_edit(request: HttpRequest, production: Production, source_pk: int | None = None) -> HttpResponse:
    budget = budget_for_production(production)
    if budget is None:
        return render(request, "budgets/financing_form.html", {"production": production, "no_budget": True})
    item = get_source_for_production(production, source_pk) if source_pk else FinancingSource(budget=budget)
    reference = reference_version(production)
    form = FinancingSourceForm(request.POST or None, instance=item, production=production, reference=reference)
    context = {"production": production, "form": form, "item": item, "reference": reference}
    if request.method == "POST" and form.is_valid():
        try:
            services.save_financing_source(
                form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EditConflict as conflict:
            messages.error(request, str(conflict.message))
            fresh = get_source_for_production(production, item.pk)
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form.data = data
            return render(request, "budgets/financing_form.html", {**context, "current": fresh}, status=409)
        messages.success(request, _("The source of financing was saved."))
        return redirect("budgets:financing", pk=production.pk)
    return render(request, "budgets/financing_form.html", context)


@production_view("budgets.change_budget")
@require_POST
def financing_delete(request: HttpRequest, production: Production, source_pk: int) -> HttpResponse:
    item = get_source_for_production(production, source_pk)
    services.delete_financing_source(item, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The source of financing was deleted."))
    return redirect("budgets:financing", pk=production.pk)
