"""The register of mandatory documents of a production."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.contracts import register
from regie.contracts.forms import RequiredDocumentForm
from regie.contracts.models import DocumentKind, RequiredDocument
from regie.contracts.queries import documents_for_production, get_required_document
from regie.core.concurrency import EditConflict
from regie.productions.access import production_view
from regie.productions.models import Production


@production_view("contracts.view_register")
def register_list(request: HttpRequest, production: Production) -> HttpResponse:
    today = timezone.localdate()
    entries = list(documents_for_production(production))
    context = {
        "production": production,
        "groups": [(label, [d for d in entries if d.kind == kind]) for kind, label in DocumentKind.choices],
        "missing_releases": register.missing_portrait_releases(production),
        "missing": register.missing_documents(production),
        "expiring": register.expiring_documents(production, today),
        "today": today,
        "can_manage": request.user.has_perm("contracts.manage_register", production),
    }
    return render(request, "contracts/register.html", context)


@production_view("contracts.manage_register")
def register_add(request: HttpRequest, production: Production) -> HttpResponse:
    initial = {key: request.GET[key] for key in ("kind", "engagement") if key in request.GET}
    form = RequiredDocumentForm(
        request.POST or None, production=production, instance=RequiredDocument(production=production), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        register.save_document(form.save(commit=False), version=None, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The document was added to the register."))
        return redirect("contracts:register", pk=production.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "contracts/register_form.html", {"production": production, "form": form}, status=status)


@production_view("contracts.manage_register")
def register_edit(request: HttpRequest, production: Production, required_pk: int) -> HttpResponse:
    document = get_required_document(production, required_pk)
    form = RequiredDocumentForm(request.POST or None, production=production, instance=document)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                register.save_document(
                    form.save(commit=False),
                    version=form.cleaned_data.get("version") or 0,
                    by=request.user,  # type: ignore[arg-type]
                )
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            else:
                messages.success(request, _("The document was saved."))
                return redirect("contracts:register", pk=production.pk)
    context = {"production": production, "form": form, "document": document}
    return render(request, "contracts/register_form.html", context, status=status)
