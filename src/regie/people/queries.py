"""Scoped reads of the address book and the engagements."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from regie.accounts.models import Organisation, hash_token
from regie.people.functions import Department
from regie.people.models import (
    DOCUMENT_KIND_LABELS,
    Contact,
    Engagement,
    EngagementStatus,
    IdDocumentKind,
    OnboardingLink,
    PersonalData,
    PersonalDocument,
    Unavailability,
)
from regie.productions.models import Production


def contacts_for_organisation(
    organisation: Organisation,
    *,
    query: str = "",
    kind: str = "",
    skill: str = "",
    tag: str = "",
    language: str = "",
    city: str = "",
    archived: bool = False,
) -> QuerySet[Contact]:
    """The organisation's address book, filtered. Every word of `query` must match a name, company or e-mail."""
    qs = organisation.contacts.filter(archived_at__isnull=not archived)
    for word in query.split():
        qs = qs.filter(Q(name__icontains=word) | Q(company__icontains=word) | Q(email__icontains=word))
    if kind:
        qs = qs.filter(kind=kind)
    # skills, tags and languages are JSON lists: a case-insensitive match in their JSON text
    # works on SQLite and PostgreSQL alike ("light" finds "lighting designer").
    if skill:
        qs = qs.filter(skills__icontains=skill)
    if tag:
        qs = qs.filter(tags__icontains=tag)
    if language:
        qs = qs.filter(languages__icontains=f'"{language}"')
    if city:
        qs = qs.filter(city__icontains=city)
    return qs.order_by("name", "pk")


def get_contact(organisation: Organisation, pk: int) -> Contact:
    """A contact of this organisation, or 404 (another tenant's id says nothing)."""
    return get_object_or_404(organisation.contacts, pk=pk)


def duplicates_of(contact: Contact) -> QuerySet[Contact]:
    """Other contacts of the organisation with the same e-mail address, mobile or phone, or the same name
    up to accents, case and word order."""
    same = Q(name_key=contact.name_key) if contact.name_key else Q(pk__in=[])
    if contact.email_key:
        same |= Q(email_key=contact.email_key)
    for number in {contact.phone, contact.mobile} - {""}:
        same |= Q(phone=number) | Q(mobile=number)
    return contact.organisation.contacts.filter(same).exclude(pk=contact.pk).order_by("name", "pk")


def engagements_for_production(production: Production) -> QuerySet[Engagement]:
    return production.engagements.select_related("contact", "reports_to__contact").order_by(
        "department", "-is_department_head", "contact__name", "pk"
    )


def engagements_for_contact(contact: Contact) -> QuerySet[Engagement]:
    return contact.engagements.select_related("production").order_by("-production__start_date", "pk")


@dataclass
class DepartmentGroup:
    department: str
    label: str
    engagements: list[Engagement]


def by_department(engagements: list[Engagement]) -> list[DepartmentGroup]:
    """Engagements grouped in the order of the Department choices; those without one come last."""
    labels = dict(Department.choices)
    groups: dict[str, DepartmentGroup] = {}
    for engagement in engagements:
        key = engagement.department or Department.OTHER
        if key not in groups:
            groups[key] = DepartmentGroup(key, str(labels.get(key, key)), [])
        groups[key].engagements.append(engagement)
    order = {value: i for i, value in enumerate(Department.values)}
    return sorted(groups.values(), key=lambda g: order.get(g.department, len(order)))


@dataclass
class ChartNode:
    engagement: Engagement
    children: list[ChartNode] = field(default_factory=list)


def organisation_chart(engagements: list[Engagement]) -> list[ChartNode]:
    """The reporting lines as a forest: roots are those who report to nobody on this production.

    A reporting line that loops (A under B under A) cannot come from the form, but if one does
    the loop's members are shown as roots rather than lost.
    """
    nodes = {e.pk: ChartNode(e) for e in engagements}
    roots: list[ChartNode] = []
    for engagement in engagements:
        parent = nodes.get(engagement.reports_to_id) if engagement.reports_to_id else None
        if parent is None or _loops(engagement, nodes):
            roots.append(nodes[engagement.pk])
        else:
            parent.children.append(nodes[engagement.pk])
    return roots


@dataclass
class ChartRow:
    """One person of the chart in reading order: open a nested list after them if they have reports,
    and close `closes` nested lists after them (their subtree, and maybe their boss's, ends here)."""

    engagement: Engagement
    has_reports: bool
    closes: int = 0

    @property
    def close_range(self) -> range:
        return range(self.closes)


