"""The crew and cast of a production, and the organisation's address book."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from regie.api.routers.common import FormInvalid, Rows, label, organisation_for, production_for
from regie.people import services
from regie.people.forms import ContactForm, EngagementForm
from regie.people.models import Contact, ContactKind, Engagement, EngagementStatus, EngagementType, FeeUnit
from regie.people.queries import contacts_for_organisation, engagements_for_production, get_contact

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
    version: int


class EngagementIn(Schema):
    """An engagement as the crew list's form takes it: a function from the list (`function`) or
    written (`custom_function`); the department follows a listed function when not sent."""

    contact: int
    function: str = ""
    custom_function: str = ""
    department: str = ""
    is_department_head: bool = False
    reports_to: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    engagement_type: str
    fee: Decimal | None = None
    fee_unit: str = "day"
    currency: str = ""
    status: str = "proposed"


class EngagementPatch(Schema):
    version: int
    function: str | None = None
    custom_function: str | None = None
    department: str | None = None
    is_department_head: bool | None = None
    reports_to: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    engagement_type: str | None = None
    fee: Decimal | None = None
    fee_unit: str | None = None
    currency: str | None = None
    status: str | None = None


class ContactOut(Schema):
    id: int
    kind: str
    name: str
    company: str
    email: str
    email_other: str
    phone: str
    mobile: str
    phone_private: bool
    website: str
    street: str
    postcode: str
    city: str
    country: str
    nationality: str
    languages: list[str]
    language: str
    skills: list[str]
    tags: list[str]
    vat_number: str
    day_rate: Decimal | None
    hour_rate: Decimal | None
    currency: str
    notes: str
    archived: bool
    version: int


class ContactIn(Schema):
    """A contact as the address book's form takes it: the same checks (Belgian VAT and company
    numbers, phone numbers in international form, e-mail addresses)."""

    kind: str = ContactKind.PERSON
    name: str
    company: str = ""
    email: str = ""
    email_other: str = ""
    phone: str = ""
    mobile: str = ""
    phone_private: bool = False
    website: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "BE"
    nationality: str = ""
    languages: list[str] = []
    language: str = ""
    skills: list[str] = []
    tags: list[str] = []
    vat_number: str = ""
    day_rate: Decimal | None = None
    hour_rate: Decimal | None = None
    currency: str = "EUR"
    notes: str = ""


class ContactPatch(Schema):
    version: int
    kind: str | None = None
    name: str | None = None
    company: str | None = None
    email: str | None = None
    email_other: str | None = None
    phone: str | None = None
    mobile: str | None = None
    phone_private: bool | None = None
    website: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    nationality: str | None = None
    languages: list[str] | None = None
    language: str | None = None
    skills: list[str] | None = None
    tags: list[str] | None = None
    vat_number: str | None = None
    day_rate: Decimal | None = None
    hour_rate: Decimal | None = None
    currency: str | None = None
    notes: str | None = None


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
        "email_other": contact.email_other,
        "phone": contact.phone,
        "mobile": contact.mobile,
        "phone_private": contact.phone_private,
        "website": contact.website,
        "street": contact.street,
        "postcode": contact.postcode,
        "city": contact.city,
        "country": str(contact.country or ""),
        "nationality": str(contact.nationality or ""),
        "languages": contact.languages,
        "language": contact.language,
        "skills": contact.skills,
        "tags": contact.tags,
        "vat_number": contact.vat_number,
        "day_rate": contact.day_rate,
        "hour_rate": contact.hour_rate,
        "currency": contact.currency,
        "notes": contact.notes,
        "archived": contact.archived_at is not None,
        "version": contact.version,
    }


def form_data(values: dict[str, Any]) -> QueryDict:
    """JSON values as the address book's form receives them from a browser."""
    data = QueryDict(mutable=True)
    for name, value in values.items():
        if name == "languages":
            data.setlist(name, list(value or []))
        elif name in ("skills", "tags"):
            data[name] = ", ".join(value or [])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


