"""Conflict detection on plain data, free of Django so it can be tested and benchmarked alone.

Two families of conflicts:

* double bookings: a person or a space held by two overlapping bookings, and a person called
  while unavailable. Found by a sort-and-sweep per resource: sort by start, keep the bookings
  still running in a heap ordered by end, and pair each new booking with what is still running.
  That is O(n log n + k) for n bookings and k conflicting pairs, never pairwise.
* working time, per person: the person's calls are grouped into working days, and each day, each
  gap between two days, each run of consecutive days and each week is held against a rule set
  (the limits of the joint committee, passed in as data: they are dated settings in the database).

Intervals are half-open [start, end): a call ending at 12:00 and one starting at 12:00 do not
overlap. All datetimes are aware. Durations are always computed after converting to UTC:
subtracting two datetimes that share one ZoneInfo subtracts wall-clock times, which is an hour
wrong across the spring and autumn DST changes.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

UTC = dt.UTC

# Item kinds (the values of the schedule's kind choices) that make a "peak" day or week. PC 304
# allows 12 h on general (dress) rehearsals, performances and festivals, 10 h on other days, and
# 84 h in weeks with general rehearsals, festivals or touring, 60 h in a normal week.
PEAK_DAY_KINDS = frozenset({"dress_rehearsal", "performance"})
PEAK_WEEK_KINDS = frozenset({"dress_rehearsal", "performance", "travel"})


class ConflictKind(StrEnum):
    PERSON_DOUBLE_BOOKED = "person_double_booked"
    SPACE_DOUBLE_BOOKED = "space_double_booked"
    PERSON_UNAVAILABLE = "person_unavailable"
    SHORT_REST = "short_rest"
    LONG_DAY = "long_day"
    LONG_WEEK = "long_week"
    TOO_MANY_CONSECUTIVE_DAYS = "too_many_consecutive_days"


class InvalidInterval(ValueError):
    """A booking or period that does not end after it starts, or has a naive datetime."""


def _check_interval(start: dt.datetime, end: dt.datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInterval("start and end must be timezone-aware")
    if end.astimezone(UTC) <= start.astimezone(UTC):
        raise InvalidInterval("end must be after start")


@dataclass(frozen=True)
class Booking:
    """One resource (a person or a space) held by one schedule item from start to end.

    `item` identifies the schedule item, `resource` the person or space (any hashable key, the
    engine only compares them), `kind` is the item's kind and `timezone` the production's, which
    decides the local date a call belongs to.
    """

    item: Hashable
    resource: Hashable
    start: dt.datetime
    end: dt.datetime
    kind: str = ""
    timezone: str = "UTC"
    # The instants in UTC, computed once: astimezone() is the engine's most frequent call.
    utc_start: dt.datetime = field(init=False, repr=False, compare=False)
    utc_end: dt.datetime = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_interval(self.start, self.end)
        object.__setattr__(self, "utc_start", self.start.astimezone(UTC))
        object.__setattr__(self, "utc_end", self.end.astimezone(UTC))


@dataclass(frozen=True)
class Period:
    """A time a person is not available (holiday, other engagement, illness)."""

    resource: Hashable
    start: dt.datetime
    end: dt.datetime
    reason: str = ""
    utc_start: dt.datetime = field(init=False, repr=False, compare=False)
    utc_end: dt.datetime = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_interval(self.start, self.end)
        object.__setattr__(self, "utc_start", self.start.astimezone(UTC))
        object.__setattr__(self, "utc_end", self.end.astimezone(UTC))


@dataclass(frozen=True)
class RuleSet:
    """Working-time limits of one joint committee, in hours; None means the rule does not apply."""

    code: str
    max_day_hours: Decimal | None = None
    max_day_hours_peak: Decimal | None = None
    min_rest_hours: Decimal | None = None
    max_consecutive_days: int | None = None
    max_week_hours: Decimal | None = None
    max_week_hours_peak: Decimal | None = None
    peak_day_kinds: frozenset[str] = PEAK_DAY_KINDS
    peak_week_kinds: frozenset[str] = PEAK_WEEK_KINDS

    def day_limit(self, kinds: Iterable[str]) -> Decimal | None:
        if self.max_day_hours_peak is not None and not self.peak_day_kinds.isdisjoint(kinds):
            return self.max_day_hours_peak
        return self.max_day_hours

    def week_limit(self, kinds: Iterable[str]) -> Decimal | None:
        if self.max_week_hours_peak is not None and not self.peak_week_kinds.isdisjoint(kinds):
            return self.max_week_hours_peak
        return self.max_week_hours


@dataclass(frozen=True)
class Conflict:
    """One conflict with its cause.

    `items` are the schedule items involved (sorted), `measured` and `limit` are hours (or days
    for consecutive days) for working-time conflicts, `day` the first local date concerned.
    """

    kind: ConflictKind
    resource: Hashable
    items: tuple[Hashable, ...]
    start: dt.datetime
    end: dt.datetime
    day: dt.date | None = None
    measured: Decimal | None = None
    limit: Decimal | None = None
    reason: str = ""

    @property
    def key(self) -> str:
        """A stable identity, to remember that a conflict was accepted across recomputations."""
        items = ",".join(str(i) for i in self.items)
        day = self.day.isoformat() if self.day else ""
        return f"{self.kind}:{self.resource}:{items}:{day}"


def hours(delta: dt.timedelta) -> Decimal:
    """A duration in hours, exact to the second."""
    return Decimal(int(delta.total_seconds())) / Decimal(3600)


def utc_duration(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Elapsed time between two aware datetimes, right across DST changes."""
    return end.astimezone(UTC) - start.astimezone(UTC)


