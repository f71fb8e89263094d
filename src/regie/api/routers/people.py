"""The crew and cast of a production, and the organisation's address book."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from regie.api.routers.common import Rows, label, organisation_for, production_for
from regie.people.models import Contact, Engagement, EngagementStatus, EngagementType, FeeUnit
from regie.people.queries import contacts_for_organisation, engagements_for_production

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    name: str
    email: str
    mobile: str = ""
    phone_hidden: bool = False


class EngagementOut(Schema):
    id: int
    person: PersonOut
    function: str
    department: str
    department_label: str
    is_department_head: bool
    reports_to: int | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    engagement_type: str
    engagement_type_label: str
    status: str
    status_label: str
    fee: Decimal | None = None
    fee_unit: str | None = None
    currency: str | None = None


class ContactOut(Schema):
    id: int
    kind: str
    name: str
    company: str
    email: str
    phone: str
    mobile: str
    phone_private: bool
    city: str
    country: str
    language: str
    skills: list[str]
    tags: list[str]


def person_out(contact: Contact, *, sees_private: bool) -> dict[str, object]:
    hidden = contact.phone_private and not sees_private
    return {
        "id": contact.pk,
        "name": contact.name,
        "email": contact.email,
        "mobile": "" if hidden else contact.mobile,
        "phone_hidden": hidden,
    }


def contact_out(contact: Contact) -> dict[str, object]:
    return {
        "id": contact.pk,
        "kind": contact.kind,
        "name": contact.name,
        "company": contact.company,
        "email": contact.email,
        "phone": contact.phone,
        "mobile": contact.mobile,
        "phone_private": contact.phone_private,
        "city": contact.city,
        "country": str(contact.country or ""),
        "language": contact.language,
        "skills": contact.skills,
        "tags": contact.tags,
    }


def engagement_out(engagement: Engagement, *, manages: bool) -> dict[str, object]:
    row: dict[str, object] = {
        "id": engagement.pk,
        "person": person_out(engagement.contact, sees_private=manages),
        "function": engagement.function_label,
        "department": engagement.department,
        "department_label": engagement.department_label,
        "is_department_head": engagement.is_department_head,
        "reports_to": engagement.reports_to_id,
        "start_date": engagement.start_date,
        "end_date": engagement.end_date,
        "engagement_type": engagement.engagement_type,
        "engagement_type_label": label(EngagementType.choices, engagement.engagement_type),
        "status": engagement.status,
        "status_label": label(EngagementStatus.choices, engagement.status),
    }
    if manages:  # fees, like in the pages, only for those who manage the engagements
        row.update(
            fee=engagement.fee, fee_unit=label(FeeUnit.choices, engagement.fee_unit), currency=engagement.currency
        )
    return row


@router.get(
    "/productions/{production_id}/crew",
    response=list[EngagementOut],
    summary="The crew and cast",
    exclude_none=True,
)
@paginate(LimitOffsetPagination)
def crew(request: HttpRequest, production_id: int, department: str = "") -> Rows:
    """Everyone engaged on the production, by department. Fees only for those who manage the crew;
    private phone numbers are hidden from the others (`phone_hidden`)."""
    production = production_for(request, production_id, "people.view_crew")
    manages = request.user.has_perm("people.manage_crew", production)
    engagements = engagements_for_production(production)
    if department:
        engagements = engagements.filter(department=department)
    return Rows(engagements, lambda e: engagement_out(e, manages=manages))


@router.get("/organisations/{slug}/contacts", response=list[ContactOut], summary="The address book")
@paginate(LimitOffsetPagination)
def contacts(
    request: HttpRequest, slug: str, q: str = "", kind: str = "", skill: str = "", tag: str = "", archived: bool = False
) -> Rows:
    """The organisation's people and companies; every word of `q` must match a name, company or e-mail.
    The office sees every phone number; `phone_private` says the person hides it from crew and cast."""
    organisation = organisation_for(request, slug, "people.view_address_book")
    rows = contacts_for_organisation(organisation, query=q, kind=kind, skill=skill, tag=tag, archived=archived)
    return Rows(rows.order_by("name", "pk"), contact_out)
