from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from regie.scheduling import services
from regie.scheduling.models import Call, ItemKind, ItemStatus, ScheduleItem
from regie.scheduling.timing import to_local
from tests.factories import (
    CallFactory,
    DayTemplateFactory,
    OrganisationFactory,
    PlaceFactory,
    ScheduleItemFactory,
    SpaceFactory,
    TemplateEntryFactory,
)

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(day: int, hour: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, 0, tzinfo=UTC)


def test_create_item_logs_fields_spaces_and_calls(production, manager, engagement):
    space = SpaceFactory(organisation=production.organisation, name="Zaal 1")
    item = ScheduleItem(production=production, title="Italiaanse", starts_at=at(15, 9), ends_at=at(15, 12))

    services.create_item(item, by=manager, spaces=[space], people=[engagement], departments=["lighting"])

    entry = AuditEntry.objects.get(action="scheduling.item.created")
    assert (entry.user, entry.production, entry.changes["title"]["new"]) == (manager, production, "Italiaanse")
    assert entry.changes["spaces"]["new"] == ["Zaal 1"]
    assert sorted(entry.changes["calls"]["new"]) == sorted([engagement.contact.name, "Lighting"])
    assert item.version == 1


def test_create_item_refuses_an_end_before_the_start(production, manager):
    item = ScheduleItem(production=production, starts_at=at(15, 12), ends_at=at(15, 9))

    with pytest.raises(Refused):
        services.create_item(item, by=manager)

    assert ScheduleItem.objects.count() == 0


def test_database_refuses_an_item_ending_before_it_starts(production):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleItem.objects.create(production=production, starts_at=at(15, 12), ends_at=at(15, 12))


def test_update_item_raises_the_version_and_logs_the_diff(production, manager):
    item = ScheduleItemFactory(production=production, title="Oud")
    item.title = "Nieuw"

    services.update_item(item, version=1, by=manager)

    item.refresh_from_db()
    entry = AuditEntry.objects.get(action="scheduling.item.changed")
    assert (item.version, entry.changes) == (2, {"title": {"old": "Oud", "new": "Nieuw"}})


def test_update_item_with_a_stale_version_changes_nothing(production, manager):
    item = ScheduleItemFactory(production=production, title="Oud", version=3)
    item.title = "Nieuw"

    with pytest.raises(EditConflict):
        services.update_item(item, version=2, by=manager)

    item.refresh_from_db()
    assert (item.title, item.version) == ("Oud", 3)


def test_update_item_without_changes_keeps_the_version(production, manager):
    item = ScheduleItemFactory(production=production)

    services.update_item(item, version=1, by=manager)

    item.refresh_from_db()
    assert (item.version, AuditEntry.objects.count()) == (1, 0)


def test_move_item_moves_own_call_times_with_it(production, manager, engagement):
    item = ScheduleItemFactory(production=production, starts_at=at(15, 9), ends_at=at(15, 11))
    call = CallFactory(item=item, engagement=engagement, call_at=at(15, 8))

    services.move_item(item, starts_at=at(16, 13), ends_at=at(16, 15), version=1, by=manager)

    item.refresh_from_db()
    call.refresh_from_db()
    assert (item.starts_at, item.ends_at, item.version, call.call_at) == (at(16, 13), at(16, 15), 2, at(16, 12))
    assert AuditEntry.objects.get(action="scheduling.item.moved").changes["starts_at"]["new"] == at(16, 13).isoformat()


def test_move_item_with_a_stale_version_is_refused(production, manager):
    item = ScheduleItemFactory(production=production, version=2)

    with pytest.raises(EditConflict):
        services.move_item(item, starts_at=at(16, 13), ends_at=at(16, 15), version=1, by=manager)

    item.refresh_from_db()
    assert item.starts_at == at(15, 9)


def test_cancel_item_keeps_it_marked_cancelled(production, manager):
    item = ScheduleItemFactory(production=production)

    services.cancel_item(item, version=1, by=manager)

    item.refresh_from_db()
    assert (item.status, item.version) == (ItemStatus.CANCELLED, 2)


