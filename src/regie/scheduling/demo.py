"""The demo's schedule (`regie demo`): places, spaces, the two default day templates, and the theatre
production's rehearsals, technical days and first performances around the day the demo is loaded.

Made through the services, so the history shows who planned what. Department calls are used so the
schedule means something whatever crew is engaged; the press moment in the big hall during the
load-in is a space booked twice, so the conflicts page has something to show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from regie.productions.models import Production
from regie.scheduling import services
from regie.scheduling.models import ItemKind, ItemStatus, Place, ScheduleItem, Space, SpaceKind
from regie.scheduling.timing import to_utc

PLACES = [
    {
        "name": "Theater Het Veer",
        "street": "Veerstraat 12",
        "postcode": "2000",
        "city": "Antwerpen",
        "latitude": Decimal("51.221100"),
        "longitude": Decimal("4.399700"),
        "parking": "Parking Grote Markt (200 m); laad- en loszone voor de artiesteningang, max. 2 uur.",
        "access": "Artiesteningang Veerstraat 14, code 4711. Laaddok achteraan, hoogte 3,80 m.",
        "nearest_hospital": "ZNA Stuivenberg, Lange Beeldekensstraat 267, 2060 Antwerpen",
    },
    {
        "name": "Repetitieruimte De Loods",
        "street": "Dokstraat 5",
        "postcode": "9000",
        "city": "Gent",
        "latitude": Decimal("51.066300"),
        "longitude": Decimal("3.734800"),
        "parking": "Eigen parking achter de loods (8 plaatsen).",
        "access": "Poort aan de kaai; sleutel bij de conciërge tot 18u.",
        "nearest_hospital": "AZ Sint-Lucas, Groene Briel 1, 9000 Gent",
    },
    {
        "name": "CC De Velinx",
        "street": "Dijkstraat 111",
        "postcode": "3700",
        "city": "Tongeren",
        "latitude": Decimal("50.780600"),
        "longitude": Decimal("5.466000"),
        "parking": "Parking aan het cultuurcentrum; vrachtwagen aan de zij-ingang.",
        "access": "Technische ingang zijkant; technicus van het huis vanaf 9u.",
        "nearest_hospital": "AZ Vesalius, Hazelereik 51, 3700 Tongeren",
    },
]
# (place index or None, name, kind)
SPACES = [
    (1, "Repetitiezaal 1", SpaceKind.REHEARSAL_ROOM),
    (0, "Grote zaal", SpaceKind.STAGE),
    (None, "Bestelwagen 1-ABC-123", SpaceKind.VEHICLE),
    (None, "Watervloer (bak en pompen)", SpaceKind.EQUIPMENT),
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return to_utc(dt.datetime.combine(day, dt.time(hour, minute)), "Europe/Brussels", shift_gap=True)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def load_demo_schedule(production: Production, *, by: Any, today: dt.date) -> list[ScheduleItem]:
    """Places, spaces and templates of the organisation, and the theatre production's schedule."""
    organisation = production.organisation
    places = [services.save_place(Place(organisation=organisation, **data), by=by) for data in PLACES]
    spaces = [
        services.save_space(
            Space(organisation=organisation, place=places[p] if p is not None else None, name=name, kind=kind), by=by
        )
        for p, name, kind in SPACES
    ]
    rehearsal_day, performance_day = (
        template
        for _key, template in sorted(
            (t.name, t)
            for t in services.ensure_default_templates(
                organisation, names={"performance_day": "Speeldag", "rehearsal_day": "Repetitiedag"}
            )
        )
    )
    room, hall, van, floor = spaces
    loods, veer, velinx = places
    items: list[ScheduleItem] = []

    # Two weeks of rehearsals at De Loods, the last one and this one.
    last_monday = _monday(today) - dt.timedelta(days=7)
    weekdays = [
        last_monday + dt.timedelta(days=n) for n in range(12) if (last_monday + dt.timedelta(days=n)).weekday() < 5
    ]
    items += services.apply_template(rehearsal_day, production, weekdays, by=by, place=loods, spaces=[room])

    # Next week: build, load-in and technical days at Het Veer, then the premiere and a second show.
    monday = _monday(today) + dt.timedelta(days=7)

    def add(kind: str, title: str, start: dt.datetime, end: dt.datetime, **extra: Any) -> ScheduleItem:
        departments = extra.pop("departments", [])
        booked = extra.pop("spaces", [hall])
        item = ScheduleItem(production=production, kind=kind, title=title, starts_at=start, ends_at=end, **extra)
        return services.create_item(item, by=by, spaces=booked, departments=departments)

    items.append(
        add(
            ItemKind.TRAVEL,
            "Transport decor Gent → Antwerpen",
            _at(monday, 8),
            _at(monday, 11),
            place=veer,
            spaces=[van, floor],
            departments=["stage"],
        )
    )
    items.append(
        add(
            ItemKind.LOAD_IN,
            "Opbouw watervloer",
            _at(monday, 12),
            _at(monday, 20),
            place=veer,
            spaces=[hall, floor],
            departments=["stage", "lighting", "sound"],
        )
    )
    items.append(
        add(
            ItemKind.PRESS,
            "Persmoment met foto's op de scène",
            _at(monday, 16),
            _at(monday, 17),
            place=veer,
            departments=["production", "cast"],
        )
    )
    for offset in (1, 2):
        day = monday + dt.timedelta(days=offset)
        items.append(
            add(
                ItemKind.TECHNICAL_REHEARSAL,
                "Technische repetitie",
                _at(day, 10),
                _at(day, 18),
                place=veer,
                departments=["cast", "stage", "lighting", "sound", "direction"],
            )
        )
    day = monday + dt.timedelta(days=3)
    items.append(
        add(
            ItemKind.DRESS_REHEARSAL,
            "Generale",
            _at(day, 19),
            _at(day, 22),
            place=veer,
            departments=["cast", "stage", "lighting", "sound", "direction"],
        )
    )
    items += services.apply_template(
        performance_day,
        production,
        [monday + dt.timedelta(days=4), monday + dt.timedelta(days=5)],
        by=by,
        place=veer,
        spaces=[hall],
    )
    items.append(
        add(
            ItemKind.DAY_OFF,
            "Rustdag",
            _at(monday + dt.timedelta(days=6), 0),
            _at(monday + dt.timedelta(days=7), 0),
            spaces=[],
        )
    )

    # The tour starts the week after: a tentative date in Tongeren and a cancelled school matinee.
    tour = monday + dt.timedelta(days=11)
    items += services.apply_template(
        performance_day, production, [tour], by=by, status=ItemStatus.TENTATIVE, place=velinx
    )
    items.append(
        add(
            ItemKind.PERFORMANCE,
            "Schoolvoorstelling",
            _at(tour, 13, 30),
            _at(tour, 15),
            place=velinx,
            status=ItemStatus.CANCELLED,
            spaces=[],
            departments=["cast"],
        )
    )
    return items
