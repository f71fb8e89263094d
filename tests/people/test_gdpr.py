"""A person's data rights: export of everything held (JSON, PDF), and erasure that keeps the
financial records (engagements with fees) but nothing that identifies the person."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from regie.accounts.roles import OrganisationRole
from regie.core.models import AuditEntry
from regie.people.models import Contact, Engagement, EngagementStatus, PersonalData, PersonalDocument
from regie.people.services import update_contact
from tests.factories import (
    PDF_BYTES,
    ContactFactory,
    EngagementFactory,
    OnboardingLinkFactory,
    OrganisationMembershipFactory,
    PersonalDocumentFactory,
    ProductionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAST = {"start_date": datetime.date(2020, 1, 1), "end_date": datetime.date(2020, 3, 1)}


@pytest.fixture
def person():
    contact = ContactFactory(name="Marie Peeters", email="marie@example.be", mobile="+32470123456", city="Leuven")
    PersonalData.objects.create(contact=contact, national_number="85073003328", iban="BE68539007547034")
    PersonalDocumentFactory(contact=contact, number="EM1234567", content=PDF_BYTES)
    contact.unavailabilities.create(start_date="2027-01-01", end_date="2027-01-05", reason="holiday")
    return contact


def admin_of(contact):
    user = UserFactory()
    OrganisationMembershipFactory(organisation=contact.organisation, user=user, role=OrganisationRole.ADMIN)
    return user


def url(name: str, contact) -> str:
    return reverse(f"people:{name}", kwargs={"slug": contact.organisation.slug, "contact_pk": contact.pk})


def test_export_json_holds_everything_decrypted_and_is_logged(client, person):
    # Arrange
    engagement = EngagementFactory(
        production=ProductionFactory(organisation=person.organisation, title="Hamlet", **PAST),
        contact=person,
        fee=Decimal("350.00"),
    )
    admin = admin_of(person)
    person.email = "marie.p@example.be"
    update_contact(person, version=1, by=admin)
    client.force_login(admin)

    # Act
    response = client.get(url("person_export_json", person))

    # Assert
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert (data["contact"]["name"], data["contact"]["email"], data["contact"]["mobile"]) == (
        "Marie Peeters",
        "marie.p@example.be",
        "+32470123456",
    )
    assert (data["personal_data"]["national_number"], data["personal_data"]["iban"]) == (
        "85073003328",
        "BE68539007547034",
    )
    assert [(d["kind"], d["number"], d["has_file"]) for d in data["documents"]] == [("passport", "EM1234567", True)]
    assert [(e["production"], e["fee"]) for e in data["engagements"]] == [("Hamlet", "350.00")]
    assert [u["reason"] for u in data["unavailability"]] == ["holiday"]
    assert "people.contact.changed" in [h["action"] for h in data["history"]]
    assert engagement.pk
    entry = AuditEntry.objects.get(action="people.person.exported")
    assert (entry.user, entry.data) == (admin, {"contact": person.pk, "format": "json"})


def test_export_pdf_is_a_pdf_and_is_logged(client, person):
    client.force_login(admin_of(person))

    response = client.get(url("person_export_pdf", person))

    assert (response.status_code, response["Content-Type"], response.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert AuditEntry.objects.filter(action="people.person.exported", data__format="pdf").count() == 1


def test_export_by_staff_member_refused_nothing_logged(client, person):
    staff = UserFactory()
    OrganisationMembershipFactory(organisation=person.organisation, user=staff, role=OrganisationRole.STAFF)
    client.force_login(staff)

    assert client.get(url("person_export_json", person)).status_code == 403
    assert AuditEntry.objects.filter(action="people.person.exported").count() == 0


def test_erase_anonymises_person_keeps_engagement_with_fee(client, person, django_capture_on_commit_callbacks):
    # Arrange
    production = ProductionFactory(organisation=person.organisation, **PAST)
    engagement = EngagementFactory(production=production, contact=person, fee=Decimal("350.00"))
    OnboardingLinkFactory(contact=person, production=production)
    admin = admin_of(person)
    person.email = "marie.p@example.be"
    update_contact(person, version=1, by=admin)
    client.force_login(admin)

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("person_erase", person), {"confirm_name": "marie peeters"})

    # Assert
    assert response.status_code == 302
    contact = Contact.objects.get(pk=person.pk)
    assert (contact.name, contact.email, contact.mobile, contact.city, contact.is_archived) == (
        f"[erased #{person.pk}]",
        "",
        "",
        "",
        True,
    )
    assert (PersonalData.objects.count(), PersonalDocument.objects.count(), contact.unavailabilities.count()) == (
        0,
        0,
        0,
    )
    assert storages["private"].listdir("documents")[1] == []
    kept = Engagement.objects.get(pk=engagement.pk)
    assert (kept.contact_id, kept.fee) == (person.pk, Decimal("350.00"))
    history = str(list(AuditEntry.objects.values_list("object_repr", "changes", "data")))
    assert ("Marie Peeters" in history, "marie.p@example.be" in history) == (False, False)
    assert AuditEntry.objects.filter(action="people.person.erased", user=admin).count() == 1


def test_erase_refused_while_engaged_on_running_production(client, person):
    production = ProductionFactory(
        organisation=person.organisation,
        title="Hamlet",
        start_date=datetime.date.today(),
        end_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    EngagementFactory(production=production, contact=person, status=EngagementStatus.CONFIRMED)
    client.force_login(admin_of(person))

    response = client.post(url("person_erase", person), {"confirm_name": "Marie Peeters"})

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Marie Peeters is still engaged on a running or coming production (Hamlet). "
        "Cancel or end those engagements first; then the person can be erased."
    ]
    assert (Contact.objects.get(pk=person.pk).name, PersonalData.objects.count()) == ("Marie Peeters", 1)


def test_erase_allowed_when_engagement_on_running_production_cancelled(client, person):
    production = ProductionFactory(organisation=person.organisation, end_date=datetime.date(2099, 1, 1))
    EngagementFactory(production=production, contact=person, status=EngagementStatus.CANCELLED)
    client.force_login(admin_of(person))

    response = client.post(url("person_erase", person), {"confirm_name": "Marie Peeters"})

    assert response.status_code == 302
    assert Contact.objects.get(pk=person.pk).name == f"[erased #{person.pk}]"


def test_erase_with_wrong_confirmation_changes_nothing(client, person):
    client.force_login(admin_of(person))

    response = client.post(url("person_erase", person), {"confirm_name": "Marie"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["confirm_name"]
    assert (Contact.objects.get(pk=person.pk).name, PersonalDocument.objects.count()) == ("Marie Peeters", 1)
