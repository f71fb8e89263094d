from __future__ import annotations

import datetime

import pytest

from regie.callsheets.models import CallSheet, SheetKind
from regie.callsheets.services import build_snapshot, generate_call_sheet
from regie.callsheets.snapshots import sun_times
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from regie.productions.models import Kind
from regie.scheduling.models import ItemKind, ItemStatus
from regie.scripts.models import Strip, StripKind
from tests.callsheets.conftest import DAY
from tests.factories import (
    CallFactory,
    ProductionFactory,
    SceneFactory,
    SheetItemFactory,
    brussels,
    scene_with_element,
)

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_generate_call_sheet_copies_places_calls_and_running_order_of_the_day(day):
    # Act
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Assert
    assert (sheet.kind, sheet.title, sheet.general_call) == (SheetKind.RUN_SHEET, "Opbouw", datetime.time(8, 30))
    assert [(loc.name, loc.address, loc.nearest_hospital) for loc in sheet.locations.all()] == [
        ("Schouwburg Gent", "Kouter 29, 9000 Gent", "UZ Gent, C. Heymanslaan 10")
    ]
    calls = {(c.engagement.contact.name if c.engagement else c.department): c for c in sheet.calls.all()}
    assert sorted(calls) == ["Camille Dubois", "Ines Peeters", "stage"]
    # Camille is called for the load-in (at its start, 09:00) and the show: the earliest call and the latest wrap.
    assert (calls["Camille Dubois"].call_at, calls["Camille Dubois"].wrap_at) == (
        brussels(DAY, 9),
        brussels(DAY, 22, 30),
    )
    assert (calls["Ines Peeters"].pickup_at, calls["Ines Peeters"].pickup_place) == (
        brussels(DAY, 8),
        "Gent-Sint-Pieters",
    )
    assert [(r.starts_at, r.duration_minutes, r.what, r.who) for r in sheet.rows.all()] == [
        (datetime.time(9), 240, "Opbouw", "Ines Peeters, Camille Dubois"),
        (datetime.time(20), 150, "Voorstelling", "Stage, Camille Dubois"),
    ]
    assert (sheet.day_number, sheet.day_count) == (1, 1)
    assert AuditEntry.objects.filter(action="callsheets.sheet.generated").count() == 1


def test_generate_call_sheet_refuses_a_day_without_items(day):
    # Act
    with pytest.raises(Refused) as refusal:
        generate_call_sheet(day.production, DAY + datetime.timedelta(days=1), by=day.manager)

    # Assert
    assert str(refusal.value) == (
        "There is nothing on the schedule on 03/03/2027, so there is nothing to draw the sheet up from. "
        "Plan the day first, or start an empty sheet and fill it in by hand."
    )
    assert CallSheet.objects.count() == 0


def test_generate_call_sheet_starts_an_empty_sheet_when_asked(day):
    # Act
    sheet = generate_call_sheet(day.production, DAY + datetime.timedelta(days=1), by=day.manager, empty=True)

    # Assert
    assert (sheet.calls.count(), sheet.locations.count(), sheet.rows.count(), sheet.general_call) == (0, 0, 0, None)


def test_generate_call_sheet_refuses_a_second_sheet_for_the_same_day(day):
    # Arrange
    generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    with pytest.raises(Refused):
        generate_call_sheet(day.production, DAY, by=day.manager)

    # Assert
    assert CallSheet.objects.count() == 1


def test_generate_call_sheet_leaves_out_cancelled_items(day):
    # Arrange
    day.show.status = ItemStatus.CANCELLED
    day.show.save()

    # Act
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Assert
    assert [r.what for r in sheet.rows.all()] == ["Opbouw"]
    assert sheet.calls.filter(department="stage").count() == 0


