"""Personal documents: checked by content, stored encrypted under random names in the private storage,
downloaded only through the permission-checking view, every change and read in the history."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.models import AuditEntry
from regie.people.models import DocumentKind, PersonalData, PersonalDocument
from regie.people.queries import ExpiringDocument, expiring_documents
from tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    EngagementFactory,
    PersonalDocumentFactory,
    ProductionFactory,
    member_of,
)

pytestmark = pytest.mark.django_db

JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


@pytest.fixture
def engagement():
    return EngagementFactory(production=ProductionFactory())


def stored_files() -> list[str]:
    storage = storages["private"]
    if not storage.exists("documents"):
        return []
    return storage.listdir("documents")[1]


def document_form(upload=None, **changes) -> dict:
    data = {
        "kind": DocumentKind.A1,
        "number": "A1-2027-778",
        "issuing_country": "FR",
        "valid_from": "2027-01-01",
        "valid_until": "2027-06-30",
        "note": "posted from Lyon",
    }
    data.update(changes)
    if upload is not None:
        data["upload"] = upload
    return data


def add_url(engagement) -> str:
    return reverse("people:document_add", kwargs={"pk": engagement.production_id, "engagement_pk": engagement.pk})


def file_url(engagement, document) -> str:
    kwargs = {"pk": engagement.production_id, "engagement_pk": engagement.pk, "document_pk": document.pk}
    return reverse("people:document_file", kwargs=kwargs)


def test_document_add_stores_scan_encrypted_under_random_name(client, engagement):
    # Arrange
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))
    upload = SimpleUploadedFile("../../etc/Mon A1.pdf", PDF_BYTES, content_type="application/pdf")

    # Act
    response = client.post(add_url(engagement), document_form(upload))

    # Assert
    document = PersonalDocument.objects.get()
    assert response.status_code == 302
    assert (document.kind, document.number, document.original_name, document.content_type, document.size) == (
        DocumentKind.A1,
        "A1-2027-778",
        "Mon A1.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    names = stored_files()
    assert len(names) == 1 and "A1" not in names[0] and len(names[0]) == 40
    with storages["private"].open(f"documents/{names[0]}", "rb") as handle:
        assert PDF_BYTES not in handle.read()
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM people_personaldocument WHERE id = %s", [document.pk])
        assert "A1-2027-778" not in cursor.fetchone()[0]
    entry = AuditEntry.objects.get(action="people.document.added")
    assert "A1-2027-778" not in str(entry.data) + str(entry.changes)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("script.pdf", b"#!/bin/sh\necho not a pdf\n"),
        ("photo.png", b"GIF89a" + b"\x00" * 20),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("empty.pdf", b""),
    ],
)
def test_document_add_file_not_pdf_jpeg_or_png_refused_nothing_stored(client, engagement, name, content):
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.post(add_url(engagement), document_form(SimpleUploadedFile(name, content)))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["upload"]
    assert (PersonalDocument.objects.count(), stored_files(), AuditEntry.objects.count()) == (0, [], 0)


def test_document_add_file_too_large_refused_nothing_stored(client, engagement, settings):
    settings.REGIE_DOCUMENT_MAX_BYTES = 1024
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.post(add_url(engagement), document_form(SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2000)))

    assert response.status_code == 200
    assert response.context["form"].errors["upload"] == ["The file is too large (2.0\xa0KB); the limit is 1.0\xa0KB."]
    assert (PersonalDocument.objects.count(), stored_files()) == (0, [])


def test_document_add_expiry_before_start_refused(client, engagement):
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.post(add_url(engagement), document_form(valid_until="2026-12-31"))

    assert list(response.context["form"].errors) == ["valid_until"]
    assert PersonalDocument.objects.count() == 0


def test_document_replace_scan_removes_old_file(client, engagement, django_capture_on_commit_callbacks):
    # Arrange
    document = PersonalDocumentFactory(contact=engagement.contact, content=PDF_BYTES)
    old_name = document.file_name
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))
    kwargs = {"pk": engagement.production_id, "engagement_pk": engagement.pk, "document_pk": document.pk}
    data = document_form(SimpleUploadedFile("scan.png", PNG_BYTES), kind=DocumentKind.PASSPORT, version=1)

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:document_edit", kwargs=kwargs), data)

    # Assert
    document.refresh_from_db()
    assert response.status_code == 302
    assert (document.content_type, document.original_name, document.version) == ("image/png", "scan.png", 2)
    assert stored_files() == [document.file_name.removeprefix("documents/")]
    assert old_name != document.file_name
    assert AuditEntry.objects.get(action="people.document.changed").data["fields"] == [
        "file",
        "issuing_country",
        "note",
        "number",
        "valid_from",
        "valid_until",
    ]


def test_document_remove_deletes_row_and_file(client, engagement, django_capture_on_commit_callbacks):
    document = PersonalDocumentFactory(contact=engagement.contact, content=PDF_BYTES)
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))
    kwargs = {"pk": engagement.production_id, "engagement_pk": engagement.pk, "document_pk": document.pk}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:document_remove", kwargs=kwargs))

    assert response.status_code == 302
    assert (PersonalDocument.objects.count(), stored_files()) == (0, [])
    assert AuditEntry.objects.filter(action="people.document.removed").count() == 1


def test_document_download_accountant_gets_file_and_read_is_logged(client, engagement):
    document = PersonalDocumentFactory(contact=engagement.contact, content=JPEG_BYTES)
    accountant = member_of(engagement.production, Role.ACCOUNTANT)
    client.force_login(accountant)

    response = client.get(file_url(engagement, document))

    assert response.status_code == 200
    assert (response.content, response["Content-Type"], response["Cache-Control"]) == (
        JPEG_BYTES,
        "image/jpeg",
        "private, no-store",
    )
    entry = AuditEntry.objects.get(action="people.document.downloaded")
    assert (entry.user, entry.production, entry.data["contact"]) == (
        accountant,
        engagement.production,
        engagement.contact_id,
    )


@pytest.mark.parametrize("role", [Role.CREW, Role.PRODUCTION_ASSISTANT, Role.DEPARTMENT_HEAD])
def test_document_download_other_roles_refused_nothing_logged(client, engagement, role):
    document = PersonalDocumentFactory(contact=engagement.contact, content=PDF_BYTES)
    client.force_login(member_of(engagement.production, role))

    response = client.get(file_url(engagement, document))

    assert response.status_code == 403
    assert AuditEntry.objects.count() == 0


def test_document_download_of_another_persons_document_not_found(client, engagement):
    colleague = EngagementFactory(production=engagement.production)
    theirs = PersonalDocumentFactory(contact=colleague.contact, content=PDF_BYTES)
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.get(file_url(engagement, theirs))

    assert response.status_code == 404
    assert AuditEntry.objects.count() == 0


def test_document_download_from_another_production_not_found(client, engagement):
    document = PersonalDocumentFactory(contact=engagement.contact, content=PDF_BYTES)
    other = ProductionFactory(organisation=engagement.production.organisation)
    client.force_login(member_of(other, Role.PRODUCTION_MANAGER))
    kwargs = {"pk": other.pk, "engagement_pk": engagement.pk, "document_pk": document.pk}

    assert client.get(reverse("people:document_file", kwargs=kwargs)).status_code == 404


def test_personal_data_page_lists_documents(client, engagement):
    PersonalDocumentFactory(contact=engagement.contact, kind=DocumentKind.WORK_PERMIT, content=PDF_BYTES)
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.get(
        reverse("people:personal_data", kwargs={"pk": engagement.production_id, "engagement_pk": engagement.pk})
    )

    assert [d.kind for d in response.context["documents"]] == [DocumentKind.WORK_PERMIT]
    assert "passport.pdf" in response.content.decode()


def test_expiring_documents_joins_personal_documents_and_identity_document():
    # Arrange
    production = ProductionFactory(start_date=datetime.date(2099, 1, 10), end_date=datetime.date(2099, 3, 31))
    lea = EngagementFactory(production=production, contact__name="Lea")
    PersonalData.objects.create(contact=lea.contact, id_document_kind="id_card", id_document_expiry="2099-03-01")
    PersonalDocumentFactory(contact=lea.contact, kind=DocumentKind.A1, valid_until=datetime.date(2099, 2, 1))
    PersonalDocumentFactory(contact=lea.contact, kind=DocumentKind.VISA, valid_until=datetime.date(2099, 5, 1))
    old = EngagementFactory(production=production, contact__name="Old")
    PersonalDocumentFactory(contact=old.contact, kind=DocumentKind.WORK_PERMIT, valid_until=datetime.date(2020, 1, 1))
    PersonalDocumentFactory(contact__name="Not engaged", valid_until=datetime.date(2099, 2, 1))

    # Act
    found = expiring_documents(production)

    # Assert
    assert found == [
        ExpiringDocument("Old", "Work permit", datetime.date(2020, 1, 1), True),
        ExpiringDocument("Lea", "A1 certificate", datetime.date(2099, 2, 1), False),
        ExpiringDocument("Lea", "Identity card", datetime.date(2099, 3, 1), False),
    ]


def test_dashboard_document_warnings_cost_same_queries_for_one_and_three(client, assert_flat_queries):
    production = ProductionFactory(start_date=datetime.date(2099, 1, 10), end_date=datetime.date(2099, 3, 31))
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    def add_person() -> None:
        engagement = EngagementFactory(production=production)
        PersonalDocumentFactory(contact=engagement.contact, valid_until=datetime.date(2099, 2, 1))
        PersonalData.objects.create(
            contact=engagement.contact, id_document_kind="passport", id_document_expiry="2099-02-02"
        )

    add_person()
    assert_flat_queries(
        reverse("productions:dashboard", kwargs={"pk": production.pk}), lambda: [add_person() for _ in range(2)]
    )

    html = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk})).content.decode()
    assert html.count("before the production ends") == 6
