"""What the people app shows on the production dashboard."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.people.models import EngagementStatus, IdDocumentKind, PersonalData
from regie.people.queries import ExpiringDocument, expiring_documents
from tests.factories import EngagementFactory, ProductionFactory, member_of

pytestmark = pytest.mark.django_db


def with_document(engagement, expiry: datetime.date, kind: str = IdDocumentKind.PASSPORT) -> None:
    PersonalData.objects.create(
        contact=engagement.contact, id_document_kind=kind, id_document_number="EM1", id_document_expiry=expiry
    )


def test_expiring_documents_lists_those_ending_before_the_production(settings):
    # Arrange
    production = ProductionFactory(start_date=datetime.date(2099, 1, 10), end_date=datetime.date(2099, 3, 31))
    with_document(EngagementFactory(production=production, contact__name="In time"), datetime.date(2099, 2, 1))
    with_document(EngagementFactory(production=production, contact__name="Fine"), datetime.date(2099, 4, 1))
    with_document(
        EngagementFactory(production=production, contact__name="Cancelled", status=EngagementStatus.CANCELLED),
        datetime.date(2099, 2, 1),
    )
    with_document(EngagementFactory(contact__name="Elsewhere"), datetime.date(2099, 2, 1))

    # Act
    documents = expiring_documents(production)

    # Assert
    assert documents == [ExpiringDocument("In time", "Passport", datetime.date(2099, 2, 1), False)]


def test_dashboard_warns_manager_about_expiring_document(client):
    production = ProductionFactory(start_date=datetime.date(2099, 1, 10), end_date=datetime.date(2099, 3, 31))
    with_document(EngagementFactory(production=production, contact__name="Lea Dubois"), datetime.date(2099, 2, 1))
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    assert "Lea Dubois: Passport expires on 1 February 2099, before the production ends" in response.content.decode()


def test_dashboard_crew_member_sees_counts_but_no_document_warning(client):
    production = ProductionFactory(start_date=datetime.date(2099, 1, 10), end_date=datetime.date(2099, 3, 31))
    with_document(EngagementFactory(production=production, contact__name="Lea Dubois"), datetime.date(2099, 2, 1))
    client.force_login(member_of(production, Role.CREW))

    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    html = response.content.decode()
    assert ("Lea Dubois" in html, 'Confirmed <span class="muted">1</span>' in html) == (False, True)
