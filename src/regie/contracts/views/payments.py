"""Pages of payments: the register (late, this week, later), approval, SEPA files, invoices,
settlements and the exports for the accountant."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.contracts import documents, exports
from regie.contracts import payments as services
from regie.contracts.forms import BatchForm, InvoiceForm, PaymentForm, SettlementForm, SettlementInvoiceForm
from regie.contracts.models import Invoice, Settlement
from regie.contracts.queries import (
    batches_for_production,
    get_batch,
    get_contract,
    get_invoice,
    get_payment,
    get_settlement,
    invoices_for_production,
    payment_register,
    payments_for_export,
)
from regie.core.feedback import Refused, attempt, save_on_form
from regie.people.exports import CONTENT_TYPES
from regie.productions.access import production_view
from regie.productions.models import Production


@production_view("contracts.view_payments")
def payment_list(request: HttpRequest, production: Production) -> HttpResponse:
    context = {
        "production": production,
        "register": payment_register(production, timezone.localdate()),
        "batches": list(batches_for_production(production)),
        "can_approve": request.user.has_perm("contracts.approve_payments", production),
        "can_pay": request.user.has_perm("contracts.manage_payments", production),
    }
    return render(request, "contracts/payment_list.html", context)


@production_view("contracts.approve_payments")
@require_POST
def payment_approve(request: HttpRequest, production: Production, payment_pk: int) -> HttpResponse:
    payment = get_payment(production, payment_pk)
    attempt(request, lambda: services.approve_payment(payment, by=request.user), _("The payment was approved."))  # type: ignore[arg-type]
    return redirect("contracts:payments", pk=production.pk)


@production_view("contracts.manage_payments")
@require_POST
def payment_paid(request: HttpRequest, production: Production, payment_pk: int) -> HttpResponse:
    payment = get_payment(production, payment_pk)
    attempt(
        request,
        lambda: services.mark_paid(payment, timezone.localdate(), by=request.user),  # type: ignore[arg-type]
        _("The payment was marked as paid."),
    )
    return redirect("contracts:payments", pk=production.pk)


@production_view("contracts.manage_payments")
def payment_edit(request: HttpRequest, production: Production, payment_pk: int) -> HttpResponse:
    payment = get_payment(production, payment_pk)
    form = PaymentForm(request.POST or None, instance=payment)
    status = save_on_form(
        request,
        form,
        lambda payment, version: services.edit_payment(payment, version=version, by=request.user),  # type: ignore[arg-type]
    )
    if status is None:
        messages.success(request, _("The payment was saved."))
        return redirect("contracts:detail", pk=production.pk, contract_pk=payment.contract_id)
    context = {"production": production, "contract": payment.contract, "form": form, "payment": payment}
    return render(request, "contracts/payment_form.html", context, status=status)


@production_view("contracts.manage_payments")
@require_POST
def payment_delete(request: HttpRequest, production: Production, payment_pk: int) -> HttpResponse:
    payment = get_payment(production, payment_pk)
    if attempt(request, lambda: services.delete_payment(payment, by=request.user), _("The payment was deleted.")):  # type: ignore[arg-type]
        return redirect("contracts:detail", pk=production.pk, contract_pk=payment.contract_id)
    return redirect("contracts:payment_edit", pk=production.pk, payment_pk=payment.pk)


@production_view("contracts.approve_payments")
def batch_create(request: HttpRequest, production: Production) -> HttpResponse:
    approved = payment_register(production, timezone.localdate()).approved
    initial = {"debtor_name": production.organisation.name, "execution_date": timezone.localdate()}
    form = BatchForm(request.POST or None, approved=approved, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            chosen = [p for p in approved if str(p.pk) in form.cleaned_data["payments"]]
            try:
                services.create_batch(
                    production,
                    chosen,
                    execution_date=form.cleaned_data["execution_date"],
                    debtor_name=form.cleaned_data["debtor_name"],
                    debtor_iban=form.cleaned_data["debtor_iban"],
                    debtor_bic=form.cleaned_data["debtor_bic"],
                    by=request.user,  # type: ignore[arg-type]
                )
            except Refused as refusal:
                services.log_refused_batch(production, str(refusal), by=request.user)  # type: ignore[arg-type]
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("The payment file was made and checked against the pain.001 schema. Download it for your bank."),
                )
                return redirect("contracts:payments", pk=production.pk)
    return render(request, "contracts/batch_form.html", {"production": production, "form": form}, status=status)


@production_view("contracts.view_payments")
def batch_download(request: HttpRequest, production: Production, batch_pk: int) -> HttpResponse:
    batch = get_batch(production, batch_pk)
    response = HttpResponse(batch.xml.encode(), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{batch.message_id}.xml"'
    return response


@production_view("contracts.view_payments")
def export(request: HttpRequest, production: Production) -> HttpResponse:
    what = request.GET.get("what", "payments")
    file_format = request.GET.get("format", "csv")
    if what not in ("payments", "invoices") or file_format not in ("csv", "xlsx"):
        what, file_format = "payments", "csv"
    if what == "payments":
        content = exports.payments_file(payments_for_export(production), file_format)
    else:
        content = exports.invoices_file(invoices_for_production(production), file_format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{what}-{production.pk}.{file_format}"'
    return response


@production_view("contracts.view_payments")
def invoice_list(request: HttpRequest, production: Production) -> HttpResponse:
    can_pay = request.user.has_perm("contracts.manage_payments", production)
    form = (
        InvoiceForm(request.POST or None, production=production, instance=Invoice(production=production))
        if can_pay
        else None
    )
    status = 200
    if request.method == "POST":
        if form is None:
            return redirect("contracts:invoices", pk=production.pk)
        status = 400
        if form.is_valid():
            services.create_invoice(form.save(commit=False), by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The invoice was recorded."))
            return redirect("contracts:invoices", pk=production.pk)
    context = {
        "production": production,
        "invoices": list(invoices_for_production(production)),
        "form": form,
        "can_pay": can_pay,
    }
    return render(request, "contracts/invoice_list.html", context, status=status)


@production_view("contracts.manage_payments")
@require_POST
def invoice_paid(request: HttpRequest, production: Production, invoice_pk: int) -> HttpResponse:
    invoice = get_invoice(production, invoice_pk)
    attempt(request, lambda: services.mark_invoice_paid(invoice, by=request.user), _("The invoice was marked as paid."))  # type: ignore[arg-type]
    return redirect("contracts:invoices", pk=production.pk)


@production_view("contracts.manage_payments")
def invoice_edit(request: HttpRequest, production: Production, invoice_pk: int) -> HttpResponse:
    invoice = get_invoice(production, invoice_pk)
    form = InvoiceForm(request.POST or None, production=production, instance=invoice)
    status = save_on_form(
        request,
        form,
        lambda invoice, version: services.edit_invoice(invoice, version=version, by=request.user),  # type: ignore[arg-type]
    )
    if status is None:
        messages.success(request, _("The invoice was saved."))
        return redirect("contracts:invoices", pk=production.pk)
    context = {"production": production, "form": form, "invoice": invoice}
    return render(request, "contracts/invoice_form.html", context, status=status)


@production_view("contracts.manage_payments")
@require_POST
def invoice_delete(request: HttpRequest, production: Production, invoice_pk: int) -> HttpResponse:
    invoice = get_invoice(production, invoice_pk)
    attempt(request, lambda: services.delete_invoice(invoice, by=request.user), _("The invoice was deleted."))  # type: ignore[arg-type]
    return redirect("contracts:invoices", pk=production.pk)


@production_view("contracts.manage_payments")
def settlement_add(request: HttpRequest, production: Production, contract_pk: int) -> HttpResponse:
    contract = get_contract(production, contract_pk)
    initial = {"guarantee": contract.guarantee or 0, "percentage": contract.door_percentage or 0}
    form = SettlementForm(request.POST or None, instance=Settlement(contract=contract), initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            settlement = services.record_settlement(form.save(commit=False), by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The settlement was drawn up."))
            return redirect("contracts:settlement", pk=production.pk, settlement_pk=settlement.pk)
    return render(
        request,
        "contracts/settlement_form.html",
        {"production": production, "contract": contract, "form": form},
        status=status,
    )


@production_view("contracts.view_payments")
def settlement_detail(request: HttpRequest, production: Production, settlement_pk: int) -> HttpResponse:
    settlement = get_settlement(production, settlement_pk)
    context = {
        "production": production,
        "settlement": settlement,
        "contract": settlement.contract,
        "can_pay": request.user.has_perm("contracts.manage_payments", production),
        "invoice_form": SettlementInvoiceForm(),
    }
    return render(request, "contracts/settlement_detail.html", context)


@production_view("contracts.manage_payments")
@require_POST
def settlement_payment(request: HttpRequest, production: Production, settlement_pk: int) -> HttpResponse:
    settlement = get_settlement(production, settlement_pk)
    attempt(
        request,
        lambda: services.payment_from_settlement(settlement, timezone.localdate(), by=request.user),  # type: ignore[arg-type]
        _("The payment due to the company was scheduled; approve it in the payments."),
    )
    return redirect("contracts:settlement", pk=production.pk, settlement_pk=settlement.pk)


@production_view("contracts.manage_payments")
@require_POST
def settlement_invoice(request: HttpRequest, production: Production, settlement_pk: int) -> HttpResponse:
    settlement = get_settlement(production, settlement_pk)
    form = SettlementInvoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("vat_rate", [])))
        return redirect("contracts:settlement", pk=production.pk, settlement_pk=settlement.pk)
    attempt(
        request,
        lambda: services.invoice_from_settlement(
            settlement,
            timezone.localdate(),
            vat_rate=form.cleaned_data["vat_rate"],
            by=request.user,  # type: ignore[arg-type]
        ),
        _("The invoice to the presenter was recorded."),
    )
    return redirect("contracts:settlement", pk=production.pk, settlement_pk=settlement.pk)


@production_view("contracts.view_payments")
def settlement_pdf(request: HttpRequest, production: Production, settlement_pk: int) -> HttpResponse:
    settlement = get_settlement(production, settlement_pk)
    language = request.GET.get("language") or settlement.contract.language
    if language not in ("nl", "fr", "en"):
        language = settlement.contract.language
    response = HttpResponse(documents.settlement_pdf(settlement, language), content_type=documents.PDF)
    response["Content-Disposition"] = (
        f'attachment; filename="settlement-{settlement.contract.reference}-{settlement.performance_date}.pdf"'
    )
    return response