# --- double bookings -------------------------------------------------------------------------


def _sort_key(b: Booking) -> tuple[dt.datetime, dt.datetime, str]:
    return (b.utc_start, b.utc_end, str(b.item))


def overlapping_pairs(bookings: Iterable[Booking]) -> Iterator[tuple[Booking, Booking]]:
    """Every pair of bookings of the same resource whose intervals overlap, by sort-and-sweep.

    Two bookings of the same item on the same
    resource are one booking twice, not a conflict.
    """
    by_resource: dict[Hashable, list[Booking]] = defaultdict(list)
    for booking in bookings:
        by_resource[booking.resource].append(booking)
    for group in by_resource.values():
        group.sort(key=_sort_key)
        active: list[tuple[dt.datetime, int, Booking]] = []  # heap of (end, tiebreak, booking)
        for n, booking in enumerate(group):
            start = booking.utc_start
            while active and active[0][0] <= start:
                heapq.heappop(active)
            end = booking.utc_end
            for _, _, running in active:
                if running.item != booking.item:
                    yield running, booking
            heapq.heappush(active, (end, n, booking))


def double_bookings(bookings: Iterable[Booking], kind: ConflictKind) -> list[Conflict]:
    """Conflicts of `kind` (person or space double booked) for every overlapping pair."""
    conflicts = []
    for a, b in overlapping_pairs(bookings):
        first, second = sorted((a, b), key=lambda x: str(x.item))
        conflicts.append(
            Conflict(
                kind=kind,
                resource=a.resource,
                items=(first.item, second.item),
                start=a.start if a.utc_start >= b.utc_start else b.start,
                end=a.end if a.utc_end <= b.utc_end else b.end,
                day=_local_date(b),
            )
        )
    return conflicts


