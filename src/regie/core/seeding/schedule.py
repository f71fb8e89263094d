"""The seed's schedules: the festival's build-up, festival days and breakdown on many stages and
sites (over 6,000 items on the large seed, 800 people called), and a few weeks of work for every
other production. Deterministic: one random stream, seeded by the seed and the step's name.

Each space (a stage, a tent, a vehicle) has its own team of people engaged on the festival; its
items call three of them in turn. Now and then someone from another team is called too, and
late nights are followed by early calls: the conflicts page has real work to show.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from regie.people.models import Engagement, EngagementStatus
from regie.scheduling.models import Call, ItemKind, ItemStatus, Place, ScheduleItem, Space, SpaceKind

if TYPE_CHECKING:
    from regie.core.seeding import SeedContext

# (days of build-up before the festival, festival days, days of breakdown, spaces, items per space a day)
SHAPES = {"large": (11, 4, 4, 30, 12), "small": (2, 2, 1, 4, 6)}
BUILD_KINDS = [ItemKind.BUILD, ItemKind.LOAD_IN, ItemKind.MEETING, ItemKind.TRAVEL, ItemKind.BUILD]
SHOW_KINDS = [ItemKind.LOAD_IN, ItemKind.TECHNICAL_REHEARSAL, ItemKind.PERFORMANCE, ItemKind.LOAD_OUT]
BREAKDOWN_KINDS = [ItemKind.LOAD_OUT, ItemKind.TRAVEL, ItemKind.BUILD]
SITE_NAMES = ["Festivalweide", "Stadspark", "Kaaien"]
SPACE_KINDS = [SpaceKind.STAGE, SpaceKind.STAGE, SpaceKind.STUDIO, SpaceKind.VEHICLE, SpaceKind.EQUIPMENT]


def _places_and_spaces(ctx: SeedContext, count: int) -> tuple[list[Place], list[Space]]:
    organisation = ctx.organisation
    assert organisation is not None
    places = Place.objects.bulk_create(
        Place(organisation=organisation, name=f"{name} {ctx.plan.size}", city="Gent", country="BE")
        for name in SITE_NAMES
    )
    spaces = Space.objects.bulk_create(
        Space(
            organisation=organisation,
            place=places[n % len(places)],
            name=f"{SPACE_KINDS[n % len(SPACE_KINDS)].label} {n + 1}",
            kind=SPACE_KINDS[n % len(SPACE_KINDS)],
        )
        for n in range(count)
    )
    return places, spaces


def add_schedules(ctx: SeedContext) -> None:
    rng = ctx.rng("schedule")
    festival = ctx.festival
    assert festival is not None and festival.start_date is not None
    before, during, after, space_count, per_day = SHAPES[ctx.plan.size]
    places, spaces = _places_and_spaces(ctx, space_count)
    zone = ZoneInfo(festival.timezone)
    engagements = list(
        Engagement.objects.filter(production=festival)
        .exclude(status=EngagementStatus.CANCELLED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    teams = [engagements[n :: len(spaces)] for n in range(len(spaces))]
    first_day = festival.start_date - datetime.timedelta(days=before)
    items: list[ScheduleItem] = []
    calls: list[tuple[int, list[int]]] = []  # (index of the item, engagements called)
    bookings: list[tuple[int, Space]] = []
    turn = [0] * len(spaces)
    for offset in range(before + during + after):
        day = first_day + datetime.timedelta(days=offset)
        kinds = BUILD_KINDS if offset < before else SHOW_KINDS if offset < before + during else BREAKDOWN_KINDS
        for n, space in enumerate(spaces):
            clock = datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=zone) + datetime.timedelta(
                minutes=rng.randrange(0, 60, 15)
            )
            for slot in range(per_day):
                length = datetime.timedelta(minutes=rng.choice((30, 45, 60, 60, 90, 120)))
                kind = kinds[slot % len(kinds)]
                status = ItemStatus.TENTATIVE if rng.random() < 0.05 else ItemStatus.CONFIRMED
                if rng.random() < 0.01:
                    status = ItemStatus.CANCELLED
                items.append(
                    ScheduleItem(
                        production=festival,
                        kind=kind,
                        title=f"{kind.label} {space.name}",
                        place=places[n % len(places)],
                        starts_at=clock,
                        ends_at=clock + length,
                        status=status,
                    )
                )
                index = len(items) - 1
                bookings.append((index, space))
                team = teams[n]
                if team:
                    called = [team[(turn[n] + k) % len(team)] for k in range(min(3, len(team)))]
                    turn[n] += 1
                    if rng.random() < 0.03:
                        called.append(rng.choice(engagements))
                    calls.append((index, sorted(set(called))))
                clock += length + datetime.timedelta(minutes=rng.choice((0, 15, 30)))
    production_meetings = [
        ScheduleItem(
            production=festival,
            kind=ItemKind.MEETING,
            title="Productievergadering",
            place=places[0],
            starts_at=datetime.datetime.combine(
                first_day + datetime.timedelta(days=offset), datetime.time(8, 0), tzinfo=zone
            ),
            ends_at=datetime.datetime.combine(
                first_day + datetime.timedelta(days=offset), datetime.time(8, 30), tzinfo=zone
            ),
        )
        for offset in range(before + during + after)
    ]
    created = ScheduleItem.objects.bulk_create(items + production_meetings, batch_size=1000)
    Call.objects.bulk_create(
        (Call(item=created[index], engagement_id=pk) for index, called in calls for pk in called), batch_size=2000
    )
    Call.objects.bulk_create(
        (Call(item=item, department="production") for item in created[len(items) :]), batch_size=1000
    )
    through = ScheduleItem.spaces.through
    through.objects.bulk_create(
        (through(scheduleitem_id=created[index].pk, space_id=space.pk) for index, space in bookings), batch_size=2000
    )
    others = _other_productions(ctx, rng)
    ctx.counts["festival_schedule_items"] = len(created)
    ctx.counts["schedule_items"] = len(created) + others
    ctx.counts["calls"] = Call.objects.filter(item__production__organisation=ctx.organisation).count()


def _other_productions(ctx: SeedContext, rng: random.Random) -> int:
    """Three weeks of rehearsals, Monday to Friday, for every production but the festival, with
    the cast department called."""
    items = []
    for production in ctx.productions:
        if production is ctx.festival or production.start_date is None:
            continue
        zone = ZoneInfo(production.timezone)
        for offset in range(21):
            day = production.start_date + datetime.timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            start = datetime.datetime.combine(day, datetime.time(rng.choice((9, 10)), 0), tzinfo=zone)
            items.append(
                ScheduleItem(
                    production=production,
                    kind=ItemKind.SHOOTING_DAY if production.is_screen else ItemKind.REHEARSAL,
                    title="Draaidag" if production.is_screen else "Repetitie",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=rng.choice((6, 8, 10))),
                )
            )
    created = ScheduleItem.objects.bulk_create(items, batch_size=1000)
    Call.objects.bulk_create((Call(item=item, department="cast") for item in created), batch_size=1000)
    return len(created)
