from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.accounts.roles import Role
from regie.callsheets.models import CallSheet, Recipient, SheetCall
from regie.callsheets.services import generate_call_sheet
from regie.core.models import AuditEntry
from tests.callsheets.conftest import DAY
from tests.factories import brussels, member_of, publish_snapshot, recipient_with_token

pytestmark = pytest.mark.django_db


def edit_url(sheet) -> str:
    return reverse("callsheets:edit", kwargs={"pk": sheet.production_id, "sheet_pk": sheet.pk})


def form_data(client, sheet) -> dict[str, str]:
    """The edit form as the page renders it, ready to post back."""
    response = client.get(edit_url(sheet))
    data: dict[str, str] = {}
    for prefix in ("calls", "locations", "rows"):
        formset = response.context[prefix]
        data.update({f"{prefix}-{k}": str(v) for k, v in formset.management_form.initial.items()})
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or name == "DELETE":
                    continue
                data[form.add_prefix(name)] = value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)
    form = response.context["form"]
    for name in form.fields:
        value = form[name].value()
        if value not in (None, ""):
            data[name] = value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)
    return data


def test_generate_view_refuses_an_empty_day_with_a_clear_message(client, day):
    # Arrange
    client.force_login(day.manager)

    # Act
    response = client.post(
        reverse("callsheets:generate", kwargs={"pk": day.production.pk}), {"date": "2027-03-05"}, follow=True
    )

    # Assert
    assert [str(m) for m in response.context["messages"]] == [
        "Er staat niets op de planning op 05/03/2027, dus er is niets om de sheet uit op te stellen. "
        "Plan eerst de dag, of begin een lege sheet en vul ze met de hand in."
    ]
    assert CallSheet.objects.count() == 0


def test_manager_edits_a_call_time_on_the_sheet(client, day):
    # Arrange
    client.force_login(day.manager)
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    data = form_data(client, sheet)
    camille = sheet.calls.get(engagement=day.camille)
    index = next(k for k, v in data.items() if k.endswith("-id") and v == str(camille.pk)).split("-")[1]

    # Act
    data[f"calls-{index}-call_time"] = "07:45"
    response = client.post(edit_url(sheet), data)

    # Assert
    assert response.status_code == 302
    assert SheetCall.objects.get(pk=camille.pk).call_at == brussels(DAY, 7, 45)
    assert CallSheet.objects.get().version == 2
    assert AuditEntry.objects.filter(action="callsheets.sheet.changed").count() == 1


def test_edit_refuses_a_time_the_clocks_skip(client, day):
    # Arrange: a sheet on the night the clocks go forward in Brussels.
    client.force_login(day.manager)
    sheet = generate_call_sheet(day.production, datetime.date(2027, 3, 28), by=day.manager, empty=True)
    SheetCall.objects.create(sheet=sheet, department="stage", call_at=brussels(datetime.date(2027, 3, 28), 8))
    data = form_data(client, sheet)

    # Act
    data["calls-0-call_time"] = "02:30"
    response = client.post(edit_url(sheet), data)

    # Assert
    assert response.status_code == 400
    assert "02:30 bestaat niet op 28/03/2027 in Europe/Brussels: die nacht gaat de klok vooruit." in (
        response.content.decode()
    )
    assert SheetCall.objects.get().call_at == brussels(datetime.date(2027, 3, 28), 8)


def test_edit_keeps_the_first_of_the_repeated_hour_in_october(client, day):
    # Arrange
    client.force_login(day.manager)
    date = datetime.date(2027, 10, 31)
    sheet = generate_call_sheet(day.production, date, by=day.manager, empty=True)
    SheetCall.objects.create(sheet=sheet, department="stage", call_at=brussels(date, 8))
    data = form_data(client, sheet)

    # Act
    data["calls-0-call_time"] = "02:30"
    client.post(edit_url(sheet), data)

    # Assert: 02:30 happens twice that night; the sheet means the first, still in summer time (00:30 UTC).
    assert SheetCall.objects.get().call_at == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)


def test_edit_refuses_to_overwrite_someone_elses_save(client, day):
    # Arrange
    client.force_login(day.manager)
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    data = form_data(client, sheet)
    CallSheet.objects.filter(pk=sheet.pk).update(version=5, notes="Theirs")

    # Act
    data["notes"] = "Mine"
    response = client.post(edit_url(sheet), data)

    # Assert
    assert response.status_code == 409
    assert CallSheet.objects.get().notes == "Theirs"


def test_publish_view_refuses_when_the_sheet_changed_since_the_page_was_read(client, day):
    # Arrange
    client.force_login(day.manager)
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    CallSheet.objects.filter(pk=sheet.pk).update(version=2)

    # Act
    response = client.post(
        reverse("callsheets:publish", kwargs={"pk": day.production.pk, "sheet_pk": sheet.pk}),
        {"version": "1"},
        follow=True,
    )

    # Assert
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert CallSheet.objects.get().issued == 0


