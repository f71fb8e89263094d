from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from regie.accounts.models import Organisation, User
from regie.accounts.roles import Role
from regie.accounts.rules import forget_roles, production_role
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import save_versioned, set_archived
from regie.core.feedback import Refused
from regie.productions.models import KeyContact, Production, ProductionMembership


class ProductionError(Refused):
    """A request about a production that the rules refuse."""


def create_production(production: Production, *, organisation: Organisation, by: User) -> Production:
    """Save a new production (built by the form) and make its creator the owner."""
    with transaction.atomic():
        production.organisation = organisation
        production.created_by = by
        production.save()
        ProductionMembership.objects.create(production=production, user=by, role=Role.OWNER)
        log_action(production, "productions.production.created", user=by, changes=diff({}, snapshot(production)))
    forget_roles(by)
    return production


def update_production(production: Production, *, version: int, by: User) -> Production:
    """Save the edited production unless someone else saved it since `version` was read."""
    return save_versioned(production, version=version, action="productions.production.changed", by=by)


def archive_production(production: Production, *, by: User) -> None:
    set_archived(production, archived=True, action="productions.production.archived", by=by)


def unarchive_production(production: Production, *, by: User) -> None:
    set_archived(production, archived=False, action="productions.production.unarchived", by=by)


def duplicate_production(
    source: Production, *, title: str, start_date: datetime.date | None, copy_team: bool, by: User
) -> Production:
    """A new production in development with the source's settings, texts and key contacts.

    Dates move with the new start date (the same length); the team comes along only if asked.
    """
    with transaction.atomic():
        copy = Production.objects.get(pk=source.pk)
        copy.pk = None
        copy.title = title
        copy.phase = "development"
        copy.archived_at = None
        copy.version = 1
        copy.duplicated_from = source
        copy.created_by = by
        if start_date is not None and source.start_date is not None:
            shift = start_date - source.start_date
            copy.start_date = start_date
            copy.end_date = source.end_date + shift if source.end_date else None
        elif start_date is not None:
            copy.start_date, copy.end_date = start_date, None
        copy.save()
        KeyContact.objects.bulk_create(
            KeyContact(
                production=copy,
                label=c.label,
                name=c.name,
                company=c.company,
                email=c.email,
                phone=c.phone,
                notes=c.notes,
                position=c.position,
            )
            for c in source.key_contacts.all()
        )
        members = list(source.memberships.all()) if copy_team else []
        if not any(m.user_id == by.pk for m in members):
            members.append(ProductionMembership(user=by, role=Role.OWNER))
        ProductionMembership.objects.bulk_create(
            ProductionMembership(
                production=copy,
                user_id=m.user_id,
                role=Role.OWNER if m.user_id == by.pk else m.role,
                job_title=m.job_title,
                department=m.department,
            )
            for m in members
        )
        log_action(
            copy, "productions.production.duplicated", user=by, data={"from": source.pk, "from_title": source.title}
        )
    forget_roles(by)
    return copy


def add_member(
    production: Production, *, user: User, role: str, by: User, job_title: str = "", department: str = ""
) -> ProductionMembership:
    """Add the person to the team, or give them the new role if they are on it already."""
    with transaction.atomic():
        membership, created = ProductionMembership.objects.select_for_update().get_or_create(
            production=production,
            user=user,
            defaults={"role": role, "job_title": job_title, "department": department},
        )
        if created:
            log_action(membership, "productions.member.added", user=by, data={"user": user.email, "role": role})
        elif membership.role != role:
            before = membership.role
            membership.role = role
            membership.save(update_fields=["role"])
            log_action(
                membership, "productions.member.changed", user=by, changes={"role": {"old": before, "new": role}}
            )
    forget_roles(user)
    return membership


def update_member(membership: ProductionMembership, *, by: User) -> None:
    with transaction.atomic():
        current = ProductionMembership.objects.select_for_update().get(pk=membership.pk)
        if Role.OWNER in (current.role, membership.role) and current.role != membership.role:
            _ensure_owner_acts(current, by)
        if current.role == Role.OWNER and membership.role != Role.OWNER:
            _ensure_another_owner(current)
        changes = diff(snapshot(current), snapshot(membership))
        if changes:
            membership.save()
            log_action(membership, "productions.member.changed", user=by, changes=changes)


def remove_member(membership: ProductionMembership, *, by: User) -> None:
    with transaction.atomic():
        current = ProductionMembership.objects.select_for_update().get(pk=membership.pk)
        if current.role == Role.OWNER:
            _ensure_owner_acts(current, by)
            _ensure_another_owner(current)
        log_action(current, "productions.member.removed", user=by, data={"user": current.user.email})
        current.delete()


def _ensure_owner_acts(membership: ProductionMembership, by: User) -> None:
    """Only owners (and organisation administrators, who act as owners) give or take the owner role."""
    if production_role(by, membership.production) != Role.OWNER:
        raise ProductionError(_("Only an owner of the production can give or take the owner role."))


def _ensure_another_owner(membership: ProductionMembership) -> None:
    if (
        not ProductionMembership.objects.filter(production_id=membership.production_id, role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ProductionError(_("A production needs at least one owner."))


def save_key_contact(contact: KeyContact, *, by: User) -> KeyContact:
    with transaction.atomic():
        if contact.pk is None:
            contact.save()
            log_action(contact, "productions.contact.added", user=by, changes=diff({}, snapshot(contact)))
        else:
            current = KeyContact.objects.select_for_update().get(pk=contact.pk)
            changes = diff(snapshot(current), snapshot(contact))
            if changes:
                contact.save()
                log_action(contact, "productions.contact.changed", user=by, changes=changes)
    return contact


def remove_key_contact(contact: KeyContact, *, by: User) -> None:
    with transaction.atomic():
        log_action(contact, "productions.contact.removed", user=by, data={"name": contact.name})
        contact.delete()
