"""Importing scripts into a production and editing the breakdown.

An import runs in one transaction: the file is parsed first (a refusal changes nothing), then
the production is locked so that two imports do not interleave, the scenes are matched (see
`matching`), updated, added or marked removed, the speaking characters and Final Draft tags
become breakdown elements, and one history entry records the summary of changes.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.core.audit import log_action, snapshot
from regie.core.concurrency import lock_and_check_version
from regie.core.feedback import Refused
from regie.productions.models import Production
from regie.screenplay import MAX_BYTES, ScreenplayError, parse_bytes
from regie.screenplay import Scene as ParsedScene
from regie.scripts.matching import Existing, Incoming, match_scenes
from regie.scripts.messages import screenplay_message
from regie.scripts.models import (
    Board,
    BreakdownElement,
    Category,
    Scene,
    SceneElement,
    ScriptImport,
    Strip,
    StripKind,
)
from regie.scripts.shooting import sync_shooting_days

NAME_LENGTH = BreakdownElement._meta.get_field("name").max_length or 200

# Final Draft's tag categories (and common variants), lower case, to ours; others become notes.
FDX_CATEGORIES = {
    "cast members": Category.CAST,
    "cast": Category.CAST,
    "background actors": Category.BACKGROUND,
    "extras": Category.BACKGROUND,
    "background": Category.BACKGROUND,
    "stunts": Category.STUNTS,
    "vehicles": Category.VEHICLES,
    "props": Category.PROPS,
    "special effects": Category.SPECIAL_EFFECTS,
    "sfx": Category.SPECIAL_EFFECTS,
    "costumes": Category.COSTUMES,
    "wardrobe": Category.COSTUMES,
    "makeup": Category.MAKEUP_HAIR,
    "makeup/hair": Category.MAKEUP_HAIR,
    "hair": Category.MAKEUP_HAIR,
    "animals": Category.ANIMALS,
    "animal handler": Category.ANIMALS,
    "set dressing": Category.SET_DRESSING,
    "special equipment": Category.SPECIAL_EQUIPMENT,
    "camera": Category.SPECIAL_EQUIPMENT,
    "sound": Category.SOUND,
    "music": Category.MUSIC,
    "notes": Category.NOTES,
}


class ScriptRefused(Refused):
    pass


def fdx_category(name: str) -> str:
    return FDX_CATEGORIES.get(" ".join(name.split()).lower(), Category.NOTES)


def import_script(production: Production, data: bytes, file_name: str, *, by: User | None) -> ScriptImport:
    """Read `data` as a screenplay into the production's scenes; ScriptRefused with a clear message."""
    if len(data) > MAX_BYTES:
        raise ScriptRefused(
            screenplay_message(ScreenplayError("too_large", size_mb=_mb(len(data)), limit_mb=_mb(MAX_BYTES)))
        )
    try:
        screenplay = parse_bytes(data, file_name)
    except ScreenplayError as error:
        raise ScriptRefused(screenplay_message(error)) from error
    if not screenplay.scenes:
        raise ScriptRefused(_("The script has no scene headings, so there are no scenes to break down."))
    with transaction.atomic():
        Production.objects.select_for_update().get(pk=production.pk)
        summary = _apply(production, screenplay.scenes)
        for board in Board.objects.filter(production=production):
            _append_missing_scenes(board)
            _changed(board, by)
        record = ScriptImport.objects.create(
            production=production,
            file_name=file_name[:255],
            format=screenplay.format,
            uploaded_by=by if by is not None and by.is_authenticated else None,
            summary=summary,
        )
        log_action(record, "scripts.script.imported", user=by, data=summary)
    return record


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _numbered(scene: ParsedScene) -> bool:
    return bool(scene.elements and scene.elements[0].scene_number)


def _synopsis(scene: ParsedScene) -> str:
    return "\n".join(scene.synopses) or scene.properties.get("summary", "")


def _brief(scene: Scene) -> dict[str, Any]:
    return {"number": scene.number, "heading": scene.heading}