def test_crew_member_sees_no_hidden_phone_and_no_fee_on_the_version_page(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    version = publish_snapshot(sheet)
    crew = member_of(day.production, Role.CREW)
    client.force_login(crew)

    # Act
    page = client.get(
        reverse("callsheets:version", kwargs={"pk": day.production.pk, "sheet_pk": sheet.pk, "number": 1})
    )

    # Assert
    html = page.content.decode()
    assert ("+32 470 11 11 11" in html, "+32 470 22 22 22" in html) == (True, False)
    assert ("450" in html, "380" in html) == (False, False)
    assert version.snapshot["calls"][1]["phone"] == "+32 470 22 22 22"


def test_manager_sees_every_phone_on_the_version_page(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    publish_snapshot(sheet)
    client.force_login(day.manager)

    # Act
    page = client.get(
        reverse("callsheets:version", kwargs={"pk": day.production.pk, "sheet_pk": sheet.pk, "number": 1})
    )

    # Assert
    html = page.content.decode()
    assert ("+32 470 11 11 11" in html, "+32 470 22 22 22" in html) == (True, True)


def test_personal_page_hides_private_phones_from_a_crew_recipient(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    version = publish_snapshot(sheet)
    _, token = recipient_with_token(version, name="Ines Peeters", language="nl", sees_private=False)

    # Act
    html = client.get(reverse("callsheets:personal", kwargs={"recipient_token": token})).content.decode()

    # Assert
    assert ("+32 470 11 11 11" in html, "+32 470 22 22 22" in html) == (True, False)


def test_personal_page_speaks_the_recipients_language_and_records_the_first_view(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    recipient, token = recipient_with_token(publish_snapshot(sheet), language="fr")
    url = reverse("callsheets:personal", kwargs={"recipient_token": token})

    # Act
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    opened = Recipient.objects.get(pk=recipient.pk).opened_at
    client.get(url)

    # Assert
    assert first["Content-Language"] == "fr"
    assert "Je l\u2019ai lue — confirmer la réception" in first.content.decode()
    assert opened is not None
    assert Recipient.objects.get(pk=recipient.pk).opened_at == opened


def test_confirm_records_the_receipt_once(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    recipient, token = recipient_with_token(publish_snapshot(sheet))
    url = reverse("callsheets:personal_confirm", kwargs={"recipient_token": token})

    # Act
    response = client.post(url)
    confirmed = Recipient.objects.get(pk=recipient.pk).confirmed_at
    client.post(url)

    # Assert
    assert response.status_code == 302
    assert confirmed is not None
    assert Recipient.objects.get(pk=recipient.pk).confirmed_at == confirmed


def test_forged_personal_link_is_not_found(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    recipient_with_token(publish_snapshot(sheet))

    # Act
    pages = [
        client.get(reverse("callsheets:personal", kwargs={"recipient_token": "forged"})),
        client.post(reverse("callsheets:personal_confirm", kwargs={"recipient_token": "forged"})),
        client.get(reverse("callsheets:personal_pdf", kwargs={"recipient_token": "forged"})),
    ]

    # Assert
    assert [page.status_code for page in pages] == [404, 404, 404]
    assert Recipient.objects.filter(confirmed_at__isnull=False).count() == 0


def test_expired_personal_link_is_gone(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    recipient, token = recipient_with_token(
        publish_snapshot(sheet), expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    # Act
    page = client.get(reverse("callsheets:personal", kwargs={"recipient_token": token}))
    confirm = client.post(reverse("callsheets:personal_confirm", kwargs={"recipient_token": token}))

    # Assert
    assert (page.status_code, confirm.status_code) == (410, 410)
    assert Recipient.objects.get(pk=recipient.pk).confirmed_at is None


def test_version_pdf_is_a_pdf(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    publish_snapshot(sheet)
    client.force_login(day.manager)

    # Act
    response = client.get(
        reverse("callsheets:version_pdf", kwargs={"pk": day.production.pk, "sheet_pk": sheet.pk, "number": 1})
    )

    # Assert
    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")


def test_crew_sees_only_published_sheets_in_the_list(client, day):
    # Arrange
    published = generate_call_sheet(day.production, DAY, by=day.manager)
    publish_snapshot(published)
    generate_call_sheet(day.production, DAY + datetime.timedelta(days=1), by=day.manager, empty=True)
    client.force_login(member_of(day.production, Role.CAST))

    # Act
    response = client.get(reverse("callsheets:list", kwargs={"pk": day.production.pk}))

    # Assert
    assert [sheet.pk for sheet in response.context["sheets"]] == [published.pk]


def test_sheet_list_queries_stay_flat(client, day, assert_flat_queries):
    # Arrange
    client.force_login(day.manager)
    generate_call_sheet(day.production, DAY, by=day.manager)

    def add_two() -> None:
        for offset in (1, 2):
            generate_call_sheet(day.production, DAY + datetime.timedelta(days=offset), by=day.manager, empty=True)

    # Act and assert
    assert_flat_queries(reverse("callsheets:list", kwargs={"pk": day.production.pk}), add_two)


def test_progress_fragment_shows_a_refused_address(client, day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    version = publish_snapshot(sheet)
    recipient_with_token(
        version,
        name="Ines Peeters",
        email="ines@bounce.example.be",
        queued_at=timezone.now(),
        failed_at=timezone.now(),
        error="550 5.1.1 User unknown",
    )
    client.force_login(day.manager)

    # Act
    html = client.get(
        reverse("callsheets:progress", kwargs={"pk": day.production.pk, "sheet_pk": sheet.pk})
    ).content.decode()

    # Assert
    assert "Niet afgeleverd" in html
    assert "550 5.1.1 User unknown" in html
