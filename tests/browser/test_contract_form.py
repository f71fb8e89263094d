"""The contract form shows the parts that the chosen template's kind uses."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from tests.browser.conftest import PageProblems, sign_in_with_cookie, tr
from tests.factories import ProductionFactory, member_of, shipped_template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contract_form_shows_the_parts_of_the_templates_kind(page: Page, live_url: str, problems: PageProblems) -> None:
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="nl")
    presenting, artist = shipped_template("presenting", "nl"), shipped_template("artist", "nl")
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)

    page.goto(live_url + reverse("contracts:create", kwargs={"pk": production.pk}))
    door_deal = page.locator("fieldset", has=page.get_by_text(tr("nl", "Presenting and door deal"), exact=True))
    allowance = page.locator("fieldset", has=page.get_by_text(tr("nl", "Amateur arts allowance"), exact=True))
    # Before a template is chosen every part shows.
    expect(door_deal).to_be_visible()
    expect(allowance).to_be_visible()

    page.locator("select[name=template]").select_option(str(presenting.pk))
    expect(door_deal).to_be_visible()
    expect(allowance).to_be_hidden()

    page.locator("select[name=template]").select_option(str(artist.pk))
    expect(door_deal).to_be_hidden()
    expect(allowance).to_be_visible()
    page.locator("input[name=travel_allowance]").fill("12.5")
    assert problems.items == []
