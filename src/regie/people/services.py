from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from regie.accounts.models import Organisation, User
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import lock_and_check_version, save_versioned, set_archived
from regie.core.feedback import Refused
from regie.people.documents import actor_data
from regie.people.models import Contact, Engagement, OnboardingLink, PersonalData, Unavailability
from regie.people.validation import name_key, normalise_email
from regie.productions.models import Production


class PeopleError(Refused):
    """A request about the address book or the engagements that the rules refuse."""


def create_contact(contact: Contact, *, organisation: Organisation, by: User) -> Contact:
    with transaction.atomic():
        contact.organisation = organisation
        contact.save()
        log_action(contact, "people.contact.created", user=by, changes=diff({}, snapshot(contact)))
    return contact


def update_contact(contact: Contact, *, version: int, by: User) -> Contact:
    """Save the edited contact unless someone else saved it since `version` was read."""
    return save_versioned(contact, version=version, action="people.contact.changed", by=by)


def archive_contact(contact: Contact, *, by: User) -> None:
    set_archived(contact, archived=True, action="people.contact.archived", by=by)


def unarchive_contact(contact: Contact, *, by: User) -> None:
    set_archived(contact, archived=False, action="people.contact.unarchived", by=by)


MERGED_TEXT_FIELDS = (
    "company",
    "street",
    "postcode",
    "city",
    "email",
    "email_other",
    "phone",
    "mobile",
    "website",
    "vat_number",
    "nationality",
    "day_rate",
    "hour_rate",
    "user_id",
)


def merge_contacts(keep: Contact, drop: Contact, *, by: User) -> Contact:
    """Fold `drop` into `keep`: empty fields of `keep` take `drop`'s values, lists are joined, notes
    appended, engagements move over; then `drop` is deleted. Both rows are locked (in id order, so
    two merges of the same pair cannot deadlock)."""
    if keep.pk == drop.pk or keep.organisation_id != drop.organisation_id:
        raise PeopleError(_("A contact can only be merged with another contact of the same organisation."))
    with transaction.atomic():
        locked = {c.pk: c for c in Contact.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk]).order_by("pk")}
        if len(locked) != 2:
            raise PeopleError(_("One of the two contacts no longer exists."))
        keep, drop = locked[keep.pk], locked[drop.pk]
        before = snapshot(keep)
        for attname in MERGED_TEXT_FIELDS:
            if getattr(keep, attname) in ("", None) and getattr(drop, attname) not in ("", None):
                setattr(keep, attname, getattr(drop, attname))
        for name in ("skills", "tags", "languages"):
            current = getattr(keep, name)
            setattr(keep, name, current + [v for v in getattr(drop, name) if v not in current])
        if drop.notes:
            keep.notes = f"{keep.notes}\n\n{drop.notes}".strip()
        moved = list(drop.engagements.values_list("pk", flat=True))
        drop.engagements.update(contact=keep)
        _merge_personal_data(keep, drop)
        keep.version += 1
        keep.save()
        log_action(
            keep,
            "people.contact.merged",
            user=by,
            changes=diff(before, snapshot(keep)),
            data={"merged": drop.pk, "merged_name": drop.name, "engagements": moved},
        )
        drop.delete()
    return keep


def _merge_personal_data(keep: Contact, drop: Contact) -> None:
    """Keep the sensitive details of both: `drop`'s move over, or fill the gaps in `keep`'s."""
    theirs = PersonalData.objects.select_for_update().filter(contact=drop).first()
    if theirs is None:
        return
    ours = PersonalData.objects.select_for_update().filter(contact=keep).first()
    if ours is None:
        theirs.contact = keep
        theirs.version += 1
        theirs.save()
        return
    for name in (*PersonalData.SENSITIVE_FIELDS, "id_document_kind", "id_document_expiry"):
        if getattr(ours, name) in ("", None):
            setattr(ours, name, getattr(theirs, name))
    ours.version += 1
    ours.save()


def save_engagement(engagement: Engagement, *, version: int | None, by: User) -> Engagement:
    """Create the engagement, or save its edit unless someone else saved it since `version` was read."""
    with transaction.atomic():
        if engagement.pk is None:
            engagement.save()
            log_action(engagement, "people.engagement.added", user=by, changes=diff({}, snapshot(engagement)))
            return engagement
        current = lock_and_check_version(Engagement, engagement.pk, version or 0)
        changes = diff(snapshot(current), snapshot(engagement))
        if changes:
            engagement.version = current.version + 1  # type: ignore[attr-defined]
            engagement.save()
            log_action(engagement, "people.engagement.changed", user=by, changes=changes)
    return engagement


def remove_engagement(engagement: Engagement, *, by: User) -> None:
    """Remove the engagement; those who reported to this person report to nobody until reassigned."""
    with transaction.atomic():
        log_action(engagement, "people.engagement.removed", user=by, data={"contact": engagement.contact_id})
        engagement.delete()


def engage(production: Production, contact: Contact, *, by: User, **terms: object) -> Engagement:
    """Engage a contact on a production with `terms` (the Engagement's fields); for scripts and tests."""
    return save_engagement(Engagement(production=production, contact=contact, **terms), version=None, by=by)


def record_sensitive_view(
    personal_data: PersonalData,
    *,
    by: User | None,
    production: Production | None,
    link: OnboardingLink | None = None,
) -> None:
    """Every showing of a person's sensitive details leaves an entry: who (or which onboarding link),
    when, which fields."""
    log_action(
        personal_data,
        "people.person.sensitive_viewed",
        user=by,
        production=production,
        data={"contact": personal_data.contact_id, "fields": personal_data.filled_fields(), **actor_data(link)},
    )


def save_personal_data(
    personal_data: PersonalData, *, version: int | None, by: User, production: Production | None
) -> PersonalData:
    """Save the person's sensitive details; the history names the changed fields, never their values."""
    with transaction.atomic():
        if personal_data.pk is None:
            personal_data.save()
            changed = personal_data.filled_fields()
        else:
            current = lock_and_check_version(PersonalData, personal_data.pk, version or 0)
            changed = sorted(diff(snapshot(current), snapshot(personal_data)))
            if not changed:
                return personal_data
            personal_data.version = current.version + 1  # type: ignore[attr-defined]
            personal_data.save()
        log_action(
            personal_data,
            "people.person.sensitive_changed",
            user=by,
            production=production,
            data={"contact": personal_data.contact_id, "fields": changed},
        )
    return personal_data


def import_contacts(contacts: list[Contact], *, organisation: Organisation, by: User | None, filename: str) -> int:
    """Add the checked contacts of an import, all in one transaction or none of them."""
    with transaction.atomic():
        for contact in contacts:
            contact.organisation = organisation
            contact.email_key = normalise_email(contact.email)
            contact.name_key = name_key(contact.name)
        Contact.objects.bulk_create(contacts, batch_size=500)
        log_action(
            organisation,
            "people.contacts.imported",
            user=by,
            organisation=organisation,
            data={"count": len(contacts), "file": filename},
        )
    return len(contacts)


def add_unavailability(period: Unavailability, *, contact: Contact, by: User) -> Unavailability:
    with transaction.atomic():
        period.contact = contact
        period.save()
        log_action(period, "people.unavailability.added", user=by, changes=diff({}, snapshot(period)))
    return period


def remove_unavailability(period: Unavailability, *, by: User) -> None:
    with transaction.atomic():
        log_action(period, "people.unavailability.removed", user=by, changes=diff(snapshot(period), {}))
        period.delete()
