"""The schedule of a production: read a window, add, change, move and delete items, and the
conflicts. Changes go through the same services as the calendar, with the item's version."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from regie.api.routers.common import Rows, label, production_for
from regie.core.feedback import Refused
from regie.people.models import Engagement
from regie.productions.models import Production
from regie.scheduling import services
from regie.scheduling.detection import conflict_rows, conflicts_of_item
from regie.scheduling.models import ItemKind, ItemStatus, Place, ScheduleItem, Space
from regie.scheduling.queries import items_for_production
from regie.scheduling.timing import NonexistentLocalTime, to_utc

router = Router(tags=["schedule"])

MAX_WINDOW = dt.timedelta(days=400)


class NamedOut(Schema):
    id: int
    name: str


class CallOut(Schema):
    engagement: int | None
    person: str
    department: str
    call_at: dt.datetime | None
    wrap_at: dt.datetime | None
    pickup_at: dt.datetime | None
    pickup_place: str
    note: str


class ItemOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    description: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: NamedOut | None
    spaces: list[NamedOut]
    calls: list[CallOut]
    version: int


class ConflictBrief(Schema):
    kind: str
    who: str
    when: str
    cause: str


class SavedItemOut(ItemOut):
    conflicts: list[ConflictBrief]


class ItemIn(Schema):
    kind: str
    title: str = ""
    description: str = ""
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str = ItemStatus.CONFIRMED
    place: int | None = None
    spaces: list[int] = []
    people: list[int] = []
    departments: list[str] = []


class ItemPatch(Schema):
    version: int
    kind: str | None = None
    title: str | None = None
    description: str | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    status: str | None = None
    place: int | None = None
    spaces: list[int] | None = None
    people: list[int] | None = None
    departments: list[str] | None = None


class ConflictOut(Schema):
    fingerprint: str
    kind: str
    kind_label: str
    who: str
    when: str
    cause: str
    items: list[int]  # this production's items in the conflict (another production's are named in `cause`)
    accepted: bool


def item_out(item: ScheduleItem) -> dict[str, object]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "kind_label": label(ItemKind.choices, item.kind),
        "title": item.title,
        "description": item.description,
        "status": item.status,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "place": {"id": item.place.pk, "name": item.place.name} if item.place else None,
        "spaces": [{"id": s.pk, "name": s.name} for s in item.spaces.all()],
        "calls": [
            {
                "engagement": call.engagement_id,
                "person": call.engagement.contact.name if call.engagement else "",
                "department": call.engagement.department if call.engagement else call.department,
                "call_at": call.call_at,
                "wrap_at": call.wrap_at,
                "pickup_at": call.pickup_at,
                "pickup_place": call.pickup_place,
                "note": call.note,
            }
            for call in item.calls.all()
        ],
        "version": item.version,
    }


def _instant(value: dt.datetime, production: Production) -> dt.datetime:
    """An aware time as it is; a time without offset is wall-clock time in the production's zone."""
    if value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    try:
        return to_utc(value, production.timezone)
    except NonexistentLocalTime:
        raise Refused(
            _("%(time)s does not exist in %(zone)s (the clocks go forward then).")
            % {"time": value.strftime("%Y-%m-%d %H:%M"), "zone": production.timezone}
        ) from None


def _choice(value: str, choices: type[ItemKind] | type[ItemStatus], what: str) -> str:
    if value not in choices.values:
        raise Refused(
            _("Unknown %(what)s “%(value)s”; use one of: %(choices)s.")
            % {"what": what, "value": value, "choices": ", ".join(choices.values)}
        )
    return value


def _links(production: Production, place: int | None, spaces: list[int] | None, people: list[int] | None) -> dict:
    """The place, spaces and engagements of the ids sent, all of this production's organisation;
    an id that is not names what it is."""
    found: dict[str, object] = {}
    organisation = production.organisation_id
    if place is not None:
        found["place"] = Place.objects.filter(organisation_id=organisation, pk=place).first()
        if found["place"] is None:
            raise Refused(_("There is no place %(ids)s in your organisation.") % {"ids": place})
    if spaces is not None:
        rows = list(Space.objects.filter(organisation_id=organisation, pk__in=spaces))
        missing = sorted(set(spaces) - {s.pk for s in rows})
        if missing:
            raise Refused(_("There is no space %(ids)s in your organisation.") % {"ids": ", ".join(map(str, missing))})
        found["spaces"] = rows
    if people is not None:
        engaged = list(Engagement.objects.filter(production=production, pk__in=people))
        missing = sorted(set(people) - {e.pk for e in engaged})
        if missing:
            raise Refused(
                _("There is no engagement %(ids)s on this production.") % {"ids": ", ".join(map(str, missing))}
            )
        found["people"] = engaged
    return found


def _saved(item: ScheduleItem) -> dict[str, object]:
    fresh = items_for_production(item.production).get(pk=item.pk)
    found = [
        {"kind": str(row.conflict.kind), "who": row.who, "when": row.when, "cause": row.cause}
        for row in conflicts_of_item(fresh)
    ]
    return {**item_out(fresh), "conflicts": found}


