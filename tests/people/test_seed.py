"""The address book and engagements in the generated seed, and deleting what holds them."""

from __future__ import annotations

import pytest
from django.db.models import RestrictedError

from regie.core.seeding import festival_for, generate
from regie.people.models import Contact, Engagement, PersonalData
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_seed_small_engages_every_team_member_in_the_address_book():
    # Act
    result = generate("small")

    # Assert
    festival = festival_for("small")
    counts = result.counts
    assert (counts["address_book"], counts["festival_engagements"]) == (60, 20)
    assert Contact.objects.filter(organisation=result.organisation).count() == 60
    assert Engagement.objects.filter(production__organisation=result.organisation).count() == counts["engagements"]
    assert counts["engagements"] == counts["production_members"]
    assert festival.engagements.filter(contact__user__isnull=True).count() == 0
    assert festival.engagements.filter(reports_to__isnull=False).count() >= 15
    assert PersonalData.objects.filter(contact__organisation=result.organisation).count() >= 1


def test_contact_with_engagement_cannot_be_deleted_alone():
    engagement = EngagementFactory()
    with pytest.raises(RestrictedError):
        engagement.contact.delete()
    assert Contact.objects.count() == 1


def test_organisation_deleted_with_its_contacts_and_engagements():
    engagement = EngagementFactory()

    engagement.production.organisation.delete()

    assert (Contact.objects.count(), Engagement.objects.count()) == (0, 0)
