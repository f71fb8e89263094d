"""Purchase orders, invoices and expenses, receipts, estimates to complete and the cost report pages.

Who gets 403 and 404 on which page is walked for every URL in tests/core/test_url_walker.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from regie.accounts.roles import Role
from regie.budgets import cost_services
from regie.budgets.commitments import commitments_for_budget
from regie.budgets.cost_models import (
    Cost,
    CostAllocation,
    EstimateToComplete,
    OrderStatus,
    PaymentStatus,
    PurchaseOrder,
)
from regie.core.models import AuditEntry
from tests.factories import (
    BudgetFactory,
    BudgetVersionFactory,
    ContactFactory,
    LineFactory,
    ProductionFactory,
    PurchaseOrderFactory,
    cost_on,
    member_of,
)

pytestmark = pytest.mark.django_db
D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def production():
    return ProductionFactory(title="De Storm", currency="EUR")


@pytest.fixture
def manager(production):
    return member_of(production, Role.PRODUCTION_MANAGER)


@pytest.fixture
def version(production):
    return BudgetVersionFactory(
        budget=BudgetFactory(production=production), number=1, currency="EUR", exchange_rates={"USD": "0.9"}
    )


@pytest.fixture
def lights(version):
    return LineFactory(account__category__budget_version=version, description="Lights", quantity="1", rate=1000)


@pytest.fixture
def sound(lights):
    return LineFactory(account=lights.account, description="Sound", quantity="1", rate=500)


@pytest.fixture
def client_of(manager):
    client = Client()
    client.force_login(manager)
    return client


def url(name: str, production, **kwargs) -> str:
    return reverse(f"budgets:{name}", kwargs={"pk": production.pk, **kwargs})


def invoice_data(line, **changes) -> dict:
    data = {
        "kind": "invoice",
        "number": "F-2027-001",
        "supplier_name": "Lumen Rent",
        "invoice_date": "2027-01-20",
        "currency": "",
        "vat_amount": "21.00",
        "split-0-line": str(line.key),
        "split-0-amount": "100.00",
    }
    return {**data, **changes}


def order_data(line, **changes) -> dict:
    data = {
        "line": str(line.key),
        "supplier_name": "Lumen Rent",
        "date": "2027-01-12",
        "description": "Lighting rental",
        "amount": "800",
        "currency": "",
        "vat_percent": "21",
    }
    return {**data, **changes}


# Purchase orders


def test_order_add_numbers_orders_in_sequence_and_logs(production, lights, client_of):
    # Act
    client_of.post(url("order_add", production), order_data(lights))
    response = client_of.post(url("order_add", production), order_data(lights, description="Haze"))

    # Assert
    numbers = list(PurchaseOrder.objects.order_by("number").values_list("number", "description", "status"))
    assert response.status_code == 302
    assert numbers == [(1, "Lighting rental", "draft"), (2, "Haze", "draft")]
    assert AuditEntry.objects.filter(action="budgets.order.added").count() == 2


def test_order_open_amount_is_committed_until_invoiced(production, lights, manager):
    # Arrange
    order = PurchaseOrderFactory(budget=lights.budget_version.budget, line_key=lights.key, amount=D(800), number=1)
    cost_on(lights, 300, order=order)

    # Act
    commitments = commitments_for_budget(lights.budget_version.budget)

    # Assert
    assert [(c.line_key, c.amount, c.source, c.label) for c in commitments] == [
        (lights.key, D(500), "purchase_orders", "PO 0001 — Lumen Rent")
    ]


def test_order_draft_or_closed_commits_nothing(production, lights, manager):
    # Arrange
    budget = lights.budget_version.budget
    PurchaseOrderFactory(budget=budget, line_key=lights.key, status=OrderStatus.DRAFT)
    closed = PurchaseOrderFactory(budget=budget, line_key=lights.key)
    cost_services.set_order_status(closed, OrderStatus.CLOSED, by=manager)

    # Act
    commitments = commitments_for_budget(budget)

    # Assert
    assert commitments == []


def test_order_status_refuses_reopening_a_cancelled_order(production, lights, client_of):
    # Arrange
    order = PurchaseOrderFactory(
        budget=lights.budget_version.budget, line_key=lights.key, status=OrderStatus.CANCELLED, number=1
    )

    # Act
    response = client_of.post(url("order_status", production, order_pk=order.pk), {"status": "issued"}, follow=True)

    # Assert
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert "PO 0001 is Cancelled and cannot become Issued." in response.content.decode()


def test_order_add_refuses_negative_amount(production, lights, client_of):
    # Act
    response = client_of.post(url("order_add", production), order_data(lights, amount="-5"))

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == ["Ensure this value is greater than or equal to 0."]
    assert PurchaseOrder.objects.count() == 0


def test_order_add_with_a_supplier_from_the_address_book(production, lights, client_of):
    # Arrange
    contact = ContactFactory(organisation=production.organisation, name="Lumen BV")

    # Act
    client_of.post(url("order_add", production), order_data(lights, supplier_name="", supplier=contact.pk))

    # Assert
    assert PurchaseOrder.objects.get().supplier_label == "Lumen BV"


# Invoices and expenses


def test_invoice_split_over_two_lines(production, lights, sound, client_of):
    # Act
    response = client_of.post(
        url("cost_add", production),
        invoice_data(lights, **{"split-0-amount": "60.00", "split-1-line": str(sound.key), "split-1-amount": "40.50"}),
    )

    # Assert
    cost = Cost.objects.get()
    assert response.status_code == 302
    assert (cost.amount, cost.vat_amount, cost.total) == (D("100.50"), D("21.00"), D("121.50"))
    assert list(cost.allocations.values_list("line_key", "amount")) == [
        (lights.key, D("60.00")),
        (sound.key, D("40.50")),
    ]
    assert AuditEntry.objects.filter(action="budgets.cost.added").count() == 1


def test_invoice_against_an_order_reduces_its_commitment(production, lights, client_of):
    # Arrange
    order = PurchaseOrderFactory(budget=lights.budget_version.budget, line_key=lights.key, amount=D(800))

    # Act
    client_of.post(url("cost_add", production), invoice_data(lights, order=order.pk, **{"split-0-amount": "750"}))

    # Assert
    assert [c.amount for c in commitments_for_budget(order.budget)] == [D(50)]


def test_invoice_duplicate_number_of_same_supplier_is_refused(production, lights, client_of):
    # Arrange
    cost_on(lights, 10, number="F-2027-001", supplier_name="Lumen Rent")

    # Act
    response = client_of.post(url("cost_add", production), invoice_data(lights, supplier_name="  lumen  rent "))

    # Assert
    html = response.content.decode()
    assert response.status_code == 400
    assert "Invoice F-2027-001 of lumen  rent is recorded already." in html
    assert (Cost.objects.count(), CostAllocation.objects.count()) == (1, 1)


def test_invoice_same_number_of_another_supplier_is_accepted(production, lights, client_of):
    # Arrange
    cost_on(lights, 10, number="F-2027-001", supplier_name="Lumen Rent")

    # Act
    response = client_of.post(url("cost_add", production), invoice_data(lights, supplier_name="Klank BV"))

    # Assert
    assert (response.status_code, Cost.objects.count()) == (302, 2)


def test_invoice_in_a_currency_without_rate_is_refused(production, lights, client_of):
    # Act
    response = client_of.post(url("cost_add", production), invoice_data(lights, currency="GBP"))

    # Assert
    assert response.context["form"].errors["currency"] == [
        "The budget has no exchange rate for GBP. Add one in the version's settings first."
    ]
    assert Cost.objects.count() == 0


def test_invoice_negative_amounts_are_refused(production, lights, client_of):
    # Act
    response = client_of.post(
        url("cost_add", production), invoice_data(lights, vat_amount="-1", **{"split-0-amount": "-100"})
    )

    # Assert
    form = response.context["form"]
    assert form.errors["vat_amount"] == ["Ensure this value is greater than or equal to 0."]
    assert form.splits[0].errors["amount"] == ["Ensure this value is greater than or equal to 0."]
    assert Cost.objects.count() == 0


def test_invoice_without_any_line_is_refused(production, lights, client_of):
    # Act
    response = client_of.post(
        url("cost_add", production), invoice_data(lights, **{"split-0-line": "", "split-0-amount": ""})
    )

    # Assert
    assert response.context["form"].non_field_errors() == [
        "Code the cost to at least one budget line, with its amount excluding VAT."
    ]
    assert Cost.objects.count() == 0


def test_invoice_needs_its_number_but_an_expense_does_not(production, lights, client_of):
    # Act
    invoice = client_of.post(url("cost_add", production), invoice_data(lights, number=""))
    expense = client_of.post(url("cost_add", production), invoice_data(lights, number="", kind="expense"))

    # Assert
    assert invoice.context["form"].errors["number"] == ["A supplier invoice needs its number."]
    assert (expense.status_code, Cost.objects.get().kind) == (302, "expense")


def test_invoice_receipt_that_is_not_a_pdf_or_image_is_refused(production, lights, client_of):
    # Arrange
    fake = SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    # Act
    response = client_of.post(url("cost_add", production), {**invoice_data(lights), "receipt": fake})

    # Assert
    assert response.context["form"].errors["receipt"] == ["The receipt must be a PDF, JPEG or PNG file."]
    assert Cost.objects.count() == 0


def test_invoice_receipt_too_large_is_refused(production, lights, client_of):
    # Arrange
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")

    # Act
    response = client_of.post(url("cost_add", production), {**invoice_data(lights), "receipt": big})

    # Assert
    assert response.context["form"].errors["receipt"] == [
        "The receipt is larger than 10 MB. Scan it at a lower resolution."
    ]
    assert Cost.objects.count() == 0


def test_invoice_receipt_is_stored_privately_and_served_by_its_view(production, lights, client_of):
    # Arrange
    upload = SimpleUploadedFile("../../evil.html", PNG, content_type="text/html")

    # Act
    client_of.post(url("cost_add", production), {**invoice_data(lights), "receipt": upload})
    cost = Cost.objects.get()
    response = client_of.get(url("cost_receipt", production, cost_pk=cost.pk))

    # Assert
    assert cost.receipt.name.startswith(f"receipts/{cost.budget_id}/") and cost.receipt.name.endswith(".png")
    assert (response.status_code, response["Content-Type"], response["X-Content-Type-Options"]) == (
        200,
        "image/png",
        "nosniff",
    )
    assert b"".join(response.streaming_content) == PNG


def test_invoice_of_another_organisation_is_not_found(production, lights, client_of):
    # Arrange
    other = LineFactory(budget_version=BudgetVersionFactory(budget=BudgetFactory(production=ProductionFactory())))
    foreign = cost_on(other, 10)

    # Act
    answers = [
        client_of.get(url("cost_edit", production, cost_pk=foreign.pk)).status_code,
        client_of.get(url("cost_receipt", production, cost_pk=foreign.pk)).status_code,
        client_of.post(url("cost_delete", production, cost_pk=foreign.pk)).status_code,
    ]

    # Assert
    assert answers == [404, 404, 404]
    assert Cost.objects.filter(pk=foreign.pk).exists()


def test_payment_marked_paid_by_the_accountant(production, lights):
    # Arrange
    cost = cost_on(lights, 10)
    client = Client()
    client.force_login(member_of(production, Role.ACCOUNTANT))

    # Act
    client.post(url("cost_payment", production, cost_pk=cost.pk), {"payment_status": "paid", "paid_on": "2027-02-01"})

    # Assert
    cost.refresh_from_db()
    assert (cost.payment_status, cost.paid_on) == (PaymentStatus.PAID, datetime.date(2027, 2, 1))
    assert AuditEntry.objects.filter(action="budgets.cost.payment").count() == 1


def test_payment_paid_without_a_date_is_refused(production, lights):
    # Arrange
    cost = cost_on(lights, 10)
    client = Client()
    client.force_login(member_of(production, Role.PRODUCER))

    # Act
    response = client.post(url("cost_payment", production, cost_pk=cost.pk), {"payment_status": "paid"}, follow=True)

    # Assert
    cost.refresh_from_db()
    assert cost.payment_status == PaymentStatus.UNPAID
    assert "Give the date it was paid." in response.content.decode()


def test_costs_list_queries_stay_flat(production, lights, manager, client, assert_flat_queries):
    # Arrange
    client.force_login(manager)
    cost_on(lights, 10, receipt="")

    # Act and assert
    assert_flat_queries(url("costs", production), lambda: [cost_on(lights, 5), cost_on(lights, 7)])


def test_orders_list_queries_stay_flat(production, lights, manager, client, assert_flat_queries):
    # Arrange
    client.force_login(manager)
    budget = lights.budget_version.budget
    PurchaseOrderFactory(budget=budget, line_key=lights.key)

    # Act and assert
    assert_flat_queries(
        url("orders", production),
        lambda: [PurchaseOrderFactory(budget=budget, line_key=lights.key) for _ in range(2)],
    )


# Estimates to complete and the cost report


def test_estimate_set_by_hand_shows_in_the_report_and_is_logged(production, lights, client_of):
    # Act
    response = client_of.post(
        url("estimate_edit", production, line_key=lights.key),
        {"version": "0", "amount": "250", "note": "Two days left"},
    )
    report = client_of.get(url("cost_report", production)).context["report"]

    # Assert
    assert response.status_code == 302
    assert (report.lines[lights.key].etc, report.lines[lights.key].etc_set) == (D(250), True)
    entry = AuditEntry.objects.get(action="budgets.estimate.set")
    assert entry.changes["amount"] == {"old": None, "new": "250.00"}


def test_estimate_two_people_at_once_second_gets_a_conflict(production, lights, client_of):
    # Arrange
    other = Client()
    other.force_login(member_of(production, Role.ACCOUNTANT))
    edit = url("estimate_edit", production, line_key=lights.key)
    first_version = client_of.get(edit).context["form"]["version"].value()
    second_version = other.get(edit).context["form"]["version"].value()

    # Act
    client_of.post(edit, {"version": first_version, "amount": "250", "note": ""})
    response = other.post(edit, {"version": second_version, "amount": "900", "note": ""})

    # Assert
    estimate = EstimateToComplete.objects.get()
    assert response.status_code == 409
    assert "Someone else saved this in the meantime." in response.content.decode()
    assert (estimate.amount, estimate.version) == (D(250), 1)
    assert response.context["form"]["amount"].value() == "900"


def test_estimate_emptied_goes_back_to_the_default(production, lights, manager, client_of):
    # Arrange
    cost_services.set_estimate(
        lights.budget_version.budget, lights.key, amount=D(5), note="", expected_version=0, by=manager
    )

    # Act
    client_of.post(url("estimate_edit", production, line_key=lights.key), {"version": "1", "amount": "", "note": ""})

    # Assert
    report = client_of.get(url("cost_report", production)).context["report"]
    assert (EstimateToComplete.objects.count(), report.lines[lights.key].etc) == (0, D(1000))


def test_cost_report_shows_budget_committed_actual_and_variance(production, lights, sound, client_of):
    # Arrange
    budget = lights.budget_version.budget
    PurchaseOrderFactory(budget=budget, line_key=lights.key, amount=D(300))
    cost_on(lights, 900)
    cost_on(sound, 100, currency="USD")

    # Act
    response = client_of.get(url("cost_report", production))

    # Assert
    total = response.context["report"].total
    assert (total.budget, total.committed, total.actual, total.etc, total.eac, total.variance) == (
        D(1500),
        D(300),
        D(990),
        D(410),
        D(1700),
        D(-200),
    )
    assert response.context["chart"] is not None
    assert 'class="burn-actual"' in response.content.decode()


def test_cost_report_names_a_missing_rate(production, lights, client_of):
    # Arrange
    cost_on(lights, 100, currency="GBP")

    # Act
    response = client_of.get(url("cost_report", production))

    # Assert
    assert response.context["report"].missing_rates == {"GBP"}
    assert "without an exchange rate in v1 (GBP)" in response.content.decode()


def test_cost_report_of_the_post_production_phase(production, lights, sound, client_of):
    # Arrange
    sound.phase = "post_production"
    sound.save()
    cost_on(sound, 40)
    cost_on(lights, 60)

    # Act
    report = client_of.get(url("cost_report", production) + "?phase=post_production").context["report"]

    # Assert
    assert (list(report.lines), report.total.budget, report.total.actual) == ([sound.key], D(500), D(40))


def test_cost_report_queries_stay_flat_with_more_invoices(
    production, lights, sound, manager, client, assert_flat_queries
):
    # Arrange
    client.force_login(manager)
    cost_on(lights, 10)
    PurchaseOrderFactory(budget=lights.budget_version.budget, line_key=lights.key)

    # Act and assert
    assert_flat_queries(
        url("cost_report", production),
        lambda: [
            cost_on(sound, 5),
            PurchaseOrderFactory(budget=lights.budget_version.budget, line_key=sound.key),
        ],
    )


def test_cost_report_exports_xlsx_with_the_same_totals(production, lights, client_of):
    # Arrange
    import io

    import openpyxl

    cost_on(lights, 250)

    # Act
    response = client_of.get(url("cost_report_xlsx", production))

    # Assert
    book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
    sheet = book.active
    total_row = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Total")
    assert total_row[2:] == (1000, 0, 250, 750, 1000, 0)


def test_cost_report_page_shows_accounts_and_the_lines_of_an_opened_account(production, lights, client_of):
    # Act
    closed = client_of.get(url("cost_report", production))
    opened = client_of.get(url("cost_report", production) + f"?account={lights.account_id}")

    # Assert
    assert [row.level for row in closed.context["rows"]] == ["category", "account"]
    assert [row.level for row in opened.context["rows"]] == ["category", "account", "line"]
    assert f'id="line-{lights.key}"' in opened.content.decode()


def test_production_with_orders_and_invoices_can_be_deleted(production, lights):
    # Arrange
    order = PurchaseOrderFactory(budget=lights.budget_version.budget, line_key=lights.key)
    cost_on(lights, 10, order=order)

    # Act
    production.delete()

    # Assert
    assert (PurchaseOrder.objects.count(), Cost.objects.count(), CostAllocation.objects.count()) == (0, 0, 0)


def test_order_of_another_organisation_is_not_found(production, lights, client_of):
    # Arrange
    other = LineFactory(budget_version=BudgetVersionFactory(budget=BudgetFactory(production=ProductionFactory())))
    foreign = PurchaseOrderFactory(budget=other.budget_version.budget, line_key=other.key, status=OrderStatus.DRAFT)

    # Act
    answers = [
        client_of.get(url("order_edit", production, order_pk=foreign.pk)).status_code,
        client_of.post(url("order_status", production, order_pk=foreign.pk), {"status": "issued"}).status_code,
    ]

    # Assert
    foreign.refresh_from_db()
    assert (answers, foreign.status) == ([404, 404], OrderStatus.DRAFT)


def test_invoice_edited_from_a_stale_form_conflicts_and_keeps_the_first_save(production, lights, client_of):
    # Arrange
    cost = cost_on(lights, 100, number="F-1", supplier_name="Lumen Rent")
    edit = url("cost_edit", production, cost_pk=cost.pk)
    client_of.post(edit, invoice_data(lights, number="F-1", version="1", **{"split-0-amount": "120"}))

    # Act
    response = client_of.post(edit, invoice_data(lights, number="F-1", version="1", **{"split-0-amount": "999"}))

    # Assert
    cost.refresh_from_db()
    assert response.status_code == 409
    assert (cost.amount, cost.version) == (D(120), 2)


def test_invoice_receipt_replaced_removes_the_old_file(
    production, lights, client_of, django_capture_on_commit_callbacks
):
    # Arrange
    client_of.post(url("cost_add", production), {**invoice_data(lights), "receipt": SimpleUploadedFile("a.pdf", PDF)})
    cost = Cost.objects.get()
    old = cost.receipt.name
    storage = cost.receipt.storage

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        client_of.post(
            url("cost_edit", production, cost_pk=cost.pk),
            {**invoice_data(lights, version="1"), "receipt": SimpleUploadedFile("b.png", PNG)},
        )

    # Assert
    cost.refresh_from_db()
    assert (storage.exists(old), storage.exists(cost.receipt.name), cost.receipt_type) == (False, True, "image/png")
