"""Day out of days from the days of a board (pure function)."""

from __future__ import annotations

from regie.scripts.dood import day_out_of_days


def test_day_out_of_days_codes_start_work_hold_finish():
    # Arrange
    days = [{"ANN", "BOB"}, {"ANN"}, {"CLEO"}, {"ANN", "CLEO"}]

    # Act
    rows = day_out_of_days(days)

    # Assert
    assert [(r.name, r.codes, r.start, r.finish, r.work, r.hold, r.total) for r in rows] == [
        ("ANN", ("SW", "W", "H", "WF"), 1, 4, 3, 1, 4),
        ("BOB", ("SWF", "", "", ""), 1, 1, 1, 0, 1),
        ("CLEO", ("", "", "SW", "WF"), 3, 4, 2, 0, 2),
    ]


def test_day_out_of_days_keeps_given_order():
    # Arrange
    days = [{"ANN"}, {"BOB"}]

    # Act
    rows = day_out_of_days(days, order=["BOB", "ANN"])

    # Assert
    assert [r.name for r in rows] == ["BOB", "ANN"]


def test_day_out_of_days_without_days_is_empty():
    assert day_out_of_days([]) == []
