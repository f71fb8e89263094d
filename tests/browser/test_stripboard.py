"""Reordering a stripboard by drag and drop (SortableJS) under the strict CSP."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.scripts import services
from regie.scripts.models import Strip
from tests.browser.conftest import PageProblems, sign_in_with_cookie
from tests.factories import ProductionFactory, member_of
from tests.scripts.test_services import FIRST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stripboard_drag_strip_to_top_saves_order(page: Page, live_url: str, problems: PageProblems):
    # Arrange
    production = ProductionFactory(title="De laatste tram")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    services.import_script(production, FIRST, "tram.fountain", by=manager)
    board = services.create_board(production, "Plan A", by=manager)
    last = board.strips.last()
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)
    page.goto(reverse("scripts:board", kwargs={"pk": production.pk, "board_pk": board.pk}))

    # Act
    page.locator(f"#strip-{last.pk} .strip-handle").drag_to(page.locator(".stripboard > li").first)

    # Assert
    expect(page.locator(".stripboard > li").first).to_have_id(f"strip-{last.pk}")
    expect(page.locator("[data-stripboard]")).to_have_attribute("data-version", "2")
    assert Strip.objects.filter(board=board).values_list("pk", flat=True).first() == last.pk
