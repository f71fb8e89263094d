"""Who you are, your organisations and the productions you can see."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from regie.accounts.models import OrganisationMembership
from regie.accounts.roles import PRODUCTION_PERMISSIONS
from regie.accounts.two_factor import two_factor_on
from regie.api.routers.common import Rows, label, person, production_for
from regie.productions.models import Kind, Phase, Production, ProductionMembership
from regie.productions.queries import productions_for_user

router = Router(tags=["productions"])


class OrganisationOut(Schema):
    slug: str
    name: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    name: str
    language: str
    organisations: list[OrganisationOut]


class ProductionOut(Schema):
    id: int
    organisation: str
    title: str
    kind: str
    kind_label: str
    phase: str
    phase_label: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    currency: str
    timezone: str
    archived: bool


class ProductionDetailOut(ProductionOut):
    roles: list[str]
    permissions: list[str]


def production_out(production: Production) -> dict[str, Any]:
    return {
        "id": production.pk,
        "organisation": production.organisation.slug,
        "title": production.title,
        "kind": production.kind,
        "kind_label": label(Kind.choices, production.kind),
        "phase": production.phase,
        "phase_label": label(Phase.choices, production.phase),
        "start_date": production.start_date,
        "end_date": production.end_date,
        "currency": production.currency,
        "timezone": production.timezone,
        "archived": production.archived_at is not None,
    }


@router.get("/me", response=MeOut, summary="You: the person behind the token")
def me(request: HttpRequest) -> dict[str, object]:
    user = person(request)
    memberships = OrganisationMembership.objects.filter(user=user).select_related("organisation")
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "organisations": [
            {"slug": m.organisation.slug, "name": m.organisation.name, "role": m.role}
            for m in memberships.order_by("organisation__name")
        ],
    }


@router.get("/productions", response=list[ProductionOut], summary="The productions you can see")
@paginate(LimitOffsetPagination)
def production_list(request: HttpRequest, organisation: str = "", archived: bool | None = None) -> Rows:
    """Productions you are a member of, and all of those of the organisations you administer;
    filter with `organisation` (its slug) and `archived`."""
    productions = productions_for_user(request.user).select_related("organisation")
    if not two_factor_on(request.user):  # as the pages: closed until the person switches two-factor on
        productions = productions.exclude(organisation__require_two_factor=True)
    if organisation:
        productions = productions.filter(organisation__slug=organisation)
    if archived is not None:
        productions = productions.filter(archived_at__isnull=not archived)
    return Rows(productions.order_by("-start_date", "title", "pk"), production_out)


@router.get("/productions/{production_id}", response=ProductionDetailOut, summary="One production")
def production_detail(request: HttpRequest, production_id: int) -> dict[str, object]:
    """With your roles on it and the permissions they give you (the codes of docs/permissions.md)."""
    production = production_for(request, production_id, "productions.view_production")
    roles = sorted(
        ProductionMembership.objects.filter(production=production, user=person(request)).values_list("role", flat=True)
    )
    permissions = sorted(code for code in PRODUCTION_PERMISSIONS if request.user.has_perm(code, production))
    return {**production_out(production), "roles": roles, "permissions": permissions}
