from __future__ import annotations

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from tests.factories import PASSWORD, ProductionFactory, member_of

pytestmark = pytest.mark.django_db


def test_dashboard_shows_title_for_member(client):
    production = ProductionFactory(title="De Storm")
    user = member_of(production, Role.CREW)
    client.login(username=user.email, password=PASSWORD)
    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))
    assert response.status_code == 200
    assert "De Storm" in response.content.decode()