@router.get("/productions/{production_id}/schedule", response=list[ItemOut], summary="The schedule in a window")
@paginate(LimitOffsetPagination)
def schedule(request: HttpRequest, production_id: int, start: dt.datetime, end: dt.datetime, kind: str = "") -> Rows:
    """Items overlapping [`start`, `end`) (at most 400 days), with their place, spaces and calls."""
    production = production_for(request, production_id, "scheduling.view_schedule")
    start, end = _instant(start, production), _instant(end, production)
    if end <= start or end - start > MAX_WINDOW:
        raise Refused(_("Ask for a window that ends after it starts and spans at most 400 days."))
    items = items_for_production(production, start, end)
    if kind:
        items = items.filter(kind=kind)
    return Rows(items, item_out)


@router.post(
    "/productions/{production_id}/schedule",
    response={201: SavedItemOut},
    summary="Add an item",
)
def add_item(request: HttpRequest, production_id: int, data: ItemIn) -> Status:
    """Times with an offset are taken as they are; without one, as wall-clock time in the
    production's time zone. `people` are engagement ids, `departments` department codes. The
    answer lists the conflicts the item has, as the calendar reports them after a save."""
    production = production_for(request, production_id, "scheduling.change_schedule")
    links = _links(production, data.place, data.spaces, data.people)
    item = ScheduleItem(
        production=production,
        kind=_choice(data.kind, ItemKind, _("kind")),
        title=data.title,
        description=data.description,
        status=_choice(data.status, ItemStatus, _("status")),
        starts_at=_instant(data.starts_at, production),
        ends_at=_instant(data.ends_at, production),
        place=links.get("place"),
    )
    services.create_item(
        item,
        by=request.user,
        spaces=links.get("spaces", []),  # type: ignore[arg-type]
        people=links.get("people", []),  # type: ignore[arg-type]
        departments=data.departments,
    )
    return Status(201, _saved(item))


@router.patch(
    "/productions/{production_id}/schedule/{item_id}", response=SavedItemOut, summary="Change or move an item"
)
def change_item(request: HttpRequest, production_id: int, item_id: int, data: ItemPatch) -> dict[str, object]:
    """Send the `version` you read and only the fields that change. Changing only the times moves
    the item as a drag in the calendar does: the calls move with it. 409 when someone changed the
    item since your version."""
    production = production_for(request, production_id, "scheduling.change_schedule")
    item = get_object_or_404(ScheduleItem.objects.select_related("production"), production=production, pk=item_id)
    sent = data.dict(exclude_unset=True)
    sent.pop("version")
    if not sent:
        raise Refused(_("Send at least one field to change."))
    starts_at = _instant(data.starts_at, production) if data.starts_at else item.starts_at
    ends_at = _instant(data.ends_at, production) if data.ends_at else item.ends_at
    if set(sent) <= {"starts_at", "ends_at"}:
        moved = services.move_item(item, starts_at=starts_at, ends_at=ends_at, version=data.version, by=request.user)
        return _saved(moved)
    links = _links(production, sent.get("place"), data.spaces, data.people)
    if "kind" in sent:
        item.kind = _choice(data.kind or "", ItemKind, _("kind"))
    if "status" in sent:
        item.status = _choice(data.status or "", ItemStatus, _("status"))
    for field in ("title", "description"):
        if field in sent:
            setattr(item, field, sent[field] or "")
    if "place" in sent:
        item.place = links.get("place")  # type: ignore[assignment]
    item.starts_at, item.ends_at = starts_at, ends_at
    services.update_item(
        item,
        version=data.version,
        by=request.user,
        spaces=links.get("spaces"),  # type: ignore[arg-type]
        people=links.get("people"),  # type: ignore[arg-type]
        departments=data.departments,
    )
    return _saved(item)


@router.delete("/productions/{production_id}/schedule/{item_id}", response={204: None}, summary="Delete an item")
def delete_item(request: HttpRequest, production_id: int, item_id: int, version: int) -> Status:
    production = production_for(request, production_id, "scheduling.change_schedule")
    item = get_object_or_404(ScheduleItem, production=production, pk=item_id)
    services.delete_item(item, version=version, by=request.user)
    return Status(204, None)


@router.get("/productions/{production_id}/conflicts", response=list[ConflictOut], summary="Schedule conflicts")
def conflicts(request: HttpRequest, production_id: int, accepted: bool = False) -> list[dict[str, object]]:
    """Double bookings, rest and working-time conflicts with their cause; accepted ones only with
    `accepted=true`."""
    production = production_for(request, production_id, "scheduling.view_schedule")
    rows = [row for row in conflict_rows(production) if accepted or not row.accepted]
    return [
        {
            "fingerprint": row.fingerprint,
            "kind": str(row.conflict.kind),
            "kind_label": row.kind_label,
            "who": row.who,
            "when": row.when,
            "cause": row.cause,
            "items": [i["pk"] for i in row.items if i["own"]],
            "accepted": row.accepted,
        }
        for row in rows
    ]
