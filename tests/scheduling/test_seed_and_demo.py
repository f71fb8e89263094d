from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from regie.core.seeding import festival_for, generate, remove_seed
from regie.productions.models import Production
from regie.scheduling.detection import conflict_rows
from regie.scheduling.models import Call, DayTemplate, ItemStatus, ScheduleItem

pytestmark = pytest.mark.django_db


def festival_schedule() -> list[tuple]:
    festival = festival_for("small")
    return list(
        ScheduleItem.objects.filter(production=festival)
        .order_by("starts_at", "title", "pk")
        .values_list("kind", "title", "starts_at", "ends_at", "status")
    )


def test_seed_festival_schedule_is_deterministic_with_calls():
    result = generate("small", seed=3)
    first = festival_schedule()
    remove_seed("small")

    generate("small", seed=3)

    assert festival_schedule() == first
    assert result.counts["festival_schedule_items"] == len(first) == 5 * 4 * 6 + 5  # days, spaces, slots; meetings
    assert Call.objects.filter(item__production=festival_for("small")).exists()


def test_demo_theatre_schedule_has_templates_places_and_a_space_conflict():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())

    theatre = Production.objects.get(kind="theatre")
    rows = conflict_rows(theatre)

    assert sorted(DayTemplate.objects.values_list("name", flat=True)) == ["Repetitiedag", "Speeldag"]
    assert theatre.schedule_items.filter(status=ItemStatus.CANCELLED).count() == 1
    assert [(r.kind_label, r.who) for r in rows] == [("Space booked twice", "Theater Het Veer — Grote zaal")]
