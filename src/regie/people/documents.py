"""Use cases of personal documents: add, replace, remove, read. Each one leaves a history entry.

The history names the fields that changed, never their values (the document number is personal
data). Actions taken by the person through an onboarding link carry no user but `via: onboarding`
and the link's id.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from regie.accounts.models import User
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import lock_and_check_version
from regie.people import files
from regie.people.files import CheckedFile
from regie.people.models import Contact, OnboardingLink, PersonalDocument
from regie.productions.models import Production


def actor_data(link: OnboardingLink | None) -> dict[str, Any]:
    return {"via": "onboarding", "link": link.pk} if link is not None else {}


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: files.delete(name))


def save_document(
    document: PersonalDocument,
    *,
    upload: CheckedFile | None,
    version: int | None,
    by: User | None,
    production: Production | None = None,
    link: OnboardingLink | None = None,
) -> PersonalDocument:
    """Add the document or save its edit; a new `upload` replaces the stored scan.

    The new file is written before the transaction; if the transaction fails it is removed, and
    the old file is only removed once the new row has committed, so a crash never leaves a row
    pointing at nothing.
    """
    new_name = files.store(upload.content) if upload is not None else ""
    old_name = ""
    try:
        with transaction.atomic():
            if upload is not None:
                document.file_name = new_name
                document.content_type = upload.content_type
                document.original_name = upload.original_name
                document.size = len(upload.content)
            if document.pk is None:
                document.save()
                action = "people.document.added"
                changed = sorted(name for name, value in snapshot(document).items() if value not in ("", None))
            else:
                current: Any = lock_and_check_version(PersonalDocument, document.pk, version or 0)
                changed = sorted(diff(snapshot(current), snapshot(document)))
                if upload is not None:
                    old_name = current.file_name
                    changed = sorted({*changed, "file"})
                if not changed:
                    return document
                document.version = current.version + 1
                document.save()
                action = "people.document.changed"
            data = {"contact": document.contact_id, "kind": document.kind, "fields": changed, **actor_data(link)}
            log_action(document, action, user=by, production=production, data=data)
            _delete_file_after_commit(old_name)
    except BaseException:
        if new_name:
            files.delete(new_name)
        raise
    return document


def delete_document(
    document: PersonalDocument,
    *,
    by: User | None,
    production: Production | None = None,
    link: OnboardingLink | None = None,
) -> None:
    with transaction.atomic():
        data = {"contact": document.contact_id, "kind": document.kind, **actor_data(link)}
        log_action(document, "people.document.removed", user=by, production=production, data=data)
        name = document.file_name
        document.delete()
        _delete_file_after_commit(name)


def read_document_file(
    document: PersonalDocument,
    *,
    by: User | None,
    production: Production | None = None,
    link: OnboardingLink | None = None,
) -> bytes:
    """The scan's content; every read leaves an entry (who, which document), as for personal data."""
    content = files.read(document.file_name)
    data = {"contact": document.contact_id, "kind": document.kind, **actor_data(link)}
    log_action(document, "people.document.downloaded", user=by, production=production, data=data)
    return content


def delete_all_documents(contact: Contact) -> int:
    """Remove every document of the person and, once committed, their files (for erasure)."""
    names = list(contact.documents.exclude(file_name="").values_list("file_name", flat=True))
    count, _ = contact.documents.all().delete()
    for name in names:
        _delete_file_after_commit(name)
    return count
