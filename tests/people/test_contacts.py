"""The address book: search and filters, adding and editing with validation, duplicates, merging.

Who gets 403 and 404 on which page is walked for every URL in tests/core/test_url_walker.py.
"""

from __future__ import annotations

import decimal

import pytest
from django.urls import reverse

from regie.accounts.roles import OrganisationRole
from regie.core.models import AuditEntry
from regie.people import services
from regie.people.models import Contact, ContactKind, Engagement, PersonalData
from tests.factories import ContactFactory, EngagementFactory, OrganisationFactory, ProductionFactory
from tests.people.conftest import org_user

pytestmark = pytest.mark.django_db


def contact_data(**changes) -> dict:
    data = {
        "kind": ContactKind.PERSON,
        "name": "Lotte Janssens",
        "email": "Lotte@Example.be",
        "mobile": "0470 12 34 56",
        "city": "Antwerpen",
        "country": "BE",
        "languages": ["nl", "fr"],
        "skills": "gaffer, rigger",
        "tags": "trusted",
        "day_rate": "320.00",
        "currency": "EUR",
    }
    data.update(changes)
    return data


def names(response) -> list[str]:
    return [c.name for c in response.context["page"]]


# List, search and filters


def test_contact_list_shows_only_own_organisation(client, organisation, staff):
    # Arrange
    ContactFactory(organisation=organisation, name="An Maes")
    ContactFactory(organisation=OrganisationFactory(), name="Other Tenant")
    client.force_login(staff)

    # Act
    response = client.get(reverse("people:contacts", kwargs={"slug": organisation.slug}))

    # Assert
    assert names(response) == ["An Maes"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "maes"}, ["An Maes"]),
        ({"q": "lumen.be"}, ["Bart Claes"]),
        ({"skill": "light"}, ["An Maes"]),
        ({"tag": "press"}, ["Bart Claes"]),
        ({"language": "fr"}, ["Bart Claes"]),
        ({"city": "gent"}, ["An Maes"]),
        ({"kind": "venue"}, ["Bart Claes"]),
    ],
)
def test_contact_list_filters_narrow_the_list(client, organisation, staff, params, expected):
    # Arrange
    ContactFactory(
        organisation=organisation, name="An Maes", skills=["lighting designer"], languages=["nl"], city="Gent"
    )
    ContactFactory(
        organisation=organisation,
        name="Bart Claes",
        kind=ContactKind.VENUE,
        email="bart@lumen.be",
        tags=["press"],
        languages=["fr", "en"],
        city="Namur",
    )
    client.force_login(staff)

    # Act
    response = client.get(reverse("people:contacts", kwargs={"slug": organisation.slug}), params)

    # Assert
    assert names(response) == expected


def test_contact_list_hides_archived_unless_asked(client, organisation, staff):
    # Arrange
    ContactFactory(organisation=organisation, name="Active")
    ContactFactory(organisation=organisation, name="Gone", archived_at="2026-01-01T00:00Z")
    client.force_login(staff)
    url = reverse("people:contacts", kwargs={"slug": organisation.slug})

    # Act
    default, archived = client.get(url), client.get(url, {"archived": "on"})

    # Assert
    assert (names(default), names(archived)) == (["Active"], ["Gone"])


def test_contact_list_queries_flat_in_number_of_contacts(client, organisation, staff, assert_flat_queries):
    ContactFactory(organisation=organisation)
    client.force_login(staff)
    assert_flat_queries(
        reverse("people:contacts", kwargs={"slug": organisation.slug}),
        lambda: ContactFactory.create_batch(2, organisation=organisation),
    )


def test_contact_list_guest_refused(client, organisation):
    client.force_login(org_user(organisation, OrganisationRole.GUEST))
    assert client.get(reverse("people:contacts", kwargs={"slug": organisation.slug})).status_code == 403


# Create and edit


def test_contact_create_normalises_and_logs(client, organisation, staff):
    # Arrange
    client.force_login(staff)

    # Act
    response = client.post(reverse("people:contact_create", kwargs={"slug": organisation.slug}), contact_data())

    # Assert
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert (contact.organisation, contact.email, contact.mobile, contact.skills, contact.languages) == (
        organisation,
        "lotte@example.be",
        "+32470123456",
        ["gaffer", "rigger"],
        ["nl", "fr"],
    )
    assert contact.day_rate == decimal.Decimal("320.00")
    assert list(AuditEntry.objects.values_list("action", "organisation")) == [
        ("people.contact.created", organisation.pk)
    ]


