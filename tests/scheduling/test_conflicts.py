"""The conflict engine on plain data: double bookings by sweep, unavailability, working-time rules, DST."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.scheduling.conflicts import (
    Booking,
    ConflictKind,
    InvalidInterval,
    Period,
    RuleSet,
    detect,
    double_bookings,
    hours,
    overlapping_pairs,
    unavailable_calls,
    utc_duration,
    working_days,
    working_time_conflicts,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
TZ = "Europe/Brussels"
PC304 = RuleSet(
    code="pc304_artistic_technical",
    max_day_hours=Decimal(10),
    max_day_hours_peak=Decimal(12),
    min_rest_hours=Decimal(8),
    max_consecutive_days=10,
    max_week_hours=Decimal(60),
    max_week_hours_peak=Decimal(84),
)
FILM = RuleSet(code="psc30301_film", max_day_hours=Decimal(11), min_rest_hours=Decimal(11), max_week_hours=Decimal(53))


def at(day: int, hour: int, minute: int = 0, month: int = 6) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BRUSSELS)


def call(item: object, person: object, start: dt.datetime, end: dt.datetime, kind: str = "rehearsal") -> Booking:
    return Booking(item=item, resource=person, start=start, end=end, kind=kind, timezone=TZ)


def test_booking_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInterval, match="end must be after start"):
        call(1, "ann", at(1, 12), at(1, 10))


def test_booking_without_duration_is_refused() -> None:
    with pytest.raises(InvalidInterval, match="end must be after start"):
        call(1, "ann", at(1, 12), at(1, 12))


def test_booking_ending_in_the_repeated_autumn_hour_before_it_starts_is_refused() -> None:
    # 02:40 CEST (fold=0) to 02:10 CET (fold=1) is 30 minutes; 02:40 CET to 02:10 CEST is negative.
    start = dt.datetime(2026, 10, 25, 2, 40, fold=1, tzinfo=BRUSSELS)
    with pytest.raises(InvalidInterval):
        call(1, "ann", start, dt.datetime(2026, 10, 25, 2, 10, fold=0, tzinfo=BRUSSELS))


def test_booking_with_naive_datetime_is_refused() -> None:
    with pytest.raises(InvalidInterval, match="timezone-aware"):
        Booking(item=1, resource="ann", start=dt.datetime(2026, 6, 1, 10), end=dt.datetime(2026, 6, 1, 12))


def test_person_double_booked_across_productions_is_one_conflict() -> None:
    calls = [call("a", "ann", at(1, 10), at(1, 13)), call("b", "ann", at(1, 12), at(1, 15))]

    conflicts = double_bookings(calls, ConflictKind.PERSON_DOUBLE_BOOKED)

    assert [(c.kind, c.resource, c.items, c.start, c.end) for c in conflicts] == [
        (ConflictKind.PERSON_DOUBLE_BOOKED, "ann", ("a", "b"), at(1, 12), at(1, 13))
    ]


def test_touching_bookings_do_not_conflict() -> None:
    bookings = [call("a", "stage", at(1, 10), at(1, 12)), call("b", "stage", at(1, 12), at(1, 14))]

    assert list(overlapping_pairs(bookings)) == []


def test_same_item_twice_on_one_resource_is_not_a_conflict() -> None:
    bookings = [call("a", "ann", at(1, 10), at(1, 12)), call("a", "ann", at(1, 10), at(1, 12))]

    assert list(overlapping_pairs(bookings)) == []


def test_different_resources_do_not_conflict() -> None:
    bookings = [call("a", "ann", at(1, 10), at(1, 12)), call("b", "bob", at(1, 10), at(1, 12))]

    assert list(overlapping_pairs(bookings)) == []


def test_long_booking_conflicts_with_every_booking_inside_it() -> None:
    bookings = [call("long", "hall", at(1, 8), at(1, 20))] + [
        call(f"s{h}", "hall", at(1, h), at(1, h + 1)) for h in (9, 11, 13)
    ]

    pairs = {frozenset((a.item, b.item)) for a, b in overlapping_pairs(bookings)}

    assert pairs == {frozenset(("long", "s9")), frozenset(("long", "s11")), frozenset(("long", "s13"))}


def _brute_force(bookings: list[Booking]) -> set[frozenset[object]]:
    found = set()
    for a, b in itertools.combinations(bookings, 2):
        # Aware datetimes sharing one ZoneInfo compare by wall clock: compare in UTC.
        a_start, a_end, b_start, b_end = (d.astimezone(dt.UTC) for d in (a.start, a.end, b.start, b.end))
        if a.resource == b.resource and a.item != b.item and a_start < b_end and b_start < a_end:
            found.add(frozenset((a.item, b.item, a.resource)))
    return found


interval = st.tuples(
    st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=20), st.sampled_from("xyz")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(interval, max_size=40))
def test_sweep_finds_exactly_the_pairs_brute_force_finds(raw: list[tuple[int, int, str]]) -> None:
    # Half-hour steps from midnight UTC over the spring DST change, shown in Brussels time.
    base = dt.datetime(2026, 3, 28, 23, tzinfo=dt.UTC)

    def local(steps: int) -> dt.datetime:
        return (base + dt.timedelta(minutes=30 * steps)).astimezone(BRUSSELS)

    bookings = [call(n, resource, local(s), local(s + length)) for n, (s, length, resource) in enumerate(raw)]

    swept = [frozenset((a.item, b.item, a.resource)) for a, b in overlapping_pairs(bookings)]

    assert len(swept) == len(set(swept))
    assert set(swept) == _brute_force(bookings)


@settings(max_examples=200, deadline=None)
@given(st.lists(interval, max_size=25), st.lists(interval, max_size=10))
def test_unavailable_sweep_matches_brute_force(
    raw_calls: list[tuple[int, int, str]], raw_periods: list[tuple[int, int, str]]
) -> None:
    # Quarter-hour steps over the autumn DST change, so the repeated hour is in play.
    base = dt.datetime(2026, 10, 24, 23, tzinfo=dt.UTC)

    def local(steps: int) -> dt.datetime:
        return (base + dt.timedelta(minutes=15 * steps)).astimezone(BRUSSELS)

    calls = [call(n, r, local(s), local(s + length)) for n, (s, length, r) in enumerate(raw_calls)]
    periods = [Period(r, local(s), local(s + length), reason=f"p{n}") for n, (s, length, r) in enumerate(raw_periods)]
    expected = sorted(
        (n, f"p{m}")
        for n, (cs, cl, cr) in enumerate(raw_calls)
        for m, (ps, pl, pr) in enumerate(raw_periods)
        if cr == pr and cs < ps + pl and ps < cs + cl
    )

    found = sorted((c.items[0], c.reason) for c in unavailable_calls(calls, periods))

    assert found == expected


def test_call_during_unavailability_names_the_reason() -> None:
    calls = [call("fitting", "ann", at(3, 14), at(3, 16))]
    periods = [Period("ann", at(3, 0), at(4, 0), reason="holiday")]

    conflicts = unavailable_calls(calls, periods)

    assert [(c.kind, c.items, c.reason, c.start, c.end) for c in conflicts] == [
        (ConflictKind.PERSON_UNAVAILABLE, ("fitting",), "holiday", at(3, 14), at(3, 16))
    ]


def test_working_day_counts_calls_without_the_breaks_between_them() -> None:
    calls = [
        call("a", "ann", at(1, 9), at(1, 13)),
        call("b", "ann", at(1, 12), at(1, 14)),
        call("c", "ann", at(1, 15), at(1, 18)),
    ]

    (day,) = working_days(calls)["ann"]

    assert (day.date, hours(day.worked)) == (dt.date(2026, 6, 1), Decimal(8))


def test_performance_running_past_midnight_stays_on_its_day() -> None:
    calls = [call("show", "ann", at(1, 19), at(2, 1), kind="performance")]

    (day,) = working_days(calls)["ann"]

    assert day.date == dt.date(2026, 6, 1)


def test_rehearsal_day_over_ten_hours_breaks_pc304() -> None:
    calls = [call("reh", "ann", at(1, 8), at(1, 19))]

    conflicts = working_time_conflicts(calls, {"ann": PC304})

    assert [(c.kind, c.measured, c.limit, c.day) for c in conflicts] == [
        (ConflictKind.LONG_DAY, Decimal(11), Decimal(10), dt.date(2026, 6, 1))
    ]


def test_performance_day_of_eleven_hours_is_within_pc304() -> None:
    calls = [call("reh", "ann", at(1, 8), at(1, 17)), call("show", "ann", at(1, 18), at(1, 20), kind="performance")]

    assert working_time_conflicts(calls, {"ann": PC304}) == []


def test_rest_shorter_than_rule_between_two_days() -> None:
    calls = [call("show", "ann", at(1, 19), at(1, 23, 30), "performance"), call("load", "ann", at(2, 7), at(2, 12))]

    pc304 = working_time_conflicts(calls, {"ann": PC304})
    film = working_time_conflicts(calls, {"ann": FILM})

    assert [(c.kind, c.measured, c.limit) for c in pc304] == [(ConflictKind.SHORT_REST, Decimal("7.5"), Decimal(8))]
    assert [(c.kind, c.measured, c.limit, c.items) for c in film] == [
        (ConflictKind.SHORT_REST, Decimal("7.5"), Decimal(11), ("load", "show"))
    ]


def test_eleven_consecutive_days_break_pc304_once() -> None:
    calls = [call(f"d{d}", "ann", at(d, 10), at(d, 14)) for d in range(1, 12)]

    conflicts = working_time_conflicts(calls, {"ann": PC304})

    assert [(c.kind, c.measured, c.limit, c.day) for c in conflicts] == [
        (ConflictKind.TOO_MANY_CONSECUTIVE_DAYS, Decimal(11), Decimal(10), dt.date(2026, 6, 1))
    ]


def test_ten_days_a_day_off_and_more_days_are_within_pc304() -> None:
    days = [*range(1, 11), *range(12, 15)]
    calls = [call(f"d{d}", "ann", at(d, 10), at(d, 14)) for d in days]

    assert working_time_conflicts(calls, {"ann": PC304}) == []


def test_long_week_uses_peak_limit_only_in_performance_weeks() -> None:
    # Monday 1 June 2026 to Saturday 6 June: six days of 10.5 h = 63 h.
    rehearsal_week = [call(f"d{d}", "ann", at(d, 8), at(d, 18, 30)) for d in range(1, 7)]
    show_week = [*rehearsal_week[:-1], call("show", "ann", at(6, 8), at(6, 18, 30), kind="performance")]
    no_daily = RuleSet(code="t", max_week_hours=Decimal(60), max_week_hours_peak=Decimal(84))

    normal = working_time_conflicts(rehearsal_week, {"ann": no_daily})
    peak = working_time_conflicts(show_week, {"ann": no_daily})

    assert [(c.kind, c.measured, c.limit, c.day) for c in normal] == [
        (ConflictKind.LONG_WEEK, Decimal(63), Decimal(60), dt.date(2026, 6, 1))
    ]
    assert peak == []


def test_people_without_rule_set_are_not_checked() -> None:
    calls = [call("reh", "ann", at(1, 6), at(1, 23))]

    assert working_time_conflicts(calls, {}) == []
    assert [c.kind for c in working_time_conflicts(calls, {}, default=FILM)] == [ConflictKind.LONG_DAY]


# DST in Europe/Brussels: 29 March 2026 02:00 -> 03:00 (23-hour day), 25 October 2026 03:00 -> 02:00 (25 h).


def test_duration_across_spring_dst_change_is_computed_in_utc() -> None:
    start = dt.datetime(2026, 3, 29, 0, 0, tzinfo=BRUSSELS)
    end = dt.datetime(2026, 3, 29, 6, 0, tzinfo=BRUSSELS)

    assert (end - start, utc_duration(start, end)) == (dt.timedelta(hours=6), dt.timedelta(hours=5))


def test_duration_across_autumn_dst_change_is_computed_in_utc() -> None:
    start = dt.datetime(2026, 10, 25, 0, 0, tzinfo=BRUSSELS)
    end = dt.datetime(2026, 10, 25, 6, 0, tzinfo=BRUSSELS)

    assert utc_duration(start, end) == dt.timedelta(hours=7)


def test_night_shoot_over_spring_change_is_one_hour_shorter() -> None:
    # 20:00 Saturday to 07:30 Sunday on the wall clock is 10.5 h of work, not 11.5 h: within 11 h.
    calls = [
        call(
            "night",
            "ann",
            dt.datetime(2026, 3, 28, 20, tzinfo=BRUSSELS),
            dt.datetime(2026, 3, 29, 7, 30, tzinfo=BRUSSELS),
        )
    ]

    (day,) = working_days(calls)["ann"]

    assert hours(day.worked) == Decimal("10.5")
    assert working_time_conflicts(calls, {"ann": FILM}) == []


def test_night_shoot_over_autumn_change_is_one_hour_longer() -> None:
    # 20:00 Saturday to 06:30 Sunday on the wall clock is 11.5 h of work: over the film's 11 h.
    calls = [
        call(
            "night",
            "ann",
            dt.datetime(2026, 10, 24, 20, tzinfo=BRUSSELS),
            dt.datetime(2026, 10, 25, 6, 30, tzinfo=BRUSSELS),
        )
    ]

    conflicts = working_time_conflicts(calls, {"ann": FILM})

    assert [(c.kind, c.measured, c.limit) for c in conflicts] == [(ConflictKind.LONG_DAY, Decimal("11.5"), Decimal(11))]


def test_rest_across_autumn_change_counts_the_extra_hour() -> None:
    # Wrap 23:00 Saturday, call 09:00 Sunday: 10 h on the wall clock, 11 h elapsed: enough for film.
    calls = [
        call(
            "sat", "ann", dt.datetime(2026, 10, 24, 14, tzinfo=BRUSSELS), dt.datetime(2026, 10, 24, 23, tzinfo=BRUSSELS)
        ),
        call(
            "sun", "ann", dt.datetime(2026, 10, 25, 9, tzinfo=BRUSSELS), dt.datetime(2026, 10, 25, 12, tzinfo=BRUSSELS)
        ),
    ]

    assert working_time_conflicts(calls, {"ann": FILM}) == []


def test_rest_across_spring_change_loses_an_hour() -> None:
    # Wrap 21:00 Saturday, call 09:00 Sunday: 12 h on the wall clock, 11 h elapsed: still enough; 22:00 is not.
    ok = [
        call(
            "sat", "ann", dt.datetime(2026, 3, 28, 14, tzinfo=BRUSSELS), dt.datetime(2026, 3, 28, 21, tzinfo=BRUSSELS)
        ),
        call("sun", "ann", dt.datetime(2026, 3, 29, 9, tzinfo=BRUSSELS), dt.datetime(2026, 3, 29, 12, tzinfo=BRUSSELS)),
    ]
    short = [call("sat", "ann", ok[0].start, dt.datetime(2026, 3, 28, 22, tzinfo=BRUSSELS)), ok[1]]

    assert working_time_conflicts(ok, {"ann": FILM}) == []
    assert [(c.kind, c.measured) for c in working_time_conflicts(short, {"ann": FILM})] == [
        (ConflictKind.SHORT_REST, Decimal(10))
    ]


def test_double_booking_across_autumn_change_uses_real_instants() -> None:
    # 02:30 happens twice on 25 October; the first (CEST, fold=0) and the second (CET, fold=1) do not overlap.
    first = call(
        "a", "ann", dt.datetime(2026, 10, 25, 2, 0, tzinfo=BRUSSELS), dt.datetime(2026, 10, 25, 2, 45, tzinfo=BRUSSELS)
    )
    second = call(
        "b",
        "ann",
        dt.datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=BRUSSELS),
        dt.datetime(2026, 10, 25, 2, 50, fold=1, tzinfo=BRUSSELS),
    )

    assert list(overlapping_pairs([first, second])) == []


def test_detect_sorts_all_conflicts_by_start() -> None:
    calls = [
        call("a", "ann", at(1, 10), at(1, 13)),
        call("b", "ann", at(1, 12), at(1, 23)),
    ]
    spaces = [call("a", "stage", at(1, 10), at(1, 13)), call("c", "stage", at(1, 9), at(1, 11))]

    conflicts = detect(calls, spaces, [Period("ann", at(1, 20), at(2, 0))], {"ann": PC304})

    assert [(c.kind, c.items) for c in conflicts] == [
        (ConflictKind.LONG_DAY, ("a", "b")),
        (ConflictKind.SPACE_DOUBLE_BOOKED, ("a", "c")),
        (ConflictKind.PERSON_DOUBLE_BOOKED, ("a", "b")),
        (ConflictKind.PERSON_UNAVAILABLE, ("b",)),
    ]