def test_generate_call_sheet_takes_the_scenes_of_the_board_day_on_a_shoot(db):
    # Arrange: two shooting days; the board has scene 1, end of day, scene 2.
    production = ProductionFactory(kind=Kind.FEATURE_FILM)
    for date in (datetime.date(2027, 4, 5), datetime.date(2027, 4, 6)):
        SheetItemFactory(
            production=production, kind=ItemKind.SHOOTING_DAY, starts_at=brussels(date, 7), ends_at=brussels(date, 19)
        )
    first = scene_with_element(production)
    second = SceneFactory(production=production, number="2", heading="EXT. BEACH - NIGHT")
    Strip.objects.create(board=first["board"], kind=StripKind.DAY_BREAK, position=2)
    Strip.objects.create(board=first["board"], kind=StripKind.SCENE, scene=second, position=3)

    # Act
    sheet = generate_call_sheet(production, datetime.date(2027, 4, 6), by=None)

    # Assert
    assert (sheet.kind, sheet.day_number, sheet.day_count) == (SheetKind.CALL_SHEET, 2, 2)
    assert [(r.what, r.scene_id) for r in sheet.rows.all()] == [("2. EXT. BEACH - NIGHT", second.pk)]


@pytest.mark.parametrize(
    ("date", "hours"),
    [(datetime.date(2027, 3, 28), 23), (datetime.date(2027, 10, 31), 25)],
    ids=["spring-forward", "fall-back"],
)
def test_generate_call_sheet_keeps_local_times_across_dst(day, date, hours):
    # Arrange: an item from 00:00 to 23:30 local on the day the clocks change, and a call at 05:00.
    item = SheetItemFactory(
        production=day.production, starts_at=brussels(date, 0), ends_at=brussels(date, 23, 30), title="Lange dag"
    )
    CallFactory(item=item, engagement=day.ines, call_at=brussels(date, 5), wrap_at=brussels(date, 23, 30))

    # Act
    sheet = generate_call_sheet(day.production, date, by=day.manager)
    snapshot = build_snapshot(sheet)

    # Assert
    assert [(c["call"], c["wrap"]) for c in snapshot["calls"]] == [("05:00", "23:30")]
    assert snapshot["rows"] == [
        {"time": "00:00", "minutes": (hours - 1) * 60 + 30, "what": "Lange dag", "who": "Ines Peeters"}
    ]


def test_generate_call_sheet_counts_an_item_past_midnight_on_both_days(day):
    # Arrange: a night load-out from 23:00 to 03:00 the next day.
    SheetItemFactory(
        production=day.production,
        kind=ItemKind.LOAD_OUT,
        title="Afbraak",
        starts_at=brussels(DAY, 23),
        ends_at=brussels(DAY + datetime.timedelta(days=1), 3),
    )

    # Act
    next_day = generate_call_sheet(day.production, DAY + datetime.timedelta(days=1), by=day.manager)

    # Assert: on the next day it is listed without a start time of that day.
    assert [(r.starts_at, r.what) for r in next_day.rows.all()] == [(None, "Afbraak")]


def test_sun_times_of_gent_follow_the_clock_change():
    # Act
    winter = sun_times(51.05, 3.72, datetime.date(2027, 1, 15), "Europe/Brussels")
    saturday = sun_times(51.05, 3.72, datetime.date(2027, 3, 27), "Europe/Brussels")
    sunday = sun_times(51.05, 3.72, datetime.date(2027, 3, 28), "Europe/Brussels")
    midsummer = sun_times(51.05, 3.72, datetime.date(2027, 6, 21), "Europe/Brussels")

    # Assert: within two minutes of published tables for Brussels, shifted for Gent's longitude;
    # the sun rises an hour "later" on the Sunday the clocks go forward.
    assert (winter, saturday, sunday, midsummer) == (
        ("08:42", "17:06"),
        ("06:33", "19:08"),
        ("07:30", "20:10"),
        ("05:30", "22:03"),
    )


def test_sun_times_without_coordinates_are_blank():
    assert sun_times(None, None, datetime.date(2027, 1, 15), "Europe/Brussels") == (None, None)


def test_call_sheet_at_resolves_the_skipped_hour_forward(day):
    # Arrange
    sheet = CallSheet(production=day.production, date=datetime.date(2027, 3, 28))

    # Act
    moment = sheet.at(datetime.time(2, 30))

    # Assert: 02:30 does not exist in Brussels that night; zoneinfo gives 03:30 CEST (01:30 UTC).
    assert moment.astimezone(UTC) == datetime.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert moment.utcoffset() == datetime.timedelta(hours=2)
