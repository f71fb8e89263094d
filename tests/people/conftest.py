from __future__ import annotations

import pytest

from regie.accounts.roles import OrganisationRole
from tests.factories import OrganisationFactory, OrganisationMembershipFactory, UserFactory


@pytest.fixture
def organisation():
    return OrganisationFactory(slug="lumen")


def org_user(organisation, role: str):
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user, role=role)
    return user


@pytest.fixture
def staff(organisation):
    return org_user(organisation, OrganisationRole.STAFF)


@pytest.fixture
def admin(organisation):
    return org_user(organisation, OrganisationRole.ADMIN)
