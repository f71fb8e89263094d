"""The sheet knows when the schedule changed: detection, "Update from the schedule", publishing.

The schedule is changed here through its own services (move, cancel, delete, call times), as a
manager would change it, after the sheet was drawn up.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.callsheets.comparison import Difference, digest
from regie.callsheets.drawing import schedule_differences
from regie.callsheets.models import CallSheet, RunningOrderRow, SheetCall, SheetLocation
from regie.callsheets.services import (
    ScheduleChanged,
    generate_call_sheet,
    publish_call_sheet,
    save_call_sheet,
)
from regie.callsheets.sync import update_from_schedule
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused
from regie.core.models import AuditEntry
from regie.productions.models import Kind
from regie.scheduling.models import Call, ItemKind, ScheduleItem
from regie.scheduling.services import cancel_item, create_item, delete_item, move_item, update_call
from regie.scripts.models import Strip, StripKind
from tests.callsheets.conftest import DAY
from tests.factories import (
    CallFactory,
    CallSheetFactory,
    ContactFactory,
    EngagementFactory,
    ProductionFactory,
    SceneFactory,
    SheetItemFactory,
    SheetPlaceFactory,
    brussels,
    scene_with_element,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def fresh(sheet: CallSheet) -> CallSheet:
    return CallSheet.objects.select_related("production").get(pk=sheet.pk)


def differences(sheet: CallSheet) -> list[tuple]:
    """The differences as (section, op, subject or code, field, schedule, sheet, kept)."""
    return [
        (d.section, d.op, d.subject or d.code, d.field, d.schedule, d.sheet, d.kept)
        for d in schedule_differences(fresh(sheet))
    ]


def move(item: ScheduleItem, by: datetime.timedelta, user) -> ScheduleItem:
    item.refresh_from_db()
    return move_item(item, starts_at=item.starts_at + by, ends_at=item.ends_at + by, version=item.version, by=user)


def update(sheet: CallSheet, user) -> list[Difference]:
    return update_from_schedule(sheet, version=fresh(sheet).version, by=user)


def call_of(sheet: CallSheet, engagement) -> SheetCall:
    return SheetCall.objects.get(sheet=sheet, engagement=engagement)


def edit_call_on_sheet(sheet: CallSheet, engagement, user, **fields) -> None:
    """Change a call on the sheet as the edit page does."""
    sheet = fresh(sheet)
    call = call_of(sheet, engagement)
    for name, value in fields.items():
        setattr(call, name, value)
    save_call_sheet(sheet, version=sheet.version, by=user, save=[call])


# --- detection ------------------------------------------------------------------------------


def test_sheet_drawn_up_and_unchanged_has_no_differences(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act and assert
    assert differences(sheet) == []


def test_moved_item_is_reported_on_its_line_its_calls_and_the_general_call(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act: the load-in moves an hour later; the calls with their own times move with it.
    move(day.load_in, HOUR, day.manager)

    # Assert
    assert differences(sheet) == [
        ("header", "changed", "", "general_call", "09:30", "08:30", False),
        ("rows", "changed", "Opbouw", "time", "10:00", "09:00", False),
        ("calls", "changed", "Ines Peeters", "call", "09:30", "08:30", False),
        ("calls", "changed", "Ines Peeters", "wrap", "14:00", "13:00", False),
        ("calls", "changed", "Ines Peeters", "pickup", "09:00", "08:00", False),
        ("calls", "changed", "Camille Dubois", "call", "10:00", "09:00", False),
    ]


def test_person_call_time_changed_in_the_schedule_is_reported(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    call = Call.objects.get(item=day.load_in, engagement=day.ines)

    # Act
    call.call_at = brussels(DAY, 8)
    update_call(call, version=day.load_in.version, by=day.manager)

    # Assert
    assert differences(sheet) == [
        ("header", "changed", "", "general_call", "08:00", "08:30", False),
        ("calls", "changed", "Ines Peeters", "call", "08:00", "08:30", False),
    ]


def test_cancelled_item_is_reported_with_who_is_no_longer_called(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    cancel_item(day.show, version=day.show.version, by=day.manager)

    # Assert: the stage department was called only for the show; Camille now wraps after the load-in.
    assert differences(sheet) == [
        ("rows", "cancelled", "Voorstelling", "", None, None, False),
        ("calls", "changed", "Camille Dubois", "wrap", "13:00", "22:30", False),
        ("calls", "removed", "stage", "", None, None, False),
    ]


def test_deleted_item_is_no_longer_on_the_schedule_of_the_day(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    day.show.refresh_from_db()

    # Act
    delete_item(day.show, version=day.show.version, by=day.manager)

    # Assert
    assert differences(sheet)[0] == ("rows", "removed", "Voorstelling", "", None, None, False)


def test_newly_called_person_and_new_item_are_reported(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    marie = EngagementFactory(
        production=day.production,
        contact=ContactFactory(organisation=day.production.organisation, name="Marie Claes"),
        department="costume",
    )

    # Act: a fitting at 15:00 with Marie called
    fitting = ScheduleItem(
        production=day.production,
        kind=ItemKind.FITTING,
        title="Pasbeurt",
        starts_at=brussels(DAY, 15),
        ends_at=brussels(DAY, 16),
    )
    create_item(fitting, by=day.manager, people=[marie])

    # Assert
    assert differences(sheet) == [
        ("rows", "added", "Pasbeurt", "", "15:00", None, False),
        ("calls", "added", "Marie Claes", "", "15:00", None, False),
    ]


def test_place_changed_in_the_schedule_is_reported_on_its_location(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act
    day.place.parking = "Parking Sint-Michiels"
    day.place.save()

    # Assert
    assert differences(sheet) == [
        (
            "locations",
            "changed",
            "Schouwburg Gent",
            "parking",
            "Parking Sint-Michiels",
            "Parking Kouter, level -2",
            False,
        ),
    ]


def test_item_moved_to_another_place_adds_one_location_and_drops_the_other(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    studio = SheetPlaceFactory(organisation=day.production.organisation, name="Studio Noord")

    # Act: both items move to the studio
    ScheduleItem.objects.filter(pk__in=[day.load_in.pk, day.show.pk]).update(place=studio)

    # Assert
    assert [(d[0], d[1], d[2]) for d in differences(sheet)] == [
        ("locations", "added", "Studio Noord"),
        ("locations", "removed", "Schouwburg Gent"),
    ]


def test_a_change_made_on_the_sheet_alone_is_not_a_difference(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act: the manager calls Ines earlier on the sheet; the schedule does not change.
    edit_call_on_sheet(sheet, day.ines, day.manager, call_at=brussels(DAY, 8))

    # Assert
    assert differences(sheet) == []


def test_a_sheet_from_before_the_comparison_is_not_compared(day):
    # Arrange: a sheet without a source, as drawn up before sheets kept one
    sheet = CallSheetFactory(production=day.production, date=DAY, source=None)

    # Act
    move(day.load_in, HOUR, day.manager)

    # Assert
    assert differences(sheet) == []
    with pytest.raises(Refused):
        update(sheet, day.manager)


def test_scene_lines_of_a_shoot_are_not_compared_but_its_calls_are(db):
    # Arrange: a shooting day whose running order is the board's scenes
    production = ProductionFactory(kind=Kind.FEATURE_FILM)
    shoot = SheetItemFactory(
        production=production, kind=ItemKind.SHOOTING_DAY, starts_at=brussels(DAY, 7), ends_at=brussels(DAY, 19)
    )
    actor = EngagementFactory(production=production, department="cast")
    CallFactory(item=shoot, engagement=actor)
    first = scene_with_element(production)
    Strip.objects.create(
        board=first["board"], kind=StripKind.SCENE, scene=SceneFactory(production=production, number="2"), position=2
    )
    sheet = generate_call_sheet(production, DAY, by=None)
    lines = [(r.what, r.scene_id) for r in sheet.rows.all()]

    # Act
    move(shoot, HOUR, None)
    found = differences(sheet)
    update(sheet, None)

    # Assert
    assert [(d[0], d[3], d[4]) for d in found] == [
        ("header", "general_call", "08:00"),
        ("calls", "call", "08:00"),
        ("calls", "wrap", "20:00"),
    ]
    assert [(r.what, r.scene_id) for r in fresh(sheet).rows.all()] == lines
    assert differences(sheet) == []


def test_comparison_costs_the_same_queries_whatever_the_crew(day, django_assert_num_queries):
    # Arrange: a sheet that differs from the schedule, compared once with three people called
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    move(day.load_in, HOUR, day.manager)
    with CaptureQueriesContext(connection) as few:
        assert schedule_differences(fresh(sheet)) != []

    # Act: forty more people called on both items
    for number in range(40):
        engagement = EngagementFactory(production=day.production, department="stage")
        CallFactory(item=day.load_in, engagement=engagement, call_at=brussels(DAY, 10, number % 60))
        CallFactory(item=day.show, engagement=engagement)

    # Assert
    with django_assert_num_queries(len(few)):
        assert len(schedule_differences(fresh(sheet))) > 40


# --- update from the schedule ---------------------------------------------------------------


def test_update_brings_the_schedule_in_and_keeps_what_was_written_by_hand(day):
    # Arrange: a sheet with everything a manager writes by hand
    sheet = fresh(generate_call_sheet(day.production, DAY, by=day.manager))
    sheet.notes, sheet.catering, sheet.safety, sheet.weather = "Stille zone", "Soep om 12u", "Valbeveiliging", "Regen"
    sheet.department_notes = {"lighting": "Extra hoogwerker"}
    ines = call_of(sheet, day.ines)
    ines.note = "Sleutels ophalen"
    own_row = RunningOrderRow(what="Koffie", starts_at=datetime.time(12), position=1)
    show = sheet.rows.get(from_item=day.show.pk)
    show.position = 2
    own_place = SheetLocation(name="Parking bus", address="Kouter 1")
    save_call_sheet(sheet, version=sheet.version, by=day.manager, save=[ines, own_row, show, own_place])

    # Act: the load-in moves from 09:00 to 15:00, past the manager's coffee line
    move(day.load_in, 6 * HOUR, day.manager)
    found = update(sheet, day.manager)

    # Assert: the schedule's changes are in
    sheet = fresh(sheet)
    assert len(found) == 6 and not any(d.kept for d in found)
    assert sheet.general_call == datetime.time(14, 30)
    assert [(r.starts_at, r.what, r.from_item) for r in sheet.rows.all()] == [
        (datetime.time(12), "Koffie", None),
        (datetime.time(15), "Opbouw", day.load_in.pk),
        (datetime.time(20), "Voorstelling", day.show.pk),
    ]
    assert (call_of(sheet, day.ines).call_at, call_of(sheet, day.camille).call_at) == (
        brussels(DAY, 14, 30),
        brussels(DAY, 15),
    )
    # What was written by hand is still there
    assert (sheet.notes, sheet.catering, sheet.safety, sheet.weather) == (
        "Stille zone",
        "Soep om 12u",
        "Valbeveiliging",
        "Regen",
    )
    assert sheet.department_notes == {"lighting": "Extra hoogwerker"}
    assert call_of(sheet, day.ines).note == "Sleutels ophalen"
    assert [loc.name for loc in sheet.locations.all()] == ["Schouwburg Gent", "Parking bus"]
    assert differences(sheet) == []
    entry = AuditEntry.objects.get(action="callsheets.sheet.updated_from_schedule")
    assert entry.changes["calls · Ines Peeters · call"] == {"old": "08:30", "new": "14:30"}
    assert (len(entry.data["applied"]), entry.data["kept"]) == (6, [])


def test_update_keeps_a_call_time_changed_on_both_sides_and_keeps_reporting_it(day):
    # Arrange: the manager called Ines at 08:00 on the sheet (08:30 in the schedule)
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    edit_call_on_sheet(sheet, day.ines, day.manager, call_at=brussels(DAY, 8))

    # Act: the load-in moves an hour later, Ines's call with it (09:30 in the schedule)
    move(day.load_in, HOUR, day.manager)
    before = differences(sheet)
    update(sheet, day.manager)

    # Assert: the notice said so before; the update kept 08:00 and the difference is still reported
    assert ("calls", "changed", "Ines Peeters", "call", "09:30", "08:00", True) in before
    assert call_of(sheet, day.ines).call_at == brussels(DAY, 8)
    assert call_of(sheet, day.camille).call_at == brussels(DAY, 10)
    assert differences(sheet) == [("calls", "changed", "Ines Peeters", "call", "09:30", "08:00", True)]
    with pytest.raises(Refused):
        update(sheet, day.manager)


def test_kept_difference_ends_when_the_sheet_and_the_schedule_agree(day):
    # Arrange: a kept difference on Ines's call time (08:00 on the sheet, 09:30 in the schedule)
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    edit_call_on_sheet(sheet, day.ines, day.manager, call_at=brussels(DAY, 8))
    move(day.load_in, HOUR, day.manager)
    update(sheet, day.manager)

    # Act: the manager puts the schedule's time on the sheet
    edit_call_on_sheet(sheet, day.ines, day.manager, call_at=brussels(DAY, 9, 30))

    # Assert
    assert differences(sheet) == []


def test_update_takes_off_an_untouched_call_and_keeps_one_changed_by_hand(day):
    # Arrange: the stage department's call got a note on the sheet; Camille's did not
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    sheet = fresh(sheet)
    stage = SheetCall.objects.get(sheet=sheet, department="stage")
    stage.note = "Zwarte kledij"
    save_call_sheet(sheet, version=sheet.version, by=day.manager, save=[stage])

    # Act: the show is cancelled (the only item the stage department and Camille's late wrap came from)
    cancel_item(day.show, version=day.show.version, by=day.manager)
    update(sheet, day.manager)

    # Assert
    assert [r.what for r in fresh(sheet).rows.all()] == ["Opbouw"]
    assert SheetCall.objects.filter(sheet=sheet, department="stage").exists()
    assert call_of(sheet, day.camille).wrap_at == brussels(DAY, 13)
    assert differences(sheet) == [("calls", "removed", "stage", "", None, None, True)]


def test_update_adds_a_new_line_where_its_time_puts_it(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    SheetItemFactory(production=day.production, title="Soundcheck", starts_at=brussels(DAY, 16))

    # Act
    update(sheet, day.manager)

    # Assert
    assert [(r.position, r.what) for r in fresh(sheet).rows.all()] == [
        (0, "Opbouw"),
        (1, "Soundcheck"),
        (2, "Voorstelling"),
    ]


def test_update_refuses_when_the_sheet_changed_since_it_was_read(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    read = fresh(sheet).version
    move(day.load_in, HOUR, day.manager)
    CallSheet.objects.filter(pk=sheet.pk).update(version=read + 1, notes="Theirs")

    # Act
    with pytest.raises(EditConflict):
        update_from_schedule(sheet, version=read, by=day.manager)

    # Assert: nothing was brought in
    assert call_of(sheet, day.ines).call_at == brussels(DAY, 8, 30)
    assert fresh(sheet).notes == "Theirs"
    assert AuditEntry.objects.filter(action="callsheets.sheet.updated_from_schedule").count() == 0


def test_update_refuses_a_sheet_that_agrees_with_the_schedule(day):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)

    # Act and assert
    with pytest.raises(Refused) as refusal:
        update(sheet, day.manager)
    assert str(refusal.value) == "The sheet already agrees with the schedule: there is nothing to update."


# --- publishing -----------------------------------------------------------------------------


def test_publishing_an_out_of_date_sheet_needs_the_differences_confirmed(day, django_capture_on_commit_callbacks):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    move(day.load_in, HOUR, day.manager)
    version = fresh(sheet).version

    # Act: without confirmation, then with the digest of what was shown
    with pytest.raises(ScheduleChanged) as changed:
        publish_call_sheet(fresh(sheet), version=version, by=day.manager)
    issued_before = fresh(sheet).issued
    with django_capture_on_commit_callbacks():
        published, _ = publish_call_sheet(fresh(sheet), version=version, by=day.manager, confirmed=changed.value.digest)

    # Assert
    assert (issued_before, published.number) == (0, 1)
    assert published.snapshot["calls"][0]["call"] == "08:30"  # published as it stood, knowingly
    entry = AuditEntry.objects.get(action="callsheets.sheet.published")
    assert len(entry.data["schedule_differences"]) == len(changed.value.differences) == 6


def test_publishing_asks_again_when_the_schedule_changed_after_the_confirmation(day):
    # Arrange: the digest of the differences after one move
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    move(day.load_in, HOUR, day.manager)
    seen = digest(schedule_differences(fresh(sheet)))

    # Act: the show moves too before the manager publishes
    move(day.show, HOUR, day.manager)
    with pytest.raises(ScheduleChanged):
        publish_call_sheet(fresh(sheet), version=fresh(sheet).version, by=day.manager, confirmed=seen)

    # Assert
    assert fresh(sheet).issued == 0


def test_publishing_an_up_to_date_sheet_needs_no_confirmation(day, django_capture_on_commit_callbacks):
    # Arrange
    sheet = generate_call_sheet(day.production, DAY, by=day.manager)
    move(day.load_in, HOUR, day.manager)
    update(sheet, day.manager)

    # Act
    with django_capture_on_commit_callbacks():
        published, _ = publish_call_sheet(fresh(sheet), version=fresh(sheet).version, by=day.manager)

    # Assert
    assert published.snapshot["calls"][0]["call"] == "09:30"
