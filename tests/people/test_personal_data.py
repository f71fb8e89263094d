"""Sensitive personal data: validated, encrypted at rest, shown only to the roles that need it, every
read and change in the history without the values themselves."""

from __future__ import annotations

import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.models import AuditEntry
from regie.people import crypto
from regie.people.models import PersonalData
from tests.factories import EngagementFactory, ProductionFactory, member_of

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85073003328"
IBAN = "BE68539007547034"


def personal_form(**changes) -> dict:
    data = {
        "national_number": "85.07.30-033.28",
        "date_of_birth": "1985-07-30",
        "iban": "BE68 5390 0754 7034",
        "bic": "GKCCBEBB",
        "id_document_kind": "passport",
        "id_document_number": "EM123456",
        "id_document_expiry": "2027-02-01",
        "emergency_contact": "Mieke, partner, +32 470 00 00 00",
        "dietary_notes": "vegetarian",
        "medical_notes": "bee sting allergy",
    }
    data.update(changes)
    return data


def raw_row(pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT national_number, iban, medical_notes, date_of_birth FROM people_personaldata WHERE id = %s", [pk]
        )
        return cursor.fetchone()


@pytest.fixture
def engagement():
    return EngagementFactory(production=ProductionFactory())


def details_for(engagement, **fields) -> PersonalData:
    return PersonalData.objects.create(contact=engagement.contact, **fields)


def test_personal_data_stored_encrypted_read_back_in_clear(engagement):
    # Arrange and act
    details = details_for(engagement, national_number=NATIONAL_NUMBER, iban=IBAN, medical_notes="asthma")

    # Assert
    row = raw_row(details.pk)
    assert all(NATIONAL_NUMBER not in v and IBAN not in v and "asthma" not in v for v in row[:3])
    assert row[3] == ""
    assert crypto.decrypt(row[0]) == NATIONAL_NUMBER
    fresh = PersonalData.objects.get(pk=details.pk)
    assert (fresh.national_number, fresh.iban, fresh.medical_notes) == (NATIONAL_NUMBER, IBAN, "asthma")


def test_personal_data_old_key_still_decrypts_after_rotation(engagement, settings):
    # Arrange
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.REGIE_FIELD_KEYS = [old]
    details = details_for(engagement, iban=IBAN)

    # Act
    settings.REGIE_FIELD_KEYS = [new, old]
    read = PersonalData.objects.get(pk=details.pk).iban

    # Assert
    assert read == IBAN


def test_personal_data_unknown_key_fails_loudly(engagement, settings):
    settings.REGIE_FIELD_KEYS = [Fernet.generate_key().decode()]
    details = details_for(engagement, iban=IBAN)
    settings.REGIE_FIELD_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(ImproperlyConfigured):
        PersonalData.objects.get(pk=details.pk)


def test_personal_data_without_keys_uses_key_derived_from_secret_key(settings):
    settings.REGIE_FIELD_KEYS = []
    token = crypto.encrypt("secret")
    assert Fernet(crypto.derived_key(settings.SECRET_KEY)).decrypt(token.encode()) == b"secret"


def test_personal_data_page_accountant_sees_details_and_read_is_logged(client, engagement):
    # Arrange
    production = engagement.production
    details_for(engagement, national_number=NATIONAL_NUMBER, iban=IBAN)
    accountant = member_of(production, Role.ACCOUNTANT)
    client.force_login(accountant)

    # Act
    response = client.get(reverse("people:personal_data", kwargs={"pk": production.pk, "engagement_pk": engagement.pk}))

    # Assert
    assert "BE68 5390 0754 7034" in response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.production, entry.data) == (
        "people.person.sensitive_viewed",
        accountant,
        production,
        {"contact": engagement.contact_id, "fields": ["national_number", "iban"]},
    )


