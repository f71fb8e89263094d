"""Unavailable periods of contacts, and the crew list showing them for the production period."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.models import AuditEntry
from regie.people.models import Unavailability
from regie.people.queries import unavailable_periods_for
from tests.factories import ContactFactory, EngagementFactory, ProductionFactory, member_of

pytestmark = pytest.mark.django_db

D = datetime.date


def url(organisation, contact) -> str:
    return reverse("people:contact_unavailability", kwargs={"slug": organisation.slug, "contact_pk": contact.pk})


def test_unavailability_added_and_removed_with_history(client, organisation, staff):
    # Arrange
    contact = ContactFactory(organisation=organisation)
    client.force_login(staff)

    # Act
    client.post(url(organisation, contact), {"start_date": "2026-05-01", "end_date": "2026-05-03", "reason": "Tour"})
    period = Unavailability.objects.get()
    detail = client.get(reverse("people:contact_detail", kwargs={"slug": organisation.slug, "contact_pk": contact.pk}))
    client.post(url(organisation, contact), {"remove": str(period.pk)})

    # Assert
    assert (period.contact, period.start_date, period.end_date, period.reason) == (
        contact,
        D(2026, 5, 1),
        D(2026, 5, 3),
        "Tour",
    )
    assert "Tour" in detail.content.decode()
    assert Unavailability.objects.count() == 0
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "people.unavailability.added",
        "people.unavailability.removed",
    ]


def test_unavailability_end_before_start_refused(client, organisation, staff):
    # Arrange
    contact = ContactFactory(organisation=organisation)
    client.force_login(staff)

    # Act
    response = client.post(
        url(organisation, contact), {"start_date": "2026-05-03", "end_date": "2026-05-01"}, follow=True
    )

    # Assert
    assert "The end date comes before the start date." in response.content.decode()
    assert Unavailability.objects.count() == 0


def test_unavailability_of_other_organisations_contact_cannot_be_removed(client, organisation, staff):
    # Arrange
    contact = ContactFactory(organisation=organisation)
    other = Unavailability.objects.create(contact=ContactFactory(), start_date=D(2026, 1, 1), end_date=D(2026, 1, 2))
    client.force_login(staff)

    # Act
    response = client.post(url(organisation, contact), {"remove": str(other.pk)})

    # Assert
    assert response.status_code == 404
    assert Unavailability.objects.count() == 1


def test_unavailable_periods_for_returns_overlapping_periods_per_contact():
    # Arrange
    a, b = ContactFactory(), ContactFactory()
    inside = Unavailability.objects.create(contact=a, start_date=D(2026, 4, 28), end_date=D(2026, 5, 1))
    Unavailability.objects.create(contact=a, start_date=D(2026, 6, 1), end_date=D(2026, 6, 2))
    edge = Unavailability.objects.create(contact=b, start_date=D(2026, 5, 10), end_date=D(2026, 5, 12))

    # Act
    periods = unavailable_periods_for([a.pk, b.pk], D(2026, 5, 1), D(2026, 5, 10))

    # Assert
    assert periods == {a.pk: [inside], b.pk: [edge]}


def test_crew_list_shows_unavailable_people_during_the_production(client):
    # Arrange
    production = ProductionFactory(start_date=D(2026, 5, 1), end_date=D(2026, 5, 31))
    engagement = EngagementFactory(production=production)
    Unavailability.objects.create(contact=engagement.contact, start_date=D(2026, 5, 20), end_date=D(2026, 5, 22))
    Unavailability.objects.create(contact=engagement.contact, start_date=D(2026, 7, 1), end_date=D(2026, 7, 2))
    client.force_login(member_of(production, Role.CREW))

    # Act
    response = client.get(reverse("people:crew", kwargs={"pk": production.pk}))

    # Assert
    html = response.content.decode()
    assert html.count('class="badge unavailable"') == 1
