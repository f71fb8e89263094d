"""Pages of a production's contracts: list, draw up, change, send, sign, link to the budget."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.contracts import documents, services
from regie.contracts.checks import checks_for
from regie.contracts.forms import (
    ConditionForm,
    ContractForm,
    LineLinkForm,
    NoteForm,
    PaymentForm,
    SignedCopyForm,
)
from regie.contracts.models import ContractStatus, Payment
from regie.contracts.payments import add_payment, record_condition
from regie.contracts.queries import contracts_for_production, documents_of, get_contract, get_document
from regie.core.feedback import Refused, attempt, save_on_form
from regie.productions.access import production_view
from regie.productions.models import Production


@production_view("contracts.view_contracts")
def contract_list(request: HttpRequest, production: Production) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ContractStatus.values:
        status = ""
    context = {
        "production": production,
        "contracts": list(contracts_for_production(production, status)),
        "status": status,
        "statuses": ContractStatus.choices,
        "can_manage": request.user.has_perm("contracts.manage_contracts", production),
    }
    return render(request, "contracts/contract_list.html", context)


@production_view("contracts.manage_contracts")
def contract_create(request: HttpRequest, production: Production) -> HttpResponse:
    initial = {}
    engagement = production.engagements.filter(pk=request.GET.get("engagement") or 0).first()
    if engagement is not None:
        # Drawn up from the crew list: the person and their terms are the starting point.
        initial = {
            "engagement": engagement.pk,
            "counterparty": engagement.contact_id,
            "start_date": engagement.start_date,
            "end_date": engagement.end_date,
            "fee": engagement.fee,
            "fee_unit": engagement.fee_unit,
            "currency": engagement.currency,
            "subject": engagement.function_label,
        }
    form = ContractForm(request.POST or None, production=production, initial=initial)
    if request.method == "POST" and form.is_valid():
        contract = form.save(commit=False)
        services.create_contract(contract, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The contract was drawn up as a draft."))
        return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "contracts/contract_form.html", {"production": production, "form": form}, status=status)


@production_view("contracts.view_contracts")
def contract_detail(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    can_manage = request.user.has_perm("contracts.manage_contracts", production)
    personal = services.personal_data_of(contract)
    context = {
        "production": production,
        "contract": contract,
        "documents": documents_of(contract),
        "acceptances": list(contract.acceptances.select_related("document", "recorded_by")),
        "notes": list(contract.notes.select_related("author")),
        "lines": list(contract.budget_lines.all()),
        "payments": list(contract.payments.all()),
        "settlements": list(contract.settlements.all()),
        "checks": checks_for(contract, personal, timezone.localdate()) if contract.is_editable else [],
        "can_manage": can_manage,
        "can_pay": request.user.has_perm("contracts.manage_payments", production),
        "note_form": NoteForm() if can_manage else None,
        "line_form": LineLinkForm(production=production) if can_manage else None,
        "condition_form": ConditionForm() if can_manage else None,
    }
    return render(request, "contracts/contract_detail.html", context)


@production_view("contracts.view_contracts")
def contract_preview(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    """The text as it will be sent, in the contract's language (Word templates: the merge values)."""
    contract = get_contract(production, contract_pk)
    context = {"production": production, "contract": contract, **documents.preview_context(contract, None)}
    return render(request, "contracts/contract_preview.html", context)


@production_view("contracts.manage_contracts")
def contract_edit(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    if not contract.is_editable:
        messages.error(request, _("A signed, ended or cancelled contract cannot be changed."))
        return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)
    was_sent = contract.status in (ContractStatus.SENT, ContractStatus.NEGOTIATING)
    form = ContractForm(request.POST or None, instance=contract, production=production)
    status = save_on_form(
        request,
        form,
        lambda contract, version: services.update_contract(contract, version=version, by=request.user),  # type: ignore[arg-type]
    )
    if status is None:
        if was_sent:
            messages.warning(
                request,
                _(
                    "The contract had been sent: the change makes a new version. The version sent is kept "
                    "and its link now says it was replaced. Send the new version."
                ),
            )
        else:
            messages.success(request, _("The contract was saved."))
        return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)
    context = {"production": production, "form": form, "contract": contract, "was_sent": was_sent}
    return render(request, "contracts/contract_form.html", context, status=status)


