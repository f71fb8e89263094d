from __future__ import annotations

import pytest

from regie.accounts.roles import Role
from tests.factories import EngagementFactory, ProductionFactory, UserFactory, member_of


@pytest.fixture
def production(db):
    return ProductionFactory(timezone="Europe/Brussels")


@pytest.fixture
def manager(production):
    return member_of(production, Role.PRODUCTION_MANAGER)


@pytest.fixture
def crew(production):
    return member_of(production, Role.CREW)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def engagement(production):
    return EngagementFactory(production=production, department="stage", function="stage_manager")
