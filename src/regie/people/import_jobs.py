"""Large imports, confirmed by a person and done by the background worker with visible progress.

Measured (bench/results/people.md): checking and writing 10,000 rows takes longer than a person
should wait on a request, and longer than proxies allow. Files of more than
settings.REGIE_IMPORT_BACKGROUND_ROWS rows are therefore queued on confirmation; smaller ones are
still added in the request, as before.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import Organisation, User
from regie.core.audit import log_action
from regie.people import services
from regie.people.import_forms import MAX_PROBLEMS_SHOWN, check_rows
from regie.people.imports import Table
from regie.people.models import ContactImport, ImportStatus

logger = logging.getLogger(__name__)


def queue_contact_import(
    *,
    organisation: Organisation,
    by: User,
    filename: str,
    headers: list[str],
    rows: list[list[str]],
    mapping: list[str],
) -> ContactImport:
    """Save the confirmed rows and queue the worker's task once the transaction has committed."""
    from regie.people.tasks import contact_import

    with transaction.atomic():
        job = ContactImport.objects.create(
            organisation=organisation,
            created_by=by,
            filename=filename,
            headers=headers,
            rows=rows,
            mapping=mapping,
            total=len(rows),
        )
        log_action(job, "people.contacts.import_queued", user=by, data={"rows": len(rows), "file": filename})
        transaction.on_commit(lambda: contact_import.enqueue(job.pk))
    return job


def _progress(job: ContactImport, status: str, checked: int) -> None:
    ContactImport.objects.filter(pk=job.pk).update(status=status, checked=checked)


def run_contact_import(import_pk: int) -> int:
    """Check every row again (the address book may have changed since the preview), then add the
    contacts all at once, or none when a row is in error. Progress is saved every few hundred rows."""
    job = ContactImport.objects.select_related("organisation", "created_by").get(pk=import_pk)
    if job.is_finished:
        return job.imported
    _progress(job, ImportStatus.CHECKING, 0)
    try:
        check = check_rows(
            Table(headers=job.headers, rows=job.rows),
            job.mapping,
            job.organisation,
            progress=lambda done: _progress(job, ImportStatus.CHECKING, done),
        )
        if not check.ok:
            job.problems = [[number, messages] for number, messages in check.errors[:MAX_PROBLEMS_SHOWN]]
            return _finish(job, ImportStatus.FAILED, 0)
        _progress(job, ImportStatus.WRITING, job.total)
        count = services.import_contacts(
            check.contacts, organisation=job.organisation, by=job.created_by, filename=job.filename
        )
    except Exception:
        logger.exception("The contact import %s failed", job.pk)
        _finish(job, ImportStatus.FAILED, 0)
        raise
    job.problems = [[number, [f"{name}: {reason}"]] for number, name, reason in check.duplicates[:MAX_PROBLEMS_SHOWN]]
    return _finish(job, ImportStatus.DONE, count)


def _finish(job: ContactImport, status: str, imported: int) -> int:
    job.status, job.imported, job.checked, job.finished = status, imported, job.total, timezone.now()
    job.rows = []  # the file's content is not kept once the import is over
    job.save(update_fields=["status", "imported", "checked", "finished", "rows", "problems"])
    return imported
