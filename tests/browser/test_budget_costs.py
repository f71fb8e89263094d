"""The budget's path from the issue's “done when”: a theatre budget from the template, globals set,
fringes applied, v1 locked, v2 made and compared, invoices recorded, the cost report and its
chart read, and the budget exported to XLSX and opened."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.budgets.models import BudgetVersion, Line, Status
from regie.budgets.queries import sheet_for_version
from regie.core.formatting import format_money
from tests.browser.conftest import PageProblems, label, sign_in_with_cookie, tr
from tests.factories import ProductionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EN = "en"


def test_budget_from_template_to_cost_report_and_export(page: Page, live_url: str, problems: PageProblems):
    # Arrange
    production = ProductionFactory(title="De Storm", currency="EUR", kind="theatre")
    manager = member_of(production, Role.PRODUCER, language=EN)
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)
    page.on("dialog", lambda dialog: dialog.accept())

    # Act: start from the theatre template
    page.goto(reverse("budgets:home", kwargs={"pk": production.pk}))
    page.get_by_role("link", name=tr(EN, "Draw up the budget")).click()
    page.get_by_role("button", name=tr(EN, "Create the budget")).click()
    v1 = BudgetVersion.objects.get(budget__production=production, number=1)

    # Act: set a global, on the globals page where the new budget lands
    row = page.locator("table.globals tr", has=page.locator("code", has_text=re.compile(r"^CAST_SIZE$")))
    row.get_by_role("link", name=tr(EN, "Edit")).click()
    page.get_by_label(label(tr(EN, "value"))).fill("6")
    page.get_by_role("button", name=tr(EN, "Save")).click()
    expect(
        page.locator("table.globals tr", has=page.locator("code", has_text=re.compile(r"^CAST_SIZE$"))).locator(
            "td.num"
        )
    ).to_have_text("6")

    # Assert: the fringes apply to the performers' line, which follows the global
    rehearsals = Line.objects.get(budget_version=v1, description="Performers, rehearsal weeks")
    page.goto(
        reverse(
            "budgets:account", kwargs={"pk": production.pk, "version_pk": v1.pk, "account_pk": rehearsals.account_id}
        )
    )
    result = sheet_for_version(v1).result.lines[rehearsals.pk]
    line_row = page.locator(f"#line-{rehearsals.pk}")
    expect(line_row.locator("td.num").nth(1)).to_have_text("6")
    expect(line_row.locator("td.small")).to_contain_text(format_money(result.fringe_total, "EUR", EN))
    assert result.fringe_total > 0

    # Act: lock v1, make v2 and change it, compare
    page.goto(reverse("budgets:topsheet", kwargs={"pk": production.pk, "version_pk": v1.pk}))
    page.get_by_role("button", name=tr(EN, "Lock")).click()
    expect(page.locator(".page-head .status")).to_have_text(str(Status.LOCKED.label))
    page.get_by_role("button", name=tr(EN, "Make a new version")).click()
    v2 = BudgetVersion.objects.get(budget__production=production, number=2)
    page.goto(reverse("budgets:globals", kwargs={"pk": production.pk, "version_pk": v2.pk}))
    row = page.locator("table.globals tr", has=page.locator("code", has_text=re.compile(r"^PERFORMANCES$")))
    row.get_by_role("link", name=tr(EN, "Edit")).click()
    page.get_by_label(label(tr(EN, "value"))).fill("24")
    page.get_by_role("button", name=tr(EN, "Save")).click()
    page.goto(reverse("budgets:home", kwargs={"pk": production.pk}))
    page.get_by_role("button", name=tr(EN, "Compare")).click()
    v1_total, v2_total = sheet_for_version(v1).result.total, sheet_for_version(v2).result.total
    expect(page.locator("table").last).to_contain_text(format_money(v2_total - v1_total, "EUR", EN))

    # Act: record an invoice against the performers' line
    page.goto(reverse("budgets:costs", kwargs={"pk": production.pk}))
    page.get_by_role("link", name=tr(EN, "Record an invoice")).first.click()
    page.get_by_label(label(tr(EN, "invoice number"))).fill("F-2027-014")
    page.get_by_label(label(tr(EN, "supplier")), exact=False).last.fill("Studio Lumen")
    page.locator("#id_split-0-line").select_option(str(rehearsals.key))
    page.locator("#id_split-0-amount").fill("1250.50")
    page.get_by_label(label(tr(EN, "VAT"))).fill("262.61")
    page.get_by_role("button", name=tr(EN, "Save")).click()
    expect(page.locator("table.costs tbody tr")).to_have_count(1)

    # Assert: the cost report (v2, the latest, as no version is approved since) and its chart
    page.goto(reverse("budgets:cost_report", kwargs={"pk": production.pk}) + f"?version={v2.pk}&lines=all")
    summary = page.locator(".cost-summary")
    expect(summary).to_contain_text(format_money(Decimal("1250.50"), "EUR", EN))
    expect(page.locator("svg.burn-svg polyline.burn-actual")).to_have_count(1)
    expect(page.locator(f"#line-{rehearsals.key} td.num").nth(2)).to_have_text(
        format_money(Decimal("1250.50"), "EUR", EN)
    )

    # Act: export v2 to XLSX
    page.goto(reverse("budgets:topsheet", kwargs={"pk": production.pk, "version_pk": v2.pk}))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=tr(EN, "Download as a spreadsheet (XLSX)")).click()
    content = Path(download_info.value.path()).read_bytes()

    # Assert: the workbook's grand total is Regie's
    book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    top = book.worksheets[0]
    totals = [row[2] for row in top.iter_rows(values_only=True) if row[1] == tr(EN, "Total budget")]
    assert totals == [pytest.approx(float(v2_total))]
    assert problems.items == []
