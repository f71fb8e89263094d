"""Changing and deleting payments and invoices as a production manager would, through the pages:
an approved payment saved unchanged stays approved, changed from the register it goes back to be
approved again; two managers on the same payment, the second told (in French) that someone saved
first, then saving again; a paid payment and one in a SEPA file that cannot be deleted, an open one
that can; a supplier invoice changed; our own invoices deleted only from the end of the year's
numbers (in French). The delete buttons ask for confirmation; the tests accept it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.contracts.models import Invoice, InvoiceDirection, Payment, PaymentBatch, PaymentStatus
from regie.contracts.payments import create_invoice
from regie.core.formatting import format_money
from tests.browser.conftest import PageProblems, label, sign_in_with_cookie, tr
from tests.factories import ContractFactory, InvoiceFactory, PaymentFactory, ProductionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def short_date(day: datetime.date, language: str) -> str:
    """A date as the register shows it in `language`."""
    with translation.override(language):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


def accept_dialogs(page: Page) -> list[str]:
    """Accept every confirmation the page asks; the list collects their questions."""
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return asked


def test_approved_payment_changed_from_the_register_goes_back_to_due(
    page: Page, live_url: str, problems: PageProblems
) -> None:
    # Arrange: a deposit due this week, approved by the producer
    today = timezone.localdate()
    production = ProductionFactory(title="De Meeuw")
    producer = member_of(production, Role.PRODUCER)
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    contract = ContractFactory(production=production, counterparty__name="Amélie Dupont")
    payment = PaymentFactory(
        contract=contract,
        label="Acompte",
        amount=Decimal("1000.00"),
        due_date=today + datetime.timedelta(days=2),
        status=PaymentStatus.APPROVED,
        approved_by=producer,
        approved_at=timezone.now(),
    )
    later = today + datetime.timedelta(days=40)
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)
    page.goto(reverse("contracts:payments", kwargs={"pk": production.pk}))
    week_row = page.locator(".payments-week tr", has_text="Acompte")
    expect(week_row).to_contain_text(tr("en", "Approved"))

    # Act: saving the form unchanged keeps the approval
    week_row.get_by_role("link", name=tr("en", "Edit")).click()
    page.get_by_role("button", name=tr("en", "Save")).click()
    expect(page.locator(".messages")).to_contain_text(tr("en", "The payment was saved."))
    payment.refresh_from_db()
    assert (payment.status, payment.approved_by, payment.version) == (PaymentStatus.APPROVED, producer, 1)

    # Act: change the amount and the due date
    page.locator(".contracts-nav").get_by_role("link", name=tr("en", "Payments")).click()
    page.locator(".payments-week tr", has_text="Acompte").get_by_role("link", name=tr("en", "Edit")).click()
    expect(page.get_by_label(label(tr("en", "amount")))).to_have_value("1000.00")
    page.get_by_label(label(tr("en", "amount"))).fill("1250")
    page.get_by_label(label(tr("en", "due on"))).fill(later.isoformat())
    page.get_by_role("button", name=tr("en", "Save")).click()
    expect(page.locator(".messages")).to_contain_text(tr("en", "The payment was saved."))

    # Assert: the register shows it later, at the new amount, due again (no longer approved)
    page.locator(".contracts-nav").get_by_role("link", name=tr("en", "Payments")).click()
    expect(page.locator(".payments-week tr", has_text="Acompte")).to_have_count(0)
    later_row = page.locator(".payments-later tr", has_text="Acompte")
    expect(later_row.locator("td:not(.actions)")).to_have_text(
        [
            "Amélie Dupont",
            "Acompte",
            contract.reference,
            short_date(later, "en"),
            format_money(Decimal("1250"), "EUR", "en"),
            tr("en", "Due"),
        ]
    )
    payment.refresh_from_db()
    assert (payment.amount, payment.due_date, payment.status) == (Decimal("1250.00"), later, PaymentStatus.DUE)
    assert (payment.approved_by, payment.approved_at, payment.version) == (None, None, 2)
    assert problems.items == []


def test_second_manager_saving_the_same_payment_is_told_in_french_and_can_save_again(
    page: Page, new_context: Any, live_url: str, problems: PageProblems
) -> None:
    # Arrange: one payment; an English and a French production manager open its form at once
    production = ProductionFactory()
    first = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    second = member_of(production, Role.PRODUCTION_MANAGER, language="fr")
    payment = PaymentFactory(contract=ContractFactory(production=production), label="Acompte", amount=Decimal("1000"))
    edit_url = reverse("contracts:payment_edit", kwargs={"pk": production.pk, "payment_pk": payment.pk})
    problems.watch(page)
    sign_in_with_cookie(page.context, first, live_url)
    page.goto(edit_url)
    other = problems.watch(new_context().new_page())
    sign_in_with_cookie(other.context, second, live_url)
    other.goto(edit_url)

    # Act: the first saves a new amount; the second, still on the old form, a new amount and description
    page.get_by_label(label(tr("en", "amount"))).fill("1100")
    page.get_by_role("button", name=tr("en", "Save")).click()
    expect(page.locator(".messages")).to_contain_text(tr("en", "The payment was saved."))
    other.get_by_label(label(tr("fr", "amount"))).fill("900")
    other.get_by_label(label(tr("fr", "description"))).fill("Acompte révisé")
    other.get_by_role("button", name=tr("fr", "Save")).click()

    # Assert: the conflict in French, the second's input still in the form, the first's change kept
    conflict = tr(
        "fr",
        "Someone else saved this in the meantime. Your changes were not saved; they are still in "
        "the form below. Check the current values and save again.",
    )
    expect(other.locator("form.grid-form .errorlist")).to_have_text(conflict)
    expect(other.get_by_label(label(tr("fr", "amount")))).to_have_value("900")
    expect(other.get_by_label(label(tr("fr", "description")))).to_have_value("Acompte révisé")
    payment.refresh_from_db()
    assert (payment.amount, payment.label, payment.version) == (Decimal("1100.00"), "Acompte", 2)

    # Act: having checked, the second saves again
    other.get_by_role("button", name=tr("fr", "Save")).click()

    # Assert: saved this time
    expect(other.locator(".messages")).to_contain_text(tr("fr", "The payment was saved."))
    payment.refresh_from_db()
    assert (payment.amount, payment.label, payment.version) == (Decimal("900.00"), "Acompte révisé", 3)
    assert problems.items == []


def test_paid_payment_and_one_in_a_sepa_file_cannot_be_deleted_an_open_one_can(
    page: Page, live_url: str, problems: PageProblems
) -> None:
    # Arrange: a deposit and a balance due, a fee already in a SEPA file
    today = timezone.localdate()
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    contract = ContractFactory(production=production)
    deposit = PaymentFactory(contract=contract, label="Acompte", due_date=today)
    balance = PaymentFactory(contract=contract, label="Solde", due_date=today + datetime.timedelta(days=1))
    batch = PaymentBatch.objects.create(
        production=production,
        number=1,
        message_id=f"REGIE-{production.pk}-0001",
        execution_date=today,
        debtor_name="Compagnie",
        debtor_iban="BE68539007547034",
        total=Decimal("1000.00"),
        xml="<Document/>",
    )
    in_file = PaymentFactory(
        contract=contract, label="Cachet", due_date=today, status=PaymentStatus.IN_BATCH, batch=batch
    )
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)
    register = reverse("contracts:payments", kwargs={"pk": production.pk})
    asked = accept_dialogs(page)

    # Act: open the deposit's form; meanwhile, in another tab, mark the deposit as paid
    page.goto(register)
    page.locator(".payments-week tr", has_text="Acompte").get_by_role("link", name=tr("en", "Edit")).click()
    tab = problems.watch(page.context.new_page())
    asked += accept_dialogs(tab)
    tab.goto(register)
    tab.locator(".payments-week tr", has_text="Acompte").get_by_role("button", name=tr("en", "Mark as paid")).click()
    expect(tab.locator(".messages")).to_contain_text(tr("en", "The payment was marked as paid."))
    page.get_by_role("button", name=tr("en", "Delete this payment")).click()

    # Assert: refused, with the reason, back on its form; still there
    refused = tr("en", "A payment that is paid or in a payment file cannot be deleted.")
    expect(page.locator(".messages .msg-error")).to_have_text(refused)
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("en", "Change a payment"))
    assert Payment.objects.get(pk=deposit.pk).status == PaymentStatus.PAID

    # Assert: the payment in the SEPA file has no edit link in the register; its form refuses the delete too
    tab.goto(register)
    expect(tab.locator(".payments-week tr", has_text="Cachet")).to_contain_text(tr("en", "In a payment file"))
    expect(
        tab.locator(".payments-week tr", has_text="Cachet").get_by_role("link", name=tr("en", "Edit"))
    ).to_have_count(0)
    tab.goto(reverse("contracts:payment_edit", kwargs={"pk": production.pk, "payment_pk": in_file.pk}))
    tab.get_by_role("button", name=tr("en", "Delete this payment")).click()
    expect(tab.locator(".messages .msg-error")).to_have_text(refused)
    assert Payment.objects.filter(pk=in_file.pk, batch=batch).exists()

    # Act: delete the balance, which is only due
    page.goto(register)
    page.locator(".payments-week tr", has_text="Solde").get_by_role("link", name=tr("en", "Edit")).click()
    page.get_by_role("button", name=tr("en", "Delete this payment")).click()

    # Assert: deleted, back on the contract; gone from the register and the database
    expect(page.locator(".messages .msg-success")).to_have_text(tr("en", "The payment was deleted."))
    expect(page.get_by_role("heading", level=1)).to_contain_text(contract.reference)
    page.locator(".contracts-nav").get_by_role("link", name=tr("en", "Payments")).click()
    expect(page.locator(".payments-week tr", has_text="Cachet")).to_have_count(1)
    expect(page.locator("table.payments tr", has_text="Solde")).to_have_count(0)
    assert not Payment.objects.filter(pk=balance.pk).exists()
    assert set(asked) == {tr("en", "Delete this payment? The history keeps a record of it.")}
    assert problems.items == []


def test_french_manager_changes_a_supplier_invoice_and_deletes_only_our_last_invoice(
    page: Page, live_url: str, problems: PageProblems
) -> None:
    # Arrange: a supplier invoice of 100 + 21 % VAT and two invoices of ours, numbered by Regie
    production = ProductionFactory(title="Le Misanthrope")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="fr")
    contract = ContractFactory(production=production, counterparty__name="Théâtre de la Balsamine")
    supplier = InvoiceFactory(contract=contract, number="F-2027-117", description="Location de projecteurs")
    ours = [
        create_invoice(
            Invoice(
                production=production,
                direction=InvoiceDirection.OUTGOING,
                contact=contract.counterparty,
                contract=contract,
                issue_date=datetime.date(2027, 2, day),
                due_date=datetime.date(2027, 3, day),
                description=f"Représentation du {day} février",
                net_amount=Decimal("2000.00"),
                vat_rate=Decimal("6.00"),
            ),
            by=manager,
        )
        for day in (3, 4)
    ]
    first, last = ours
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)
    asked = accept_dialogs(page)

    # Act: change the supplier invoice's amount and VAT rate
    page.goto(reverse("contracts:invoices", kwargs={"pk": production.pk}))
    page.locator("table.invoices tr", has_text="F-2027-117").get_by_role("link", name=tr("fr", "Edit")).click()
    page.get_by_label(label(tr("fr", "amount excluding VAT"))).fill("250")
    page.get_by_label(label(tr("fr", "VAT (%)"))).fill("6")
    page.get_by_role("button", name=tr("fr", "Save")).click()

    # Assert: the list shows the new VAT and total
    expect(page.locator(".messages")).to_contain_text(tr("fr", "The invoice was saved."))
    row = page.locator("table.invoices tr", has_text="F-2027-117")
    expect(row.locator("td.num")).to_have_text(
        [format_money(Decimal(n), "EUR", "fr") for n in ("250.00", "15.00", "265.00")]
    )
    supplier.refresh_from_db()
    assert (supplier.net_amount, supplier.vat_amount, supplier.total) == (
        Decimal("250.00"),
        Decimal("15.00"),
        Decimal("265.00"),
    )

    # Act: try to delete our first invoice of the year
    page.locator("table.invoices tr", has_text=first.number).get_by_role("link", name=tr("fr", "Edit")).click()
    page.get_by_role("button", name=tr("fr", "Delete this invoice")).click()

    # Assert: refused in French, with the advice of a credit note; both invoices still listed
    expect(page.locator(".messages .msg-error")).to_have_text(
        tr(
            "fr",
            "Our invoices are numbered without gaps: only the last one of the year can be deleted. "
            "Send a credit note instead.",
        )
    )
    expect(page.locator("table.invoices tr", has_text=first.number)).to_have_count(1)
    expect(page.locator("table.invoices tr", has_text=last.number)).to_have_count(1)
    assert Invoice.objects.filter(pk=first.pk).exists()

    # Act: delete the last one
    page.locator("table.invoices tr", has_text=last.number).get_by_role("link", name=tr("fr", "Edit")).click()
    page.get_by_role("button", name=tr("fr", "Delete this invoice")).click()

    # Assert: deleted; the first one stays
    expect(page.locator(".messages .msg-success")).to_have_text(tr("fr", "The invoice was deleted."))
    expect(page.locator("table.invoices tr", has_text=last.number)).to_have_count(0)
    expect(page.locator("table.invoices tr", has_text=first.number)).to_have_count(1)
    assert list(Invoice.objects.filter(direction=InvoiceDirection.OUTGOING).values_list("number", flat=True)) == [
        first.number
    ]
    assert asked == [tr("fr", "Delete this invoice? The history keeps a record of it.")] * 2
    assert problems.items == []
