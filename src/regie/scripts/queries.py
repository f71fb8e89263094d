"""Scoped reads of scenes and breakdown elements."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet

from regie.productions.models import Production
from regie.scripts.models import BreakdownElement, Category, Scene, SceneElement, ScriptImport


def scenes_for_production(production: Production, *, removed: bool = False) -> QuerySet[Scene]:
    """The scenes with their cast prefetched (two queries however many scenes)."""
    cast = SceneElement.objects.filter(element__category=Category.CAST).select_related("element")
    scenes = Scene.objects.filter(production=production)
    if not removed:
        scenes = scenes.filter(removed=False)
    return scenes.prefetch_related(Prefetch("scene_elements", queryset=cast.order_by("element__name"), to_attr="cast"))


def latest_import(production: Production) -> ScriptImport | None:
    return ScriptImport.objects.filter(production=production).select_related("uploaded_by").first()


def breakdown_by_category(scene: Scene) -> list[dict[str, Any]]:
    """Every category in sheet order, with the scene's elements in it."""
    grouped: dict[str, list[BreakdownElement]] = defaultdict(list)
    elements = BreakdownElement.objects.filter(scene_elements__scene=scene).select_related("engagement__contact")
    for element in elements.order_by("name"):
        grouped[element.category].append(element)
    return [{"value": value, "label": label, "elements": grouped.get(value, [])} for value, label in Category.choices]


def element_names(production: Production) -> list[str]:
    """Names already in the production's breakdown, offered when adding to another scene."""
    return list(
        BreakdownElement.objects.filter(production=production)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )
