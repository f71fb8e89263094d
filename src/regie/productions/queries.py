from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from regie.accounts.models import Organisation, OrganisationMembership
from regie.accounts.roles import OrganisationRole
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
