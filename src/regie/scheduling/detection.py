"""The schedule's conflicts, read from the database and described for people.

`load_schedule` reads, in a fixed handful of queries whatever the size, every item of the
organisation's productions in a window (a person or a space is shared by all of them), expands
department calls to the people engaged in that department, and turns unavailable dates into
periods in the production's time zone. The pure engine (`conflicts.detect`) then sweeps them.

People are identified by their address-book contact, so one person engaged on two productions of
the organisation is one resource. Cancelled items and days off book nobody. Each person is held to
the rule set of their engagement (or its production), as in force on the window's first day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from regie.people.models import Contact, Engagement, EngagementStatus
from regie.people.queries import unavailable_periods_for
from regie.productions.models import Production
from regie.scheduling.conflicts import Booking, Conflict, ConflictKind, Period, RuleSet, detect
from regie.scheduling.models import (
    NON_WORKING_KINDS,
    Call,
    ConflictAcceptance,
    ItemStatus,
    RuleSetCode,
    ScheduleItem,
    Space,
)
from regie.scheduling.queries import rule_sets_on
from regie.scheduling.timing import to_local, zone

DASH = "\u2013"  # an en dash between two times
# Rest, consecutive days and weeks look at neighbouring days: a window is widened by this much.
MARGIN = dt.timedelta(days=14)


@dataclass
class Schedule:
    """The plain data the engine needs, with what describing its conflicts needs."""

    calls: list[Booking] = field(default_factory=list)
    spaces: list[Booking] = field(default_factory=list)
    unavailable: list[Period] = field(default_factory=list)
    rules_for: dict[Hashable, RuleSet] = field(default_factory=dict)
    items: dict[int, dict[str, Any]] = field(default_factory=dict)
    rule_sets: dict[str, RuleSet] = field(default_factory=dict)
    code_for: dict[Hashable, str] = field(default_factory=dict)


def _window_items(organisation_id: int, start: dt.datetime | None, end: dt.datetime | None) -> QuerySet[ScheduleItem]:
    items = (
        ScheduleItem.objects.filter(production__organisation_id=organisation_id)
        .exclude(status=ItemStatus.CANCELLED)
        .exclude(kind__in=NON_WORKING_KINDS)
    )
    if start is not None:
        items = items.filter(ends_at__gt=start)
    if end is not None:
        items = items.filter(starts_at__lt=end)
    return items


def load_schedule(organisation_id: int, start: dt.datetime | None = None, end: dt.datetime | None = None) -> Schedule:
    """Bookings, periods and rules of everything the organisation plans that overlaps [start, end)."""
    schedule = Schedule()
    window = _window_items(organisation_id, start, end)
    fields = (
        "pk",
        "production_id",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "production__timezone",
        "production__title",
    )
    items: dict[int, dict[str, Any]] = {row["pk"]: row for row in window.values(*fields)}  # type: ignore[misc]
    schedule.items = items
    if not items:
        return schedule
    # The window as a subquery, not a list of ids: a festival has more items than SQLite allows parameters.
    item_ids = window.values("pk")
    calls = list(
        Call.objects.filter(item_id__in=item_ids).values(
            "item_id",
            "engagement_id",
            "engagement__contact_id",
            "engagement__status",
            "department",
            "call_at",
            "wrap_at",
        )
    )
    productions = {row["production_id"] for row in items.values()}
    departments = {call["department"] for call in calls if call["department"]}
    members: dict[tuple[int, str], list[int]] = defaultdict(list)
    engagement_rules: dict[int, str] = {}
    contact_of: dict[int, int] = {}
    engagements = Engagement.objects.filter(production_id__in=productions).exclude(status=EngagementStatus.CANCELLED)
    for pk, production_id, department, contact_id, rules in engagements.values_list(
        "pk", "production_id", "department", "contact_id", "working_time_rules"
    ):
        if department in departments:
            members[(production_id, department)].append(pk)
        engagement_rules[pk] = rules
        contact_of[pk] = contact_id
    production_rules = {p.pk: p.rule_set_code for p in Production.objects.filter(pk__in=productions)}

    first_rules: dict[int, str] = {}
    for call in calls:
        item = items[call["item_id"]]
        if call["engagement_id"] is not None:
            if call["engagement__status"] == EngagementStatus.CANCELLED:
                continue
            engaged = [call["engagement_id"]]
        else:
            engaged = members.get((item["production_id"], call["department"]), [])
        begin = call["call_at"] or item["starts_at"]
        finish = call["wrap_at"] or item["ends_at"]
        if finish <= begin:
            begin, finish = item["starts_at"], item["ends_at"]
        for engagement_id in engaged:
            contact_id = contact_of[engagement_id]
            code = engagement_rules[engagement_id] or production_rules[item["production_id"]]
            first_rules.setdefault(contact_id, code)
            schedule.calls.append(
                Booking(item["pk"], contact_id, begin, finish, kind=item["kind"], timezone=item["production__timezone"])
            )

    for item_id, space_id in ScheduleItem.spaces.through.objects.filter(scheduleitem_id__in=item_ids).values_list(
        "scheduleitem_id", "space_id"
    ):
        item = items[item_id]
        schedule.spaces.append(
            Booking(item_id, space_id, item["starts_at"], item["ends_at"], item["kind"], item["production__timezone"])
        )

    first = min(row["starts_at"] for row in items.values())
    last = max(row["ends_at"] for row in items.values())
    on = first.date()
    schedule.rule_sets = rule_sets_on(sorted(set(first_rules.values()) | {RuleSetCode.GENERAL_LAW}), on)
    schedule.rules_for = {contact: schedule.rule_sets[code] for contact, code in first_rules.items()}
    schedule.code_for.update(first_rules)  # type: ignore[arg-type]
    timezone = next(iter(items.values()))["production__timezone"]
    periods = unavailable_periods_for(list(first_rules), first.date() - dt.timedelta(days=1), last.date())
    for contact_id, rows in periods.items():
        for row in rows:
            begin = dt.datetime.combine(row.start_date, dt.time(0), tzinfo=zone(timezone))
            finish = dt.datetime.combine(row.end_date + dt.timedelta(days=1), dt.time(0), tzinfo=zone(timezone))
            schedule.unavailable.append(Period(contact_id, begin, finish, row.reason))
    return schedule


def fingerprint(conflict: Conflict) -> str:
    """Stable while the conflict is the same conflict: the same kind, resource, items, day, times and
    measure. Any change to them (an item moved, a call changed) makes a new fingerprint, so an
    acceptance lapses."""
    measured = "" if conflict.measured is None else str(conflict.measured.normalize())
    text = "|".join(
        (
            conflict.key,
            conflict.start.astimezone(dt.UTC).isoformat(),
            conflict.end.astimezone(dt.UTC).isoformat(),
            measured,
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class ConflictRow:
    """A conflict as a page shows it."""

    conflict: Conflict
    fingerprint: str
    kind_label: str
    who: str
    when: str
    cause: str
    items: list[dict[str, Any]]
    acceptance: ConflictAcceptance | None = None

    @property
    def accepted(self) -> bool:
        return self.acceptance is not None


KIND_LABELS = {
    ConflictKind.PERSON_DOUBLE_BOOKED: lambda: _("Person booked twice"),
    ConflictKind.SPACE_DOUBLE_BOOKED: lambda: _("Space booked twice"),
    ConflictKind.PERSON_UNAVAILABLE: lambda: _("Called while unavailable"),
    ConflictKind.SHORT_REST: lambda: _("Rest too short"),
    ConflictKind.LONG_DAY: lambda: _("Working day too long"),
    ConflictKind.LONG_WEEK: lambda: _("Working week too long"),
    ConflictKind.TOO_MANY_CONSECUTIVE_DAYS: lambda: _("Too many consecutive days"),
}


def _hours(value: Decimal | None) -> str:
    if value is None:
        return ""
    hours = int(value)
    minutes = round((value - hours) * 60)
    if minutes == 60:
        hours, minutes = hours + 1, 0
    return f"{hours}:{minutes:02d}"


def _cause(conflict: Conflict, items: list[dict[str, Any]], rule_label: str) -> str:
    kind = conflict.kind
    titles = [item["label"] for item in items]
    if kind in {ConflictKind.PERSON_DOUBLE_BOOKED, ConflictKind.SPACE_DOUBLE_BOOKED}:
        return _("Booked for %(first)s and %(second)s at the same time.") % {
            "first": titles[0],
            "second": titles[-1],
        }
    if kind == ConflictKind.PERSON_UNAVAILABLE:
        return _("Called for %(item)s while unavailable (%(reason)s).") % {
            "item": titles[0],
            "reason": conflict.reason or _("no reason given"),
        }
    values = {"measured": _hours(conflict.measured), "limit": _hours(conflict.limit), "rules": rule_label}
    if kind == ConflictKind.SHORT_REST:
        return _("%(measured)s h of rest between two working days; the minimum is %(limit)s h (%(rules)s).") % values
    if kind == ConflictKind.LONG_DAY:
        return _("%(measured)s h of work in the day; the limit is %(limit)s h (%(rules)s).") % values
    if kind == ConflictKind.LONG_WEEK:
        return _("%(measured)s h of work in the week; the limit is %(limit)s h (%(rules)s).") % values
    days = {"measured": int(conflict.measured or 0), "limit": int(conflict.limit or 0), "rules": rule_label}
    return _("%(measured)s working days in a row; the limit is %(limit)s (%(rules)s).") % days


def _when(conflict: Conflict, timezone: str) -> str:
    start, end = to_local(conflict.start, timezone), to_local(conflict.end, timezone)
    if start.date() == end.date():
        return f"{formats.date_format(start, 'D j M Y')} {start:%H:%M}{DASH}{end:%H:%M}"
    first, last = formats.date_format(start, "D j M Y"), formats.date_format(end, "D j M Y")
    return f"{first} {start:%H:%M} {DASH} {last} {end:%H:%M}"


def describe(conflicts: Iterable[Conflict], schedule: Schedule, production: Production) -> list[ConflictRow]:
    """Rows for a page, in the active language, with the names of the people, spaces and items (3 queries)."""
    conflicts = list(conflicts)
    people = [int(c.resource) for c in conflicts if c.kind != ConflictKind.SPACE_DOUBLE_BOOKED]  # type: ignore[call-overload]
    spaces = [int(c.resource) for c in conflicts if c.kind == ConflictKind.SPACE_DOUBLE_BOOKED]  # type: ignore[call-overload]
    names = dict(Contact.objects.filter(pk__in=people).values_list("pk", "name")) if people else {}
    space_names = {s.pk: str(s) for s in Space.objects.filter(pk__in=spaces).select_related("place")} if spaces else {}
    rule_labels = dict(RuleSetCode.choices)
    acceptances = {
        a.fingerprint: a for a in ConflictAcceptance.objects.filter(production=production).select_related("accepted_by")
    }
    rows = []
    for conflict in conflicts:
        items = []
        for item_id in conflict.items:
            item = schedule.items.get(item_id)  # type: ignore[call-overload]
            if item is None:
                continue
            label = item["title"] or _("untitled item")
            if item["production_id"] != production.pk:
                label = f"{label} ({item['production__title']})"
            items.append({"pk": item_id, "label": label, "own": item["production_id"] == production.pk})
        if conflict.kind == ConflictKind.SPACE_DOUBLE_BOOKED:
            who = space_names.get(conflict.resource, "")  # type: ignore[call-overload]
        else:
            who = names.get(conflict.resource, "")  # type: ignore[call-overload]
        code = schedule.code_for.get(conflict.resource, "")
        print_ = fingerprint(conflict)
        rows.append(
            ConflictRow(
                conflict=conflict,
                fingerprint=print_,
                kind_label=KIND_LABELS[conflict.kind](),
                who=who,
                when=_when(conflict, production.timezone),
                cause=_cause(conflict, items, str(rule_labels.get(code, code))),
                items=items,
                acceptance=acceptances.get(print_),
            )
        )
    return rows


def production_window(production: Production) -> tuple[dt.datetime, dt.datetime] | None:
    """The production's planned span, widened by MARGIN; None when nothing is planned."""
    span = ScheduleItem.objects.filter(production=production).exclude(status=ItemStatus.CANCELLED)
    first = span.order_by("starts_at").values_list("starts_at", flat=True).first()
    last = span.order_by("-ends_at").values_list("ends_at", flat=True).first()
    if first is None or last is None:
        return None
    return first - MARGIN, last + MARGIN


