"""Shooting days: the days of the board that drives the schedule become schedule items with their cast called."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from regie.core.feedback import Refused
from regie.scheduling.models import Call, ItemKind, ScheduleItem
from regie.scripts import services, shooting
from regie.scripts.models import BreakdownElement, ShootingDay, StripKind
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 1)


def place(board, manager, kinds_after):
    """Add strips of `kinds_after` ({scene position: kind}) after those scene strips, in one reorder."""
    scenes = list(board.strips.filter(kind=StripKind.SCENE).order_by("position").values_list("pk", flat=True))
    order = []
    for index, pk in enumerate(scenes, start=1):
        order.append(pk)
        for kind in kinds_after.get(index, []):
            strip = services.add_strip(board, kind, "", expected_version=board.version, by=manager)
            board.refresh_from_db()
            order.append(strip.pk)
    return services.reorder_board(board, order, expected_version=board.version, by=manager)


def drive(board, manager, **changes):
    values = {
        "drives_schedule": True,
        "start_date": MONDAY,
        "days_off": [5, 6],
        "dates_off": [],
        "call_time": datetime.time(7),
        "wrap_time": datetime.time(18),
        **changes,
    }
    return shooting.set_board_schedule(board, **values, by=manager)


def test_shooting_dates_skip_weekends_and_dates_off():
    # Act
    dates = shooting.shooting_dates(datetime.date(2027, 3, 4), 4, [5, 6], ["2027-03-08"])

    # Assert
    assert dates == [
        datetime.date(2027, 3, 4),
        datetime.date(2027, 3, 5),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 3, 10),
    ]


def test_day_breaks_on_the_schedule_board_make_shooting_days_with_the_cast_called(cast_board):
    # Arrange: ANNA is played by an engaged actor; days [1 2 3] [4 5 6]
    board, manager, _scenes = cast_board
    actor = EngagementFactory(production=board.production, function="", department="")
    BreakdownElement.objects.filter(name="ANNA").update(engagement=actor)
    board = drive(board, manager)

    # Act
    board = place(board, manager, {3: [StripKind.DAY_BREAK], 6: [StripKind.DAY_BREAK]})

    # Assert
    items = list(ScheduleItem.objects.filter(production=board.production).order_by("starts_at"))
    assert [(i.kind, i.starts_at.isoformat()) for i in items] == [
        (ItemKind.SHOOTING_DAY, "2027-03-01T06:00:00+00:00"),
        (ItemKind.SHOOTING_DAY, "2027-03-02T06:00:00+00:00"),
    ]
    assert [list(Call.objects.filter(item=i).values_list("engagement", flat=True)) for i in items] == [
        [actor.pk],
        [actor.pk],
    ]
    assert items[0].title == "Draaidag 1 van 2 (Plan A)"  # in the production's first working language


def test_moving_a_day_break_updates_and_removing_one_deletes_shooting_days(cast_board):
    # Arrange
    board, manager, _scenes = cast_board
    actor = EngagementFactory(production=board.production)
    BreakdownElement.objects.filter(name="BRAM").update(engagement=actor)
    board = drive(board, manager)
    board = place(board, manager, {1: [StripKind.DAY_BREAK], 6: [StripKind.DAY_BREAK]})
    first_item = ShootingDay.objects.get(board=board, number=1).item
    version = first_item.version

    # Act: the first day break goes to the end (after the second), so day 1 holds every scene
    ids = list(board.strips.order_by("position").values_list("pk", flat=True))
    board = services.reorder_board(board, ids[:1] + ids[2:] + ids[1:2], expected_version=board.version, by=manager)

    # Assert
    first_item.refresh_from_db()
    assert ShootingDay.objects.filter(board=board).count() == 2  # day 2 is empty but still a day
    assert list(first_item.calls.values_list("engagement", flat=True)) == [actor.pk]
    assert first_item.version == version + 1

    # Act: take one end of day away
    last_break = board.strips.filter(kind=StripKind.DAY_BREAK).order_by("position").last()
    services.remove_strip(board, last_break, expected_version=board.version, by=manager)

    # Assert
    assert ScheduleItem.objects.filter(production=board.production).count() == 1


def test_travel_strip_is_a_travel_day_with_t_in_the_day_out_of_days(cast_board):
    # Arrange: day 1 [1], travel, day 3 [2 3 4 5 6]
    board, manager, _scenes = cast_board
    board = drive(board, manager)
    board = place(board, manager, {1: [StripKind.DAY_BREAK, StripKind.TRAVEL], 6: [StripKind.DAY_BREAK]})

    # Act
    days = shooting.board_days(board)
    rows = {row.name: row.codes for row in shooting.dood_rows(days)}

    # Assert
    assert [(d.number, d.travel, d.date) for d in days] == [
        (1, False, MONDAY),
        (2, True, datetime.date(2027, 3, 2)),
        (3, False, datetime.date(2027, 3, 3)),
    ]
    assert rows == {"ANNA": ("SW", "T", "WF"), "BRAM": ("", "T", "SWF")}
    kinds = list(ScheduleItem.objects.filter(production=board.production).values_list("kind", flat=True))
    assert kinds == [ItemKind.SHOOTING_DAY, ItemKind.TRAVEL, ItemKind.SHOOTING_DAY]


def test_only_one_board_drives_the_schedule(cast_board):
    # Arrange
    board, manager, _scenes = cast_board
    board = drive(board, manager)
    board = place(board, manager, {6: [StripKind.DAY_BREAK]})
    other = services.create_board(board.production, "Plan B", by=manager)
    services.add_strip(other, StripKind.DAY_BREAK, "", expected_version=other.version, by=manager)
    other.refresh_from_db()

    # Act
    drive(other, manager, start_date=datetime.date(2027, 4, 5))

    # Assert
    board.refresh_from_db()
    assert board.drives_schedule is False
    assert list(ShootingDay.objects.values_list("board__name", "date")) == [("Plan B", datetime.date(2027, 4, 5))]
    assert ScheduleItem.objects.count() == 1


def test_set_board_schedule_without_a_start_date_is_refused(cast_board):
    # Arrange
    board, manager, _scenes = cast_board

    # Act and assert
    with pytest.raises(Refused, match="Give the first shooting day"):
        drive(board, manager, start_date=None)
    board.refresh_from_db()
    assert board.drives_schedule is False


def test_board_dates_view_saves_and_lists_the_days(client, cast_board):
    # Arrange
    board, manager, _scenes = cast_board
    board = place(board, manager, {2: [StripKind.DAY_BREAK]})
    client.force_login(manager)
    url = reverse("scripts:board_dates", kwargs={"pk": board.production_id, "board_pk": board.pk})
    data = {
        "drives_schedule": "on",
        "start_date": "2027-03-05",
        "days_off": ["5", "6"],
        "dates_off": "2027-03-08",
        "call_time": "07:00",
        "wrap_time": "18:00",
    }

    # Act
    response = client.post(url, data)
    page = client.get(url)

    # Assert
    board.refresh_from_db()
    assert response.status_code == 302
    assert (board.start_date, board.dates_off) == (datetime.date(2027, 3, 5), ["2027-03-08"])
    assert "Fri 5 Mar 2027" in page.content.decode()
    assert ShootingDay.objects.get(board=board).date == datetime.date(2027, 3, 5)


def test_board_dates_view_bad_date_off_says_so(client, cast_board):
    # Arrange
    board, manager, _scenes = cast_board
    client.force_login(manager)
    url = reverse("scripts:board_dates", kwargs={"pk": board.production_id, "board_pk": board.pk})

    # Act
    response = client.post(
        url, {"start_date": "2027-03-05", "dates_off": "5 May", "call_time": "07:00", "wrap_time": "18:00"}
    )

    # Assert
    assert response.status_code == 400
    assert "5 May is not a date" in response.content.decode()
    board.refresh_from_db()
    assert board.start_date is None


def test_board_dates_page_queries_stay_flat_with_more_days(cast_board, client, assert_flat_queries):
    # Arrange: one day in the schedule, then three
    board, manager, _scenes = cast_board
    actor = EngagementFactory(production=board.production)
    BreakdownElement.objects.update(engagement=actor)
    board = drive(board, manager)
    board = place(board, manager, {6: [StripKind.DAY_BREAK]})
    client.force_login(manager)
    url = reverse("scripts:board_dates", kwargs={"pk": board.production_id, "board_pk": board.pk})

    def add_two():
        current = board
        for _ in range(2):
            current.refresh_from_db()
            services.add_strip(current, StripKind.DAY_BREAK, "", expected_version=current.version, by=manager)

    # Act and assert
    assert_flat_queries(url, add_two)
    assert ShootingDay.objects.filter(board=board).count() == 3
