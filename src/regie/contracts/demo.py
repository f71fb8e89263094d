"""The demo's contracts (`regie demo`): on the theatre production, a signed freelance contract with
the costume designer and its deposit, a draft door deal with a cultural centre that presents the
show, and the register of portrait-rights releases with one of
the three actresses' releases still missing.

Made through the services, so the history shows who did what; the signed copy is the contract's
own PDF, as if it had come back signed on paper.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.accounts.models import User
from regie.contracts import documents, payments, register, services
from regie.contracts.models import (
    Acceptance,
    Contract,
    ContractKind,
    ContractTemplate,
    DocumentKind,
    DocumentStatus,
    Invoice,
    OurRole,
    Payment,
    PaymentCondition,
    PaymentKind,
    RequiredDocument,
)
from regie.people.functions import Department, Function
from regie.people.models import Contact, EngagementStatus, EngagementType, FeeUnit
from regie.people.services import create_contact, engage
from regie.productions.models import Production

DESIGNER = ("Fatima Ouali", "fatima.ouali@example.be", "fr")
ACTRESSES = (
    ("Marie Vandenberghe", "marie.vandenberghe@example.be", "nl", True),
    ("Hanne Desmet", "hanne.desmet@example.be", "nl", True),
    ("Nathalie Dupont", "nathalie.dupont@example.be", "fr", False),  # her release is missing
)


def load_demo_contracts(production: Production, *, by: User, today: dt.date) -> Contract:
    organisation = production.organisation
    name, email, language = DESIGNER
    designer = create_contact(Contact(name=name, email=email, language=language), organisation=organisation, by=by)
    engagement = engage(
        production,
        designer,
        by=by,
        function=Function.COSTUME_DESIGNER,
        department=Department.COSTUME,
        is_department_head=True,
        engagement_type=EngagementType.FREELANCE,
        fee=Decimal("4800.00"),
        fee_unit=FeeUnit.FLAT,
        start_date=production.start_date,
        end_date=production.start_date + dt.timedelta(days=70) if production.start_date else None,
        status=EngagementStatus.CONFIRMED,
    )
    contract = services.create_contract(
        Contract(
            production=production,
            template=ContractTemplate.objects.get(organisation=None, code=ContractKind.FREELANCE, language="nl"),
            title="Kostuumontwerp Wat het water weet",
            counterparty=designer,
            engagement=engagement,
            subject="Ontwerp en opvolging van de kostuums voor drie actrices, tot en met de première.",
            start_date=engagement.start_date,
            end_date=engagement.end_date,
            fee=Decimal("4800.00"),
            total_amount=Decimal("4800.00"),
        ),
        by=by,
    )
    payments.add_payment(
        Payment(
            contract=contract,
            kind=PaymentKind.DEPOSIT,
            label="Voorschot 30 %",
            amount=Decimal("1440.00"),
            condition=PaymentCondition.ON_SIGNATURE,
            days_after=14,
        ),
        by=by,
    )
    payments.add_payment(
        Payment(
            contract=contract,
            kind=PaymentKind.BALANCE,
            label="Saldo na de première",
            amount=Decimal("3360.00"),
            condition=PaymentCondition.ON_DELIVERY,
            days_after=30,
        ),
        by=by,
    )
    signed_copy = documents.render_contract(contract, None).content
    services.upload_signed_copy(contract, signed_copy, signer=name, by=by)

    for actress, actress_email, actress_language, released in ACTRESSES:
        contact = create_contact(
            Contact(name=actress, email=actress_email, language=actress_language), organisation=organisation, by=by
        )
        cast = engage(
            production,
            contact,
            by=by,
            function=Function.ACTOR,
            department=Department.CAST,
            engagement_type=EngagementType.EMPLOYEE_FIXED_TERM,
            status=EngagementStatus.CONFIRMED,
        )
        register.save_document(
            RequiredDocument(
                production=production,
                kind=DocumentKind.PORTRAIT_RELEASE,
                title=f"Portretrecht {actress}",
                engagement=cast,
                provider=actress,
                needed_by=today + dt.timedelta(days=14),
                status=DocumentStatus.RECEIVED if released else DocumentStatus.REQUESTED,
            ),
            version=None,
            by=by,
        )
    _presenting_contract(production, by=by)
    return contract


def _presenting_contract(production: Production, *, by: User) -> Contract:
    """A cultural centre presents the show on a door deal: guarantee against 70 % of the net door."""
    centre = create_contact(
        Contact(
            name="Cultuurcentrum Belgica",
            email="programmatie@example.be",
            language="nl",
            street="Kerkstraat 24",
            postcode="9200",
            city="Dendermonde",
            vat_number="BE0403170701",
        ),
        organisation=production.organisation,
        by=by,
    )
    first = (production.start_date or dt.date.today()) + dt.timedelta(days=84)
    return services.create_contract(
        Contract(
            production=production,
            template=ContractTemplate.objects.get(organisation=None, code=ContractKind.PRESENTING, language="nl"),
            title="Uitkoop CC Belgica",
            counterparty=centre,
            our_role=OurRole.PRESENTED,
            venue="CC Belgica, grote zaal",
            work_dates=[first.isoformat(), (first + dt.timedelta(days=1)).isoformat()],
            guarantee=Decimal("1500.00"),
            door_percentage=Decimal("70"),
            clauses=["door_deal", "cancellation"],
        ),
        by=by,
    )


def remove_demo_contracts(organisation_slug: str) -> None:
    """Delete the contracts of an organisation first: signatures, payments and invoices protect them."""
    mine = {"production__organisation__slug": organisation_slug}
    Acceptance.objects.filter(contract__production__organisation__slug=organisation_slug).delete()
    Payment.objects.filter(**mine).delete()
    Invoice.objects.filter(**mine).delete()
    Contract.objects.filter(**mine).delete()
