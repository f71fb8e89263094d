from __future__ import annotations

import datetime as dt

import pytest

from regie.scheduling.timing import NonexistentLocalTime, lay_day, to_local, to_utc

UTC = dt.UTC
BRUSSELS = "Europe/Brussels"
SPRING = dt.date(2027, 3, 28)  # last Sunday of March 2027: 02:00 -> 03:00
AUTUMN = dt.date(2027, 10, 31)  # last Sunday of October 2027: 03:00 -> 02:00


def test_to_utc_summer_and_winter_offsets():
    assert to_utc(dt.datetime(2027, 3, 27, 20, 0), BRUSSELS) == dt.datetime(2027, 3, 27, 19, 0, tzinfo=UTC)
    assert to_utc(dt.datetime(2027, 3, 28, 20, 0), BRUSSELS) == dt.datetime(2027, 3, 28, 18, 0, tzinfo=UTC)


def test_to_utc_refuses_a_time_in_the_spring_gap():
    with pytest.raises(NonexistentLocalTime):
        to_utc(dt.datetime(2027, 3, 28, 2, 30), BRUSSELS)


def test_to_utc_shifts_a_gap_time_forward_when_asked():
    assert to_utc(dt.datetime(2027, 3, 28, 2, 30), BRUSSELS, shift_gap=True) == dt.datetime(
        2027, 3, 28, 1, 30, tzinfo=UTC
    )
    assert to_local(dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC), BRUSSELS) == dt.datetime(2027, 3, 28, 3, 30)


def test_to_utc_takes_the_first_of_two_autumn_times():
    assert to_utc(dt.datetime(2027, 10, 31, 2, 30), BRUSSELS) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_lay_day_keeps_local_times_across_the_spring_change():
    entries = [(dt.time(20, 0), dt.timedelta(hours=2))]

    before = lay_day(entries, SPRING - dt.timedelta(days=1), BRUSSELS)
    on = lay_day(entries, SPRING, BRUSSELS)

    assert [(s.start, s.end) for s in before] == [
        (dt.datetime(2027, 3, 27, 19, 0, tzinfo=UTC), dt.datetime(2027, 3, 27, 21, 0, tzinfo=UTC))
    ]
    assert [(s.start, s.end) for s in on] == [
        (dt.datetime(2027, 3, 28, 18, 0, tzinfo=UTC), dt.datetime(2027, 3, 28, 20, 0, tzinfo=UTC))
    ]


def test_lay_day_counts_elapsed_time_through_the_autumn_night():
    entries = [(dt.time(1, 0), dt.timedelta(hours=3)), (dt.time(20, 0), dt.timedelta(hours=2))]

    slots = lay_day(entries, AUTUMN, BRUSSELS)

    # 01:00 is still summer time (UTC+2); three hours later it is 03:00 winter time.
    assert slots[0].start == dt.datetime(2027, 10, 30, 23, 0, tzinfo=UTC)
    assert slots[0].end - slots[0].start == dt.timedelta(hours=3)
    assert to_local(slots[0].end, BRUSSELS) == dt.datetime(2027, 10, 31, 3, 0)
    assert slots[1].start == dt.datetime(2027, 10, 31, 19, 0, tzinfo=UTC)