def unavailable_calls(calls: Iterable[Booking], periods: Iterable[Period]) -> list[Conflict]:
    """Calls that overlap a period in which the person is unavailable, by one sweep per person.

    Both lists are sorted together by start; two heaps hold the calls and periods still running.
    """
    events: dict[Hashable, list[tuple[dt.datetime, int, Booking | Period]]] = defaultdict(list)
    for n, call in enumerate(calls):
        events[call.resource].append((call.utc_start, n, call))
    for n, period in enumerate(periods):
        events[period.resource].append((period.utc_start, -1 - n, period))
    conflicts = []
    for resource, group in events.items():
        group.sort(key=lambda e: (e[0], e[1]))
        running_calls: list[tuple[dt.datetime, int, Booking]] = []
        running_periods: list[tuple[dt.datetime, int, Period]] = []
        for start, n, entry in group:
            while running_calls and running_calls[0][0] <= start:
                heapq.heappop(running_calls)
            while running_periods and running_periods[0][0] <= start:
                heapq.heappop(running_periods)
            end = entry.utc_end
            if isinstance(entry, Booking):
                pairs = [(entry, p) for _, _, p in running_periods]
                heapq.heappush(running_calls, (end, n, entry))
            else:
                pairs = [(c, entry) for _, _, c in running_calls]
                heapq.heappush(running_periods, (end, n, entry))
            for call, period in pairs:
                conflicts.append(
                    Conflict(
                        kind=ConflictKind.PERSON_UNAVAILABLE,
                        resource=resource,
                        items=(call.item,),
                        start=call.start if call.utc_start >= period.utc_start else period.start,
                        end=call.end if call.utc_end <= period.utc_end else period.end,
                        day=_local_date(call),
                        reason=period.reason,
                    )
                )
    return conflicts


# --- working time ----------------------------------------------------------------------------


@dataclass
class WorkingDay:
    """The calls of one person that start on one local date (a call past midnight stays on its day).

    `worked` is the length of the union of the calls (breaks between calls are not work),
    `first_start` and `last_end` bound the day for the rest computation.
    """

    resource: Hashable
    date: dt.date
    calls: list[Booking] = field(default_factory=list)

    # Cached: a working day is built once, then read by every check.
    @cached_property
    def first_start(self) -> dt.datetime:
        return min(c.utc_start for c in self.calls)

    @cached_property
    def last_end(self) -> dt.datetime:
        return max(c.utc_end for c in self.calls)

    @cached_property
    def kinds(self) -> set[str]:
        return {c.kind for c in self.calls}

    @cached_property
    def items(self) -> tuple[Hashable, ...]:
        return tuple(sorted({c.item for c in self.calls}, key=str))

    @cached_property
    def worked(self) -> dt.timedelta:
        total = dt.timedelta(0)
        current_start: dt.datetime | None = None
        current_end: dt.datetime | None = None
        for call in sorted(self.calls, key=_sort_key):
            start, end = call.utc_start, call.utc_end
            if current_end is None or start > current_end:
                if current_start is not None and current_end is not None:
                    total += current_end - current_start
                current_start, current_end = start, end
            else:
                current_end = max(current_end, end)
        if current_start is not None and current_end is not None:
            total += current_end - current_start
        return total


def _local_date(booking: Booking) -> dt.date:
    return booking.utc_start.astimezone(_zone(booking.timezone)).date()


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def working_days(calls: Iterable[Booking]) -> dict[Hashable, list[WorkingDay]]:
    """Each person's working days, in date order."""
    days: dict[Hashable, dict[dt.date, WorkingDay]] = defaultdict(dict)
    for call in calls:
        date = _local_date(call)
        person_days = days[call.resource]
        if date not in person_days:
            person_days[date] = WorkingDay(call.resource, date)
        person_days[date].calls.append(call)
    return {person: [d[k] for k in sorted(d)] for person, d in days.items()}


def _day_conflicts(days: Sequence[WorkingDay], rules: RuleSet) -> Iterator[Conflict]:
    for day in days:
        limit = rules.day_limit(day.kinds)
        worked = hours(day.worked)
        if limit is not None and worked > limit:
            yield Conflict(
                ConflictKind.LONG_DAY, day.resource, day.items, day.first_start, day.last_end, day.date, worked, limit
            )


