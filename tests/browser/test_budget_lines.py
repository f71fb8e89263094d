"""Editing a budget line in place: htmx swaps the row and the totals, under the strict CSP."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.budgets.models import Line
from regie.core.formatting import format_money
from tests.browser.conftest import PageProblems, sign_in_with_cookie
from tests.factories import ProductionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_budget_line_edited_in_place_updates_row_and_totals(page: Page, live_url: str, problems: PageProblems):
    # Arrange
    production = ProductionFactory(title="De Storm", currency="EUR")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    version = services.create_budget(production, CHARTS["theatre"], name="v1", by=manager)
    line = Line.objects.get(budget_version=version, description="Scenographer, fee")
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)
    kwargs = {"pk": production.pk, "version_pk": version.pk, "account_pk": line.account_id}
    page.goto(reverse("budgets:account", kwargs=kwargs))
    row = page.locator(f"#line-{line.pk}")

    # Act
    row.get_by_role("link", name="Edit").click()
    rate = page.locator(f"#id_line{line.pk}-rate")
    rate.fill("7000")
    page.locator(f"#line-{line.pk}").get_by_role("button", name="Save").click()

    # Assert
    expect(page.locator(f"#line-{line.pk} td strong")).to_have_text(format_money(7000, "EUR", "en"))
    version.refresh_from_db()
    totals = page.locator("#budget-totals .grand dd")
    expect(totals).to_have_text(format_money(version.total, "EUR", "en"))
    assert page.url.endswith(reverse("budgets:account", kwargs=kwargs))
    assert problems.items == []


def test_budget_line_added_in_place_appends_row_and_resets_form(page: Page, live_url: str, problems: PageProblems):
    # Arrange
    production = ProductionFactory(title="De Storm", currency="EUR")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    version = services.create_budget(production, CHARTS["theatre"], name="v1", by=manager)
    account = version.accounts.get(code="40.03")
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)
    page.goto(
        reverse("budgets:account", kwargs={"pk": production.pk, "version_pk": version.pk, "account_pk": account.pk})
    )

    # Act
    page.locator("#id_new-description").fill("Props from the store")
    page.locator("#id_new-quantity").fill("CAST_SIZE * 2")
    page.locator("#id_new-rate").fill("15.50")
    page.get_by_role("button", name="Add the line").click()

    # Assert
    expect(page.locator("#lines tr")).to_have_count(1)
    expect(page.locator("#lines tr td strong")).to_have_text(format_money(155, "EUR", "en"))
    expect(page.locator("#id_new-description")).to_have_value("")
    expect(page.locator("#budget-totals dd").first).to_have_text(format_money(155, "EUR", "en"))
    assert problems.items == []
