"""The XLSX export: live formulas whose cached values are Regie's totals to the cent."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.budgets.models import Line
from regie.budgets.queries import sheet_for_version
from regie.budgets.xlsx import workbook
from tests.factories import ProductionFactory, member_of

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")


def cents(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


@pytest.fixture
def version():
    production = ProductionFactory(title="De Storm", currency="EUR")
    user = member_of(production, Role.PRODUCTION_MANAGER)
    version = services.create_budget(production, CHARTS["theatre"], name="v1", by=user)
    version.exchange_rates = {"USD": "0.9137"}
    version.vat_recoverable = False
    version.save()
    line = Line.objects.get(budget_version=version, description="Studio rent")
    line.currency, line.rate = "USD", Decimal("612.35")
    line.save()
    return version


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_workbook_cached_totals_equal_regie_to_the_cent(chart):
    # Arrange
    production = ProductionFactory(currency="EUR")
    user = member_of(production, Role.PRODUCTION_MANAGER)
    version = services.create_budget(production, CHARTS[chart], name="v1", by=user)
    sheet = sheet_for_version(version)

    # Act
    book = openpyxl.load_workbook(io.BytesIO(workbook(sheet)), data_only=True)

    # Assert
    top = book["Top sheet"]
    rows = {row[1].value: row[2].value for row in top.iter_rows(min_row=4) if row[1].value}
    assert {c.name: cents(rows[c.name]) for c in sheet.categories} == {
        c.name: sheet.result.categories[c.pk] for c in sheet.categories
    }
    assert (cents(rows["Direct costs"]), cents(rows["Total budget"])) == (sheet.result.direct, sheet.result.total)
    detail = book["Detail"]
    totals = [cents(row[-1].value) for row in detail.iter_rows(min_row=2)]
    assert totals == [sheet.result.lines[line.pk].total for line in _lines_in_order(sheet)]


def _lines_in_order(sheet):
    return [
        line
        for category in sheet.categories
        for account in sheet.accounts_by_category.get(category.pk, [])
        for line in sheet.lines_by_account.get(account.pk, [])
    ]


def test_workbook_has_formulas_with_globals_as_defined_names(version):
    # Arrange
    sheet = sheet_for_version(version)

    # Act
    book = openpyxl.load_workbook(io.BytesIO(workbook(sheet)))

    # Assert
    detail = book["Detail"]
    per_show = next(row for row in detail.iter_rows(min_row=2) if row[2].value == "Performers, per performance")
    assert per_show[3].value == "=G_PERFORMANCES"
    assert per_show[5].value == "=G_CAST_SIZE"
    assert per_show[9].value == f"=ROUND(D{per_show[0].row}*F{per_show[0].row}*G{per_show[0].row}*I{per_show[0].row},2)"
    assert book.defined_names["G_TOUR_DAYS"].attr_text == "'Globals'!$C$6"
    assert book["Globals"]["C6"].value == "=(G_PERFORMANCES+4)"
    assert book["Top sheet"]["C12"].value.startswith("=SUM(")


def test_workbook_foreign_currency_and_vat_cached_to_the_cent(version):
    # Arrange
    sheet = sheet_for_version(version)

    # Act
    book = openpyxl.load_workbook(io.BytesIO(workbook(sheet)), data_only=True)

    # Assert
    rows = {row[1].value: row[2].value for row in book["Top sheet"].iter_rows(min_row=4) if row[1].value}
    rent = next(row for row in book["Detail"].iter_rows(min_row=2) if row[2].value == "Studio rent")
    assert cents(rent[9].value) == Decimal("3357.03")  # 6 weeks x 612.35 USD x 0.9137 = 3357.0252
    assert (cents(rows["VAT"]), cents(rows["Total budget"])) == (sheet.result.vat, sheet.result.total)
    assert sheet.result.vat > 0


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed here, so the recalculated values cannot be checked",
)
def test_workbook_recalculated_by_libreoffice_equals_regie(version, tmp_path):
    # Arrange: openpyxl saves the formulas without their cached values, so LibreOffice must compute them
    sheet = sheet_for_version(version)
    formulas = openpyxl.load_workbook(io.BytesIO(workbook(sheet)))
    source = tmp_path / "budget.xlsx"
    formulas.save(source)
    office = shutil.which("soffice") or shutil.which("libreoffice")

    # Act
    subprocess.run(
        [office, "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    book = openpyxl.load_workbook(tmp_path / "out" / "budget.xlsx", data_only=True)

    # Assert
    rows = {row[1].value: row[2].value for row in book["Top sheet"].iter_rows(min_row=4) if row[1].value}
    totals = [cents(row[-1].value) for row in book["Detail"].iter_rows(min_row=2)]
    assert {c.name: cents(rows[c.name]) for c in sheet.categories} == {
        c.name: sheet.result.categories[c.pk] for c in sheet.categories
    }
    assert (cents(rows["VAT"]), cents(rows["Total budget"])) == (sheet.result.vat, sheet.result.total)
    assert totals == [sheet.result.lines[line.pk].total for line in _lines_in_order(sheet)]


def test_export_view_answers_xlsx_file(client, version):
    # Arrange
    client.force_login(member_of(version.budget.production, Role.ACCOUNTANT))

    # Act
    response = client.get(
        reverse("budgets:export_xlsx", kwargs={"pk": version.budget.production_id, "version_pk": version.pk})
    )

    # Assert
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="de-storm-budget-v1.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
    assert book.sheetnames == ["Top sheet", "Accounts", "Detail", "Globals", "Fringes"]


def test_workbook_in_french_names_sheets_and_keeps_formulas_working(version):
    # Arrange
    sheet = sheet_for_version(version)

    # Act
    with translation.override("fr"):
        content = workbook(sheet)
    book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)

    # Assert
    assert book.sheetnames == ["Récapitulatif", "Postes", "Détail", "Variables globales", "Charges sociales"]
    rows = {row[1].value: row[2].value for row in book["Récapitulatif"].iter_rows(min_row=4) if row[1].value}
    assert cents(rows["Budget total"]) == sheet.result.total
    formulas = openpyxl.load_workbook(io.BytesIO(content))
    assert formulas["Récapitulatif"]["C4"].value == "=SUM('Postes'!D2:D3)"