def _rest_conflicts(days: Sequence[WorkingDay], rules: RuleSet) -> Iterator[Conflict]:
    if rules.min_rest_hours is None:
        return
    for before, after in itertools.pairwise(days):
        rest = hours(after.first_start - before.last_end)
        if rest < rules.min_rest_hours:
            yield Conflict(
                ConflictKind.SHORT_REST,
                before.resource,
                tuple(sorted({*before.items, *after.items}, key=str)),
                before.last_end,
                after.first_start,
                after.date,
                rest,
                rules.min_rest_hours,
            )


def _consecutive_conflicts(days: Sequence[WorkingDay], rules: RuleSet) -> Iterator[Conflict]:
    if rules.max_consecutive_days is None:
        return
    runs: list[list[WorkingDay]] = []
    for day in days:
        if runs and runs[-1][-1].date + dt.timedelta(days=1) == day.date:
            runs[-1].append(day)
        else:
            runs.append([day])
    for run in runs:
        if len(run) > rules.max_consecutive_days:
            items = tuple(sorted({i for d in run for i in d.items}, key=str))
            yield Conflict(
                ConflictKind.TOO_MANY_CONSECUTIVE_DAYS,
                run[0].resource,
                items,
                run[0].first_start,
                run[-1].last_end,
                run[0].date,
                Decimal(len(run)),
                Decimal(rules.max_consecutive_days),
            )


def _week_conflicts(days: Sequence[WorkingDay], rules: RuleSet) -> Iterator[Conflict]:
    weeks: dict[tuple[int, int], list[WorkingDay]] = defaultdict(list)
    for day in days:
        iso = day.date.isocalendar()
        weeks[(iso.year, iso.week)].append(day)
    for week_days in weeks.values():
        kinds = {k for d in week_days for k in d.kinds}
        limit = rules.week_limit(kinds)
        worked = sum((hours(d.worked) for d in week_days), Decimal(0))
        if limit is not None and worked > limit:
            first = week_days[0]
            monday = first.date - dt.timedelta(days=first.date.weekday())
            items = tuple(sorted({i for d in week_days for i in d.items}, key=str))
            yield Conflict(
                ConflictKind.LONG_WEEK,
                first.resource,
                items,
                first.first_start,
                week_days[-1].last_end,
                monday,
                worked,
                limit,
            )


def working_time_conflicts(
    calls: Iterable[Booking], rules_for: Mapping[Hashable, RuleSet], default: RuleSet | None = None
) -> list[Conflict]:
    """Long days, short rests, long runs of days and long weeks, per person.

    `rules_for` maps a person to the rule set of their engagement; people not in it get `default`,
    and nobody is checked when neither applies.
    """
    conflicts: list[Conflict] = []
    for person, days in working_days(calls).items():
        rules = rules_for.get(person, default)
        if rules is None:
            continue
        for check in (_day_conflicts, _rest_conflicts, _consecutive_conflicts, _week_conflicts):
            conflicts.extend(check(days, rules))
    return conflicts


def detect(
    calls: Iterable[Booking],
    space_bookings: Iterable[Booking] = (),
    unavailable: Iterable[Period] = (),
    rules_for: Mapping[Hashable, RuleSet] | None = None,
    default_rules: RuleSet | None = None,
) -> list[Conflict]:
    """All conflicts of a schedule, sorted by start then kind."""
    calls = list(calls)
    conflicts = [
        *double_bookings(calls, ConflictKind.PERSON_DOUBLE_BOOKED),
        *double_bookings(space_bookings, ConflictKind.SPACE_DOUBLE_BOOKED),
        *unavailable_calls(calls, unavailable),
        *working_time_conflicts(calls, rules_for or {}, default_rules),
    ]
    conflicts.sort(key=lambda c: (c.start.astimezone(UTC), c.kind, c.key))  # one call per conflict, not per booking
    return conflicts
