"""What the accounts tests share: a signed-in administrator of a new organisation, and the page's messages."""

from __future__ import annotations

import pytest

from regie.accounts.roles import OrganisationRole
from tests.factories import OrganisationFactory, OrganisationMembershipFactory, UserFactory


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def admin_of(client):
    """Sign in a new administrator of a new organisation; returns (organisation, admin)."""
    organisation = OrganisationFactory(name="Compagnie de la Tempête")
    admin = UserFactory(name="Anne Dupont")
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
    client.force_login(admin)
    return organisation, admin
