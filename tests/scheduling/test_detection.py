from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from regie.people.models import Unavailability
from regie.scheduling import services
from regie.scheduling.conflicts import ConflictKind
from regie.scheduling.detection import conflict_rows, conflicts_of_item, full_detection, open_conflict_count
from regie.scheduling.models import ItemKind, ItemStatus
from tests.factories import (
    CallFactory,
    EngagementFactory,
    ProductionFactory,
    ScheduleItemFactory,
    SpaceFactory,
)

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=UTC)


def item(production, start, end, **kwargs):
    return ScheduleItemFactory(production=production, starts_at=start, ends_at=end, **kwargs)


def test_person_booked_on_two_productions_of_the_organisation(production, engagement):
    other = ProductionFactory(organisation=production.organisation, title="Ander stuk")
    elsewhere = EngagementFactory(production=other, contact=engagement.contact)
    CallFactory(item=item(production, at(15, 9), at(15, 12), title="Repetitie"), engagement=engagement)
    CallFactory(item=item(other, at(15, 11), at(15, 13), title="Fitting"), engagement=elsewhere)

    rows = conflict_rows(production)

    assert [(r.conflict.kind, r.who) for r in rows] == [(ConflictKind.PERSON_DOUBLE_BOOKED, engagement.contact.name)]
    assert rows[0].cause == "Booked for Repetitie and Fitting (Ander stuk) at the same time."


def test_department_call_books_everyone_in_the_department(production, engagement):
    CallFactory(item=item(production, at(15, 9), at(15, 12)), department="stage")
    CallFactory(item=item(production, at(15, 10), at(15, 11)), engagement=engagement)

    rows = conflict_rows(production)

    assert [r.conflict.kind for r in rows] == [ConflictKind.PERSON_DOUBLE_BOOKED]


def test_cancelled_items_and_days_off_book_nobody(production, engagement):
    CallFactory(item=item(production, at(15, 9), at(15, 12)), engagement=engagement)
    CallFactory(item=item(production, at(15, 10), at(15, 11), status=ItemStatus.CANCELLED), engagement=engagement)
    CallFactory(item=item(production, at(15, 10), at(15, 11), kind=ItemKind.DAY_OFF), engagement=engagement)

    assert conflict_rows(production) == []


def test_space_booked_twice_is_a_conflict(production):
    space = SpaceFactory(organisation=production.organisation, name="Grote zaal")
    item(production, at(15, 9), at(15, 12)).spaces.add(space)
    item(production, at(15, 11), at(15, 14)).spaces.add(space)

    rows = conflict_rows(production)

    assert [(r.conflict.kind, r.who) for r in rows] == [(ConflictKind.SPACE_DOUBLE_BOOKED, "Grote zaal")]


def test_call_while_unavailable_names_the_reason(production, engagement):
    Unavailability.objects.create(
        contact=engagement.contact, start_date=dt.date(2027, 3, 15), end_date=dt.date(2027, 3, 15), reason="Huwelijk"
    )
    CallFactory(item=item(production, at(15, 9), at(15, 12), title="Repetitie"), engagement=engagement)

    rows = conflict_rows(production)

    assert [r.cause for r in rows] == ["Called for Repetitie while unavailable (Huwelijk)."]


def test_short_rest_is_measured_against_the_productions_rule_set(production, engagement):
    # 15 March ends 23:00 Brussels (22:00 UTC); 16 March starts 06:00 Brussels: 7 h of rest, PC 304 asks 8.
    CallFactory(item=item(production, at(15, 14), at(15, 22)), engagement=engagement)
    CallFactory(item=item(production, at(16, 5), at(16, 9)), engagement=engagement)

    rows = conflict_rows(production)

    assert [r.conflict.kind for r in rows] == [ConflictKind.SHORT_REST]
    assert (
        rows[0].cause == "7:00 h of rest between two working days; the minimum is 8:00 h "
        "(PC 304 performing arts, artistic and technical staff)."
    )


def test_own_call_times_count_rather_than_the_items(production, engagement):
    first = item(production, at(15, 14), at(15, 22))
    CallFactory(item=first, engagement=engagement, wrap_at=at(15, 17))
    CallFactory(item=item(production, at(16, 5), at(16, 9)), engagement=engagement)

    assert conflict_rows(production) == []


def test_accepted_conflict_stays_accepted_then_lapses_when_it_changes(production, manager, engagement):
    CallFactory(item=item(production, at(15, 14), at(15, 22)), engagement=engagement)
    second = item(production, at(16, 5), at(16, 9))
    CallFactory(item=second, engagement=engagement)
    row = conflict_rows(production)[0]

    services.accept_conflict(production, row.fingerprint, reason="Premièreweek, afgesproken", by=manager)
    accepted = conflict_rows(production)
    services.move_item(second, starts_at=at(16, 5, 30), ends_at=at(16, 9), version=1, by=manager)
    moved = conflict_rows(production)

    assert [(r.accepted, r.acceptance.reason) for r in accepted] == [(True, "Premièreweek, afgesproken")]
    assert [r.accepted for r in moved] == [False]
    assert open_conflict_count(production) == 1
    assert AuditEntry.objects.get(action="scheduling.conflict.accepted").data["reason"] == "Premièreweek, afgesproken"


def test_accepting_a_conflict_that_is_gone_is_refused(production, manager):
    with pytest.raises(Refused):
        services.accept_conflict(production, "0" * 64, reason="why not", by=manager)


def test_accepting_without_a_reason_is_refused(production, manager):
    with pytest.raises(Refused):
        services.accept_conflict(production, "0" * 64, reason="  ", by=manager)


def test_conflicts_of_item_lists_only_what_involves_it(production, engagement):
    first = item(production, at(15, 9), at(15, 12))
    CallFactory(item=first, engagement=engagement)
    CallFactory(item=item(production, at(15, 11), at(15, 13)), engagement=engagement)
    lonely = item(production, at(20, 9), at(20, 10))

    assert ([r.conflict.kind for r in conflicts_of_item(first)], conflicts_of_item(lonely)) == (
        [ConflictKind.PERSON_DOUBLE_BOOKED],
        [],
    )


def test_detection_reads_a_fixed_number_of_queries(production):
    def add(n: int) -> None:
        space = SpaceFactory(organisation=production.organisation)
        for i in range(n):
            engagement = EngagementFactory(production=production)
            work = item(production, at(15, 9 + i), at(15, 12 + i))
            work.spaces.add(space)
            CallFactory(item=work, engagement=engagement)
            CallFactory(item=work, department="lighting")

    add(1)
    with CaptureQueriesContext(connection) as one:
        full_detection(production.organisation_id)
    add(3)
    with CaptureQueriesContext(connection) as four:
        conflicts = full_detection(production.organisation_id)

    assert len(four) == len(one)
    assert len(conflicts) > 0
