"""The crew list offers to draw up a contract per engagement, to those who may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from tests.factories import EngagementFactory, member_of

pytestmark = pytest.mark.django_db


def test_crew_list_links_each_engagement_to_a_new_contract_for_a_manager(client):
    engagement = EngagementFactory()
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    content = client.get(reverse("people:crew", kwargs={"pk": engagement.production_id})).content.decode()

    create = reverse("contracts:create", kwargs={"pk": engagement.production_id})
    assert f"{create}?engagement={engagement.pk}" in content


def test_crew_list_has_no_contract_link_for_a_department_head(client):
    engagement = EngagementFactory()
    client.force_login(member_of(engagement.production, Role.DEPARTMENT_HEAD))

    response = client.get(reverse("people:crew", kwargs={"pk": engagement.production_id}))

    assert response.status_code == 200
    assert reverse("contracts:create", kwargs={"pk": engagement.production_id}) not in response.content.decode()


def test_contract_form_from_the_crew_link_starts_from_the_engagement(client):
    engagement = EngagementFactory()
    client.force_login(member_of(engagement.production, Role.PRODUCTION_MANAGER))

    response = client.get(
        reverse("contracts:create", kwargs={"pk": engagement.production_id}), {"engagement": engagement.pk}
    )

    assert response.context["form"].initial["counterparty"] == engagement.contact_id
