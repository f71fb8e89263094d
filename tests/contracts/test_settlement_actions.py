"""A door-deal settlement turned into the payment due to the company or our invoice to the presenter."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.accounts.roles import Role
from regie.contracts import payments
from regie.contracts.models import Invoice, Payment, PaymentKind, PaymentStatus, Settlement
from regie.core.models import AuditEntry
from tests.factories import ContractFactory, ProductionFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def settlement() -> Settlement:
    contract = ContractFactory(kind="presenting")
    return payments.record_settlement(
        Settlement(
            contract=contract,
            performance_date=datetime.date(2027, 2, 3),
            gross_receipts=Decimal("10600.00"),
            ticket_vat_rate=Decimal("6"),
            deductible_costs=Decimal("1000.00"),
            guarantee=Decimal("2000.00"),
            percentage=Decimal("70"),
        ),
        by=UserFactory(),
    )


def url(settlement: Settlement, name: str) -> str:
    return reverse(
        f"contracts:{name}", kwargs={"pk": settlement.contract.production_id, "settlement_pk": settlement.pk}
    )


def test_settlement_payment_is_due_today_for_the_company_share_and_logged(client, settlement):
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_MANAGER))

    response = client.post(url(settlement, "settlement_payment"))

    payment = Payment.objects.get(contract=settlement.contract)
    settlement.refresh_from_db()
    assert response.status_code == 302
    assert (payment.amount, payment.kind, payment.status, payment.due_date, payment.payee_id) == (
        Decimal("6300.00"),
        PaymentKind.SETTLEMENT,
        PaymentStatus.DUE,
        timezone.localdate(),
        settlement.contract.counterparty_id,
    )
    assert settlement.payment_id == payment.pk
    assert AuditEntry.objects.get(action="contracts.settlement.payment").data["payment"] == payment.pk


def test_settlement_invoice_is_our_numbered_invoice_with_its_vat(client, settlement):
    client.force_login(member_of(settlement.contract.production, Role.ACCOUNTANT))

    client.post(url(settlement, "settlement_invoice"), {"vat_rate": "6"})

    invoice = Invoice.objects.get(contract=settlement.contract)
    today = timezone.localdate()
    assert (invoice.direction, invoice.kind, invoice.net_amount, invoice.vat_amount, invoice.total) == (
        "outgoing",
        "settlement",
        Decimal("6300.00"),
        Decimal("378.00"),
        Decimal("6678.00"),
    )
    assert (invoice.number, invoice.due_date) == (
        f"{today.year}-{invoice.production_id:03d}-0001",
        today + datetime.timedelta(days=30),
    )
    assert AuditEntry.objects.get(action="contracts.settlement.invoice").data["invoice"] == invoice.pk


def test_settlement_made_twice_is_refused_and_makes_nothing_more(client, settlement):
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_MANAGER))
    client.post(url(settlement, "settlement_payment"))

    response = client.post(url(settlement, "settlement_invoice"), {"vat_rate": "6"}, follow=True)

    assert (Payment.objects.count(), Invoice.objects.count()) == (1, 0)
    assert "already made its payment or invoice" in response.content.decode()


def test_settlement_invoice_with_a_bad_vat_rate_makes_nothing(client, settlement):
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_MANAGER))

    response = client.post(url(settlement, "settlement_invoice"), {"vat_rate": "150"}, follow=True)

    assert Invoice.objects.count() == 0
    assert "less than or equal to 100" in response.content.decode()


def test_settlement_payment_by_a_production_assistant_is_forbidden(client, settlement):
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_ASSISTANT))

    response = client.post(url(settlement, "settlement_payment"))

    assert (response.status_code, Payment.objects.count()) == (403, 0)


def test_settlement_payment_by_a_stranger_is_not_found(client, settlement):
    client.force_login(member_of(ProductionFactory(), Role.PRODUCTION_MANAGER))

    response = client.post(url(settlement, "settlement_payment"))

    assert (response.status_code, Payment.objects.count()) == (404, 0)


def test_settlement_page_offers_both_actions_until_one_is_made(client, settlement):
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_MANAGER))
    before = client.get(url(settlement, "settlement")).content.decode()
    client.post(url(settlement, "settlement_payment"))

    after = client.get(url(settlement, "settlement")).content.decode()

    assert url(settlement, "settlement_payment") in before
    assert url(settlement, "settlement_invoice") in before
    assert url(settlement, "settlement_payment") not in after


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("presenter", "settlement_payment", "settlement_invoice"),
        ("presented", "settlement_invoice", "settlement_payment"),
    ],
)
def test_settlement_page_offers_only_the_action_of_our_side_of_the_deal(client, settlement, role, shown, hidden):
    settlement.contract.our_role = role
    settlement.contract.save()
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_MANAGER))

    page = client.get(url(settlement, "settlement")).content.decode()

    assert (url(settlement, shown) in page, url(settlement, hidden) in page) == (True, False)


def test_settlement_against_our_side_of_the_deal_is_refused_in_french(client, settlement):
    settlement.contract.our_role = "presenter"
    settlement.contract.save()
    client.force_login(member_of(settlement.contract.production, Role.PRODUCTION_MANAGER, language="fr"))

    response = client.post(url(settlement, "settlement_invoice"), {"vat_rate": "6"}, follow=True)

    assert Invoice.objects.count() == 0
    assert "Le contrat indique que vous accueillez le spectacle" in response.content.decode()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (apt-get install poppler-utils)")
@pytest.mark.parametrize("role", ["presenter", "presented"])
def test_settlement_sheet_names_presenter_and_company_by_our_side(settlement, role):
    from regie.contracts import documents

    settlement.contract.our_role = role
    settlement.contract.save()
    contract = settlement.contract
    ours, theirs = contract.production.organisation.name, contract.counterparty.name

    pdf = documents.settlement_pdf(settlement, "en")

    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split()
    )
    company, presenter = (theirs, ours) if role == "presenter" else (ours, theirs)
    assert f"Presenter: {presenter} · Company: {company}" in text
