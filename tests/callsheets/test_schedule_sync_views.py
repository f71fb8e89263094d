"""Pages of "the sheet knows when the schedule changed": the notice, the list's marker, the update
button and the confirmation before publishing an out-of-date sheet."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.accounts.roles import Role
from regie.callsheets.models import CallSheet, SheetCall
from regie.callsheets.services import generate_call_sheet
from regie.scheduling.models import ScheduleItem
from regie.scheduling.services import move_item
from tests.callsheets.conftest import DAY
from tests.factories import (
    CallFactory,
    EngagementFactory,
    ProductionFactory,
    SheetItemFactory,
    brussels,
    member_of,
    publish_snapshot,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def url(name: str, sheet: CallSheet) -> str:
    return reverse(f"callsheets:{name}", kwargs={"pk": sheet.production_id, "sheet_pk": sheet.pk})


def move(item: ScheduleItem, by: datetime.timedelta, user) -> None:
    item.refresh_from_db()
    move_item(item, starts_at=item.starts_at + by, ends_at=item.ends_at + by, version=item.version, by=user)


def notice(html: str) -> list[str]:
    """The lines of the notice on a page, as text."""
    block = html[html.index('id="schedule-changed"') :]
    block = block[: block.index("</section>")]
    return [re.sub(r"<[^>]+>", "", line).strip() for line in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)]


@pytest.fixture
def out_of_date(day):
    """The day's sheet, drawn up, then the load-in moved an hour later in the schedule."""
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    move(day.load_in, HOUR, day.manager)
    return sheet


def test_edit_page_lists_what_changed_in_the_schedule_in_dutch(client, day, out_of_date):
    # Arrange
    client.force_login(day.manager)

    # Act
    html = client.get(url("edit", out_of_date)).content.decode()

    # Assert
    assert notice(html) == [
        "Algemene oproep: 09:30 in de planning, 08:30 op de sheet",
        "Opbouw verschoven van 09:00 naar 10:00",
        "Ines Peeters: calltijd 09:30 in de planning, 08:30 op de sheet",
        "Ines Peeters: einde 14:00 in de planning, 13:00 op de sheet",
        "Ines Peeters: ophaaltijd 09:00 in de planning, 08:00 op de sheet",
        "Camille Dubois: calltijd 10:00 in de planning, 09:00 op de sheet",
    ]
    assert "Bijwerken uit de planning" in html
    assert "Versie 1 toch publiceren" in html


def test_edit_page_speaks_french_to_a_french_speaking_manager(client, day, out_of_date):
    # Arrange
    client.force_login(member_of(day.production, Role.PRODUCTION_MANAGER, language="fr"))
    day.show.refresh_from_db()
    day.show.status = "cancelled"
    day.show.save()

    # Act
    lines = notice(client.get(url("edit", out_of_date)).content.decode())

    # Assert
    assert lines[1:3] == ["Opbouw passe de 09:00 à 10:00", "Annulé au planning : Voorstelling"]
    assert "Ines Peeters : heure de convocation 09:30 au planning, 08:30 sur la feuille" in lines
    assert "N\u2019est plus convoqué·e au planning : Plateau" in lines


def test_edit_page_of_an_unchanged_sheet_shows_no_notice(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    client.force_login(day.manager)

    # Act
    html = client.get(url("edit", sheet)).content.decode()

    # Assert
    assert ('id="schedule-changed"' in html, "Bijwerken uit de planning" in html) == (False, False)
    assert "Versie 1 publiceren" in html


def test_edit_page_marks_a_kept_difference_and_offers_no_update_for_it(client, day):
    # Arrange: Ines called at 08:00 on the sheet, then the load-in moved in the schedule and the
    # sheet was updated: her call time differs on both sides.
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    SheetCall.objects.filter(sheet=sheet, engagement=day.ines).update(call_at=brussels(DAY, 8))
    move(day.load_in, HOUR, day.manager)
    client.force_login(day.manager)
    client.post(url("update", sheet), {"version": str(CallSheet.objects.get().version)})

    # Act
    html = client.get(url("edit", sheet)).content.decode()

    # Assert
    assert notice(html) == [
        "Ines Peeters: calltijd 09:30 in de planning, 08:00 op de sheet behouden "
        "Je hebt dit op de sheet gewijzigd (de planning zei 08:30): bijwerken houdt de waarde van de sheet."
    ]
    assert "Bijwerken uit de planning" not in html


def days_from_today(day, offset: int) -> datetime.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(day.production.timezone)) + datetime.timedelta(days=offset)


def drawn_up_then_moved(day, date: datetime.date, people: int = 2) -> CallSheet:
    """A sheet of `date` with a rehearsal and people called, drawn up, then the rehearsal moved."""
    item = SheetItemFactory(production=day.production, starts_at=brussels(date, 10))
    for engagement in [day.ines, day.camille, *(EngagementFactory(production=day.production) for _ in range(people))]:
        CallFactory(item=item, engagement=engagement)
    sheet = generate_call_sheet(day.production, date, by=day.manager)
    move(item, HOUR, day.manager)
    return sheet


def test_list_marks_the_sheets_of_today_and_later_that_are_out_of_date(client, day):
    # Arrange: out of date today, in a week and a week ago; up to date tomorrow
    today = drawn_up_then_moved(day, days_from_today(day, 0))
    next_week = drawn_up_then_moved(day, days_from_today(day, 7))
    drawn_up_then_moved(day, days_from_today(day, -7))
    generate_call_sheet(day.production, days_from_today(day, 1), by=day.manager, empty=True)
    client.force_login(day.manager)

    # Act
    response = client.get(reverse("callsheets:list", kwargs={"pk": day.production.pk}))

    # Assert
    assert response.context["out_of_date"] == {today.pk, next_week.pk}
    assert response.content.decode().count("Planning gewijzigd") == 2


