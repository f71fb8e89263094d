"""The issue's "done when", as a new user would try it, in French: a freelance contract for a
Brussels technician from a template, sent by real SMTP, accepted through the link, seen as a
commitment, the deposit paid through a SEPA file that is downloaded and validated, and the
portrait-rights release missing for one cast member."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.budgets.commitments import commitments_for_budget
from regie.contracts import sepa
from regie.contracts.models import Contract, DocumentKind, DocumentStatus, Payment, PaymentStatus
from regie.people.models import ContactKind
from tests.browser.conftest import PHONE, PageProblems, label, sign_in_with_cookie, tr
from tests.browser.smtp import Mailbox
from tests.factories import (
    ContactFactory,
    EngagementFactory,
    ProductionFactory,
    RequiredDocumentFactory,
    budget_with_one_of_each,
    member_of,
    personal_data_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_french_freelance_contract_from_template_to_sepa_deposit(
    page: Page, live_url: str, mailbox: Mailbox, problems: PageProblems, tmp_path: Path
) -> None:
    # Arrange: a production with a budget, a Brussels technician, two cast members (one release signed)
    production = ProductionFactory(title="Le Misanthrope", currency="EUR")
    manager = member_of(production, Role.OWNER, language="fr")
    budget = budget_with_one_of_each(production)
    line = budget["line"]
    technician = ContactFactory(
        organisation=production.organisation,
        kind=ContactKind.PERSON,
        name="Amélie Dupont",
        email="amelie@example.be",
        street="Rue Haute 12",
        postcode="1000",
        city="Bruxelles",
        vat_number="BE0123456749",
        languages=["fr"],
    )
    personal_data_for(technician, iban="BE71096123456769", bic="GKCCBEBB")
    missing = EngagementFactory(
        production=production,
        department="cast",
        function="",
        custom_function="Alceste",
        contact__name="Lotte Vermeulen",
    )
    signed = EngagementFactory(
        production=production, department="cast", function="", custom_function="Célimène", contact__name="Inès Lambert"
    )
    RequiredDocumentFactory(
        production=production, kind=DocumentKind.PORTRAIT_RELEASE, engagement=signed, status=DocumentStatus.RECEIVED
    )
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)

    # Act: draw up the contract from the French freelance template
    page.goto(reverse("contracts:create", kwargs={"pk": production.pk}))
    template_label = f"Convention de prestation de services (indépendant) — {tr('fr', 'French')}"
    page.get_by_label(label(tr("fr", "template"))).select_option(label=template_label)
    page.get_by_label(label(tr("fr", "title"))).fill("Régie lumière")
    page.get_by_label(label(tr("fr", "other party"))).select_option(label="Amélie Dupont")
    page.get_by_label(label(tr("fr", "subject"))).fill("la régie lumière des représentations")
    page.get_by_label(label(tr("fr", "fee or rate"))).fill("350")
    page.get_by_label(label(tr("fr", "unit"))).select_option(label=tr("fr", "per day"))
    page.get_by_label(label(tr("fr", "total amount"))).fill("3500")
    page.get_by_label(label(tr("fr", "working or performance days"))).fill("2027-02-01, 2027-02-02")
    page.get_by_role("button", name=tr("fr", "Save")).click()
    expect(page.get_by_text(tr("fr", "All checks passed: the contract can be sent."))).to_be_visible()

    # Act: link it to the budget line and schedule a deposit on signature
    page.get_by_label(label(tr("fr", "budget line"))).select_option(value=str(line.key))
    page.get_by_label(label(tr("fr", "amount"))).fill("3500")
    page.get_by_role("button", name=tr("fr", "Link")).click()
    page.get_by_role("link", name=tr("fr", "Schedule a payment")).click()
    page.get_by_label(label(tr("fr", "description"))).fill("Acompte")
    page.get_by_label(label(tr("fr", "amount"))).fill("1050")
    page.get_by_label(label(tr("fr", "falls due"))).select_option(label=tr("fr", "After signature"))
    page.get_by_role("button", name=tr("fr", "Save")).click()

    # Act: send it (real SMTP)
    page.get_by_role("button", name=tr("fr", "Send the contract")).click()
    expect(page.locator(".badge.status-sent")).to_have_text(tr("fr", "Sent"))
    received = mailbox.wait_for(1)[0]
    assert received.to == "amelie@example.be"
    link = received.links()[0]

    # Act: the technician opens the link without an account and accepts
    technician_page = page.context.browser.new_context(locale="fr-BE").new_page()
    problems.watch(technician_page)
    technician_page.goto(link)
    expect(technician_page.get_by_role("heading", level=1)).to_have_text(
        "Convention de prestation de services (indépendant)"
    )
    expect(technician_page.locator(".contract-text")).to_contain_text("la régie lumière des représentations")
    accept = technician_page.locator("section.accept")
    accept.get_by_label(label(tr("fr", "your full name"))).fill("Amélie Dupont")
    accept.get_by_label(tr("fr", "I have read the contract and I accept it.")).check()
    accept.get_by_role("button", name=tr("fr", "Accept"), exact=True).click()
    expect(technician_page.get_by_role("heading", level=1)).to_have_text(
        tr("fr", "Thank you: the contract is accepted")
    )

    # Assert: signed, and a commitment against the budget line
    contract = Contract.objects.get(title="Régie lumière")
    page.goto(reverse("contracts:detail", kwargs={"pk": production.pk, "contract_pk": contract.pk}))
    expect(page.locator(".badge.status-signed")).to_have_text(tr("fr", "Signed"))
    expect(page.locator(".commitment-note")).to_be_visible()
    expect(page.locator(".acceptance")).to_contain_text("Amélie Dupont")
    commitments = [c for c in commitments_for_budget(budget["version"].budget) if c.source == "contracts"]
    assert [(c.line_key, c.amount) for c in commitments] == [(line.key, Decimal("3500.00"))]

    # Act: approve the deposit and pay it through a SEPA file
    page.goto(reverse("contracts:payments", kwargs={"pk": production.pk}))
    page.locator(".payments-week").get_by_role("button", name=tr("fr", "Approve")).click()
    page.get_by_role("link", name=tr("fr", "Make a SEPA payment file")).click()
    page.get_by_label("Amélie Dupont", exact=False).check()
    page.get_by_label(label(tr("fr", "IBAN to pay from"))).fill("BE68 5390 0754 7034")
    page.get_by_role("button", name=tr("fr", "Make the file")).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=".xml", exact=False).click()
    saved = tmp_path / "pain001.xml"
    download_info.value.save_as(saved)

    # Assert: a valid pain.001 file for the deposit; the payment is in the batch
    xml = saved.read_bytes()
    assert sepa.schema_errors(xml) == []
    assert b'<InstdAmt Ccy="EUR">1050.00</InstdAmt>' in xml
    assert b"BE71096123456769" in xml
    assert Payment.objects.get().status == PaymentStatus.IN_BATCH

    # Assert: the register shows the cast member without a portrait-rights release
    page.goto(reverse("contracts:register", kwargs={"pk": production.pk}))
    releases = page.locator(".missing-release")
    expect(releases).to_have_count(1)
    expect(releases).to_contain_text(missing.contact.name)

    # Assert: on a phone the contract page does not scroll sideways
    page.set_viewport_size(PHONE)
    page.goto(reverse("contracts:detail", kwargs={"pk": production.pk, "contract_pk": contract.pk}))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    assert problems.items == []