def test_contact_create_company_vat_number_stored_compact(client, organisation, staff):
    client.force_login(staff)
    data = contact_data(kind=ContactKind.COMPANY, name="Lichtbedrijf NV", vat_number="0403.170.701")

    client.post(reverse("people:contact_create", kwargs={"slug": organisation.slug}), data)

    assert Contact.objects.get().vat_number == "BE0403170701"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mobile", "12345"),
        ("phone", "+32 2"),
        ("vat_number", "0403.170.702"),
        ("email", "not-an-address"),
        ("day_rate", "-5"),
        ("name", ""),
    ],
)
def test_contact_create_bad_input_changes_nothing(client, organisation, staff, field, value):
    # Arrange
    client.force_login(staff)

    # Act
    response = client.post(
        reverse("people:contact_create", kwargs={"slug": organisation.slug}), contact_data(**{field: value})
    )

    # Assert
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert (Contact.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_contact_create_bad_phone_message_in_french(client, organisation, staff):
    # Arrange
    staff.language = "fr"
    staff.save()
    client.force_login(staff)

    # Act
    response = client.post(
        reverse("people:contact_create", kwargs={"slug": organisation.slug}), contact_data(mobile="12345")
    )

    # Assert
    html = response.content.decode()
    assert (
        "« 12345 » n&#x27;est pas un numéro de téléphone valide. "
        "Écrivez-le avec l&#x27;indicatif du pays, par exemple +32 470 12 34 56."
    ) in html
    assert Contact.objects.count() == 0


def test_contact_edit_saves_and_bumps_version(client, organisation, staff):
    # Arrange
    contact = ContactFactory(organisation=organisation, name="Old Name")
    client.force_login(staff)
    url = reverse("people:contact_edit", kwargs={"slug": organisation.slug, "contact_pk": contact.pk})

    # Act
    response = client.post(url, contact_data(name="New Name", version=1))

    # Assert
    contact.refresh_from_db()
    assert response.status_code == 302
    assert (contact.name, contact.version) == ("New Name", 2)
    entry = AuditEntry.objects.get(action="people.contact.changed")
    assert entry.changes["name"] == {"old": "Old Name", "new": "New Name"}


def test_contact_edit_stale_version_conflicts_and_keeps_other_save(client, organisation, staff):
    # Arrange
    contact = ContactFactory(organisation=organisation, name="First", version=2)
    client.force_login(staff)
    url = reverse("people:contact_edit", kwargs={"slug": organisation.slug, "contact_pk": contact.pk})

    # Act
    response = client.post(url, contact_data(name="Late", version=1))

    # Assert
    contact.refresh_from_db()
    assert response.status_code == 409
    assert (contact.name, contact.version) == ("First", 2)


def test_contact_edit_other_organisations_contact_not_found(client, organisation, staff):
    foreign = ContactFactory(organisation=OrganisationFactory())
    client.force_login(staff)
    url = reverse("people:contact_edit", kwargs={"slug": organisation.slug, "contact_pk": foreign.pk})

    assert (client.get(url).status_code, client.post(url, contact_data()).status_code) == (404, 404)
    assert Contact.objects.get().name == foreign.name


def test_contact_archive_and_restore_logged(client, organisation, staff):
    contact = ContactFactory(organisation=organisation)
    client.force_login(staff)
    kwargs = {"slug": organisation.slug, "contact_pk": contact.pk}

    client.post(reverse("people:contact_archive", kwargs=kwargs))
    contact.refresh_from_db()
    archived = contact.is_archived
    client.post(reverse("people:contact_unarchive", kwargs=kwargs))
    contact.refresh_from_db()

    assert (archived, contact.is_archived) == (True, False)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "people.contact.archived",
        "people.contact.unarchived",
    ]


# Duplicates and merging


def test_contact_detail_suggests_duplicates_by_email_phone_and_name(client, organisation, staff):
    # Arrange
    contact = ContactFactory(organisation=organisation, name="Jan Peeters", email="jan@x.be", mobile="+32470123456")
    ContactFactory(organisation=organisation, name="J. P.", email="JAN@x.be")
    ContactFactory(organisation=organisation, name="Johnny", email="", mobile="+32470123456")
    ContactFactory(organisation=organisation, name="Peeters, Jàn", email="")
    ContactFactory(organisation=organisation, name="Jan Peters", email="other@x.be")
    ContactFactory(organisation=OrganisationFactory(), name="Jan Peeters", email="jan@x.be")
    client.force_login(staff)

    # Act
    response = client.get(
        reverse("people:contact_detail", kwargs={"slug": organisation.slug, "contact_pk": contact.pk})
    )

    # Assert
    assert [c.name for c in response.context["duplicates"]] == ["J. P.", "Johnny", "Peeters, Jàn"]


