from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from regie.accounts.models import Organisation, OrganisationMembership
from regie.accounts.roles import OrganisationRole, Role
from regie.productions.models import Production, ProductionMembership


def productions_for_user(user: Any) -> QuerySet[Production]:
    """Productions the user is a member of, plus all of those of organisations they administer."""
    if not getattr(user, "is_authenticated", False):
        return Production.objects.none()
    # Two EXISTS sub-queries, not joins: joining both membership tables multiplies a festival's
    # 800 team rows by the organisation's 2,000 members before DISTINCT folds them back.
    return Production.objects.filter(
        Exists(ProductionMembership.objects.filter(production=OuterRef("pk"), user=user))
        | Exists(
            OrganisationMembership.objects.filter(
                organisation=OuterRef("organisation"), user=user, role=OrganisationRole.ADMIN
            )
        )
    )


def get_production_for_user(user: Any, pk: int) -> Production:
    """The production, or 404 for anyone who may not know it exists."""
    return get_object_or_404(productions_for_user(user).select_related("organisation"), pk=pk)


def productions_for_organisation_home(
    user: Any, organisation: Organisation, *, phase: str = "", kind: str = "", archived: bool = False
) -> QuerySet[Production]:
    qs = productions_for_user(user).filter(organisation=organisation, archived_at__isnull=not archived)
    if phase:
        qs = qs.filter(phase=phase)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("archived_at", "-start_date", "title")


def team_for_production(production: Production) -> QuerySet[ProductionMembership]:
    return production.memberships.select_related("user").order_by("role", "department", "user__name")


@dataclass(frozen=True)
class RoleGroup:
    label: Any
    count: int
    members: list[ProductionMembership]

    @property
    def more(self) -> int:
        return self.count - len(self.members)


def team_summary(production: Production, names_per_role: int = 6) -> list[RoleGroup]:
    """Per role, in the order of the Role choices: how many people, and the first few by name.

    Two queries whatever the size of the team: the counts, and the first names of each role
    picked with a window function (a festival's 800 people are not all loaded for a dashboard).
    """
    counts = dict(production.memberships.values_list("role").annotate(n=Count("pk")).order_by())
    first = (
        production.memberships.select_related("user")
        .annotate(rank=Window(RowNumber(), partition_by=F("role"), order_by=[F("user__name"), F("pk")]))
        .filter(rank__lte=names_per_role)
        .order_by("role", "user__name", "pk")
    )
    members: dict[str, list[ProductionMembership]] = {}
    for membership in first:
        members.setdefault(membership.role, []).append(membership)
    return [RoleGroup(label, counts[value], members.get(value, [])) for value, label in Role.choices if value in counts]
