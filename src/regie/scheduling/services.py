"""Use cases of the schedule. Each one owns its transaction, row locks and history entry.

Items carry a `version`: every change (times, details, spaces, who is called, call times) takes
the item's row lock, checks the version the person read (`EditConflict` when it moved on) and
raises it by one. iCalendar feeds use it as the event's SEQUENCE, so subscribed calendars pick up
changes.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import EditConflict, lock_and_check_version
from regie.core.feedback import Refused
from regie.core.uploads import token_digest
from regie.people.models import Engagement
from regie.productions.models import Production
from regie.scheduling.models import (
    CalendarFeed,
    Call,
    ConflictAcceptance,
    DayTemplate,
    ItemKind,
    ItemStatus,
    Place,
    ScheduleItem,
    Space,
    TemplateEntry,
)
from regie.scheduling.timing import lay_day


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise Refused(_("An item must end after it starts."))


def _links(item: ScheduleItem) -> dict[str, Any]:
    """What the item books and calls, in the form the history shows."""
    calls = sorted(
        str(call.engagement.contact) if call.engagement is not None else call.department_label
        for call in item.calls.select_related("engagement__contact")
    )
    return {"spaces": sorted(str(space) for space in item.spaces.all()), "calls": calls}


def _set_spaces_and_calls(
    item: ScheduleItem,
    spaces: Iterable[Space] | None,
    people: Iterable[Engagement] | None,
    departments: Sequence[str] | None,
) -> None:
    if spaces is not None:
        item.spaces.set(list(spaces))
    if people is not None:
        wanted = {engagement.pk for engagement in people}
        item.calls.filter(engagement__isnull=False).exclude(engagement__in=wanted).delete()
        have = set(item.calls.filter(engagement__isnull=False).values_list("engagement_id", flat=True))
        Call.objects.bulk_create(Call(item=item, engagement_id=pk) for pk in sorted(wanted - have))
    if departments is not None:
        wanted_departments = set(departments)
        item.calls.filter(engagement__isnull=True).exclude(department__in=wanted_departments).delete()
        have_departments = set(item.calls.filter(engagement__isnull=True).values_list("department", flat=True))
        Call.objects.bulk_create(
            Call(item=item, department=department) for department in sorted(wanted_departments - have_departments)
        )


def create_item(
    item: ScheduleItem,
    *,
    by: Any,
    spaces: Iterable[Space] = (),
    people: Iterable[Engagement] = (),
    departments: Sequence[str] = (),
) -> ScheduleItem:
    """Save a new item (its production, kind and times set) with the spaces it books and who it calls."""
    _check_times(item.starts_at, item.ends_at)
    with transaction.atomic():
        item.version = 1
        item.save()
        _set_spaces_and_calls(item, spaces, people, departments)
        log_action(item, "scheduling.item.created", user=by, changes=diff({}, {**snapshot(item), **_links(item)}))
    return item


def update_item(
    item: ScheduleItem,
    *,
    version: int,
    by: Any,
    spaces: Iterable[Space] | None = None,
    people: Iterable[Engagement] | None = None,
    departments: Sequence[str] | None = None,
) -> ScheduleItem:
    """Save an edited item unless someone saved it since `version`; logs the changed fields."""
    _check_times(item.starts_at, item.ends_at)
    with transaction.atomic():
        current = lock_and_check_version(ScheduleItem, item.pk, version)
        assert isinstance(current, ScheduleItem)
        before = {**snapshot(current), **_links(current)}
        item.save()
        _set_spaces_and_calls(item, spaces, people, departments)
        changes = diff(before, {**snapshot(item), **_links(item)})
        if changes:
            item.version = current.version + 1
            ScheduleItem.objects.filter(pk=item.pk).update(version=item.version)
            log_action(item, "scheduling.item.changed", user=by, changes=changes)
        else:
            item.version = current.version
    return item


def move_item(
    item: ScheduleItem, *, starts_at: dt.datetime, ends_at: dt.datetime, version: int, by: Any
) -> ScheduleItem:
    """Move or resize an item (the calendar's drag). Person and department calls with their own
    times move with it by the same amount, so a 09:00 call for a 10:00 rehearsal stays an hour early."""
    _check_times(starts_at, ends_at)
    with transaction.atomic():
        current = lock_and_check_version(ScheduleItem, item.pk, version)
        assert isinstance(current, ScheduleItem)
        if current.status == ItemStatus.CANCELLED:
            raise Refused(_("A cancelled item cannot be moved."))
        shift = starts_at - current.starts_at
        before = snapshot(current)
        current.starts_at, current.ends_at = starts_at, ends_at
        current.version += 1
        current.save()
        if shift:
            for call in current.calls.all():
                call.call_at = call.call_at + shift if call.call_at else None
                call.wrap_at = call.wrap_at + shift if call.wrap_at else None
                call.pickup_at = call.pickup_at + shift if call.pickup_at else None
                if call.wrap_at and call.wrap_at > ends_at:
                    call.wrap_at = None
                call.save(update_fields=["call_at", "wrap_at", "pickup_at"])
        log_action(current, "scheduling.item.moved", user=by, changes=diff(before, snapshot(current)))
    return current


def cancel_item(item: ScheduleItem, *, version: int, by: Any) -> ScheduleItem:
    """Mark an item cancelled; it stays on the schedule (and in feeds, as cancelled) but books nothing."""
    with transaction.atomic():
        current = lock_and_check_version(ScheduleItem, item.pk, version)
        assert isinstance(current, ScheduleItem)
        if current.status == ItemStatus.CANCELLED:
            return current
        before = snapshot(current)
        current.status = ItemStatus.CANCELLED
        current.version += 1
        current.save()
        log_action(current, "scheduling.item.cancelled", user=by, changes=diff(before, snapshot(current)))
    return current


def delete_item(item: ScheduleItem, *, version: int, by: Any) -> None:
    """Delete an item for good. Feeds then drop the event; cancel instead to tell subscribers."""
    with transaction.atomic():
        current = lock_and_check_version(ScheduleItem, item.pk, version)
        assert isinstance(current, ScheduleItem)
        log_action(current, "scheduling.item.deleted", user=by, data={**snapshot(current), **_links(current)})
        current.delete()


def update_call(call: Call, *, version: int, by: Any) -> Call:
    """Save a call's own times (call, wrap, pick-up) and note; the item's version guards it."""
    item = call.item
    if call.call_at and call.wrap_at and call.wrap_at <= call.call_at:
        raise Refused(_("The wrap must come after the call time."))
    with transaction.atomic():
        current = lock_and_check_version(ScheduleItem, item.pk, version)
        assert isinstance(current, ScheduleItem)
        before = snapshot(Call.objects.get(pk=call.pk))
        changes = diff(before, snapshot(call))
        if changes:
            call.save()
            current.version += 1
            current.save(update_fields=["version", "updated"])
            log_action(call, "scheduling.call.changed", user=by, changes=changes, production=current.production)
        item.version = current.version
    return call


# --- day templates -----------------------------------------------------------------------------


def apply_template(
    template: DayTemplate,
    production: Production,
    dates: Iterable[dt.date],
    *,
    by: Any,
    status: str = ItemStatus.CONFIRMED,
    place: Place | None = None,
    spaces: Iterable[Space] = (),
) -> list[ScheduleItem]:
    """Lay a day template onto many dates at once, at its local times in the production's time zone.

    Each entry keeps its wall-clock start on every date, summer or winter time; its duration is
    elapsed time (see `timing.lay_day` for the night the clocks skip an hour). Departments named by
    an entry are called for its item.
    """
    if template.organisation_id != production.organisation_id:
        raise Refused(_("This day template belongs to another organisation."))
    entries = list(template.entries.all())
    if not entries:
        raise Refused(_("This day template has no entries yet."))
    dates = sorted(set(dates))
    if not dates:
        raise Refused(_("Choose at least one date."))
    space_list = list(spaces)
    made: list[ScheduleItem] = []
    with transaction.atomic():
        for on in dates:
            for slot in lay_day([(e.start_time, e.duration) for e in entries], on, production.timezone):
                entry = entries[slot.index]
                made.append(
                    ScheduleItem(
                        production=production,
                        kind=entry.kind,
                        title=entry.title,
                        place=place,
                        starts_at=slot.start,
                        ends_at=slot.end,
                        status=status,
                    )
                )
        made = ScheduleItem.objects.bulk_create(made)
        calls = []
        per_day = len(entries)
        for n, item in enumerate(made):
            entry = entries[n % per_day]
            calls += [Call(item=item, department=department) for department in entry.departments]
            if space_list:
                item.spaces.add(*space_list)
        Call.objects.bulk_create(calls)
        log_action(
            template,
            "scheduling.template.applied",
            user=by,
            production=production,
            data={"dates": [d.isoformat() for d in dates], "items": len(made)},
        )
    return made


def create_template(template: DayTemplate, *, by: Any) -> DayTemplate:
    with transaction.atomic():
        template.save()
        log_action(template, "scheduling.template.created", user=by, changes=diff({}, snapshot(template)))
    return template


def update_template(template: DayTemplate, *, by: Any) -> DayTemplate:
    with transaction.atomic():
        before = snapshot(DayTemplate.objects.select_for_update().get(pk=template.pk))
        template.save()
        changes = diff(before, snapshot(template))
        if changes:
            log_action(template, "scheduling.template.changed", user=by, changes=changes)
    return template


def delete_template(template: DayTemplate, *, by: Any) -> None:
    with transaction.atomic():
        log_action(template, "scheduling.template.deleted", user=by, data=snapshot(template))
        template.delete()


def add_template_entry(entry: TemplateEntry, *, by: Any) -> TemplateEntry:
    if entry.duration <= dt.timedelta(0):
        raise Refused(_("An entry must last longer than zero minutes."))
    with transaction.atomic():
        DayTemplate.objects.select_for_update().get(pk=entry.template_id)
        entry.save()
        log_action(entry.template, "scheduling.template.changed", user=by, data={"added": snapshot(entry)})
    return entry


def remove_template_entry(entry: TemplateEntry, *, by: Any) -> None:
    with transaction.atomic():
        DayTemplate.objects.select_for_update().get(pk=entry.template_id)
        log_action(entry.template, "scheduling.template.changed", user=by, data={"removed": snapshot(entry)})
        entry.delete()


# Two days most productions start from; `ensure_default_templates` puts them in an organisation.
DEFAULT_TEMPLATES: list[tuple[str, str, list[tuple[str, str, str, int, list[str]]]]] = [
    (
        "performance_day",
        "Performance day",
        [
            (ItemKind.LOAD_IN, "Load-in", "09:00", 240, ["stage", "lighting", "sound"]),
            (ItemKind.TECHNICAL_REHEARSAL, "Sound check", "15:00", 90, ["sound", "cast"]),
            (ItemKind.OTHER, "Dinner", "18:00", 60, []),
            (ItemKind.OTHER, "Doors", "19:30", 30, ["production"]),
            (ItemKind.PERFORMANCE, "Show", "20:00", 120, ["cast", "stage", "lighting", "sound"]),
            (ItemKind.LOAD_OUT, "Load-out", "22:30", 120, ["stage", "lighting", "sound"]),
        ],
    ),
    (
        "rehearsal_day",
        "Rehearsal day",
        [
            (ItemKind.REHEARSAL, "Rehearsal", "10:00", 180, ["cast", "direction"]),
            (ItemKind.OTHER, "Lunch", "13:00", 60, []),
            (ItemKind.REHEARSAL, "Rehearsal", "14:00", 240, ["cast", "direction"]),
        ],
    ),
]


def ensure_default_templates(organisation: Any, *, names: dict[str, str] | None = None) -> list[DayTemplate]:
    """Create the default day templates the organisation does not have yet (by name)."""
    made = []
    for key, name, entries in DEFAULT_TEMPLATES:
        label = (names or {}).get(key, name)
        if organisation.day_templates.filter(name=label).exists():
            continue
        template = DayTemplate.objects.create(organisation=organisation, name=label)
        TemplateEntry.objects.bulk_create(
            TemplateEntry(
                template=template,
                kind=kind,
                title=title,
                start_time=dt.time.fromisoformat(start),
                duration=dt.timedelta(minutes=minutes),
                departments=departments,
            )
            for kind, title, start, minutes, departments in entries
        )
        made.append(template)
    return made


# --- places and spaces -------------------------------------------------------------------------


def save_place(place: Place, *, by: Any) -> Place:
    """Create or edit a place; logs what changed."""
    with transaction.atomic():
        if place.pk is None:
            place.save()
            log_action(place, "scheduling.place.created", user=by, changes=diff({}, snapshot(place)))
            return place
        before = snapshot(Place.objects.select_for_update().get(pk=place.pk))
        place.save()
        changes = diff(before, snapshot(place))
        if changes:
            log_action(place, "scheduling.place.changed", user=by, changes=changes)
    return place


def save_space(space: Space, *, by: Any) -> Space:
    if space.place is not None and space.place.organisation_id != space.organisation_id:
        raise Refused(_("This place belongs to another organisation."))
    with transaction.atomic():
        if space.pk is None:
            space.save()
            log_action(space, "scheduling.space.created", user=by, changes=diff({}, snapshot(space)))
            return space
        before = snapshot(Space.objects.select_for_update().get(pk=space.pk))
        space.save()
        changes = diff(before, snapshot(space))
        if changes:
            log_action(space, "scheduling.space.changed", user=by, changes=changes)
    return space


def set_archived(obj: Place | Space, *, archived: bool, by: Any) -> None:
    """Archive a place or space (it stays on past items, leaves the choices) or restore it."""
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if (current.archived_at is not None) == archived:
            return
        current.archived_at = timezone.now() if archived else None
        current.save(update_fields=["archived_at"])
        kind = "place" if isinstance(obj, Place) else "space"
        log_action(current, f"scheduling.{kind}.{'archived' if archived else 'restored'}", user=by)


# --- conflicts ---------------------------------------------------------------------------------


def accept_conflict(production: Production, fingerprint: str, *, reason: str, by: Any) -> ConflictAcceptance:
    """Accept one of the production's current conflicts with a reason; refused for one that is gone."""
    from regie.scheduling.detection import conflict_rows

    reason = reason.strip()
    if not reason:
        raise Refused(_("Give a reason for accepting the conflict."))
    row = next((r for r in conflict_rows(production) if r.fingerprint == fingerprint), None)
    if row is None:
        raise Refused(_("This conflict is no longer on the schedule: it changed or was solved in the meantime."))
    with transaction.atomic():
        acceptance, _created = ConflictAcceptance.objects.update_or_create(
            production=production,
            fingerprint=fingerprint,
            defaults={
                "organisation": production.organisation,
                "kind": str(row.conflict.kind),
                "summary": f"{row.kind_label}: {row.who}, {row.when}"[:300],
                "reason": reason,
                "accepted_by": by,
            },
        )
        log_action(
            acceptance,
            "scheduling.conflict.accepted",
            user=by,
            organisation=production.organisation,
            production=production,
            data={"conflict": acceptance.summary, "cause": row.cause, "reason": reason},
        )
    return acceptance


# --- calendar feeds ----------------------------------------------------------------------------


hash_feed_token = token_digest


def make_feed(user: Any, production: Production | None) -> str:
    """A new secret address for the user's personal feed (production None) or a production's feed.

    Returns the token, which is stored only as its hash: a previous address stops working.
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(
            user=user, production=production, defaults={"token_hash": hash_feed_token(token), "last_used": None}
        )
        target = production if production is not None else user
        log_action(
            target,
            "scheduling.feed.made",
            user=user,
            production=production,
            organisation=production.organisation if production is not None else None,
        )
    return token


def revoke_feed(user: Any, production: Production | None) -> None:
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=user, production=production).delete()
        if deleted:
            target = production if production is not None else user
            log_action(
                target,
                "scheduling.feed.revoked",
                user=user,
                production=production,
                organisation=production.organisation if production is not None else None,
            )


__all__ = ["EditConflict"]
