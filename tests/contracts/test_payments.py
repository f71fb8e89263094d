from __future__ import annotations

import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest

from regie.contracts import payments, sepa
from regie.contracts.models import Invoice, Payment, PaymentBatch, PaymentStatus
from regie.contracts.queries import payment_register
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from tests.factories import ContractFactory, PaymentFactory, ProductionFactory, UserFactory, personal_data_for

pytestmark = pytest.mark.django_db
NS = {"p": sepa.NAMESPACE}


def approved_payment(**kwargs) -> Payment:
    payment = PaymentFactory(status=PaymentStatus.APPROVED, **kwargs)
    return payment


def make_batch(production, chosen, **overrides):
    values = {
        "execution_date": datetime.date(2027, 1, 20),
        "debtor_name": "Compagnie Œuvre",
        "debtor_iban": "BE68539007547034",
        "debtor_bic": "",
        "by": UserFactory(),
    }
    return payments.create_batch(production, chosen, **{**values, **overrides})


def test_batch_is_a_pain001_file_valid_against_the_schema():
    payment = approved_payment(label="Acompte régie", amount=Decimal("1050.00"))
    personal_data_for(payment.payee)

    batch = make_batch(payment.production, [payment])

    assert sepa.schema_errors(batch.xml.encode()) == []
    root = ET.fromstring(batch.xml)
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "1"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS) == "1050.00"
    tx = root.find("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)
    assert tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == "BE71096123456769"
    assert tx.findtext("p:RmtInf/p:Ustrd", namespaces=NS) == f"{payment.contract.reference} Acompte regie"
    payment.refresh_from_db()
    assert (payment.status, payment.batch_id) == (PaymentStatus.IN_BATCH, batch.pk)


def test_batch_with_an_invalid_iban_is_refused_naming_the_payee_and_changes_nothing():
    good = approved_payment()
    personal_data_for(good.payee)
    bad = approved_payment(contract=ContractFactory(production=good.production, counterparty__name="Jan Peeters"))
    personal_data_for(bad.payee, iban="BE71096123456760")

    with pytest.raises(Refused) as refusal:
        make_batch(good.production, [good, bad])

    assert "The IBAN of Jan Peeters (BE71096123456760) is not valid" in str(refusal.value)
    assert PaymentBatch.objects.count() == 0
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.APPROVED}


def test_batch_refused_when_a_payee_has_no_iban():
    payment = approved_payment(contract=ContractFactory(counterparty__name="Sofie Claes"))

    with pytest.raises(Refused) as refusal:
        make_batch(payment.production, [payment])

    assert str(refusal.value) == "Sofie Claes has no IBAN on file."


def test_batch_refused_for_a_payment_not_approved():
    payment = PaymentFactory(status=PaymentStatus.DUE)
    personal_data_for(payment.payee)

    with pytest.raises(Refused):
        make_batch(payment.production, [payment])

    assert PaymentBatch.objects.count() == 0


def test_batch_refuses_a_payment_in_another_currency_than_euro():
    payment = approved_payment(label="Fee London", contract=ContractFactory(currency="GBP"), currency="GBP")
    personal_data_for(payment.payee)

    with pytest.raises(Refused) as refusal:
        make_batch(payment.production, [payment])

    assert "is in GBP; SEPA transfers are in euro." in str(refusal.value)
    assert PaymentBatch.objects.count() == 0


def test_batch_refusal_is_logged():
    production = ProductionFactory()
    user = UserFactory()

    payments.log_refused_batch(production, "The IBAN of X is not valid", by=user)

    assert AuditEntry.objects.get(action="contracts.batch.refused").data == {"reason": "The IBAN of X is not valid"}


def test_schema_refuses_a_file_missing_its_debtor():
    payment = approved_payment()
    personal_data_for(payment.payee)
    xml = make_batch(payment.production, [payment]).xml
    root = ET.fromstring(xml)
    info = root.find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    info.remove(info.find("p:Dbtr", NS))
    broken = ET.tostring(root, encoding="UTF-8", xml_declaration=True)

    assert sepa.schema_errors(broken) != []


def test_sepa_text_keeps_only_the_sepa_character_set():
    assert sepa.sepa_text("Émile & Zoë — «acompte» n°1", 140) == "Emile Zoe acompte n1"


def test_approve_then_mark_paid():
    payment = PaymentFactory(status=PaymentStatus.DUE)
    user = UserFactory()

    payments.approve_payment(payment, by=user)
    payments.mark_paid(payment, datetime.date(2027, 1, 21), by=user)

    payment.refresh_from_db()
    assert (payment.status, payment.approved_by, payment.paid_on) == (
        PaymentStatus.PAID,
        user,
        datetime.date(2027, 1, 21),
    )


def test_approve_refused_for_a_payment_waiting_for_its_condition():
    payment = PaymentFactory(status=PaymentStatus.SCHEDULED, due_date=None, condition="on_delivery")

    with pytest.raises(Refused):
        payments.approve_payment(payment, by=UserFactory())


def test_performance_makes_the_balance_due():
    payment = PaymentFactory(status=PaymentStatus.SCHEDULED, due_date=None, condition="on_performance", days_after=30)

    count = payments.record_condition(payment.contract, "on_performance", datetime.date(2027, 2, 3), by=UserFactory())

    payment.refresh_from_db()
    assert (count, payment.status, payment.due_date) == (1, PaymentStatus.DUE, datetime.date(2027, 3, 5))


def test_payment_register_splits_late_this_week_and_later():
    production = ProductionFactory()
    contract = ContractFactory(production=production)
    late = PaymentFactory(contract=contract, due_date=datetime.date(2027, 1, 4))
    week = PaymentFactory(contract=contract, due_date=datetime.date(2027, 1, 11))
    later = PaymentFactory(contract=contract, due_date=datetime.date(2027, 1, 12))
    waiting = PaymentFactory(contract=contract, due_date=None, status=PaymentStatus.SCHEDULED)
    PaymentFactory(contract=contract, due_date=datetime.date(2027, 1, 1), status=PaymentStatus.PAID)

    register = payment_register(production, datetime.date(2027, 1, 5))

    assert (register.late, register.this_week, register.later, register.scheduled) == (
        [late],
        [week],
        [later],
        [waiting],
    )


def test_outgoing_invoice_gets_a_number_and_its_vat():
    contract = ContractFactory()
    invoice = Invoice(
        production=contract.production,
        direction="outgoing",
        kind="coproduction_share",
        contact=contract.counterparty,
        issue_date=datetime.date(2027, 1, 10),
        due_date=datetime.date(2027, 2, 9),
        description="Part de coproduction",
        net_amount=Decimal("1000.00"),
        vat_rate=Decimal("6"),
    )

    payments.create_invoice(invoice, by=UserFactory())

    assert (invoice.number, invoice.vat_amount, invoice.total) == (
        f"2027-{contract.production_id:03d}-0001",
        Decimal("60.00"),
        Decimal("1060.00"),
    )