def test_list_shows_crew_no_marker(client, day):
    # Arrange
    sheet = drawn_up_then_moved(day, days_from_today(day, 3))
    publish_snapshot(sheet)
    client.force_login(member_of(day.production, Role.CREW))

    # Act
    response = client.get(reverse("callsheets:list", kwargs={"pk": day.production.pk}))

    # Assert
    assert [s.pk for s in response.context["sheets"]] == [sheet.pk]
    assert (response.context["out_of_date"], "Planning gewijzigd" in response.content.decode()) == (set(), False)


def test_list_queries_stay_flat_with_out_of_date_sheets(client, day, assert_flat_queries):
    # Arrange
    client.force_login(day.manager)
    drawn_up_then_moved(day, days_from_today(day, 1))

    def add_two() -> None:
        for offset in (2, 3):
            drawn_up_then_moved(day, days_from_today(day, offset), people=5)

    # Act and assert
    assert_flat_queries(reverse("callsheets:list", kwargs={"pk": day.production.pk}), add_two)


def test_update_brings_the_changes_in_and_says_how_many(client, day, out_of_date):
    # Arrange
    client.force_login(day.manager)

    # Act
    response = client.post(url("update", out_of_date), {"version": "1"}, follow=True)

    # Assert
    assert [str(m) for m in response.context["messages"]] == [
        "6 wijzigingen uit de planning zijn overgenomen in de sheet."
    ]
    assert SheetCall.objects.get(sheet=out_of_date, engagement=day.ines).call_at == brussels(DAY, 9, 30)
    assert 'id="schedule-changed"' not in response.content.decode()


def test_update_over_someone_elses_save_is_refused_with_409(client, day, out_of_date):
    # Arrange
    client.force_login(day.manager)
    CallSheet.objects.filter(pk=out_of_date.pk).update(version=2, notes="Theirs")

    # Act
    response = client.post(url("update", out_of_date), {"version": "1"})

    # Assert
    assert response.status_code == 409
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert SheetCall.objects.get(sheet=out_of_date, engagement=day.ines).call_at == brussels(DAY, 8, 30)
    assert CallSheet.objects.get().notes == "Theirs"


def test_update_without_a_version_changes_nothing(client, day, out_of_date):
    # Arrange
    client.force_login(day.manager)

    # Act
    response = client.post(url("update", out_of_date), {"version": "one"}, follow=True)

    # Assert
    assert [str(m) for m in response.context["messages"]] == [
        "De sheet is niet bijgewerkt: laad de pagina opnieuw en probeer nog eens."
    ]
    assert CallSheet.objects.get().version == 1


def test_update_is_refused_to_crew(client, day, out_of_date):
    # Arrange
    client.force_login(member_of(day.production, Role.CREW))

    # Act
    response = client.post(url("update", out_of_date), {"version": "1"})

    # Assert
    assert response.status_code == 403
    assert CallSheet.objects.get().version == 1


def test_forged_sheet_of_another_production_is_not_found(client, day, out_of_date):
    # Arrange: the manager's own production in the URL, the other production's sheet id
    other = ProductionFactory(organisation=day.production.organisation)
    manager = member_of(other, Role.PRODUCTION_MANAGER)
    client.force_login(manager)
    kwargs = {"pk": other.pk, "sheet_pk": out_of_date.pk}

    # Act
    pages = [
        client.post(reverse("callsheets:update", kwargs=kwargs), {"version": "1"}),
        client.post(reverse("callsheets:publish", kwargs=kwargs), {"version": "1"}),
        client.get(reverse("callsheets:edit", kwargs=kwargs)),
    ]

    # Assert
    assert [page.status_code for page in pages] == [404, 404, 404]
    assert (CallSheet.objects.get().version, CallSheet.objects.get().issued) == (1, 0)


def test_publishing_an_out_of_date_sheet_asks_for_confirmation(client, day, out_of_date):
    # Arrange
    client.force_login(day.manager)

    # Act: the publish button of a page read before the schedule changed (no confirmation)
    response = client.post(url("publish", out_of_date), {"version": "1"})

    # Assert
    html = response.content.decode()
    assert response.status_code == 409
    assert "De planning is gewijzigd sinds deze sheet werd opgesteld: publiceer toch, of werk ze eerst bij." in html
    assert ("Eerst bijwerken uit de planning" in html, "Toch publiceren" in html) == (True, True)
    assert "Opbouw verschoven van 09:00 naar 10:00" in notice(html)
    assert CallSheet.objects.get().issued == 0


def test_publish_anyway_publishes_with_the_confirmation_of_the_page(client, day, out_of_date, mailbox):
    # Arrange: the confirmation page's "Publish anyway" form
    client.force_login(day.manager)
    page = client.post(url("publish", out_of_date), {"version": "1"}).content.decode()
    confirmed = re.search(r'name="confirmed" value="([0-9a-f]+)"', page)
    assert confirmed is not None

    # Act
    response = client.post(url("publish", out_of_date), {"version": "1", "confirmed": confirmed.group(1)}, follow=True)

    # Assert
    assert [str(m) for m in response.context["messages"]] == ["Versie 1 is gepubliceerd en wordt verstuurd."]
    assert CallSheet.objects.get().issued == 1


def test_publish_with_a_forged_confirmation_asks_again(client, day, out_of_date):
    # Arrange
    client.force_login(day.manager)

    # Act
    response = client.post(url("publish", out_of_date), {"version": "1", "confirmed": "0" * 32})

    # Assert
    assert response.status_code == 409
    assert CallSheet.objects.get().issued == 0
