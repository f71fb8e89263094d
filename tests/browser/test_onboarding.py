"""The foundation's "done when": a manager sets up a production and brings a crew member on board.

Real parts only: Chromium, Django's live server, the login form, the SMTP backend talking to a
real SMTP server, the link from the mail opened in another browser.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from regie.accounts.roles import OrganisationRole, Role
from regie.productions.models import Production
from tests.browser.conftest import PageProblems, label, tr
from tests.browser.smtp import Mailbox
from tests.factories import PASSWORD, OrganisationFactory, OrganisationMembershipFactory, ProductionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Le Misanthrope — tournée 2027"
NEWCOMER_EMAIL = "nora.peeters@example.be"
NEWCOMER_NAME = "Nora Peeters"
NEWCOMER_PASSWORD = "lamp-gaffer-tape-42"


def html_lang(page: Page) -> str:
    return str(page.evaluate("document.documentElement.lang"))


def test_manager_creates_a_production_and_invites_a_crew_member(
    page: Page, new_context: Any, live_url: str, mailbox: Mailbox, problems: PageProblems
) -> None:
    problems.watch(page)
    organisation = OrganisationFactory(name="Compagnie Het Zuiden", slug="het-zuiden")
    manager = UserFactory(name="Lotte Janssens", email="lotte@het-zuiden.be", language="en")
    OrganisationMembershipFactory(organisation=organisation, user=manager, role=OrganisationRole.STAFF)
    # A production of the same organisation the newcomer will not be part of.
    elsewhere = ProductionFactory(organisation=organisation, title="Een andere productie")

    # The manager signs in through the login form and lands on the organisation's productions.
    page.goto(reverse("accounts:login"))
    page.get_by_label(label(tr("en", "e-mail address"))).fill(manager.email)
    page.get_by_label(label(tr("en", "Password"))).fill(PASSWORD)
    page.get_by_role("button", name=tr("en", "Sign in"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("productions:organisation_home", args=[organisation.slug]))))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The language selector submits itself through static JS; its fallback button stays hidden.
    expect(page.get_by_role("button", name=tr("en", "Change"), exact=True)).to_be_hidden()
    page.get_by_label(label(tr("en", "Language"))).select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    new_production = tr("fr", "New production")
    if new_production != tr("en", "New production"):
        expect(page.get_by_role("link", name=new_production, exact=True)).to_be_visible()

    # A new production through the form, in French.
    page.get_by_role("link", name=new_production, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(new_production)
    page.get_by_label(label(tr("fr", "title"))).fill(TITLE)
    page.get_by_label(label(tr("fr", "kind"))).select_option("theatre")
    page.get_by_label(label(tr("fr", "phase"))).select_option("pre_production")
    page.get_by_label(label(tr("fr", "client or commissioner"))).fill("Théâtre de Namur")
    page.get_by_label(label(tr("fr", "start date"))).fill("2027-02-01")
    page.get_by_label(label(tr("fr", "end date"))).fill("2027-05-30")
    page.get_by_label(label(tr("fr", "French"))).check()
    page.get_by_role("button", name=tr("fr", "Save"), exact=True).click()

    # Its dashboard.
    expect(page).to_have_url(re.compile(r"/p/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    production = Production.objects.get(title=TITLE)
    assert page.url == live_url + reverse("productions:dashboard", args=[production.pk])
    expect(page.get_by_text(tr("fr", "The production was created."))).to_be_visible()

    # The team page: invite a newcomer as crew, with a French invitation.
    crew_fr = tr("fr", "Crew", context="role")
    page.get_by_role("link", name=tr("fr", "Team"), exact=True).click()
    team_url = live_url + reverse("productions:team", args=[production.pk])
    expect(page).to_have_url(team_url)
    page.get_by_label(label(tr("fr", "e-mail address"))).fill(NEWCOMER_EMAIL)
    page.get_by_label(label(tr("fr", "name"))).fill(NEWCOMER_NAME)
    page.get_by_label(label(tr("fr", "role"))).select_option(Role.CREW.value)
    page.get_by_label(label(tr("fr", "language of the invitation"))).select_option("fr")
    page.get_by_role("button", name=tr("fr", "Send the invitation"), exact=True).click()
    sent = tr("fr", "The invitation was sent to %(email)s.") % {"email": NEWCOMER_EMAIL}
    expect(page.get_by_text(sent)).to_be_visible()
    expect(page.get_by_role("heading", name=tr("fr", "Open invitations"))).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=NEWCOMER_EMAIL).filter(has_text=crew_fr)).to_have_count(1)

    # The mail that reached the SMTP server.
    [mail] = mailbox.wait_for(1)
    assert mail.recipients == (NEWCOMER_EMAIL,)
    assert NEWCOMER_EMAIL in mail.to
    assert mail.subject == tr("fr", "Invitation to the production %(production)s on Regie") % {"production": TITLE}
    assert crew_fr in mail.body
    [link] = mail.links()
    assert link.startswith(live_url + "/invitations/")

    # The newcomer, in a browser of their own, opens the link and accepts.
    newcomer_context: BrowserContext = new_context()
    newcomer = problems.watch(newcomer_context.new_page())
    newcomer.goto(link)
    page_lang = html_lang(newcomer)
    expect(newcomer.get_by_text(NEWCOMER_EMAIL)).to_be_visible()
    newcomer.get_by_label(label(tr(page_lang, "your name"))).fill(NEWCOMER_NAME)
    newcomer.get_by_label(label(tr(page_lang, "password"))).fill(NEWCOMER_PASSWORD)
    newcomer.get_by_label(label(tr(page_lang, "password again"))).fill(NEWCOMER_PASSWORD)
    newcomer.get_by_role("button", name=tr(page_lang, "Accept the invitation"), exact=True).click()

    # They land on the production's dashboard, in the language of their invitation.
    dashboard_url = live_url + reverse("productions:dashboard", args=[production.pk])
    expect(newcomer).to_have_url(dashboard_url)
    expect(newcomer.locator("html")).to_have_attribute("lang", "fr")
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(TITLE)
    welcome = tr("fr", "Welcome to %(name)s.") % {"name": organisation.name}
    expect(newcomer.get_by_role("status")).to_have_text(welcome)

    # Crew see the dashboard and the team, and nothing a manager has.
    edit_path = reverse("productions:edit", args=[production.pk])
    history_path = reverse("productions:history", args=[production.pk])
    expect(newcomer.get_by_role("link", name=tr("fr", "Team"), exact=True)).to_be_visible()
    expect(newcomer.get_by_role("link", name=tr("fr", "Edit"), exact=True)).to_have_count(0)
    expect(newcomer.get_by_role("button", name=tr("fr", "Edit"), exact=True)).to_have_count(0)
    expect(newcomer.get_by_role("link", name=tr("fr", "History"), exact=True)).to_have_count(0)
    expect(newcomer.locator(f'a[href="{edit_path}"], a[href="{history_path}"]')).to_have_count(0)

    not_allowed = tr("fr", "Not allowed")
    for path in (edit_path, history_path, reverse("accounts:members", args=[organisation.slug])):
        response = newcomer.goto(path)
        assert response is not None and response.status == 403, path
        expect(newcomer.get_by_role("heading", level=1)).to_have_text(not_allowed)
    response = newcomer.goto(reverse("productions:dashboard", args=[elsewhere.pk]))
    assert response is not None and response.status == 404
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(tr("fr", "Page not found"))

    # The manager, still on the team page, reloads it: the newcomer is on the team, as crew.
    expect(page).to_have_url(team_url)
    page.reload()
    row = page.get_by_role("row").filter(has_text=NEWCOMER_EMAIL)
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(0)).to_have_text(NEWCOMER_NAME)
    expect(row.get_by_role("cell").nth(1)).to_have_text(crew_fr)
    expect(page.get_by_role("heading", name=tr("fr", "Open invitations"))).to_have_count(0)
    assert problems.items == []
