"""The register of mandatory documents: saving entries, and what is missing or expiring."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from regie.accounts.models import User
from regie.contracts.models import (
    Contract,
    ContractKind,
    ContractStatus,
    DocumentKind,
    DocumentStatus,
    RequiredDocument,
)
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import lock_and_check_version
from regie.people.functions import Department
from regie.people.models import Engagement, EngagementStatus
from regie.productions.models import Production

EXPIRY_HORIZON_DAYS = 60


def save_document(document: RequiredDocument, *, version: int | None, by: User) -> RequiredDocument:
    with transaction.atomic():
        if document.pk is None:
            document.save()
            log_action(document, "contracts.document.added", user=by)
            return document
        current = lock_and_check_version(RequiredDocument, document.pk, version or 0)
        changes = diff(snapshot(current), snapshot(document))
        if changes:
            document.version = current.version + 1  # type: ignore[attr-defined]
            document.save()
            log_action(document, "contracts.document.changed", user=by, changes=changes)
    return document


@dataclass(frozen=True)
class MissingRelease:
    engagement: Engagement
    provider: str


def missing_portrait_releases(production: Production) -> list[MissingRelease]:
    """Cast members without a received release in the register nor a signed release contract."""
    cast = list(
        Engagement.objects.filter(production=production, department=Department.CAST)
        .exclude(status=EngagementStatus.CANCELLED)
        .select_related("contact")
        .order_by("contact__name")
    )
    covered = set(
        RequiredDocument.objects.filter(
            production=production,
            kind=DocumentKind.PORTRAIT_RELEASE,
            status__in=(DocumentStatus.RECEIVED, DocumentStatus.NOT_NEEDED),
            engagement__isnull=False,
        ).values_list("engagement_id", flat=True)
    )
    covered |= set(
        Contract.objects.filter(
            production=production,
            kind=ContractKind.PORTRAIT_RELEASE,
            status__in=(ContractStatus.SIGNED, ContractStatus.ENDED),
        ).values_list("engagement_id", flat=True)
    )
    return [MissingRelease(e, e.contact.name) for e in cast if e.pk not in covered]


def missing_documents(production: Production) -> list[RequiredDocument]:
    return list(
        RequiredDocument.objects.filter(
            production=production, status__in=(DocumentStatus.MISSING, DocumentStatus.REQUESTED)
        )
        .select_related("engagement__contact")
        .order_by("needed_by", "kind", "title")
    )


def expiring_documents(production: Production, today: datetime.date) -> list[RequiredDocument]:
    return list(
        RequiredDocument.objects.filter(
            production=production,
            status=DocumentStatus.RECEIVED,
            valid_until__isnull=False,
            valid_until__lte=today + datetime.timedelta(days=EXPIRY_HORIZON_DAYS),
        )
        .select_related("engagement__contact")
        .order_by("valid_until")
    )
