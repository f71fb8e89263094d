"""Scoped reads of scenes and breakdown elements."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet

from regie.core.feedback import Refused
from regie.productions.models import Production
from regie.scripts.models import (
    Board,
    BreakdownElement,
    Category,
    OptimisationRun,
    Scene,
    SceneElement,
    ScriptImport,
    StripKind,
)
from regie.scripts.shooting import shooting_dates


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


def scene_cast(production: Production) -> dict[int, list[str]]:
    """Scene id -> names of its cast elements (one query)."""
    cast: dict[int, list[str]] = defaultdict(list)
    links = SceneElement.objects.filter(scene__production=production, element__category=Category.CAST)
    for scene_id, name in links.order_by("element__name").values_list("scene_id", "element__name"):
        cast[scene_id].append(name)
    return cast


def boards_for_production(production: Production) -> QuerySet[Board]:
    return Board.objects.filter(production=production)


def board_rows(board: Board) -> list[dict[str, Any]]:
    """The strips in order with their cast and, for an end-of-day or travel strip, its day and date (three queries).

    Days are counted as `shooting.read_days` counts them: a travel strip is a day of its own and
    first closes a day that has scenes.
    """
    cast = scene_cast(board.production)
    rows: list[dict[str, Any]] = []
    day = 0
    pending = False
    for strip in board.strips.select_related("scene").order_by("position", "pk"):
        if strip.kind == StripKind.DAY_BREAK:
            day += 1
            pending = False
        elif strip.kind == StripKind.TRAVEL:
            day += 2 if pending else 1
            pending = False
        elif strip.kind == StripKind.SCENE:
            pending = True
        rows.append({"strip": strip, "cast": cast.get(strip.scene_id or 0, []), "day": day, "date": None})
    if board.start_date is not None and day:
        try:
            dates = shooting_dates(board.start_date, day, board.days_off, board.dates_off)
        except Refused:
            return rows
        for row in rows:
            if row["strip"].kind in (StripKind.DAY_BREAK, StripKind.TRAVEL):
                row["date"] = dates[row["day"] - 1]
    return rows


def optimisation_runs(board: Board) -> QuerySet[OptimisationRun]:
    return OptimisationRun.objects.filter(board=board).select_related("applied_board")


def breakdown_sheets(production: Production) -> list[dict[str, Any]]:
    """Every scene with its elements by category, for printing (two queries)."""
    scenes = list(Scene.objects.filter(production=production, removed=False).order_by("order", "pk"))
    grouped: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    links = SceneElement.objects.filter(scene__production=production).order_by("element__name")
    for scene_id, category, name in links.values_list("scene_id", "element__category", "element__name"):
        grouped[scene_id][category].append(name)
    return [
        {
            "scene": scene,
            "categories": [
                {"label": label, "elements": grouped[scene.pk][value]}
                for value, label in Category.choices
                if grouped[scene.pk].get(value)
            ],
        }
        for scene in scenes
    ]