@production_view("contracts.manage_contracts")
@require_POST
def contract_send(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    attempt(
        request,
        lambda: services.send_contract(contract, by=request.user),  # type: ignore[arg-type]
        _("The contract was sent to %(email)s with a link to read and accept it.")
        % {"email": contract.counterparty.email},
    )
    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)


@production_view("contracts.view_contracts")
def contract_document(request: HttpRequest, production: Production, contract_pk: int, document_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    document = get_document(contract, document_pk)
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@production_view("contracts.manage_contracts")
@require_POST
def contract_note(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(contract, form.cleaned_data["text"], by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The note was added."))
    else:
        messages.error(request, _("Write the note first."))
    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)


@production_view("contracts.manage_contracts")
def contract_signed_copy(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    form = SignedCopyForm(request.POST or None, request.FILES or None, initial={"signer": contract.counterparty.name})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > documents.MAX_SCAN_BYTES:
                form.add_error("file", _("The signed copy is larger than 10 MB."))
            else:
                try:
                    services.upload_signed_copy(
                        contract,
                        upload.read(),
                        signer=form.cleaned_data["signer"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                except Refused as refusal:
                    form.add_error("file", str(refusal))
                else:
                    messages.success(request, _("The signed copy was kept and the contract is signed."))
                    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)
    return render(
        request,
        "contracts/signed_copy.html",
        {"production": production, "contract": contract, "form": form},
        status=status,
    )


@production_view("contracts.manage_contracts")
@require_POST
def contract_close(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    target = request.POST.get("status")
    if target not in (ContractStatus.ENDED, ContractStatus.CANCELLED):
        messages.error(request, _("Choose whether to end or to cancel the contract."))
    else:
        done = _("The contract was ended.") if target == ContractStatus.ENDED else _("The contract was cancelled.")
        attempt(request, lambda: services.close_contract(contract, target, by=request.user), done)  # type: ignore[arg-type]
    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)


@production_view("contracts.manage_contracts")
@require_POST
def line_link(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    form = LineLinkForm(request.POST, production=production)
    if form.is_valid():
        attempt(
            request,
            lambda: services.link_budget_line(
                contract,
                form.cleaned_data["line"],
                form.cleaned_data["amount"],
                by=request.user,  # type: ignore[arg-type]
            ),
            _("The contract was linked to the budget line."),
        )
    else:
        messages.error(request, _("Choose a budget line and an amount."))
    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)


@production_view("contracts.manage_contracts")
@require_POST
def line_unlink(request: HttpRequest, production: Production, contract_pk: int, link_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    link = get_object_or_404(contract.budget_lines, pk=link_pk)
    services.unlink_budget_line(link, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The budget line was unlinked."))
    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)


@production_view("contracts.manage_payments")
def payment_add(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    form = PaymentForm(request.POST or None, instance=Payment(contract=contract))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            payment = form.save(commit=False)
            if attempt(request, lambda: add_payment(payment, by=request.user), _("The payment was scheduled.")):  # type: ignore[arg-type]
                return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)
    return render(
        request,
        "contracts/payment_form.html",
        {"production": production, "contract": contract, "form": form},
        status=status,
    )


@production_view("contracts.manage_contracts")
@require_POST
def condition_met(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    form = ConditionForm(request.POST)
    if form.is_valid():
        count = record_condition(contract, form.cleaned_data["condition"], form.cleaned_data["on"], by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Payments that fell due: %(count)s.") % {"count": count})
    else:
        messages.error(request, _("Say what happened and when."))
    return redirect("contracts:detail", pk=production.pk, contract_pk=contract.pk)