def test_delete_item_logs_what_was_deleted(production, manager):
    item = ScheduleItemFactory(production=production, title="Weg")

    services.delete_item(item, version=1, by=manager)

    entry = AuditEntry.objects.get(action="scheduling.item.deleted")
    assert (ScheduleItem.objects.count(), entry.data["title"]) == (0, "Weg")


def test_update_call_raises_the_item_version(production, manager, engagement):
    item = ScheduleItemFactory(production=production)
    call = CallFactory(item=item, engagement=engagement)
    call.call_at = at(15, 8)

    services.update_call(call, version=1, by=manager)

    item.refresh_from_db()
    assert (item.version, Call.objects.get().call_at) == (2, at(15, 8))


def test_apply_template_keeps_local_times_on_both_dst_sundays(production, manager):
    template = DayTemplateFactory(organisation=production.organisation)
    TemplateEntryFactory(template=template, start_time=dt.time(20, 0), duration=dt.timedelta(hours=2))
    dates = [dt.date(2027, 3, 27), dt.date(2027, 3, 28), dt.date(2027, 10, 30), dt.date(2027, 10, 31)]

    items = services.apply_template(template, production, dates, by=manager)

    assert [(i.starts_at, i.ends_at - i.starts_at) for i in items] == [
        (dt.datetime(2027, 3, 27, 19, 0, tzinfo=UTC), dt.timedelta(hours=2)),
        (dt.datetime(2027, 3, 28, 18, 0, tzinfo=UTC), dt.timedelta(hours=2)),
        (dt.datetime(2027, 10, 30, 18, 0, tzinfo=UTC), dt.timedelta(hours=2)),
        (dt.datetime(2027, 10, 31, 19, 0, tzinfo=UTC), dt.timedelta(hours=2)),
    ]
    assert {to_local(i.starts_at, "Europe/Brussels").time() for i in items} == {dt.time(20, 0)}


def test_apply_template_calls_the_entry_departments_and_books_spaces(production, manager):
    template = DayTemplateFactory(organisation=production.organisation)
    TemplateEntryFactory(template=template, departments=["stage", "sound"])
    space = SpaceFactory(organisation=production.organisation)
    place = PlaceFactory(organisation=production.organisation)

    items = services.apply_template(
        template, production, [dt.date(2027, 3, 15), dt.date(2027, 3, 16)], by=manager, place=place, spaces=[space]
    )

    assert sorted(Call.objects.values_list("department", flat=True)) == ["sound", "sound", "stage", "stage"]
    assert [list(i.spaces.all()) for i in items] == [[space], [space]]
    assert AuditEntry.objects.get(action="scheduling.template.applied").data["items"] == 2


def test_apply_template_of_another_organisation_is_refused(production, manager):
    template = DayTemplateFactory(organisation=OrganisationFactory())
    TemplateEntryFactory(template=template)

    with pytest.raises(Refused):
        services.apply_template(template, production, [dt.date(2027, 3, 15)], by=manager)

    assert ScheduleItem.objects.count() == 0


def test_ensure_default_templates_makes_a_performance_and_a_rehearsal_day(production):
    made = services.ensure_default_templates(production.organisation)
    again = services.ensure_default_templates(production.organisation)

    performance = made[0]
    assert [e.title for e in performance.entries.all()] == [
        "Load-in",
        "Sound check",
        "Dinner",
        "Doors",
        "Show",
        "Load-out",
    ]
    assert (len(made), again) == (2, [])
    assert performance.entries.get(title="Show").kind == ItemKind.PERFORMANCE


def test_make_feed_revokes_the_previous_token(production, manager):
    from regie.scheduling.queries import feed_by_token

    first = services.make_feed(manager, production)
    second = services.make_feed(manager, production)

    assert (feed_by_token(first), feed_by_token(second).production) == (None, production)