def test_merge_contacts_fills_gaps_moves_engagements_and_logs(client, organisation, admin):
    # Arrange
    keep = ContactFactory(organisation=organisation, name="Jan Peeters", mobile="", skills=["gaffer"], notes="A")
    drop = ContactFactory(
        organisation=organisation, name="Peeters Jan", mobile="+32470123456", skills=["rigger", "gaffer"], notes="B"
    )
    production = ProductionFactory(organisation=organisation)
    engagement = EngagementFactory(production=production, contact=drop)
    client.force_login(admin)

    # Act
    response = client.post(
        reverse("people:contact_merge", kwargs={"slug": organisation.slug, "contact_pk": keep.pk}),
        {"other": drop.pk},
    )

    # Assert
    keep.refresh_from_db()
    assert response.status_code == 302
    assert (keep.mobile, keep.skills, keep.notes, keep.email) == (
        "+32470123456",
        ["gaffer", "rigger"],
        "A\n\nB",
        keep.email,
    )
    assert list(Contact.objects.values_list("pk", flat=True)) == [keep.pk]
    assert Engagement.objects.get(pk=engagement.pk).contact_id == keep.pk
    entry = AuditEntry.objects.get(action="people.contact.merged")
    assert entry.data == {"merged": drop.pk, "merged_name": "Peeters Jan", "engagements": [engagement.pk]}


def test_merge_contacts_with_itself_refused(organisation, admin):
    contact = ContactFactory(organisation=organisation)
    with pytest.raises(services.PeopleError):
        services.merge_contacts(contact, contact, by=admin)
    assert Contact.objects.count() == 1


def test_merge_contacts_other_organisations_contact_not_found(client, organisation, admin):
    keep = ContactFactory(organisation=organisation)
    foreign = ContactFactory(organisation=OrganisationFactory())
    client.force_login(admin)

    response = client.post(
        reverse("people:contact_merge", kwargs={"slug": organisation.slug, "contact_pk": keep.pk}),
        {"other": foreign.pk},
    )

    assert response.status_code == 404
    assert Contact.objects.count() == 2


def test_merge_page_staff_refused(client, organisation, staff):
    contact = ContactFactory(organisation=organisation)
    client.force_login(staff)
    url = reverse("people:contact_merge", kwargs={"slug": organisation.slug, "contact_pk": contact.pk})
    assert client.get(url).status_code == 403


def test_merge_contacts_moves_personal_data_of_the_dropped_contact(organisation, admin):
    keep = ContactFactory(organisation=organisation)
    drop = ContactFactory(organisation=organisation)
    PersonalData.objects.create(contact=drop, iban="BE68539007547034")

    services.merge_contacts(keep, drop, by=admin)

    assert PersonalData.objects.get().contact_id == keep.pk
    assert PersonalData.objects.get().iban == "BE68539007547034"


def test_merge_contacts_fills_gaps_in_personal_data_keeping_own_values(organisation, admin):
    keep = ContactFactory(organisation=organisation)
    drop = ContactFactory(organisation=organisation)
    PersonalData.objects.create(contact=keep, iban="BE68539007547034")
    PersonalData.objects.create(contact=drop, iban="BE71096123456769", dietary_notes="vegan")

    services.merge_contacts(keep, drop, by=admin)

    kept = PersonalData.objects.get()
    assert (kept.contact_id, kept.iban, kept.dietary_notes) == (keep.pk, "BE68539007547034", "vegan")


def test_contact_create_links_account_of_organisation_member(client, organisation, staff):
    member = org_user(organisation, OrganisationRole.GUEST)
    client.force_login(staff)

    client.post(reverse("people:contact_create", kwargs={"slug": organisation.slug}), contact_data(user=member.pk))

    assert Contact.objects.get().user == member


def test_contact_create_account_outside_organisation_refused(client, organisation, staff):
    outsider = org_user(OrganisationFactory(), OrganisationRole.STAFF)
    client.force_login(staff)

    response = client.post(
        reverse("people:contact_create", kwargs={"slug": organisation.slug}), contact_data(user=outsider.pk)
    )

    assert list(response.context["form"].errors) == ["user"]
    assert Contact.objects.count() == 0
