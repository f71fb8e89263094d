from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from regie.budgets.commitments import commitments_for_budget
from regie.contracts import services
from regie.contracts.models import (
    AcceptanceLink,
    Contract,
    ContractDocument,
    ContractLine,
    ContractStatus,
    NoteKind,
    Payment,
    PaymentStatus,
)
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from tests.factories import (
    ContractFactory,
    PaymentFactory,
    ProductionFactory,
    UserFactory,
    budget_with_one_of_each,
    personal_data_for,
    sent_document,
    shipped_template,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 1, 5)


@pytest.fixture
def ready_contract():
    """A draft French freelance contract whose other party has everything the contract needs."""
    contract = ContractFactory()
    personal_data_for(contract.counterparty)
    return contract


def test_create_contract_numbers_per_production_and_switches_on_default_clauses():
    production = ProductionFactory()
    existing = ContractFactory(production=production)
    first = services.create_contract(
        Contract(production=production, template=shipped_template(), title="A", counterparty=existing.counterparty),
        by=UserFactory(),
    )

    assert (first.number, first.kind, first.language, first.clauses) == (
        existing.number + 1,
        "freelance",
        "fr",
        ["insurance", "confidentiality"],
    )


def test_send_contract_renders_the_pdf_in_the_contract_language_and_mails_a_link(ready_contract, settings):
    settings.REGIE_BASE_URL = "https://regie.example"

    token = services.send_contract(ready_contract, by=UserFactory(), today=TODAY)

    document = ContractDocument.objects.get(contract=ready_contract)
    ready_contract.refresh_from_db()
    assert (ready_contract.status, document.language, document.content_type, document.revision) == (
        ContractStatus.SENT,
        "fr",
        "application/pdf",
        1,
    )
    assert bytes(document.content).startswith(b"%PDF-")
    assert document.sha256 == hashlib.sha256(bytes(document.content)).hexdigest()
    assert AcceptanceLink.objects.get().token_hash == services.hash_token(token)
    assert AuditEntry.objects.filter(action="contracts.contract.sent", object_id=str(ready_contract.pk)).count() == 1


def test_send_contract_mail_is_in_french_with_the_link(ready_contract, settings, django_capture_on_commit_callbacks):
    settings.REGIE_BASE_URL = "https://regie.example"

    with django_capture_on_commit_callbacks(execute=True):
        token = services.send_contract(ready_contract, by=UserFactory(), today=TODAY)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ready_contract.counterparty.email]
    organisation = ready_contract.production.organisation.name
    assert mail.outbox[0].subject == f"Contrat de {organisation} : {ready_contract.title}"
    assert f"https://regie.example/contract/{token}/" in mail.outbox[0].body
    [(html, mimetype)] = mail.outbox[0].alternatives
    assert mimetype == "text/html" and f'href="https://regie.example/contract/{token}/"' in html
    assert '<html lang="fr">' in html and "Ouvrir le lien" in html


def test_send_contract_with_missing_personal_data_is_refused_and_changes_nothing():
    contract = ContractFactory()  # no personal data: no IBAN

    with pytest.raises(Refused) as refusal:
        services.send_contract(contract, by=UserFactory(), today=TODAY)

    contract.refresh_from_db()
    assert "the IBAN is missing" in str(refusal.value)
    assert (contract.status, ContractDocument.objects.count(), AcceptanceLink.objects.count()) == ("draft", 0, 0)


def test_accept_contract_records_name_time_ip_and_the_hash_of_the_exact_bytes(ready_contract):
    token = services.send_contract(ready_contract, by=UserFactory(), today=TODAY)
    PaymentFactory(contract=ready_contract, condition="on_signature", days_after=10, due_date=None, status="scheduled")

    acceptance = services.accept_contract(token, name="  Amélie Dupont ", ip="203.0.113.7")

    ready_contract.refresh_from_db()
    document = ContractDocument.objects.get(contract=ready_contract)
    assert (acceptance.name, acceptance.ip_address, acceptance.sha256, acceptance.method) == (
        "Amélie Dupont",
        "203.0.113.7",
        hashlib.sha256(bytes(document.content)).hexdigest(),
        "link",
    )
    assert ready_contract.status == ContractStatus.SIGNED
    payment = Payment.objects.get()
    assert (payment.status, payment.due_date) == (PaymentStatus.DUE, timezone.localdate() + datetime.timedelta(days=10))


def test_accept_contract_with_a_forged_token_is_refused():
    with pytest.raises(services.LinkProblem) as problem:
        services.accept_contract("forged-token", name="X", ip=None)

    assert problem.value.reason == "unknown"


def test_accept_contract_with_an_expired_link_is_refused_and_logged(ready_contract):
    sent_document(ready_contract, "old-token", expires_in_days=-1)

    with pytest.raises(services.LinkProblem) as problem:
        services.accept_contract("old-token", name="X", ip=None)
    services.log_refused_link(problem.value, "198.51.100.1")

    ready_contract.refresh_from_db()
    assert (problem.value.reason, ready_contract.status) == ("expired", ContractStatus.SENT)
    entry = AuditEntry.objects.get(action="contracts.link.refused")
    assert entry.data == {"reason": "expired", "ip": "198.51.100.1"}


