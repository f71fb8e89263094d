from __future__ import annotations

from django.urls import path

from regie.contracts.views import contracts, payments, public, register, templates

app_name = "contracts"
urlpatterns = [
    path("p/<int:pk>/contracts/", contracts.contract_list, name="list"),
    path("p/<int:pk>/contracts/new/", contracts.contract_create, name="create"),
    path("p/<int:pk>/contracts/<int:contract_pk>/", contracts.contract_detail, name="detail"),
    path("p/<int:pk>/contracts/<int:contract_pk>/edit/", contracts.contract_edit, name="edit"),
    path("p/<int:pk>/contracts/<int:contract_pk>/preview/", contracts.contract_preview, name="preview"),
    path("p/<int:pk>/contracts/<int:contract_pk>/send/", contracts.contract_send, name="send"),
    path("p/<int:pk>/contracts/<int:contract_pk>/notes/", contracts.contract_note, name="note"),
    path("p/<int:pk>/contracts/<int:contract_pk>/signed-copy/", contracts.contract_signed_copy, name="signed_copy"),
    path("p/<int:pk>/contracts/<int:contract_pk>/close/", contracts.contract_close, name="close"),
    path(
        "p/<int:pk>/contracts/<int:contract_pk>/documents/<int:document_pk>/",
        contracts.contract_document,
        name="document",
    ),
    path("p/<int:pk>/contracts/<int:contract_pk>/budget-lines/", contracts.line_link, name="line_link"),
    path(
        "p/<int:pk>/contracts/<int:contract_pk>/budget-lines/<int:link_pk>/remove/",
        contracts.line_unlink,
        name="line_unlink",
    ),
    path("p/<int:pk>/contracts/<int:contract_pk>/payments/add/", contracts.payment_add, name="payment_add"),
    path("p/<int:pk>/contracts/<int:contract_pk>/conditions/", contracts.condition_met, name="condition"),
    path("p/<int:pk>/contracts/<int:contract_pk>/settlements/add/", payments.settlement_add, name="settlement_add"),
    path("p/<int:pk>/settlements/<int:settlement_pk>/", payments.settlement_detail, name="settlement"),
    path("p/<int:pk>/settlements/<int:settlement_pk>/pdf/", payments.settlement_pdf, name="settlement_pdf"),
    path("p/<int:pk>/settlements/<int:settlement_pk>/payment/", payments.settlement_payment, name="settlement_payment"),
    path("p/<int:pk>/settlements/<int:settlement_pk>/invoice/", payments.settlement_invoice, name="settlement_invoice"),
    path("p/<int:pk>/payments/", payments.payment_list, name="payments"),
    path("p/<int:pk>/payments/<int:payment_pk>/approve/", payments.payment_approve, name="payment_approve"),
    path("p/<int:pk>/payments/<int:payment_pk>/paid/", payments.payment_paid, name="payment_paid"),
    path("p/<int:pk>/payments/<int:payment_pk>/edit/", payments.payment_edit, name="payment_edit"),
    path("p/<int:pk>/payments/<int:payment_pk>/delete/", payments.payment_delete, name="payment_delete"),
    path("p/<int:pk>/payments/sepa/", payments.batch_create, name="batch_create"),
    path("p/<int:pk>/payments/sepa/<int:batch_pk>/", payments.batch_download, name="batch_download"),
    path("p/<int:pk>/payments/export/", payments.export, name="export"),
    path("p/<int:pk>/invoices/", payments.invoice_list, name="invoices"),
    path("p/<int:pk>/invoices/<int:invoice_pk>/paid/", payments.invoice_paid, name="invoice_paid"),
    path("p/<int:pk>/invoices/<int:invoice_pk>/edit/", payments.invoice_edit, name="invoice_edit"),
    path("p/<int:pk>/invoices/<int:invoice_pk>/delete/", payments.invoice_delete, name="invoice_delete"),
    path("p/<int:pk>/documents/", register.register_list, name="register"),
    path("p/<int:pk>/documents/add/", register.register_add, name="register_add"),
    path("p/<int:pk>/documents/<int:required_pk>/", register.register_edit, name="register_edit"),
    path("o/<slug:slug>/contract-templates/", templates.template_list, name="templates"),
    path("o/<slug:slug>/contract-templates/upload/", templates.template_upload, name="template_upload"),
    path("o/<slug:slug>/contract-templates/copy/", templates.template_copy, name="template_copy"),
    path("o/<slug:slug>/contract-templates/<int:template_pk>/", templates.template_edit, name="template_edit"),
    path("contract/<str:token>/", public.public_contract, name="public"),
    path("contract/<str:token>/document/", public.public_document, name="public_document"),
]