def conflicts_for_production(production: Production) -> tuple[list[Conflict], Schedule]:
    """The conflicts that involve at least one item of the production (the other side may be another
    production of the organisation)."""
    window = production_window(production)
    if window is None:
        return [], Schedule()
    schedule = load_schedule(production.organisation_id, *window)
    own = {pk for pk, item in schedule.items.items() if item["production_id"] == production.pk}
    found = detect(schedule.calls, schedule.spaces, schedule.unavailable, schedule.rules_for)
    return [c for c in found if own.intersection(c.items)], schedule  # type: ignore[arg-type]


def conflict_rows(production: Production) -> list[ConflictRow]:
    conflicts, schedule = conflicts_for_production(production)
    return describe(conflicts, schedule, production)


def open_conflict_count(production: Production) -> int:
    """Conflicts of the production not accepted (or whose acceptance lapsed)."""
    conflicts, _schedule = conflicts_for_production(production)
    accepted = set(ConflictAcceptance.objects.filter(production=production).values_list("fingerprint", flat=True))
    return sum(1 for c in conflicts if fingerprint(c) not in accepted)


def conflicts_of_item(item: ScheduleItem) -> list[ConflictRow]:
    """Open conflicts that involve this item, for the message after saving it."""
    if item.status == ItemStatus.CANCELLED or item.kind in NON_WORKING_KINDS:
        return []
    schedule = load_schedule(item.production.organisation_id, item.starts_at - MARGIN, item.ends_at + MARGIN)
    found = detect(schedule.calls, schedule.spaces, schedule.unavailable, schedule.rules_for)
    mine = [c for c in found if item.pk in c.items]
    return [row for row in describe(mine, schedule, item.production) if not row.accepted]


def full_detection(organisation_id: int) -> list[Conflict]:
    """Every conflict of the organisation, all dates (the benchmark's measure)."""
    schedule = load_schedule(organisation_id)
    return detect(schedule.calls, schedule.spaces, schedule.unavailable, schedule.rules_for)
