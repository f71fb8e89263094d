"""Stripboards: making boards, reordering strips with and without JavaScript, day out of days."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.concurrency import EditConflict
from regie.scripts import services
from regie.scripts.models import Board, Scene, Strip, StripKind
from tests.factories import ProductionFactory, member_of
from tests.scripts.test_services import FIRST

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    services.import_script(production, FIRST, "tram.fountain", by=manager)
    return services.create_board(production, "Plan A", by=manager), manager


def order_of(board):
    return [str(strip) for strip in Strip.objects.filter(board=board).select_related("scene")]


def test_create_board_holds_scenes_in_script_order(board):
    # Arrange
    board, _ = board

    # Act
    strips = order_of(board)

    # Assert
    assert strips == ["1. INT. TRAM DEPOT - NIGHT", "2. EXT. GRAND-PLACE - DAY", "3. INT. KITCHEN - DAY"]


def test_strip_colour_from_int_ext_and_time():
    # Arrange
    strips = [
        Strip(kind=StripKind.SCENE, scene=Scene(int_ext="INT", time_of_day="NIGHT")),
        Strip(kind=StripKind.SCENE, scene=Scene(int_ext="EXT", time_of_day="DAY")),
        Strip(kind=StripKind.DAY_BREAK),
    ]

    # Act
    colours = [strip.colour for strip in strips]

    # Assert
    assert colours == ["strip-int-night", "strip-ext-day", "strip-day-break"]


def test_reorder_board_puts_strips_in_order_and_bumps_version(board):
    # Arrange
    board, manager = board
    ids = list(board.strips.values_list("pk", flat=True))

    # Act
    result = services.reorder_board(board, ids[::-1], expected_version=board.version, by=manager)

    # Assert
    assert order_of(board) == ["3. INT. KITCHEN - DAY", "2. EXT. GRAND-PLACE - DAY", "1. INT. TRAM DEPOT - NIGHT"]
    assert result.version == 2


def test_reorder_board_with_stale_version_conflicts_and_changes_nothing(board):
    # Arrange
    board, manager = board
    ids = list(board.strips.values_list("pk", flat=True))
    services.reorder_board(board, ids, expected_version=1, by=manager)
    before = order_of(board)

    # Act / Assert
    with pytest.raises(EditConflict):
        services.reorder_board(board, ids[::-1], expected_version=1, by=manager)
    assert order_of(board) == before


def test_reorder_board_with_missing_strip_is_refused(board):
    # Arrange
    board, manager = board
    ids = list(board.strips.values_list("pk", flat=True))

    # Act / Assert
    with pytest.raises(services.ScriptRefused):
        services.reorder_board(board, ids[:2], expected_version=1, by=manager)
    assert Board.objects.get(pk=board.pk).version == 1


def test_reimport_appends_new_scenes_to_boards(board):
    # Arrange
    board, manager = board
    from tests.scripts.test_services import REVISED

    # Act
    services.import_script(board.production, REVISED, "v2.fountain", by=manager)

    # Assert
    assert order_of(board)[-1] == "2. INT. HALLWAY - NIGHT"


def test_board_order_view_json_answers_new_version(client, board):
    # Arrange
    board, manager = board
    ids = list(board.strips.values_list("pk", flat=True))
    client.force_login(manager)
    url = reverse("scripts:board_order", kwargs={"pk": board.production_id, "board_pk": board.pk})

    # Act
    response = client.post(
        url, {"order": ",".join(map(str, ids[::-1])), "version": "1"}, HTTP_ACCEPT="application/json"
    )

    # Assert
    assert (response.status_code, response.json()) == (200, {"version": 2})


def test_board_order_view_stale_version_answers_409_with_message(client, board):
    # Arrange
    board, manager = board
    ids = list(board.strips.values_list("pk", flat=True))
    client.force_login(manager)
    url = reverse("scripts:board_order", kwargs={"pk": board.production_id, "board_pk": board.pk})

    # Act
    response = client.post(url, {"order": ",".join(map(str, ids)), "version": "7"}, HTTP_ACCEPT="application/json")

    # Assert
    assert response.status_code == 409
    assert response.json()["error"].startswith("Someone else changed this stripboard")


def test_strip_move_without_javascript_moves_down(client, board):
    # Arrange
    board, manager = board
    first = board.strips.first()
    client.force_login(manager)
    url = reverse("scripts:strip_move", kwargs={"pk": board.production_id, "board_pk": board.pk, "strip_pk": first.pk})

    # Act
    client.post(url, {"direction": "down", "version": "1"})

    # Assert
    assert order_of(board)[:2] == ["2. EXT. GRAND-PLACE - DAY", "1. INT. TRAM DEPOT - NIGHT"]


def test_strip_move_by_department_head_is_refused(client, board):
    # Arrange
    board, _ = board
    first = board.strips.first()
    client.force_login(member_of(board.production, Role.DEPARTMENT_HEAD))
    url = reverse("scripts:strip_move", kwargs={"pk": board.production_id, "board_pk": board.pk, "strip_pk": first.pk})

    # Act
    response = client.post(url, {"direction": "down", "version": "1"})

    # Assert
    assert response.status_code == 403


def test_dood_view_from_day_breaks(client, board):
    # Arrange
    board, manager = board
    services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=1, by=manager)
    ids = list(board.strips.values_list("pk", flat=True))  # depot, place, kitchen, break
    order = [ids[0], ids[3], ids[2], ids[1]]  # day 1: depot; day 2: kitchen, place ... unscheduled
    services.reorder_board(board, order, expected_version=2, by=manager)
    services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=3, by=manager)
    client.force_login(member_of(board.production, Role.CREW))

    # Act
    response = client.get(reverse("scripts:dood", kwargs={"pk": board.production_id, "board_pk": board.pk}))

    # Assert
    rows = [(row.name, row.codes) for row in response.context["rows"]]
    assert rows == [("NOELLE", ("SWF", "")), ("FRANCOIS", ("", "SWF"))]


def test_board_page_queries_flat_in_number_of_strips(client, board, assert_flat_queries):
    board, manager = board
    client.force_login(manager)

    def add_two() -> None:
        services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=1, by=manager)
        services.add_strip(board, StripKind.BANNER, "Move to Gent", expected_version=2, by=manager)

    assert_flat_queries(reverse("scripts:board", kwargs={"pk": board.production_id, "board_pk": board.pk}), add_two)


def test_dood_xlsx_has_a_row_per_cast_member_and_a_column_per_day(client, board):
    # Arrange
    import io

    import openpyxl

    board, manager = board
    ids = list(board.strips.values_list("pk", flat=True))
    services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=1, by=manager)
    services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=2, by=manager)
    breaks = list(board.strips.filter(kind=StripKind.DAY_BREAK).values_list("pk", flat=True))
    order = [ids[0], breaks[0], ids[1], ids[2], breaks[1]]
    services.reorder_board(board, order, expected_version=3, by=manager)
    client.force_login(member_of(board.production, Role.PRODUCTION_ASSISTANT))

    # Act
    response = client.get(reverse("scripts:dood_xlsx", kwargs={"pk": board.production_id, "board_pk": board.pk}))

    # Assert
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values == [
        ["Cast", "1", "2", "Work", "Hold", "Travel", "Total"],
        ["NOELLE", "SWF", "", 1, 0, 0, 1],
        ["FRANCOIS", "", "SWF", 1, 0, 0, 1],
    ]