def chart_rows(roots: list[ChartNode]) -> list[ChartRow]:
    """The chart flattened, so the template draws 800 people in one loop rather than 800 includes."""
    rows: list[ChartRow] = []

    def walk(node: ChartNode) -> None:
        rows.append(ChartRow(node.engagement, bool(node.children)))
        for child in node.children:
            walk(child)
        if node.children:
            rows[-1].closes += 1

    for root in roots:
        walk(root)
    return rows


def _loops(engagement: Engagement, nodes: dict[int, ChartNode]) -> bool:
    seen = {engagement.pk}
    current = engagement.reports_to_id
    while current is not None and current in nodes:
        if current in seen:
            return True
        seen.add(current)
        current = nodes[current].engagement.reports_to_id
    return False


ACTIVE_STATUSES = (
    EngagementStatus.PROPOSED,
    EngagementStatus.OPTION,
    EngagementStatus.CONFIRMED,
    EngagementStatus.CONTRACTED,
)


@dataclass(frozen=True)
class ExpiringDocument:
    contact_name: str
    kind: str
    expiry: datetime.date
    expired: bool


def expiring_documents(production: Production, *, horizon_days: int = 90) -> list[ExpiringDocument]:
    """Documents of the people engaged (not cancelled) that expire before the production ends, or
    have expired already: the identity document of their personal data and their personal documents.

    Without an end date, "soon" means within `horizon_days` of the production's today. Two queries
    whatever the size of the crew, reading only clear columns (name, kind, expiry): listing them
    decrypts nothing.
    """
    today = production.today()
    limit = production.end_date or today + datetime.timedelta(days=horizon_days)
    engaged = Engagement.objects.filter(production=production, status__in=ACTIVE_STATUSES).values("contact_id")
    identity = (
        PersonalData.objects.filter(contact_id__in=engaged, id_document_expiry__lte=limit)
        .values_list("contact__name", "id_document_kind", "id_document_expiry")
        .order_by()
    )
    documents = (
        PersonalDocument.objects.filter(contact_id__in=engaged, valid_until__lte=limit)
        .values_list("contact__name", "kind", "valid_until")
        .order_by()
    )
    kinds = {**DOCUMENT_KIND_LABELS, **dict(IdDocumentKind.choices)}
    found = {
        (name, str(kinds.get(kind, kind) or ""), expiry)
        for rows in (identity, documents)
        for name, kind, expiry in rows
        if expiry is not None
    }
    return [
        ExpiringDocument(name, kind, expiry, expiry < today)
        for name, kind, expiry in sorted(found, key=lambda row: (row[2], row[0], row[1]))
    ]


def engagement_counts(production: Production) -> list[tuple[str, int]]:
    """(status label, number) in the order of the statuses, only those present."""
    counts = dict(production.engagements.values_list("status").annotate(n=Count("pk")).order_by())
    return [(str(label), counts[value]) for value, label in EngagementStatus.choices if value in counts]


def unavailable_periods_for(
    contact_ids: list[int], start: datetime.date, end: datetime.date
) -> dict[int, list[Unavailability]]:
    """The unavailable periods of these contacts that overlap start to end (both included), per
    contact id, in one query."""
    periods: dict[int, list[Unavailability]] = {}
    rows = Unavailability.objects.filter(contact_id__in=contact_ids, start_date__lte=end, end_date__gte=start)
    for period in rows.order_by("start_date", "pk"):
        periods.setdefault(period.contact_id, []).append(period)
    return periods


def onboarding_for(production: Production, contact_ids: list[int]) -> dict[int, OnboardingLink]:
    """The latest onboarding link of each of these contacts for this production, in one query."""
    latest: dict[int, OnboardingLink] = {}
    rows = OnboardingLink.objects.filter(production=production, contact_id__in=contact_ids).order_by("created", "pk")
    for link in rows:
        latest[link.contact_id] = link
    return latest


def onboarding_link_for_token(token: str) -> OnboardingLink | None:
    return (
        OnboardingLink.objects.select_related("contact__organisation", "production")
        .filter(token_hash=hash_token(token))
        .first()
    )


def documents_of(contact: Contact) -> QuerySet[PersonalDocument]:
    return contact.documents.order_by("kind", "valid_until", "pk")


def engagements_for_pdf(production: Production) -> list[Engagement]:
    """Every engagement but the cancelled ones, in crew-list order, for the printed lists."""
    return list(engagements_for_production(production).exclude(status=EngagementStatus.CANCELLED))
