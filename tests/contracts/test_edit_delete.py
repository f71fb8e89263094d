"""Editing and deleting one payment or one invoice: locking, history, refusals."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.contracts.models import Invoice, InvoiceStatus, Payment, PaymentBatch, PaymentStatus
from regie.core.models import AuditEntry
from tests.factories import InvoiceFactory, PaymentFactory, ProductionFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def payment_data(payment: Payment, **overrides) -> dict:
    data = {
        "kind": payment.kind,
        "label": payment.label,
        "amount": str(payment.amount),
        "condition": payment.condition,
        "days_after": payment.days_after,
        "due_date": payment.due_date.isoformat() if payment.due_date else "",
        "version": payment.version,
    }
    return {**data, **overrides}


def invoice_data(invoice: Invoice, **overrides) -> dict:
    data = {
        "direction": invoice.direction,
        "kind": invoice.kind,
        "number": invoice.number,
        "contact": invoice.contact_id,
        "contract": invoice.contract_id or "",
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat(),
        "description": invoice.description,
        "net_amount": str(invoice.net_amount),
        "vat_rate": str(invoice.vat_rate),
        "currency": invoice.currency,
        "version": invoice.version,
    }
    return {**data, **overrides}


def edit_url(payment: Payment) -> str:
    return reverse("contracts:payment_edit", kwargs={"pk": payment.production_id, "payment_pk": payment.pk})


def invoice_url(invoice: Invoice, name: str = "invoice_edit") -> str:
    return reverse(f"contracts:{name}", kwargs={"pk": invoice.production_id, "invoice_pk": invoice.pk})


def test_payment_edit_by_the_accountant_saves_and_logs_the_change(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))

    response = client.post(edit_url(payment), payment_data(payment, amount="1250.00"))

    payment.refresh_from_db()
    entry = AuditEntry.objects.get(action="contracts.payment.changed")
    assert (response.status_code, payment.amount, payment.version) == (302, Decimal("1250.00"), 2)
    assert entry.changes["amount"] == {"old": "1000.00", "new": "1250.00"}


def test_payment_edit_of_an_approved_payment_sends_it_back_for_approval(client):
    approver = UserFactory()
    payment = PaymentFactory(status=PaymentStatus.APPROVED, approved_by=approver)
    client.force_login(member_of(payment.production, Role.PRODUCTION_MANAGER))

    client.post(edit_url(payment), payment_data(payment, amount="900.00"))

    payment.refresh_from_db()
    assert (payment.status, payment.approved_by, payment.amount) == (PaymentStatus.DUE, None, Decimal("900.00"))


def test_payment_edit_saved_unchanged_keeps_the_approval(client):
    approver = UserFactory()
    payment = PaymentFactory(status=PaymentStatus.APPROVED, approved_by=approver)
    client.force_login(member_of(payment.production, Role.PRODUCTION_MANAGER))

    response = client.post(edit_url(payment), payment_data(payment))

    payment.refresh_from_db()
    assert (response.status_code, payment.status, payment.approved_by, payment.version) == (
        302,
        PaymentStatus.APPROVED,
        approver,
        1,
    )
    assert not AuditEntry.objects.filter(action="contracts.payment.changed").exists()


def test_payment_edit_by_a_production_assistant_is_forbidden(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.PRODUCTION_ASSISTANT))

    response = client.post(edit_url(payment), payment_data(payment, amount="1.00"))

    payment.refresh_from_db()
    assert (response.status_code, payment.amount) == (403, Decimal("1000.00"))


def test_payment_edit_by_a_stranger_is_not_found(client):
    payment = PaymentFactory()
    client.force_login(member_of(ProductionFactory(), Role.PRODUCTION_MANAGER))

    response = client.get(edit_url(payment))

    assert response.status_code == 404


def test_payment_edit_with_a_negative_amount_is_refused_and_changes_nothing(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))

    response = client.post(edit_url(payment), payment_data(payment, amount="-5"))

    payment.refresh_from_db()
    assert (response.status_code, payment.amount, payment.version) == (400, Decimal("1000.00"), 1)
    assert response.context["form"].has_error("amount")


def test_payment_edit_with_a_stale_version_is_409_and_keeps_the_input(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))
    Payment.objects.filter(pk=payment.pk).update(version=2)

    response = client.post(edit_url(payment), payment_data(payment, version=1, label="Voorschot"))

    payment.refresh_from_db()
    assert (response.status_code, payment.label) == (409, "Acompte")
    assert 'value="Voorschot"' in response.content.decode()


def test_payment_edit_saved_again_after_a_conflict_goes_through(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))
    Payment.objects.filter(pk=payment.pk).update(version=2)

    conflict = client.post(edit_url(payment), payment_data(payment, version=1, label="Voorschot"))
    again = client.post(edit_url(payment), conflict.context["form"].data)

    payment.refresh_from_db()
    assert (conflict.status_code, again.status_code, payment.label, payment.version) == (409, 302, "Voorschot", 3)
    assert 'name="version" value="2"' in conflict.content.decode()


def test_payment_edit_conflict_shows_what_the_other_person_changed(client):
    from django.test import Client

    payment = PaymentFactory(label="Acompte")
    first = Client()
    first.force_login(member_of(payment.production, Role.ACCOUNTANT, name="Sofie Claes"))
    assert first.post(edit_url(payment), payment_data(payment, label="Acompte révisé")).status_code == 302
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))

    conflict = client.post(edit_url(payment), payment_data(payment, version=1, label="Voorschot"))

    page = conflict.content.decode()
    section = page.split('class="notice edit-conflict"')[1].split("</section>")[0]
    assert conflict.status_code == 409
    assert "Sofie Claes" in section and "Acompte" in section and "Acompte révisé" in section


def test_payment_edit_of_a_paid_payment_is_refused(client):
    payment = PaymentFactory(status=PaymentStatus.PAID, paid_on=datetime.date(2027, 1, 20))
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))

    response = client.post(edit_url(payment), payment_data(payment, amount="1.00"))

    payment.refresh_from_db()
    assert (response.status_code, payment.amount) == (400, Decimal("1000.00"))
    assert "cannot be changed" in response.content.decode()


def test_payment_delete_removes_it_and_logs_it_on_the_contract(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))

    response = client.post(reverse("contracts:payment_delete", args=[payment.production_id, payment.pk]))

    entry = AuditEntry.objects.get(action="contracts.payment.deleted")
    assert (response.status_code, Payment.objects.filter(pk=payment.pk).exists()) == (302, False)
    assert (entry.object_id, entry.data["label"]) == (str(payment.contract_id), "Acompte")


def test_payment_delete_refused_while_in_a_sepa_file(client):
    payment = PaymentFactory(status=PaymentStatus.IN_BATCH)
    batch = PaymentBatch.objects.create(
        production=payment.production,
        number=1,
        message_id="REGIE-TEST-1",
        execution_date=datetime.date(2027, 1, 20),
        debtor_name="Cie",
        debtor_iban="BE68539007547034",
        total=payment.amount,
        xml="<x/>",
    )
    Payment.objects.filter(pk=payment.pk).update(batch=batch)
    client.force_login(member_of(payment.production, Role.ACCOUNTANT))

    response = client.post(reverse("contracts:payment_delete", args=[payment.production_id, payment.pk]), follow=True)

    assert Payment.objects.filter(pk=payment.pk).exists()
    assert "cannot be deleted" in response.content.decode()


def test_payment_delete_by_a_production_assistant_is_forbidden(client):
    payment = PaymentFactory()
    client.force_login(member_of(payment.production, Role.PRODUCTION_ASSISTANT))

    response = client.post(reverse("contracts:payment_delete", args=[payment.production_id, payment.pk]))

    assert (response.status_code, Payment.objects.filter(pk=payment.pk).exists()) == (403, True)


def test_invoice_edit_recomputes_vat_and_logs_the_change(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))

    response = client.post(invoice_url(invoice), invoice_data(invoice, net_amount="200.00", vat_rate="6"))

    invoice.refresh_from_db()
    entry = AuditEntry.objects.get(action="contracts.invoice.changed")
    assert (response.status_code, invoice.vat_amount, invoice.total, invoice.version) == (
        302,
        Decimal("12.00"),
        Decimal("212.00"),
        2,
    )
    assert entry.changes["net_amount"] == {"old": "100.00", "new": "200.00"}


def test_invoice_edit_by_a_production_assistant_is_forbidden(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.PRODUCTION_ASSISTANT))

    response = client.post(invoice_url(invoice), invoice_data(invoice, net_amount="1.00"))

    invoice.refresh_from_db()
    assert (response.status_code, invoice.net_amount) == (403, Decimal("100.00"))


def test_invoice_edit_by_a_stranger_is_not_found(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(ProductionFactory(), Role.ACCOUNTANT))

    assert client.get(invoice_url(invoice)).status_code == 404


def test_invoice_edit_with_the_due_date_before_the_invoice_date_changes_nothing(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))

    response = client.post(invoice_url(invoice), invoice_data(invoice, due_date="2026-12-01"))

    invoice.refresh_from_db()
    assert (response.status_code, invoice.due_date) == (400, datetime.date(2027, 1, 31))
    assert response.context["form"].has_error("due_date")


def test_invoice_edit_with_a_stale_version_is_409_and_keeps_the_input(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))
    Invoice.objects.filter(pk=invoice.pk).update(version=3)

    response = client.post(invoice_url(invoice), invoice_data(invoice, version=1, description="Decor rental"))

    invoice.refresh_from_db()
    assert (response.status_code, invoice.description) == (409, "Fee")
    assert 'value="Decor rental"' in response.content.decode()


def test_invoice_edit_saved_again_after_a_conflict_goes_through(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))
    Invoice.objects.filter(pk=invoice.pk).update(version=3)

    conflict = client.post(invoice_url(invoice), invoice_data(invoice, version=1, description="Decor rental"))
    again = client.post(invoice_url(invoice), conflict.context["form"].data)

    invoice.refresh_from_db()
    assert (conflict.status_code, again.status_code, invoice.description, invoice.version) == (
        409,
        302,
        "Decor rental",
        4,
    )


def test_invoice_edit_of_a_paid_invoice_is_refused(client):
    invoice = InvoiceFactory(status=InvoiceStatus.PAID)
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))

    response = client.post(invoice_url(invoice), invoice_data(invoice, net_amount="1.00"))

    invoice.refresh_from_db()
    assert (response.status_code, invoice.net_amount) == (400, Decimal("100.00"))


def test_invoice_delete_removes_an_open_invoice_and_logs_it(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))

    response = client.post(invoice_url(invoice, "invoice_delete"))

    entry = AuditEntry.objects.get(action="contracts.invoice.deleted")
    assert (response.status_code, Invoice.objects.filter(pk=invoice.pk).exists()) == (302, False)
    assert entry.data["number"] == invoice.number


def test_invoice_delete_of_a_paid_invoice_is_refused(client):
    invoice = InvoiceFactory(status=InvoiceStatus.PAID)
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))

    response = client.post(invoice_url(invoice, "invoice_delete"), follow=True)

    assert Invoice.objects.filter(pk=invoice.pk).exists()
    assert "cannot be deleted" in response.content.decode()


def test_invoice_delete_of_our_invoice_refused_unless_it_is_the_last_number(client):
    first = InvoiceFactory(direction="outgoing", number="2027-001-0001")
    InvoiceFactory(direction="outgoing", number="2027-001-0002", contract=first.contract)
    client.force_login(member_of(first.production, Role.ACCOUNTANT))

    response = client.post(invoice_url(first, "invoice_delete"), follow=True)

    assert Invoice.objects.filter(pk=first.pk).exists()
    assert "without gaps" in response.content.decode()


def test_invoice_delete_by_a_production_assistant_is_forbidden(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.PRODUCTION_ASSISTANT))

    response = client.post(invoice_url(invoice, "invoice_delete"))

    assert (response.status_code, Invoice.objects.filter(pk=invoice.pk).exists()) == (403, True)


def test_invoice_edit_keeps_its_direction(client):
    invoice = InvoiceFactory()
    client.force_login(member_of(invoice.production, Role.ACCOUNTANT))

    client.post(invoice_url(invoice), invoice_data(invoice, direction="outgoing", description="Huur"))

    invoice.refresh_from_db()
    assert (invoice.direction, invoice.description) == ("incoming", "Huur")
