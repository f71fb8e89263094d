"""Pages a person uses on a phone, and the login form without a mouse.

`REGIE_SCREENSHOT=1` also saves the dashboard at desktop width to docs/screenshot-dashboard.png.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.models import Organisation, User
from regie.accounts.roles import OrganisationRole, Role
from regie.productions import services
from regie.productions.models import KeyContact, Kind, Phase, Production
from tests.browser.conftest import DESKTOP, PHONE, PageProblems, label, sign_in_with_cookie, tr
from tests.factories import PASSWORD, OrganisationFactory, OrganisationMembershipFactory, ProductionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-dashboard.png"

TEAM = [
    ("Sofie Vermeulen", Role.PRODUCER, "Zakelijk leider", "Productie"),
    ("Julien Lambert", Role.PRODUCTION_MANAGER, "Directeur de production", "Production"),
    ("Amira El Idrissi", Role.PRODUCTION_ASSISTANT, "Productieassistente", "Productie"),
    ("Pieter-Jan Van den Broeck", Role.DEPARTMENT_HEAD, "Technisch directeur", "Techniek"),
    ("Élodie Dubois-Vandermeulen", Role.CREW, "Régisseuse plateau", "Techniek"),
    ("Thomas Claes", Role.CREW, "Lichttechnicus", "Techniek"),
    ("Hanne De Smet", Role.CAST, "Célimène", "Spel"),
    ("Youssef Benali", Role.CAST, "Alceste", "Spel"),
    ("Kris Wouters", Role.ACCOUNTANT, "Boekhouder", "Administratie"),
]


def demo_production(manager: User, organisation: Organisation) -> Production:
    """A production as the demo shows one: long Belgian names, a full team, contacts, history."""
    production = services.create_production(
        Production(
            title="Le Misanthrope / De Misantroop — tweetalige tournee 2027",
            kind=Kind.THEATRE,
            phase=Phase.PRE_PRODUCTION,
            client="Koninklijke Vlaamse Schouwburg & Théâtre National Wallonie-Bruxelles",
            start_date=datetime.date(2027, 1, 11),
            end_date=datetime.date(2027, 4, 30),
            working_languages=["nl", "fr", "en"],
            concept=(
                "Molière's komedie in twee talen: Alceste spreekt Frans, Philinte Nederlands, en het "
                "publiek leest boventitels. Een draaiend plateau met een spiegelwand maakt van elke "
                "scène een salon waarin iedereen iedereen bekijkt."
            ),
            description=(
                "Une comédie de Molière en deux langues, surtitrée en français, néerlandais et anglais. "
                "Durée 1 h 50 sans entracte. Création au KVS, puis tournée en Flandre et en Wallonie."
            ),
        ),
        organisation=organisation,
        by=manager,
    )
    for name, role, job_title, department in TEAM:
        person = UserFactory(name=name)
        OrganisationMembershipFactory(organisation=organisation, user=person, role=OrganisationRole.GUEST)
        services.add_member(production, user=person, role=role, by=manager, job_title=job_title, department=department)
    contacts = [
        ("client", "Marie-Christine Vanderlinden", "Koninklijke Vlaamse Schouwburg", "planning.tournees@kvs.be"),
        ("venue", "Bart Goossens", "Théâtre de Namur", "regie-technique@theatredenamur.be"),
        ("press", "Inès Moreau", "Bureau Moreau Communication", "ines.moreau@bureau-moreau-communication.be"),
    ]
    for position, (role, name, company, email) in enumerate(contacts):
        services.save_key_contact(
            KeyContact(
                production=production,
                label=role,
                name=name,
                company=company,
                email=email,
                phone="+32 2 210 11 00",
                position=position,
            ),
            by=manager,
        )
    production.phase = Phase.PRODUCTION
    production.client = "KVS & Théâtre National Wallonie-Bruxelles (coproduction)"
    services.update_production(production, version=production.version, by=manager)
    return production


@pytest.fixture
def demo(live_url: str) -> tuple[User, Organisation, Production]:
    organisation = OrganisationFactory(name="Compagnie Het Zuiden — Théâtre du Sud", slug="het-zuiden")
    manager = UserFactory(name="Lotte Janssens-Vandenberghe", email="lotte@het-zuiden.be")
    OrganisationMembershipFactory(organisation=organisation, user=manager, role=OrganisationRole.ADMIN)
    production = demo_production(manager, organisation)
    for title, kind, phase in [
        ('Kortfilm "Noordzee" — opnames Oostende', Kind.SHORT_FILM, Phase.POST_PRODUCTION),
        ("Festival Les Nuits Botanique, scène Chapiteau", Kind.FESTIVAL, Phase.DEVELOPMENT),
        ("Documentaire « Les ouvriers du Borinage »", Kind.DOCUMENTARY, Phase.TOURING),
    ]:
        ProductionFactory(organisation=organisation, title=title, kind=kind, phase=phase, client="VRT Canvas")
    return manager, organisation, production


WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (e.classList.length ? "." + [...e.classList].join(".") : "");
  // Inside a scrolling box (a .table-wrap), only absolutely placed elements can stick out.
  const scrolledAway = (e) => {
    if (["absolute", "fixed"].includes(getComputedStyle(e).position)) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !scrolledAway(e))
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
    .slice(0, 8)
    .map((e) => `${name(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px): ` +
      (e.textContent || "").trim().slice(0, 60));
}"""