def test_edit_after_sending_makes_a_new_version_and_the_old_link_says_replaced(ready_contract):
    user = UserFactory()
    token = services.send_contract(ready_contract, by=user, today=TODAY)
    contract = Contract.objects.get(pk=ready_contract.pk)
    contract.fee = Decimal("400.00")

    services.update_contract(contract, version=contract.version, by=user)

    contract.refresh_from_db()
    assert (contract.revision, contract.status) == (2, ContractStatus.NEGOTIATING)
    assert ContractDocument.objects.filter(contract=contract, revision=1).count() == 1
    with pytest.raises(services.LinkProblem) as problem:
        services.resolve_link(token)
    assert problem.value.reason == "replaced"
    assert AuditEntry.objects.filter(action="contracts.contract.new_version").count() == 1


def test_sending_the_new_version_keeps_both_documents(ready_contract):
    user = UserFactory()
    services.send_contract(ready_contract, by=user, today=TODAY)
    contract = Contract.objects.get(pk=ready_contract.pk)
    contract.venue = "Halles de Schaerbeek"
    services.update_contract(contract, version=contract.version, by=user)

    token = services.send_contract(contract, by=user, today=TODAY)

    assert list(ContractDocument.objects.filter(contract=contract).values_list("revision", flat=True)) == [2, 1]
    assert services.resolve_link(token).document.revision == 2


def test_signed_contract_cannot_be_edited(ready_contract):
    token = services.send_contract(ready_contract, by=UserFactory(), today=TODAY)
    services.accept_contract(token, name="A", ip=None)
    contract = Contract.objects.get(pk=ready_contract.pk)
    contract.fee = Decimal(1)

    with pytest.raises(Refused):
        services.update_contract(contract, version=contract.version, by=UserFactory())

    assert Contract.objects.get(pk=contract.pk).fee == Decimal("350.00")


def test_counter_proposal_is_kept_in_the_thread_and_sets_negotiating(ready_contract):
    token = services.send_contract(ready_contract, by=UserFactory(), today=TODAY)

    note = services.counter_propose(token, name="Amélie", text="400 € par jour, svp.")

    ready_contract.refresh_from_db()
    assert (note.kind, note.author_name, ready_contract.status) == (NoteKind.COUNTER_PROPOSAL, "Amélie", "negotiating")


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_signed_copy_png_signs_the_contract(ready_contract):
    document = services.upload_signed_copy(ready_contract, PNG, signer="Amélie", by=UserFactory())

    ready_contract.refresh_from_db()
    assert (document.content_type, document.sha256, ready_contract.status) == (
        "image/png",
        hashlib.sha256(PNG).hexdigest(),
        ContractStatus.SIGNED,
    )


def test_signed_copy_that_is_not_pdf_jpeg_or_png_is_refused(ready_contract):
    with pytest.raises(Refused) as refusal:
        services.upload_signed_copy(ready_contract, b"MZ\x90\x00 not a scan", signer="A", by=UserFactory())

    ready_contract.refresh_from_db()
    assert str(refusal.value) == "The signed copy must be a PDF, JPEG or PNG file."
    assert (ready_contract.status, ContractDocument.objects.count()) == ("draft", 0)


def test_link_budget_line_in_another_currency_without_rate_is_refused(ready_contract):
    budget = budget_with_one_of_each(ready_contract.production)
    ready_contract.currency = "GBP"

    with pytest.raises(Refused) as refusal:
        services.link_budget_line(ready_contract, budget["line"].key, Decimal("100"), by=UserFactory())

    assert "has no exchange rate for GBP" in str(refusal.value)
    assert ContractLine.objects.count() == 0


def test_link_budget_line_in_another_currency_with_a_rate_is_accepted(ready_contract):
    budget = budget_with_one_of_each(ready_contract.production)
    budget["version"].exchange_rates = {"GBP": "1.17"}
    budget["version"].save()
    ready_contract.currency = "GBP"

    link = services.link_budget_line(ready_contract, budget["line"].key, Decimal("100"), by=UserFactory())

    assert (link.currency, link.amount, link.line_key) == ("GBP", Decimal("100"), budget["line"].key)


def test_contract_commitments_count_only_sent_negotiating_and_signed_contracts(ready_contract):
    budget = budget_with_one_of_each(ready_contract.production)
    services.link_budget_line(ready_contract, budget["line"].key, Decimal("3500.00"), by=UserFactory())
    draft_commitments = [c for c in commitments_for_budget(budget["version"].budget) if c.source == "contracts"]
    services.send_contract(ready_contract, by=UserFactory(), today=TODAY)

    commitments = [c for c in commitments_for_budget(budget["version"].budget) if c.source == "contracts"]

    assert draft_commitments == []
    assert [(c.line_key, c.amount, c.currency, c.label) for c in commitments] == [
        (
            budget["line"].key,
            Decimal("3500.00"),
            "EUR",
            f"{ready_contract.reference} — {ready_contract.counterparty.name}",
        )
    ]


def test_cancelling_a_contract_cancels_its_open_payments_but_not_those_paid(ready_contract):
    due = PaymentFactory(contract=ready_contract, status=PaymentStatus.DUE)
    paid = PaymentFactory(contract=ready_contract, status=PaymentStatus.PAID)

    services.close_contract(ready_contract, ContractStatus.CANCELLED, by=UserFactory())

    due.refresh_from_db()
    paid.refresh_from_db()
    assert (due.status, paid.status) == (PaymentStatus.CANCELLED, PaymentStatus.PAID)
    assert AuditEntry.objects.get(action="contracts.contract.cancelled").data == {"payments_cancelled": [due.pk]}


def test_ending_a_contract_that_is_not_signed_is_refused(ready_contract):
    with pytest.raises(Refused):
        services.close_contract(ready_contract, ContractStatus.ENDED, by=UserFactory())

    ready_contract.refresh_from_db()
    assert ready_contract.status == ContractStatus.DRAFT