def _apply(production: Production, parsed: list[ParsedScene]) -> dict[str, Any]:
    current = {str(scene.key): scene for scene in Scene.objects.filter(production=production)}
    first = not current
    matches = match_scenes(
        [Existing(key, s.number, s.numbered, s.heading, s.order) for key, s in current.items()],
        [Incoming(s.number, _numbered(s), s.heading) for s in parsed],
    )
    summary: dict[str, Any] = {"first": first, "added": [], "changed": [], "restored": [], "removed": []}
    unchanged = 0
    kept: set[str] = set()
    scenes: list[Scene] = []
    for order, (incoming, key) in enumerate(zip(parsed, matches, strict=True), start=1):
        values = {
            "number": incoming.number[:20],
            "numbered": _numbered(incoming),
            "heading": incoming.heading[:300],
            "int_ext": incoming.int_ext[:20],
            "location": incoming.location[:200],
            "time_of_day": incoming.time_of_day[:50],
            "eighths": incoming.eighths,
            "synopsis": _synopsis(incoming),
            "order": order,
            "removed": False,
        }
        if key is None:
            scene = Scene.objects.create(production=production, **values)
            if not first:
                summary["added"].append(_brief(scene))
        else:
            kept.add(key)
            scene = current[key]
            before = snapshot(scene)
            was_removed = scene.removed
            for name, value in values.items():
                setattr(scene, name, value)
            scene.save()
            if was_removed:
                summary["restored"].append(_brief(scene))
            elif before["heading"] != scene.heading or before["eighths"] != scene.eighths:
                summary["changed"].append(
                    {
                        **_brief(scene),
                        "old_number": before["number"],
                        "old_heading": before["heading"],
                        "old_eighths": before["eighths"],
                        "eighths": scene.eighths,
                    }
                )
            else:
                unchanged += 1
        scenes.append(scene)
    for key, scene in current.items():
        if key not in kept and not scene.removed:
            scene.removed = True
            scene.save(update_fields=["removed"])
            summary["removed"].append(_brief(scene))
    summary["unchanged"] = unchanged
    summary["scenes"] = len(scenes)
    _add_elements(production, list(zip(scenes, parsed, strict=True)))
    return summary


def _add_elements(production: Production, pairs: list[tuple[Scene, ParsedScene]]) -> None:
    """Speaking characters as cast and FDX tags by category; what the breakdown already has stays."""
    wanted: dict[int, set[tuple[str, str]]] = {}
    for scene, parsed in pairs:
        names = {(Category.CAST.value, name[:NAME_LENGTH]) for name in parsed.characters if name.strip()}
        names |= {
            (fdx_category(tag.category), tag.label.strip()[:NAME_LENGTH]) for tag in parsed.tags if tag.label.strip()
        }
        wanted[scene.pk] = names
    needed = set().union(*wanted.values()) if wanted else set()
    elements = {(e.category, e.name): e for e in BreakdownElement.objects.filter(production=production)}
    missing = [BreakdownElement(production=production, category=c, name=n) for c, n in sorted(needed - set(elements))]
    for element in missing:
        element.save()
        elements[(element.category, element.name)] = element
    present = set(SceneElement.objects.filter(scene__production=production).values_list("scene_id", "element_id"))
    links = [
        SceneElement(scene_id=scene_pk, element_id=elements[pair].pk)
        for scene_pk, pairs_ in wanted.items()
        for pair in sorted(pairs_)
        if (scene_pk, elements[pair].pk) not in present
    ]
    SceneElement.objects.bulk_create(links)


def add_element(scene: Scene, category: str, name: str, *, by: User) -> BreakdownElement:
    """Put an element on a scene, reusing the production's element of that category and name."""
    name = " ".join(name.split())[:NAME_LENGTH]
    with transaction.atomic():
        element, created = BreakdownElement.objects.get_or_create(
            production=scene.production, category=category, name=name
        )
        _, linked = SceneElement.objects.get_or_create(scene=scene, element=element)
        if linked:
            log_action(
                element,
                "scripts.element.added",
                user=by,
                data={"scene": scene.number, "category": category, "name": name, "new": created},
            )
    return element


def remove_element(scene: Scene, element: BreakdownElement, *, by: User) -> None:
    """Take an element off a scene; the element stays in the production's list for other scenes."""
    with transaction.atomic():
        deleted, _count = SceneElement.objects.filter(scene=scene, element=element).delete()
        if not deleted:
            return
        log_action(
            element,
            "scripts.element.removed",
            user=by,
            data={"scene": scene.number, "category": element.category, "name": element.name},
        )


