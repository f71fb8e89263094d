from __future__ import annotations

import pytest

from regie.accounts.roles import Role
from regie.scripts import services
from regie.scripts.models import BreakdownElement, Category, SceneElement
from tests.factories import ProductionFactory, SceneFactory, member_of

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    """Background tasks run at once, in the test's process."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def cast_board(db):
    """Six one-page scenes in script order: ANNA in scenes 1 and 6, BRAM in 2 to 5; each scene its own set.

    In script order ANNA waits four scenes; the best order plays her scenes back to back.
    """
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    anna = BreakdownElement.objects.create(production=production, category=Category.CAST, name="ANNA")
    bram = BreakdownElement.objects.create(production=production, category=Category.CAST, name="BRAM")
    scenes = []
    for number in range(1, 7):
        scene = SceneFactory(production=production, number=str(number), order=number, location=f"SET {number}")
        SceneElement.objects.create(scene=scene, element=anna if number in (1, 6) else bram)
        scenes.append(scene)
    board = services.create_board(production, "Plan A", by=manager)
    return board, manager, scenes