def assert_no_sideways_scrolling(page: Page, what: str) -> None:
    """The page is no wider than the viewport; otherwise name the elements that stick out."""
    scroll_width, viewport_width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    if scroll_width > viewport_width:
        widest = "\n  ".join(page.evaluate(WIDEST))
        pytest.fail(f"{what} is {scroll_width}px wide on a {viewport_width}px screen:\n  {widest}")


def test_phone_pages_do_not_scroll_sideways(
    page: Page, live_url: str, demo: tuple[User, Organisation, Production], problems: PageProblems
) -> None:
    manager, organisation, production = demo
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)
    page.set_viewport_size(PHONE)

    page.goto(reverse("productions:dashboard", args=[production.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(production.title)
    expect(page.get_by_role("definition").filter(has_text=TEAM[-1][0])).to_be_visible()
    assert page.viewport_size == PHONE
    assert_no_sideways_scrolling(page, "the dashboard")

    page.goto(reverse("productions:organisation_home", args=[organisation.slug]))
    expect(page.get_by_role("link", name=production.title)).to_be_visible()
    assert_no_sideways_scrolling(page, "the organisation's productions")

    page.goto(reverse("productions:team", args=[production.pk]))
    expect(page.get_by_role("row").filter(has_text=TEAM[-1][0])).to_be_visible()
    assert_no_sideways_scrolling(page, "the team page")

    if os.environ.get("REGIE_SCREENSHOT") == "1":
        page.set_viewport_size(DESKTOP)
        page.goto(reverse("productions:dashboard", args=[production.pk]))
        expect(page.get_by_role("heading", level=1)).to_have_text(production.title)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert problems.items == []


def test_login_form_works_with_the_keyboard_alone(
    page: Page, live_url: str, demo: tuple[User, Organisation, Production], problems: PageProblems
) -> None:
    manager, organisation, _production = demo
    problems.watch(page)
    page.goto(reverse("accounts:login"))
    email = page.get_by_label(label(tr("en", "e-mail address")))
    password = page.get_by_label(label(tr("en", "Password")))
    submit = page.get_by_role("button", name=tr("en", "Sign in"), exact=True)

    # The e-mail field has the focus when the page opens; Tab moves through the form in order.
    expect(email).to_be_focused()
    page.keyboard.type(manager.email)
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(submit).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(reverse("productions:organisation_home", args=[organisation.slug]))))
    expect(page.get_by_role("link", name=manager.get_short_name(), exact=True)).to_be_visible()
    assert problems.items == []
