from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.callsheets.models import CallSheet, Recipient, SheetVersion
from regie.callsheets.queries import hash_link_token
from regie.callsheets.services import generate_call_sheet, publish_call_sheet, resend_to_unconfirmed
from regie.core.concurrency import EditConflict
from regie.core.models import AuditEntry
from tests.callsheets.conftest import DAY
from tests.factories import brussels

pytestmark = pytest.mark.django_db


def publish(sheet, user, django_capture_on_commit_callbacks, **kwargs):
    sheet.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        return publish_call_sheet(sheet, version=sheet.version, by=user, **kwargs)


def test_publish_issues_version_one_with_a_snapshot_and_recipients(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    version, without_email = publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    assert (version.number, version.changes, CallSheet.objects.get().issued) == (1, [], 1)
    assert [(c["name"], c["call"], c["wrap"], c["pickup"]) for c in version.snapshot["calls"]] == [
        ("Ines Peeters", "08:30", "13:00", "08:00"),
        ("Camille Dubois", "09:00", "22:30", None),
        ("", "17:30", "22:30", None),
    ]
    recipients = {r.name: r for r in Recipient.objects.all()}
    assert {name: (r.language, r.sees_private) for name, r in recipients.items()} == {
        "Camille Dubois": ("fr", False),
        "Ines Peeters": ("nl", False),
        "Noah Janssens": ("nl", False),
    }
    assert without_email == []
    assert AuditEntry.objects.filter(action="callsheets.sheet.published").count() == 1


def test_publish_snapshot_holds_no_fee_and_no_personal_data(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    version, _ = publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    text = str(version.snapshot)
    assert ("450" in text, "380" in text, "fee" in text) == (False, False, False)
    fields = "call department function key name note phone phone_private pickup pickup_place wrap"
    assert sorted(version.snapshot["calls"][0]) == fields.split()


def test_publish_sends_each_recipient_a_mail_in_their_language_with_link_and_pdf(
    day, mailbox, django_capture_on_commit_callbacks
):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    mails = {mail.recipients[0]: mail for mail in mailbox.wait_for(3)}
    french = mails["camille.dubois@example.be"]
    assert french.subject == "Conduite De Storm — mardi 2 mars 2027"
    assert "Votre heure de convocation : 09:00" in french.body
    [link] = french.links()
    token = link.removeprefix("https://regie.example.be/cs/").removesuffix("/")
    assert Recipient.objects.get(token_hash=hash_link_token(token)).name == "Camille Dubois"
    [attachment] = list(french.message.iter_attachments())
    assert (attachment.get_content_type(), attachment.get_filename()) == (
        "application/pdf",
        "run-sheet-2027-03-02-v1.pdf",
    )
    assert attachment.get_content()[:5] == b"%PDF-"
    dutch = mails[day.ines.contact.email]
    assert dutch.subject == "Draaiboek De Storm — dinsdag 2 maart 2027"
    assert "Ophalen: 08:00 Gent-Sint-Pieters" in dutch.body
    assert Recipient.objects.filter(sent_at__isnull=False).count() == 3


def test_publish_mail_has_an_html_part_with_the_same_call_and_link(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange: a name that must not become markup in the HTML part
    day.camille.contact.name = "Camille <b>Dubois</b>"
    day.camille.contact.save()
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    mails = {mail.recipients[0]: mail for mail in mailbox.wait_for(3)}
    french = mails["camille.dubois@example.be"]
    html_part = french.message.get_body(preferencelist=("html",))
    assert html_part is not None
    html = html_part.get_content()
    [link] = french.links()
    assert '<html lang="fr">' in html and f'href="{link}"' in html
    assert "Votre heure de convocation : 09:00" in html
    assert "Camille &lt;b&gt;Dubois&lt;/b&gt;" in html and "<b>Dubois</b>" not in html
    assert [a.get_content_type() for a in french.message.iter_attachments()] == ["application/pdf"]


def test_publish_records_a_refused_address_and_still_sends_the_others(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange
    day.ines.contact.email = "ines@bounce.example.be"
    day.ines.contact.save()
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    assert sorted(mail.recipients[0] for mail in mailbox.wait_for(2)) == [
        "camille.dubois@example.be",
        day.noah.contact.email,
    ]
    bounced = Recipient.objects.get(name="Ines Peeters")
    assert (bounced.sent_at, bounced.failed_at is not None) == (None, True)
    assert bounced.error == "550 5.1.1 <ines@bounce.example.be>: Recipient address rejected: User unknown"
    assert Recipient.objects.filter(sent_at__isnull=False).count() == 2


def test_publish_records_an_address_that_cannot_be_a_mail_header_and_sends_the_others(
    day, mailbox, django_capture_on_commit_callbacks
):
    # Arrange: an address with a line break (pasted from a spreadsheet) slipped into the crew list
    Contact = type(day.ines.contact)
    Contact.objects.filter(pk=day.ines.contact.pk).update(email="ines@example.be\nBcc: all@example.be")
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert: the two others arrive; hers is recorded as failed with the reason
    assert len(mailbox.wait_for(2)) == 2
    failed = Recipient.objects.get(engagement=day.ines)
    assert failed.failed_at is not None and failed.error


def test_publish_leaves_out_people_without_an_e_mail_address(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange
    day.noah.contact.email = ""
    day.noah.contact.save()
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    version, without_email = publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    assert without_email == ["Noah Janssens"]
    assert version.recipients.count() == 2


def test_publish_refuses_when_someone_edited_since_the_page_was_read(day):
    # Arrange: the publisher read version 1 of the sheet; someone else saved it meanwhile.
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    CallSheet.objects.filter(pk=sheet.pk).update(version=2, notes="Changed by someone else")

    # Act
    with pytest.raises(EditConflict):
        publish_call_sheet(sheet, version=1, by=day.manager)

    # Assert
    assert (SheetVersion.objects.count(), Recipient.objects.count(), CallSheet.objects.get().issued) == (0, 0, 0)


def test_second_version_lists_what_changed_in_page_and_mail(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    publish(sheet, day.manager, django_capture_on_commit_callbacks)
    mailbox.clear()
    call = sheet.calls.get(engagement=day.camille)
    call.call_at = brussels(DAY, 10)
    call.save()
    sheet.refresh_from_db()
    sheet.catering = "Soep om 12:30"
    sheet.save()
    sheet.locations.update(parking="Parking Zuid")

    # Act
    version, _ = publish(sheet, day.manager, django_capture_on_commit_callbacks)

    # Assert
    assert version.number == 2
    assert [(c["section"], c["op"], c["subject"], c["field"], c["old"], c["new"]) for c in version.changes] == [
        ("header", "changed", "catering", "catering", "", "Soep om 12:30"),
        ("call", "changed", "Camille Dubois", "call", "09:00", "10:00"),
        ("location", "changed", "Schouwburg Gent", "parking", "Parking Kouter, level -2", "Parking Zuid"),
    ]
    french = next(m for m in mailbox.wait_for(3) if m.recipients[0] == "camille.dubois@example.be")
    assert french.subject == "Conduite De Storm — mardi 2 mars 2027 (version 2)"
    assert "- Camille Dubois, Heure de convocation : 09:00 → 10:00" in french.body


def test_resend_queues_again_only_those_who_did_not_confirm(day, mailbox, django_capture_on_commit_callbacks):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    version, _ = publish(sheet, day.manager, django_capture_on_commit_callbacks)
    mailbox.wait_for(3)
    version.recipients.filter(name="Camille Dubois").update(confirmed_at=timezone.now())
    mailbox.clear()

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        count = resend_to_unconfirmed(version, by=day.manager)

    # Assert
    assert count == 2
    assert sorted(m.recipients[0] for m in mailbox.wait_for(2)) == sorted(
        [day.ines.contact.email, day.noah.contact.email]
    )
    assert dict(version.recipients.values_list("name", "send_count")) == {
        "Camille Dubois": 1,
        "Ines Peeters": 2,
        "Noah Janssens": 2,
    }


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection when done
def test_db_worker_drains_the_queued_sending_task(day, mailbox, settings, django_capture_on_commit_callbacks):
    # Arrange: the production backend, with the task left in the database queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    publish(sheet, day.manager, django_capture_on_commit_callbacks)
    assert Recipient.objects.filter(sent_at__isnull=False).count() == 0

    # Act
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    # Assert
    assert len(mailbox.wait_for(3)) == 3
    assert Recipient.objects.filter(sent_at__isnull=False).count() == 3