@pytest.mark.parametrize("role", [Role.CREW, Role.CAST, Role.DEPARTMENT_HEAD, Role.PRODUCER, Role.VIEWER])
def test_personal_data_page_other_roles_refused_and_nothing_logged(client, engagement, role):
    # Arrange
    production = engagement.production
    details_for(engagement, iban=IBAN)
    client.force_login(member_of(production, role))

    # Act
    response = client.get(reverse("people:personal_data", kwargs={"pk": production.pk, "engagement_pk": engagement.pk}))

    # Assert
    assert response.status_code == 403
    assert IBAN not in response.content.decode()
    assert AuditEntry.objects.count() == 0


def test_personal_data_crew_member_editing_url_to_colleague_refused(client, engagement):
    # Arrange: a crew member who is engaged too tries a colleague's engagement id
    production = engagement.production
    details_for(engagement, iban=IBAN)
    crew = member_of(production, Role.CREW)
    EngagementFactory(production=production, contact__user=crew)
    client.force_login(crew)

    # Act
    urls = [
        reverse(name, kwargs={"pk": production.pk, "engagement_pk": engagement.pk})
        for name in ("people:personal_data", "people:personal_data_edit")
    ]

    # Assert
    assert [client.get(url).status_code for url in urls] == [403, 403]
    assert client.post(urls[1], personal_form(iban="")).status_code == 403
    assert PersonalData.objects.get().iban == IBAN


def test_personal_data_engagement_of_another_production_not_found(client, engagement):
    other_production = ProductionFactory(organisation=engagement.production.organisation)
    client.force_login(member_of(other_production, Role.PRODUCTION_MANAGER))
    url = reverse("people:personal_data", kwargs={"pk": other_production.pk, "engagement_pk": engagement.pk})
    assert client.get(url).status_code == 404


def test_personal_data_edit_saves_normalised_and_logs_field_names_only(client, engagement):
    # Arrange
    production = engagement.production
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    client.force_login(manager)

    # Act
    response = client.post(
        reverse("people:personal_data_edit", kwargs={"pk": production.pk, "engagement_pk": engagement.pk}),
        personal_form(),
    )

    # Assert
    details = PersonalData.objects.get()
    assert response.status_code == 302
    assert (details.national_number, details.iban, details.birth_date, details.id_document_expiry) == (
        NATIONAL_NUMBER,
        IBAN,
        datetime.date(1985, 7, 30),
        datetime.date(2027, 2, 1),
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.changes) == ("people.person.sensitive_changed", {})
    assert entry.data["fields"] == list(PersonalData.SENSITIVE_FIELDS)
    assert NATIONAL_NUMBER not in str(entry.data) and "bee sting" not in str(entry.data)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"national_number": "85.07.30-033.29"}, "national_number"),
        ({"national_number": "1234"}, "national_number"),
        ({"iban": "BE68 5390 0754 7035"}, "iban"),
        ({"iban": "not an iban"}, "iban"),
        ({"bic": "GKCC"}, "bic"),
        ({"date_of_birth": "1985-07-31"}, "date_of_birth"),
        ({"id_document_kind": ""}, "id_document_kind"),
    ],
)
def test_personal_data_edit_bad_input_changes_nothing(client, engagement, changes, field):
    production = engagement.production
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(
        reverse("people:personal_data_edit", kwargs={"pk": production.pk, "engagement_pk": engagement.pk}),
        personal_form(**changes),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert (PersonalData.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_personal_data_edit_stale_version_conflicts(client, engagement):
    production = engagement.production
    details_for(engagement, iban=IBAN, version=2)
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(
        reverse("people:personal_data_edit", kwargs={"pk": production.pk, "engagement_pk": engagement.pk}),
        personal_form(version=1),
    )

    assert response.status_code == 409
    assert PersonalData.objects.get().national_number == ""


def test_crew_list_links_personal_data_only_for_roles_that_may_see_it(client, engagement):
    production = engagement.production
    url = reverse("people:crew", kwargs={"pk": production.pk})
    link = reverse("people:personal_data", kwargs={"pk": production.pk, "engagement_pk": engagement.pk})

    client.force_login(member_of(production, Role.CREW))
    crew_sees = link in client.get(url).content.decode()
    client.force_login(member_of(production, Role.ACCOUNTANT))
    accountant_sees = link in client.get(url).content.decode()

    assert (crew_sees, accountant_sees) == (False, True)
