"""A person's rights over their data (GDPR articles 15, 17 and 20): everything we hold, and erasure.

Erasure anonymises rather than deletes: the contact row stays, under a neutral name, because its
engagements (function, dates, fees) are financial records the law makes us keep for years (Belgian
bookkeeping: seven to ten years) and budget lines, schedules and call sheets point at them. What
goes: name, contact details, notes, personal data, documents and their files, unavailable periods,
onboarding links, and the values recorded in the history of changes to the contact.

Erasure is refused while the person is engaged on a production that is still running or to come
(an engagement that is not cancelled, on a production that is not archived and whose end date is
today or later, or not set): the production still needs to reach them, and a contract may be
under way. End or cancel those engagements first.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.core.audit import action_label, json_safe, log_action
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from regie.people.documents import delete_all_documents
from regie.people.models import (
    Contact,
    Engagement,
    EngagementStatus,
    OnboardingLink,
    PersonalData,
    PersonalDocument,
    Unavailability,
)

CONTACT_FIELDS_KEPT = {"id", "organisation", "kind", "currency", "version", "created", "updated", "archived_at"}


class ErasureRefused(Refused):
    """The person cannot be erased yet."""


def _row(instance: Any, exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        field.name: json_safe(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }


def history_about(contact: Contact) -> QuerySet[AuditEntry]:
    """History entries about the person: on the contact, its personal data, documents, engagements,
    periods and onboarding links, and entries naming the contact in their data (removed rows)."""
    types = ContentType.objects.get_for_models(
        Contact, PersonalData, PersonalDocument, Engagement, Unavailability, OnboardingLink
    )
    ids: dict[type, list[Any]] = {
        Contact: [contact.pk],
        PersonalData: list(PersonalData.objects.filter(contact=contact).values_list("pk", flat=True)),
        PersonalDocument: list(contact.documents.values_list("pk", flat=True)),
        Engagement: list(contact.engagements.values_list("pk", flat=True)),
        Unavailability: list(contact.unavailabilities.values_list("pk", flat=True)),
        OnboardingLink: list(contact.onboarding_links.values_list("pk", flat=True)),
    }
    about = Q(organisation=contact.organisation_id, data__contact=contact.pk)
    for model, pks in ids.items():
        if pks:
            about |= Q(content_type=types[model], object_id__in=[str(pk) for pk in pks])
    return AuditEntry.objects.filter(about).select_related("user", "content_type").order_by("created", "pk")


def export_person(contact: Contact) -> dict[str, Any]:
    """Everything held about the person, decrypted, as JSON-safe data."""
    details = PersonalData.objects.filter(contact=contact).first()
    return {
        "exported_at": json_safe(timezone.now()),
        "organisation": contact.organisation.name,
        "contact": _row(contact, {"email_key", "name_key", "organisation"}),
        "personal_data": _row(details, {"contact", "id"}) if details else None,
        "documents": [
            {**_row(document, {"contact", "file_name", "id"}), "has_file": document.has_file}
            for document in contact.documents.all()
        ],
        "engagements": [
            {
                "production": engagement.production.title,
                "function": engagement.function_label,
                "department": engagement.department_label,
                **_row(engagement, {"id", "production", "contact", "reports_to", "function", "department"}),
            }
            for engagement in contact.engagements.select_related("production").order_by("pk")
        ],
        "unavailability": [_row(period, {"id", "contact"}) for period in contact.unavailabilities.all()],
        "onboarding_links": [
            _row(link, {"id", "contact", "token_hash", "sent_by"}) | {"production": link.production.title}
            for link in contact.onboarding_links.select_related("production")
        ],
        "history": [
            {
                "when": json_safe(entry.created),
                "action": entry.action,
                "label": action_label(entry.action),
                "by": str(entry.user) if entry.user else "",
                "object": entry.object_repr,
                "changes": entry.changes,
                "data": entry.data,
            }
            for entry in history_about(contact)
        ],
    }


def record_export(contact: Contact, *, by: User, fmt: str) -> None:
    log_action(contact, "people.person.exported", user=by, data={"contact": contact.pk, "format": fmt})


def engagements_blocking_erasure(contact: Contact) -> list[Engagement]:
    today = timezone.localdate()
    return list(
        contact.engagements.exclude(status=EngagementStatus.CANCELLED)
        .filter(production__archived_at__isnull=True)
        .filter(Q(production__end_date__isnull=True) | Q(production__end_date__gte=today))
        .select_related("production")
        .order_by("production__title")
    )


def erased_name(contact: Contact) -> str:
    return f"[erased #{contact.pk}]"


def erase_person(contact: Contact, *, by: User) -> Contact:
    """Anonymise the person (see the module's docstring); refused while engaged on a running production."""
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        blocking = engagements_blocking_erasure(contact)
        if blocking:
            titles = ", ".join(sorted({e.production.title for e in blocking}))
            raise ErasureRefused(
                _(
                    "%(name)s is still engaged on a running or coming production (%(productions)s). "
                    "Cancel or end those engagements first; then the person can be erased."
                )
                % {"name": contact.name, "productions": titles}
            )
        history = list(history_about(contact).values_list("pk", "content_type__model"))
        documents = delete_all_documents(contact)
        PersonalData.objects.filter(contact=contact).delete()
        contact.unavailabilities.all().delete()
        contact.onboarding_links.all().delete()
        anonymous = erased_name(contact)
        for field in contact._meta.concrete_fields:
            if field.name in CONTACT_FIELDS_KEPT or not field.editable:
                continue
            setattr(contact, field.attname, field.get_default())
        contact.name = anonymous
        contact.country = ""
        contact.archived_at = contact.archived_at or timezone.now()
        contact.version += 1
        contact.save()
        _scrub_history(history, contact)
        log_action(
            contact,
            "people.person.erased",
            user=by,
            data={"contact": contact.pk, "documents": documents, "engagements_kept": contact.engagements.count()},
        )
    return contact


def _scrub_history(entries: list[tuple[int, str]], contact: Contact) -> None:
    """Keep the entries (who did what, when) but not the person's name or the values that changed,
    except on engagements, whose history is part of the financial record."""
    anonymous = erased_name(contact)
    engagement_entries = [pk for pk, model in entries if model == "engagement"]
    other_entries = [pk for pk, model in entries if model != "engagement"]
    AuditEntry.objects.filter(pk__in=engagement_entries).update(object_repr=anonymous)
    for entry in AuditEntry.objects.filter(pk__in=other_entries):
        entry.object_repr = anonymous
        entry.changes = {name: {"old": None, "new": None} for name in entry.changes}
        entry.data = {key: value for key, value in entry.data.items() if key not in {"email", "merged_name", "file"}}
        entry.save(update_fields=["object_repr", "changes", "data"])
