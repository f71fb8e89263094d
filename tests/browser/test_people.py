"""A production manager working in French: a contact into the address book, engaged on the production,
then the crew list and the organisation chart, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import OrganisationRole, Role
from regie.people.models import Contact, Engagement
from tests.browser.conftest import PHONE, PageProblems, label, sign_in_with_cookie, tr
from tests.factories import (
    ContactFactory,
    EngagementFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    ProductionMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_adds_contact_engages_and_sees_crew_list_in_french(
    page: Page, live_url: str, problems: PageProblems
) -> None:
    # Arrange
    production = ProductionFactory(title="Le Misanthrope")
    manager = UserFactory(language="fr")
    OrganisationMembershipFactory(organisation=production.organisation, user=manager, role=OrganisationRole.STAFF)
    ProductionMembershipFactory(production=production, user=manager, role=Role.PRODUCTION_MANAGER)
    head = EngagementFactory(production=production, contact__name="Julien Lambert", function="production_manager")
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)

    # Act: a wrong phone number first, then the right one
    page.goto(reverse("people:contact_create", kwargs={"slug": production.organisation.slug}))
    page.get_by_label(label(tr("fr", "name"))).fill("Élodie Dubois")
    page.get_by_label(label(tr("fr", "mobile phone"))).fill("12345")
    page.get_by_role("button", name=tr("fr", "Save")).click()
    error = tr(
        "fr", "“%(value)s” is not a valid phone number. Write it with the country code, for example +32 470 12 34 56."
    )
    expect(page.get_by_text(error % {"value": "12345"})).to_be_visible()
    page.get_by_label(label(tr("fr", "mobile phone"))).fill("0470 12 34 56")
    page.get_by_role("button", name=tr("fr", "Save")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Élodie Dubois")

    # Act: engage her as stage manager under the production manager
    page.goto(reverse("people:engagement_add", kwargs={"pk": production.pk}))
    page.get_by_label(label(tr("fr", "person"))).select_option(label="Élodie Dubois")
    page.get_by_label(label(tr("fr", "function")), exact=False).first.select_option(label=tr("fr", "stage manager"))
    page.get_by_label(label(tr("fr", "reports to"))).select_option(index=1)
    page.get_by_role("button", name=tr("fr", "Save")).click()

    # Assert: the crew list, by department, with her phone number
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("fr", "Crew and cast"))
    row = page.get_by_role("row").filter(has_text="Élodie Dubois")
    expect(row).to_contain_text(tr("fr", "stage manager"))
    expect(row).to_contain_text("+32 470 12 34 56")
    expect(row).to_contain_text("Julien Lambert")
    engagement = Engagement.objects.get(contact=Contact.objects.get(name="Élodie Dubois"))
    assert (engagement.department, engagement.reports_to_id) == ("stage", head.pk)

    # Assert: the organisation chart nests her under the production manager
    page.get_by_role("link", name=tr("fr", "Organisation chart")).first.click()
    expect(page.locator(".org-chart > li > ul > li")).to_contain_text("Élodie Dubois")

    # Assert: on a phone the crew list does not scroll sideways (the table scrolls in its box)
    page.set_viewport_size(PHONE)
    page.goto(reverse("people:crew", kwargs={"pk": production.pk}))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    assert problems.items == []


def test_address_book_search_finds_by_skill(page: Page, live_url: str, problems: PageProblems) -> None:
    production = ProductionFactory()
    staff = UserFactory(language="en")
    OrganisationMembershipFactory(organisation=production.organisation, user=staff, role=OrganisationRole.STAFF)
    ContactFactory(organisation=production.organisation, name="Gert Rigger", skills=["rigger"])
    ContactFactory(organisation=production.organisation, name="Ann Sound", skills=["sound technician"])
    problems.watch(page)
    sign_in_with_cookie(page.context, staff, live_url)

    page.goto(reverse("people:contacts", kwargs={"slug": production.organisation.slug}))
    page.get_by_label(label(tr("en", "skill"))).fill("rigg")
    page.get_by_role("button", name=tr("en", "Search")).click()

    expect(page.get_by_role("row").filter(has_text="Gert Rigger")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Ann Sound")).to_have_count(0)
    assert problems.items == []
