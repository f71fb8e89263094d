"""Large imports go to the background worker: queued on confirmation, checked again and written all
at once or not at all, with progress the person can watch."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from regie.core.models import AuditEntry
from regie.people.import_jobs import run_contact_import
from regie.people.models import Contact, ContactImport, ImportStatus
from tests.factories import ContactFactory
from tests.people.test_imports import CSV_NL, confirm, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    settings.REGIE_IMPORT_BACKGROUND_ROWS = 1


def test_large_import_queued_then_worker_adds_all_rows(
    client, organisation, staff, small_threshold, django_capture_on_commit_callbacks
):
    # Arrange
    client.force_login(staff)
    upload(client, organisation, CSV_NL.encode())

    # Act: confirm, which queues the task, then let the worker drain the queue
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = confirm(client, organisation)
    job = ContactImport.objects.get()
    queued = (job.status, Contact.objects.count())
    [enqueued] = DBTaskResult.objects.all()
    # What the worker does with the queued task (the worker command itself closes the database
    # connection between tasks, which a test's transaction cannot survive on PostgreSQL).
    enqueued.task.call(*enqueued.args_kwargs["args"], **enqueued.args_kwargs["kwargs"])

    # Assert
    job.refresh_from_db()
    assert confirmed["Location"] == reverse(
        "people:contact_import_progress", kwargs={"slug": organisation.slug, "import_pk": job.pk}
    )
    assert queued == (ImportStatus.QUEUED, 0)
    assert (enqueued.task_path, enqueued.args_kwargs["args"]) == ("regie.people.tasks.contact_import", [job.pk])
    assert (job.status, job.imported, job.rows, job.percent) == (ImportStatus.DONE, 2, [], 100)
    assert sorted(Contact.objects.values_list("name", flat=True)) == ["An Claes", "Jan Peeters"]
    assert AuditEntry.objects.filter(action="people.contacts.imported").count() == 1
    assert f"people.import.{organisation.pk}" not in client.session


def test_large_import_progress_page_shows_state_and_polls_until_done(client, organisation, staff):
    job = ContactImport.objects.create(
        organisation=organisation, filename="crew.xlsx", total=4000, checked=2000, status=ImportStatus.CHECKING
    )
    client.force_login(staff)
    url = reverse("people:contact_import_progress", kwargs={"slug": organisation.slug, "import_pk": job.pk})

    running = client.get(url).content.decode()
    job.status, job.imported = ImportStatus.DONE, 4000
    job.save()
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert ("2000 of 4000 rows" in running, 'hx-trigger="every 1s"' in running) == (True, True)
    assert ("4000 contacts were imported." in done, "hx-trigger" in done, "<html" in done) == (True, False, False)


def test_large_import_row_gone_bad_since_preview_writes_nothing(organisation, staff):
    job = ContactImport.objects.create(
        organisation=organisation,
        created_by=staff,
        filename="crew.csv",
        headers=["Naam", "GSM"],
        rows=[["Jan Peeters", "0470 12 34 56"], ["An Claes", "12345"]],
        mapping=["name", "mobile"],
        total=2,
    )

    imported = run_contact_import(job.pk)

    job.refresh_from_db()
    assert (imported, job.status, Contact.objects.count()) == (0, ImportStatus.FAILED, 0)
    assert [number for number, _messages in job.problems] == [3]


def test_large_import_duplicate_added_meanwhile_left_out(organisation, staff):
    ContactFactory(organisation=organisation, name="Jan Peeters", email="jan@example.be")
    job = ContactImport.objects.create(
        organisation=organisation,
        created_by=staff,
        filename="crew.csv",
        headers=["Naam", "E-mail"],
        rows=[["Jan Peeters", "jan@example.be"], ["An Claes", "an@example.be"]],
        mapping=["name", "email"],
        total=2,
    )

    imported = run_contact_import(job.pk)

    assert (imported, Contact.objects.filter(name="An Claes").count(), Contact.objects.count()) == (1, 1, 2)


def test_large_import_progress_of_another_organisation_not_found(client, organisation, staff):
    other = ContactImport.objects.create(organisation=ContactFactory().organisation, filename="x.csv")
    client.force_login(staff)

    url = reverse("people:contact_import_progress", kwargs={"slug": organisation.slug, "import_pk": other.pk})

    assert client.get(url).status_code == 404
