"""The People issue's "done when": a new manager imports a crew list from a spreadsheet, engages people
on a production, sends an onboarding link; the crew member fills it in, in French, on a phone; the
manager sees the document expiry warning on the dashboard and prints the crew list as a PDF.

Real parts only: Chromium, Django's live server, the SMTP backend talking to a real SMTP server,
the link from the mail opened in another browser without an account.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import xlsxwriter
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from regie.accounts.roles import OrganisationRole
from regie.people.models import OnboardingLink, PersonalData, PersonalDocument
from tests.browser.conftest import PHONE, PageProblems, label, sign_in_with_cookie, tr
from tests.browser.smtp import Mailbox
from tests.factories import (
    PDF_BYTES,
    EngagementFactory,
    OnboardingLinkFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CREW = [
    ("Élodie Dubois", "elodie.dubois@example.be", "0470 12 34 56", "Bruxelles"),
    ("Wout Peeters", "wout@example.be", "0471 22 33 44", "Gent"),
    ("Inès Lambert", "ines@example.be", "0472 98 76 54", "Liège"),
]


def crew_spreadsheet() -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Crew")
    sheet.write_row(0, 0, ["Naam", "E-mail", "GSM", "Gemeente"])
    for row, person in enumerate(CREW, start=1):
        sheet.write_row(row, 0, person)
    workbook.close()
    return buffer.getvalue()


def ntr(language: str, singular: str, plural: str, count: int) -> str:
    with translation.override(language):
        return translation.ngettext(singular, plural, count)


def test_manager_imports_engages_onboards_and_prints_crew_list(
    page: Page, new_context: Any, live_url: str, mailbox: Mailbox, problems: PageProblems
) -> None:
    # Arrange: a new user with their organisation and a production that ends on 31 March 2027
    production = ProductionFactory(
        title="Les Bonnes", start_date=datetime.date(2027, 1, 10), end_date=datetime.date(2027, 3, 31)
    )
    organisation = production.organisation
    manager = UserFactory(name="Lotte Janssens", language="en")
    OrganisationMembershipFactory(organisation=organisation, user=manager, role=OrganisationRole.ADMIN)
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)

    # Act: import the crew list from a spreadsheet, through the preview
    page.goto(reverse("people:contact_import", kwargs={"slug": organisation.slug}))
    page.get_by_label(label(tr("en", "CSV, XLSX or vCard file"))).set_input_files(
        files=[{"name": "crew.xlsx", "mimeType": "application/octet-stream", "buffer": crew_spreadsheet()}]
    )
    page.get_by_role("button", name=tr("en", "Preview"), exact=True).click()
    page.get_by_role("button", name=tr("en", "Import the contacts"), exact=True).click()
    imported = ntr("en", "%(count)s contact was imported.", "%(count)s contacts were imported.", 3) % {"count": 3}
    expect(page.get_by_text(imported)).to_be_visible()

    # Act: engage two of them on the production
    for name, function in (("Élodie Dubois", "stage manager"), ("Wout Peeters", "gaffer")):
        page.goto(reverse("people:engagement_add", kwargs={"pk": production.pk}))
        page.get_by_label(label(tr("en", "person"))).select_option(label=name)
        page.get_by_label(label(tr("en", "function")), exact=False).first.select_option(label=tr("en", function))
        page.get_by_role("button", name=tr("en", "Save"), exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(tr("en", "Crew and cast"))

    # Act: send Élodie an onboarding link in French
    page.get_by_role("row").filter(has_text="Élodie Dubois").get_by_role("link", name=tr("en", "Send a link")).click()
    page.get_by_label(label(tr("en", "language of the mail and the form"))).select_option("fr")
    page.get_by_role("button", name=tr("en", "Send the link"), exact=True).click()
    expect(page.get_by_text(tr("en", "The link was sent to %(email)s.") % {"email": CREW[0][1]})).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Élodie Dubois")).to_contain_text(tr("en", "link sent"))

    # The mail, in French, with the personal link
    [mail] = mailbox.wait_for(1)
    assert mail.recipients == (CREW[0][1],)
    assert mail.subject == tr("fr", "Your details for %(production)s") % {"production": "Les Bonnes"}
    [link] = mail.links()
    assert link.startswith(live_url + "/onboarding/")

    # Act: Élodie opens it on her phone, without an account; the page speaks French
    crew_member = problems.watch(new_context().new_page())
    crew_member.set_viewport_size(PHONE)
    crew_member.goto(link)
    expect(crew_member.locator("html")).to_have_attribute("lang", "fr")
    expect(crew_member.get_by_role("heading", level=1)).to_contain_text(tr("fr", "Your details"))
    assert crew_member.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True

    # A wrong IBAN first: a clear message, nothing saved
    crew_member.locator("#id_personal-national_number").fill("85.07.30-033.28")
    crew_member.locator("#id_personal-date_of_birth").fill("1985-07-30")
    crew_member.locator("#id_personal-iban").fill("BE68 5390 0754 7035")
    crew_member.locator("#id_personal-bic").fill("GKCCBEBB")
    crew_member.locator("#id_personal-id_document_kind").select_option("passport")
    crew_member.locator("#id_personal-id_document_number").fill("EM1234567")
    crew_member.locator("#id_personal-id_document_expiry").fill("2027-02-15")
    crew_member.locator("#id_personal-emergency_contact").fill("Paul Dubois, frère, +32 470 00 00 00")
    crew_member.get_by_role("button", name=tr("fr", "Save my details"), exact=True).click()
    expect(
        crew_member.get_by_text(
            tr("fr", "Some details need correcting; nothing was saved yet. See the messages below.")
        )
    ).to_be_visible()
    assert PersonalData.objects.count() == 0

    # Corrected, saved
    crew_member.locator("#id_personal-iban").fill("BE68 5390 0754 7034")
    crew_member.get_by_role("button", name=tr("fr", "Save my details"), exact=True).click()
    expect(
        crew_member.get_by_text(tr("fr", "Thank you. Your details were saved; you can still correct them here."))
    ).to_be_visible()

    # Her A1 certificate, scanned as a PDF
    crew_member.locator("#id_doc-kind").select_option("a1")
    crew_member.locator("#id_doc-valid_until").fill("2027-03-01")
    crew_member.locator("#id_doc-upload").set_input_files(
        files=[{"name": "a1.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    crew_member.get_by_role("button", name=tr("fr", "Add the document"), exact=True).click()
    expect(crew_member.get_by_text(tr("fr", "The document was added."))).to_be_visible()
    expect(crew_member.get_by_role("link", name="a1.pdf")).to_be_visible()

    details = PersonalData.objects.get()
    assert (details.iban, details.id_document_expiry) == ("BE68539007547034", datetime.date(2027, 2, 15))
    assert PersonalDocument.objects.get().original_name == "a1.pdf"
    assert OnboardingLink.objects.get().completed_at is not None

    # Assert: the manager sees the status on the crew list and the expiries on the dashboard
    page.goto(reverse("people:crew", kwargs={"pk": production.pk}))
    expect(page.get_by_role("row").filter(has_text="Élodie Dubois")).to_contain_text(tr("en", "details filled in"))
    page.goto(reverse("productions:dashboard", kwargs={"pk": production.pk}))
    warnings = page.get_by_role("status").filter(has_text=tr("en", "Documents expiring"))
    expect(warnings).to_contain_text("Élodie Dubois")
    expect(warnings).to_contain_text(tr("en", "A1 certificate"))
    expect(warnings).to_contain_text(tr("en", "Passport"))

    # Assert: the printed crew list downloads as a PDF
    page.goto(reverse("people:crew", kwargs={"pk": production.pk}))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=tr("en", "Print the crew list (PDF)")).click()
    download = download_info.value
    assert download.suggested_filename == "crew-list-les-bonnes.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert problems.items == []


def test_onboarding_link_revoked_shows_clear_message_in_link_language(
    page: Page, live_url: str, problems: PageProblems
) -> None:
    engagement = EngagementFactory()
    OnboardingLinkFactory(
        contact=engagement.contact, production=engagement.production, token="revoked", revoked_at=timezone.now()
    )
    problems.watch(page)

    response = page.goto(reverse("people:onboarding", kwargs={"token": "revoked"}))

    assert response is not None and response.status == 410
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_text(tr("fr", "This link was withdrawn. Ask the production for a new one."))).to_be_visible()
    expect(page.get_by_text(tr("fr", "Nothing was changed."))).to_be_visible()
