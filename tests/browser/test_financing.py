"""The financing plan in a browser: adding a grant shows the gap, under the strict CSP, in French."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.core.formatting import format_money
from tests.browser.conftest import PageProblems, sign_in_with_cookie
from tests.factories import ProductionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_financing_grant_added_shows_the_gap_in_french(page: Page, live_url: str, problems: PageProblems):
    # Arrange
    production = ProductionFactory(title="La Tempête", currency="EUR")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="fr")
    version = services.create_budget(production, CHARTS["theatre"], name="v1", by=manager)
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)
    page.goto(reverse("budgets:financing", kwargs={"pk": production.pk}))

    # Act
    page.get_by_role("link", name="Ajouter une source de financement").first.click()
    page.locator("#id_funder").fill("Fédération Wallonie-Bruxelles")
    page.locator("#id_status").select_option("granted")
    page.locator("#id_amount_requested").fill("20000")
    page.locator("#id_amount_secured").fill("15000")
    page.get_by_role("button", name="Enregistrer").click()

    # Assert
    version.refresh_from_db()
    gap = page.locator(".financing-gap .grand dd")
    expect(gap).to_have_text(format_money(version.total - 15000, "EUR", "fr"))
    expect(page.get_by_role("cell", name="Fédération Wallonie-Bruxelles")).to_be_visible()
    assert problems.items == []