def link_engagement(element: BreakdownElement, engagement: Any, *, by: User) -> BreakdownElement:
    """Say who plays a cast element (None to unlink); the engagement must be on the same production."""
    if element.category != Category.CAST:
        raise ScriptRefused(_("Only cast elements can be linked to a person engaged on the production."))
    if engagement is not None and engagement.production_id != element.production_id:
        raise ScriptRefused(_("This person is not engaged on this production."))
    with transaction.atomic():
        before = element.engagement_id
        element.engagement = engagement
        element.save(update_fields=["engagement"])
        new = engagement.pk if engagement is not None else None
        if before != new:
            log_action(element, "scripts.element.changed", user=by, changes={"engagement": {"old": before, "new": new}})
    return element


# Stripboards


def create_board(production: Production, name: str, *, by: User) -> Board:
    """A new board with the production's scenes in script order, no day breaks yet."""
    with transaction.atomic():
        board = Board.objects.create(production=production, name=name)
        _append_missing_scenes(board)
        log_action(board, "scripts.board.created", user=by, data={"name": name})
    return board


def _append_missing_scenes(board: Board) -> None:
    placed = set(board.strips.exclude(scene=None).values_list("scene_id", flat=True))
    last = board.strips.aggregate(last=Max("position"))["last"] or 0
    missing = Scene.objects.filter(production_id=board.production_id, removed=False).exclude(pk__in=placed)
    Strip.objects.bulk_create(
        Strip(board=board, kind=StripKind.SCENE, scene=scene, position=last + index)
        for index, scene in enumerate(missing.order_by("order", "pk"), start=1)
    )


def _changing(board: Board, expected_version: int) -> Board:
    current = lock_and_check_version(Board, board.pk, expected_version)
    assert isinstance(current, Board)
    current.version += 1
    current.save(update_fields=["version"])
    return current


def _changed(board: Board, by: User | None) -> None:
    """After a change of the strips: the schedule's shooting days follow the board that drives them."""
    if board.drives_schedule:
        sync_shooting_days(board, by=by)


def add_strip(board: Board, kind: str, text: str, *, expected_version: int, by: User) -> Strip:
    """Append a day break or a banner at the end of the board."""
    if kind == StripKind.SCENE:
        raise ScriptRefused(_("Scenes come onto the board from the script."))
    with transaction.atomic():
        current = _changing(board, expected_version)
        last = current.strips.aggregate(last=Max("position"))["last"] or 0
        strip = Strip.objects.create(board=current, kind=kind, text=text[:200], position=last + 1)
        log_action(current, "scripts.board.changed", user=by, data={"added": strip.get_kind_display(), "text": text})
        _changed(current, by)
    return strip


def remove_strip(board: Board, strip: Strip, *, expected_version: int, by: User) -> None:
    if strip.kind == StripKind.SCENE:
        raise ScriptRefused(_("Scene strips cannot be taken off the board; move them after the last day instead."))
    with transaction.atomic():
        current = _changing(board, expected_version)
        strip.delete()
        log_action(current, "scripts.board.changed", user=by, data={"removed": strip.get_kind_display()})
        _changed(current, by)


def reorder_board(board: Board, strip_ids: list[int], *, expected_version: int, by: User) -> Board:
    """Put the strips in the order given; the list must hold every strip of the board once."""
    with transaction.atomic():
        current = _changing(board, expected_version)
        strips = {strip.pk: strip for strip in current.strips.all()}
        if sorted(strip_ids) != sorted(strips):
            raise ScriptRefused(_("The board changed while you were moving strips; reload the page and try again."))
        for position, pk in enumerate(strip_ids, start=1):
            strips[pk].position = position
        Strip.objects.bulk_update(strips.values(), ["position"])
        log_action(current, "scripts.board.reordered", user=by)
        _changed(current, by)
    return current


def move_strip(board: Board, strip: Strip, step: int, *, expected_version: int, by: User) -> Board:
    """Move a strip one place up (-1) or down (+1): the no-JavaScript way of reordering."""
    ids = list(board.strips.values_list("pk", flat=True))
    index = ids.index(strip.pk)
    target = index + step
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
    return reorder_board(board, ids, expected_version=expected_version, by=by)
