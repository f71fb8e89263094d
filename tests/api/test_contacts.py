"""The address book through the API: the same checks as its form, versions, scoping."""

from __future__ import annotations

import pytest

from regie.accounts.roles import OrganisationRole
from regie.core.models import AuditEntry
from regie.people.models import Contact
from tests.factories import ContactFactory, OrganisationFactory, OrganisationMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


@pytest.fixture
def office():
    organisation = OrganisationFactory()
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user, role=OrganisationRole.STAFF)
    return organisation, user


def url(organisation, contact=None) -> str:
    return f"{V1}/organisations/{organisation.slug}/contacts" + (f"/{contact.pk}" if contact else "")


def test_add_a_contact_checked_like_the_form(api_as, office):
    organisation, user = office

    response = api_as(user).post(
        url(organisation),
        {
            "name": "Lichtfabriek",
            "kind": "company",
            "vat_number": "be 0403.170.701",
            "mobile": "0470 12 34 56",
            "skills": ["lighting rental"],
            "languages": ["nl", "fr"],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    created = Contact.objects.get(pk=response.json()["id"])
    assert (created.organisation, created.vat_number, created.mobile) == (organisation, "BE0403170701", "+32470123456")
    assert (created.skills, created.languages) == (["lighting rental"], ["nl", "fr"])
    assert AuditEntry.objects.filter(action="people.contact.created", object_id=str(created.pk)).exists()


def test_a_contact_with_a_wrong_vat_number_and_e_mail_is_refused_per_field(api_as, office):
    organisation, user = office

    response = api_as(user).post(
        url(organisation),
        {"name": "X", "vat_number": "BE0123456789", "email": "not-an-address"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"vat_number", "email"}
    assert not Contact.objects.exists()


def test_change_a_contact_with_its_version_keeps_what_is_not_sent(api_as, office):
    organisation, user = office
    contact = ContactFactory(organisation=organisation, city="Gent", user=user)
    client = api_as(user)

    changed = client.patch(
        url(organisation, contact), {"version": 1, "city": "Brussel"}, content_type="application/json"
    )
    stale = client.patch(url(organisation, contact), {"version": 1, "city": "Leuven"}, content_type="application/json")

    contact.refresh_from_db()
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert (contact.city, contact.name, contact.user) == ("Brussel", changed.json()["name"], user)
    assert stale.status_code == 409


def test_another_organisations_contact_is_not_found(api_as, office):
    organisation, user = office
    stranger = ContactFactory()

    responses = [
        api_as(user).get(f"{url(organisation)}/{stranger.pk}"),
        api_as(user).patch(
            f"{url(organisation)}/{stranger.pk}", {"version": 1, "city": "X"}, content_type="application/json"
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    stranger.refresh_from_db()
    assert stranger.city != "X"
