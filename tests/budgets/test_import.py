"""A budget read back from a workbook in the layout of the export: preview, per-row errors, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.budgets.models import BudgetVersion, Line
from regie.budgets.queries import sheet_for_version
from regie.budgets.xlsx import workbook
from regie.core.models import AuditEntry
from tests.factories import ProductionFactory, member_of

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def production():
    return ProductionFactory(title="De Storm", currency="EUR")


@pytest.fixture
def manager(production):
    return member_of(production, Role.PRODUCTION_MANAGER)


@pytest.fixture
def theatre(production, manager):
    version = services.create_budget(production, CHARTS["theatre"], name="First estimate", by=manager)
    version.exchange_rates = {"USD": "0.9"}
    version.contingency_percent = Decimal("7.5")
    version.vat_recoverable = False
    version.save()
    line = Line.objects.filter(budget_version=version).first()
    line.currency, line.rate = "USD", Decimal("123.45")
    line.save()
    return version


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("budget.xlsx", content, content_type=XLSX)


def test_import_round_trip_gives_the_same_totals(production, theatre, manager):
    # Arrange
    before = sheet_for_version(theatre)
    content = workbook(before)
    client = Client()
    client.force_login(manager)
    address = reverse("budgets:import_xlsx", kwargs={"pk": production.pk})

    # Act
    preview = client.post(address, {"file": upload(content)})
    versions_after_preview = BudgetVersion.objects.count()
    confirmed = client.post(address, {"confirm": "1"})

    # Assert
    imported = BudgetVersion.objects.get(number=2)
    after = sheet_for_version(imported)
    assert preview.context["result"].errors == []
    assert preview.context["preview"].result.total == before.result.total
    assert versions_after_preview == 1
    assert confirmed.status_code == 302
    assert (after.result.total, after.result.direct, after.result.vat) == (
        before.result.total,
        before.result.direct,
        before.result.vat,
    )
    assert after.result.globals == before.result.globals
    assert sorted(after.result.categories.values()) == sorted(before.result.categories.values())
    assert {line.key for line in after.lines} == {line.key for line in before.lines}
    assert AuditEntry.objects.filter(action="budgets.version.imported").count() == 1


def test_import_reports_errors_per_row_in_the_users_language_and_writes_nothing(production, theatre):
    # Arrange
    book = openpyxl.load_workbook(io.BytesIO(workbook(sheet_for_version(theatre))))
    detail = book.worksheets[2]
    detail["D3"] = "abc("
    detail["E4"] = "fortnight"
    detail["B5"] = "99.99"
    output = io.BytesIO()
    book.save(output)
    client = Client()
    client.force_login(member_of(production, Role.PRODUCER, language="fr"))

    # Act
    response = client.post(
        reverse("budgets:import_xlsx", kwargs={"pk": production.pk}),
        {"file": upload(output.getvalue())},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    confirm = client.post(reverse("budgets:import_xlsx", kwargs={"pk": production.pk}), {"confirm": "1"})

    # Assert
    errors = response.context["result"].errors
    assert len(errors) == 3
    assert errors[0].startswith(f"{detail.title}, ligne 3")
    assert "fortnight" in errors[1] and "ligne 4" in errors[1]
    assert "99.99" in errors[2] and "ligne 5" in errors[2]
    assert "preview" not in response.context
    assert (confirm.status_code, BudgetVersion.objects.count()) == (302, 1)


def test_import_refuses_a_file_that_is_not_a_workbook(production, manager):
    # Arrange
    client = Client()
    client.force_login(manager)

    # Act
    response = client.post(
        reverse("budgets:import_xlsx", kwargs={"pk": production.pk}), {"file": upload(b"%PDF-1.4 not a workbook")}
    )

    # Assert
    assert response.context["form"].errors["file"] == ["This file is not an XLSX workbook."]
    assert BudgetVersion.objects.count() == 0


def test_import_without_a_budget_creates_it(production, theatre, manager):
    # Arrange
    content = workbook(sheet_for_version(theatre))
    other = ProductionFactory(organisation=production.organisation, currency="EUR")
    client = Client()
    client.force_login(member_of(other, Role.PRODUCTION_MANAGER))
    address = reverse("budgets:import_xlsx", kwargs={"pk": other.pk})

    # Act
    client.post(address, {"file": upload(content)})
    client.post(address, {"confirm": "1"})

    # Assert
    imported = BudgetVersion.objects.get(budget__production=other)
    assert (imported.number, sheet_for_version(imported).result.total) == (1, sheet_for_version(theatre).result.total)