def checked(form: forms.ModelForm) -> Any:  # type: ignore[type-arg]
    if not form.is_valid():
        raise FormInvalid(form.errors)
    return form.save(commit=False)


ENGAGEMENT_FIELDS = [name for name in EngagementIn.model_fields if name != "contact"]


def engagement_values(engagement: Engagement) -> dict[str, Any]:
    """The engagement's current terms in the form's field names."""
    values = {name: getattr(engagement, name) for name in ENGAGEMENT_FIELDS if name != "reports_to"}
    return {**values, "contact": engagement.contact_id, "reports_to": engagement.reports_to_id}


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
        "version": engagement.version,
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


@router.get("/organisations/{slug}/contacts/{contact_id}", response=ContactOut, summary="One contact")
def contact(request: HttpRequest, slug: str, contact_id: int) -> dict[str, object]:
    organisation = organisation_for(request, slug, "people.view_address_book")
    return contact_out(get_contact(organisation, contact_id))


@router.post("/organisations/{slug}/contacts", response={201: ContactOut}, summary="Add a contact")
def add_contact(request: HttpRequest, slug: str, data: ContactIn) -> Status:
    """Checked like the address book's form; a field that does not pass answers 400 with
    `errors` per field."""
    organisation = organisation_for(request, slug, "people.change_address_book")
    form = ContactForm(form_data(data.dict()), organisation=organisation)
    created = services.create_contact(checked(form), organisation=organisation, by=request.user)  # type: ignore[arg-type]
    created.refresh_from_db()
    return Status(201, contact_out(created))


@router.patch("/organisations/{slug}/contacts/{contact_id}", response=ContactOut, summary="Change a contact")
def change_contact(request: HttpRequest, slug: str, contact_id: int, data: ContactPatch) -> dict[str, object]:
    """Send the `version` you read and the fields that change; 409 when someone changed the
    contact since."""
    organisation = organisation_for(request, slug, "people.change_address_book")
    current = get_contact(organisation, contact_id)
    shown = contact_out(current)
    values = {name: shown[name] for name in ContactIn.model_fields}
    values.update(data.dict(exclude_unset=True, exclude={"version"}))
    values["user"] = current.user_id  # the link to a Regie account is not the API's to change
    form = ContactForm(form_data(values), instance=current, organisation=organisation)
    saved = services.update_contact(checked(form), version=data.version, by=request.user)  # type: ignore[arg-type]
    saved.refresh_from_db()
    return contact_out(saved)


@router.post("/productions/{production_id}/crew", response={201: EngagementOut}, summary="Engage someone")
def add_engagement(request: HttpRequest, production_id: int, data: EngagementIn) -> Status:
    """A person of the address book (`contact`) engaged on the production, checked like the crew
    list's form (a function, dates in order, no negative fee, a `reports_to` of this production)."""
    production = production_for(request, production_id, "people.manage_crew")
    values = data.dict()
    values["currency"] = values["currency"] or production.currency
    form = EngagementForm(form_data(values), production=production)
    engagement = checked(form)
    engagement.production = production
    services.save_engagement(engagement, version=None, by=request.user)  # type: ignore[arg-type]
    engagement.refresh_from_db()  # the stored values (amounts to two decimals)
    return Status(201, engagement_out(engagement, manages=True))


@router.patch(
    "/productions/{production_id}/crew/{engagement_id}", response=EngagementOut, summary="Change an engagement"
)
def change_engagement(
    request: HttpRequest, production_id: int, engagement_id: int, data: EngagementPatch
) -> dict[str, object]:
    """Send the `version` you read and the terms that change; 409 when someone changed it since."""
    production = production_for(request, production_id, "people.manage_crew")
    current = get_object_or_404(production.engagements.select_related("contact"), pk=engagement_id)
    values = {**engagement_values(current), **data.dict(exclude_unset=True, exclude={"version"})}
    form = EngagementForm(form_data(values), instance=current, production=production)
    saved = services.save_engagement(checked(form), version=data.version, by=request.user)  # type: ignore[arg-type]
    saved.refresh_from_db()
    return engagement_out(saved, manages=True)
