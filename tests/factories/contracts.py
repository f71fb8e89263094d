"""Factories of the contracts app: contracts, their documents and links, payments, the register."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import factory
from django.utils import timezone

from regie.contracts.models import (
    AcceptanceLink,
    Contract,
    ContractDocument,
    ContractKind,
    ContractLine,
    ContractStatus,
    ContractTemplate,
    DocumentKind,
    Invoice,
    Payment,
    PaymentBatch,
    PaymentStatus,
    RequiredDocument,
    Settlement,
)
from regie.contracts.services import hash_token
from regie.people.models import Contact, PersonalData
from regie.productions.models import Production


def shipped_template(kind: str = ContractKind.FREELANCE, language: str = "fr") -> ContractTemplate:
    return ContractTemplate.objects.get(organisation=None, code=kind, language=language)


class ContractFactory(factory.django.DjangoModelFactory):
    """A draft freelance contract in French with a person of the production's organisation."""

    class Meta:
        model = Contract

    production = factory.SubFactory("tests.factories.ProductionFactory")
    number = factory.Sequence(lambda n: n + 1)
    template = factory.LazyFunction(shipped_template)
    kind = factory.LazyAttribute(lambda o: o.template.kind)
    language = factory.LazyAttribute(lambda o: o.template.language)
    title = factory.Sequence(lambda n: f"Régie lumière {n}")
    counterparty = factory.SubFactory(
        "tests.factories.ContactFactory",
        organisation=factory.SelfAttribute("..production.organisation"),
        street="Rue Haute 12",
        postcode="1000",
        city="Bruxelles",
        vat_number="BE0123456749",
        languages=["fr"],
    )
    subject = "Régie lumière des représentations"
    start_date = datetime.date(2027, 2, 1)
    end_date = datetime.date(2027, 2, 20)
    venue = "Théâtre de la Balsamine"
    fee = Decimal("350.00")
    fee_unit = "day"
    total_amount = Decimal("3500.00")
    currency = "EUR"
    clauses = factory.LazyAttribute(
        lambda o: [c["key"] for c in o.template.clauses if c.get("default_on") and c.get("optional")]
    )


def personal_data_for(contact: Contact, **values: str) -> PersonalData:
    defaults = {
        "iban": "BE71096123456769",
        "bic": "GKCCBEBB",
        "national_number": "85073003328",
        "date_of_birth": "1985-07-30",
    }
    return PersonalData.objects.create(contact=contact, **{**defaults, **values})


def sent_document(contract: Contract, token: str, *, expires_in_days: int = 30) -> ContractDocument:
    """A document of the contract's revision (fake PDF bytes) with a link for `token`; the contract is sent."""
    content = b"%PDF-1.4 contract " + contract.reference.encode()
    document = ContractDocument.objects.create(
        contract=contract,
        revision=contract.revision,
        language=contract.language,
        filename=f"{contract.reference}.pdf",
        content_type="application/pdf",
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    AcceptanceLink.objects.create(
        document=document,
        token_hash=hash_token(token),
        email=contract.counterparty.email,
        expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
    )
    Contract.objects.filter(pk=contract.pk).update(status=ContractStatus.SENT)
    contract.status = ContractStatus.SENT
    return document


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    contract = factory.SubFactory(ContractFactory)
    production = factory.LazyAttribute(lambda o: o.contract.production)
    payee = factory.LazyAttribute(lambda o: o.contract.counterparty)
    label = "Acompte"
    amount = Decimal("1000.00")
    condition = "fixed_date"
    due_date = datetime.date(2027, 1, 15)
    status = PaymentStatus.DUE


class InvoiceFactory(factory.django.DjangoModelFactory):
    """An incoming invoice of 100 + 21 % VAT, open."""

    class Meta:
        model = Invoice

    contract = factory.SubFactory(ContractFactory)
    production = factory.LazyAttribute(lambda o: o.contract.production)
    contact = factory.LazyAttribute(lambda o: o.contract.counterparty)
    direction = "incoming"
    number = factory.Sequence(lambda n: f"F-{n}")
    issue_date = datetime.date(2027, 1, 1)
    due_date = datetime.date(2027, 1, 31)
    description = "Fee"
    net_amount = Decimal("100.00")
    vat_rate = Decimal("21.00")
    vat_amount = Decimal("21.00")
    total = Decimal("121.00")


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    production = factory.SubFactory("tests.factories.ProductionFactory")
    kind = DocumentKind.INSURANCE
    title = factory.Sequence(lambda n: f"Document {n}")


def contract_with_one_of_each(production: Production, token: str) -> dict:
    """A sent contract of `production` (link for `token`) with a document, a budget line link, a payment,
    a SEPA batch, an invoice, a settlement and a register entry: what the contract URLs point at."""
    contract = ContractFactory(production=production)
    document = sent_document(contract, token)
    link = ContractLine.objects.create(
        contract=contract,
        line_key="3f2b0d8e-6a3b-4c1e-9a55-0d1c2b3a4f5e",
        label="10.01 Technicians",
        amount=100,
        currency="EUR",
    )
    batch = PaymentBatch.objects.create(
        production=production,
        number=1,
        message_id=f"REGIE-{production.pk}-0001",
        execution_date=datetime.date(2027, 1, 20),
        debtor_name="Compagnie",
        debtor_iban="BE68539007547034",
        total=Decimal("100.00"),
        xml="<Document/>",
    )
    payment = PaymentFactory(contract=contract)
    invoice = Invoice.objects.create(
        production=production,
        direction="incoming",
        number="INV-1",
        contact=contract.counterparty,
        contract=contract,
        issue_date=datetime.date(2027, 1, 1),
        due_date=datetime.date(2027, 1, 31),
        description="Fee",
        net_amount=Decimal("100.00"),
        vat_rate=Decimal("21.00"),
        vat_amount=Decimal("21.00"),
        total=Decimal("121.00"),
    )
    settlement = Settlement.objects.create(
        contract=contract,
        performance_date=datetime.date(2027, 2, 3),
        gross_receipts=Decimal("1060.00"),
        percentage=Decimal("70.00"),
        net_receipts=Decimal("1000.00"),
        split_base=Decimal("1000.00"),
        percentage_amount=Decimal("700.00"),
        artist_amount=Decimal("700.00"),
        venue_amount=Decimal("300.00"),
    )
    required = RequiredDocumentFactory(production=production)
    return {
        "contract": contract,
        "document": document,
        "link": link,
        "payment": payment,
        "batch": batch,
        "invoice": invoice,
        "settlement": settlement,
        "required": required,
    }
