"""The call-sheet path: a manager draws up a day's sheet, moves a call time and publishes it; a
French-speaking crew member gets the mail through a real SMTP server, opens her personal link on a
phone, reads French and confirms; the manager sees the confirmation. And a sheet that knows the
schedule changed after it was drawn up: the notice, "Update from the schedule", then publishing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from regie.accounts.roles import Role
from regie.callsheets.models import CallSheet, Recipient
from regie.productions.models import Kind
from regie.scheduling.models import ItemKind
from tests.browser.conftest import PHONE, PageProblems, label, sign_in_with_cookie, tr
from tests.browser.smtp import Mailbox
from tests.factories import (
    CallFactory,
    ContactFactory,
    EngagementFactory,
    ProductionFactory,
    SheetItemFactory,
    SheetPlaceFactory,
    UserFactory,
    brussels,
    member_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_call_sheet_published_received_in_french_on_a_phone_and_confirmed(
    page: Page, browser: Browser, live_url: str, mailbox: Mailbox, problems: PageProblems
) -> None:
    # Arrange: a performance day with a sound technician who speaks French and hid her phone.
    day = datetime.date(2027, 3, 2)
    production = ProductionFactory(kind=Kind.THEATRE, title="De Storm")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    camille = EngagementFactory(
        production=production,
        contact=ContactFactory(
            organisation=production.organisation,
            name="Camille Dubois",
            email="camille.dubois@example.be",
            mobile="+32470222222",
            phone_private=True,
            user=UserFactory(language="fr"),
        ),
        department="sound",
        function="sound_technician",
    )
    item = SheetItemFactory(
        production=production,
        kind=ItemKind.PERFORMANCE,
        title="Voorstelling",
        place=SheetPlaceFactory(organisation=production.organisation, name="Schouwburg Gent"),
        starts_at=brussels(day, 20),
        ends_at=brussels(day, 22),
    )
    CallFactory(item=item, engagement=camille, call_at=brussels(day, 18))
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)

    # Act: from the dashboard to the call sheets, draw up the day
    page.goto(reverse("productions:dashboard", kwargs={"pk": production.pk}))
    page.get_by_role("navigation", name=tr("en", "Production")).get_by_role(
        "link", name=tr("en", "Call sheets", "callsheet")
    ).click()
    page.get_by_label(label(tr("en", "Day"))).fill("2027-03-02")
    page.get_by_role("button", name=tr("en", "Draw up from the schedule")).click()
    expect(
        page.get_by_text(tr("en", "The sheet was drawn up from the schedule. Check it, then publish it."))
    ).to_be_visible()

    # Act: move her call time from 18:00 to 17:15, save, publish
    call_time = page.locator("tr[data-who^='Camille Dubois'] input[name$='-call_time']")
    expect(call_time).to_have_value("18:00")
    call_time.fill("17:15")
    page.get_by_role("button", name=tr("en", "Save the sheet")).click()
    expect(page.get_by_text(tr("en", "The sheet was saved. Publish it to send it."))).to_be_visible()
    page.get_by_role("button", name=tr("en", "Publish version 1")).click()
    delivery = page.locator("#delivery")
    expect(delivery.locator("tr[data-email='camille.dubois@example.be']")).to_contain_text(tr("en", "waiting"))

    # Act: the task worker sends the queued mail; the page follows by polling
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    # Assert: the mail arrived in French with her personal link and the PDF
    [mail] = mailbox.wait_for(1)
    assert mail.recipients == ("camille.dubois@example.be",)
    assert mail.subject == f"{tr('fr', 'Run sheet', 'callsheet')} De Storm — mardi 2 mars 2027"
    assert (tr("fr", "Your call time: %(time)s") % {"time": "17:15"}) in mail.body
    [attachment] = list(mail.message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    [link] = [url for url in mail.links() if "/cs/" in url]
    expect(delivery.locator("tr[data-email='camille.dubois@example.be']")).not_to_contain_text(tr("en", "waiting"))

    # Act: she opens the link on a phone whose browser speaks English, and confirms
    phone = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="Europe/Brussels")
    mobile = problems.watch(phone.new_page())
    mobile.goto(link)
    expect(mobile.locator("html")).to_have_attribute("lang", "fr")
    expect(mobile.locator(".sheet-calls tr").filter(has_text="Camille Dubois")).to_contain_text("17:15")
    expect(mobile.locator(".sheet-calls")).to_contain_text(tr("fr", "sound technician"))
    assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    mobile.get_by_role("button", name=tr("fr", "I have read it — confirm receipt")).click()
    expect(mobile.get_by_role("status")).to_contain_text(tr("fr", "Receipt confirmed on %(when)s. Thank you.")[:20])
    phone.close()

    # Assert: the manager sees it opened and confirmed
    page.reload()
    row = page.locator("#delivery tr[data-email='camille.dubois@example.be']")
    expect(row.locator(".confirmation")).to_contain_text("✔")
    recipient = Recipient.objects.get()
    assert (recipient.opened_at is not None, recipient.confirmed_at is not None) == (True, True)
    assert problems.items == []


def test_sheet_drawn_up_then_the_rehearsal_moves_in_the_schedule_updated_and_published(
    page: Page, live_url: str, mailbox: Mailbox, problems: PageProblems
) -> None:
    # Arrange: a rehearsal from 10:00 to 14:00 with an actor called at 09:30
    day = datetime.date(2027, 3, 2)
    production = ProductionFactory(kind=Kind.THEATRE, title="De Meeuw")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language="en")
    actor = EngagementFactory(
        production=production,
        contact=ContactFactory(organisation=production.organisation, name="Jan Peeters", email="jan@example.be"),
        department="cast",
        function="actor",
    )
    rehearsal = SheetItemFactory(
        production=production,
        kind=ItemKind.REHEARSAL,
        title="Rehearsal",
        place=SheetPlaceFactory(organisation=production.organisation, name="Repetitiezaal"),
        starts_at=brussels(day, 10),
        ends_at=brussels(day, 14),
    )
    CallFactory(item=rehearsal, engagement=actor, call_at=brussels(day, 9, 30))
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)

    # Act: draw up the day's sheet
    page.goto(reverse("callsheets:list", kwargs={"pk": production.pk}))
    page.get_by_label(label(tr("en", "Day"))).fill("2027-03-02")
    page.get_by_role("button", name=tr("en", "Draw up from the schedule")).click()
    expect(
        page.get_by_text(tr("en", "The sheet was drawn up from the schedule. Check it, then publish it."))
    ).to_be_visible()
    expect(page.locator("#schedule-changed")).to_have_count(0)

    # Act: the rehearsal moves to 11:00-15:00 on the item's page of the schedule
    page.goto(reverse("scheduling:item", kwargs={"pk": production.pk, "item_pk": rehearsal.pk}))
    page.get_by_label(label(tr("en", "starts"))).fill("2027-03-02T11:00")
    page.get_by_label(label(tr("en", "ends"))).fill("2027-03-02T15:00")
    page.get_by_role("button", name=tr("en", "Save"), exact=True).click()
    expect(page.get_by_text(tr("en", "The item was saved."))).to_be_visible()

    # Assert: the list marks the sheet, its page says what changed
    page.goto(reverse("callsheets:list", kwargs={"pk": production.pk}))
    page.get_by_role("link", name=tr("en", "Schedule changed")).click()
    notice = page.locator("#schedule-changed")
    expect(notice).to_contain_text(tr("en", "The schedule changed since this sheet was drawn up"))
    expect(notice).to_contain_text(
        tr("en", "%(name)s moved from %(sheet)s to %(schedule)s")
        % {"name": "Rehearsal", "sheet": "10:00", "schedule": "11:00"}
    )
    expect(page.get_by_role("button", name=tr("en", "Publish version 1 anyway"))).to_be_visible()

    # Act: update from the schedule
    page.get_by_role("button", name=tr("en", "Update from the schedule")).click()

    # Assert: the line moved, the actor's own call time stayed, the notice is gone
    with translation.override("en"):
        brought_in = translation.ngettext(
            "%(n)s change from the schedule was brought into the sheet.",
            "%(n)s changes from the schedule were brought into the sheet.",
            2,
        ) % {"n": 2}
    expect(page.locator(".messages")).to_contain_text(brought_in)  # the line's time and the actor's wrap
    expect(page.locator("#schedule-changed")).to_have_count(0)
    expect(page.locator(".running-order-edit input[name$='-starts_at']").first).to_have_value("11:00")
    expect(page.locator("tr[data-who^='Jan Peeters'] input[name$='-call_time']")).to_have_value("09:30")

    # Act: publish
    page.get_by_role("button", name=tr("en", "Publish version 1"), exact=True).click()

    # Assert
    expect(
        page.get_by_text(tr("en", "Version %(number)s was published and is being sent.") % {"number": 1})
    ).to_be_visible()
    version = CallSheet.objects.get().versions.get()
    assert [(row["time"], row["what"]) for row in version.snapshot["rows"]] == [("11:00", "Rehearsal")]
    assert [(c["name"], c["call"], c["wrap"]) for c in version.snapshot["calls"]] == [("Jan Peeters", "09:30", "15:00")]

    # Act: the worker sends it; the page stops following once nothing is waiting
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    # Assert: Jan's mail, in the production's language, gives the times of the updated sheet
    [mail] = mailbox.wait_for(1)
    assert mail.recipients == ("jan@example.be",)
    assert (tr("nl", "Your call time: %(time)s") % {"time": "09:30"}) in mail.body
    expect(page.locator("#delivery tr[data-email='jan@example.be']")).not_to_contain_text(tr("en", "waiting"))
    assert problems.items == []
