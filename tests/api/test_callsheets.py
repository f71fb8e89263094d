"""Call sheets through the API: crew and cast see the published ones; managers see them all, with
how many ways the schedule changed under each sheet of the days to come."""

from __future__ import annotations

import pytest

from regie.accounts.roles import Role
from regie.callsheets.services import generate_call_sheet
from tests.callsheets.conftest import DAY, day  # noqa: F401 - the fixture of a performance day
from tests.callsheets.test_schedule_sync_views import days_from_today, drawn_up_then_moved
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def test_managers_see_how_the_schedule_changed_under_the_coming_sheets(api_as, day):  # noqa: F811
    coming = drawn_up_then_moved(day, days_from_today(day, 3))
    past = drawn_up_then_moved(day, days_from_today(day, -3))
    in_step = generate_call_sheet(day.production, DAY, by=day.manager)

    items = api_as(day.manager).get(f"/api/v1/productions/{day.production.pk}/callsheets").json()["items"]

    changes = {s["id"]: s["schedule_changes"] for s in items}
    assert changes[coming.pk] >= 1 and changes[past.pk] is None
    assert changes[in_step.pk] == (0 if days_from_today(day, 0) <= DAY else None)


def test_crew_see_only_published_sheets_and_no_comparison(api_as, day):  # noqa: F811
    generate_call_sheet(day.production, DAY, by=day.manager)
    crew = member_of(day.production, Role.CREW)

    body = api_as(crew).get(f"/api/v1/productions/{day.production.pk}/callsheets").json()

    assert body == {"items": [], "count": 0}
