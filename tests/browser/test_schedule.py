"""Planning a theatre production as a new manager would: a week of rehearsals and a performance day
from the default day templates, an early build that leaves the stage crew too little rest, the
conflict seen and fixed by dragging the item on the calendar, then subscribing to the feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import Page, expect

from regie.accounts.roles import OrganisationRole, Role
from regie.scheduling.models import ScheduleItem
from regie.scheduling.services import ensure_default_templates
from tests.browser.conftest import PageProblems, label, sign_in_with_cookie, tr
from tests.factories import (
    EngagementFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    ProductionMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
UTC = dt.UTC


def drag_in_week_view(page: Page, title: str, date: str, start: str, to: str) -> None:
    """Drag an event of `date` from its start time to the time `to`, by the pixels between the two slots
    (less a third of a slot: FullCalendar snaps the pointer's travel to the next quarter hour)."""
    event = page.locator(".fc-timegrid-event", has_text=title).first
    # Bring the event near the top: a pointer near the window's edge makes FullCalendar scroll.
    first = event.bounding_box()
    assert first is not None
    page.evaluate("(y) => window.scrollBy(0, y)", first["y"] - 120)
    box = event.bounding_box()
    column = page.locator(f"td.fc-timegrid-col[data-date='{date}']").bounding_box()
    before = page.locator(f"td.fc-timegrid-slot-lane[data-time='{start}']").bounding_box()
    after = page.locator(f"td.fc-timegrid-slot-lane[data-time='{to}']").bounding_box()
    assert box is not None and column is not None and before is not None and after is not None
    x, y = box["x"] + box["width"] / 2, before["y"] + before["height"] / 4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + after["y"] - before["y"] - before["height"] / 3, steps=20)
    page.mouse.up()


def test_manager_plans_week_sees_rest_conflict_fixes_it_and_subscribes(
    page: Page, live_url: str, problems: PageProblems
) -> None:
    # Arrange: a theatre production, its manager, a stage hand and a cast member, the default templates
    production = ProductionFactory(title="De Meeuw", timezone="Europe/Brussels")
    manager = UserFactory(language="en", name="Nora Claes")
    OrganisationMembershipFactory(organisation=production.organisation, user=manager, role=OrganisationRole.STAFF)
    ProductionMembershipFactory(production=production, user=manager, role=Role.PRODUCTION_MANAGER)
    EngagementFactory(production=production, contact__name="Tom Stage", function="stagehand", department="stage")
    EngagementFactory(production=production, contact__name="Ann Cast", function="actor", department="cast")
    ensure_default_templates(production.organisation)
    problems.watch(page)
    sign_in_with_cookie(page.context, manager, live_url)

    # Act: a week of rehearsal days, Monday 15 to Friday 19 March 2027
    page.goto(reverse("scheduling:apply_template", args=[production.pk]))
    page.get_by_label(label(tr("en", "day template"))).select_option(label="Rehearsal day")
    page.get_by_label(label(tr("en", "from"))).fill("2027-03-15")
    page.get_by_label(label(tr("en", "until"))).fill("2027-03-19")
    page.get_by_role("button", name=tr("en", "Add to the schedule")).click()
    expect(page.locator(".messages")).to_contain_text("15 items added on 5 dates.")

    # Act: a performance day on Saturday 20 March
    page.goto(reverse("scheduling:apply_template", args=[production.pk]))
    page.get_by_label(label(tr("en", "day template"))).select_option(label="Performance day")
    page.get_by_label(label(tr("en", "from"))).fill("2027-03-20")
    page.get_by_role("button", name=tr("en", "Add to the schedule")).click()
    expect(page.locator(".messages")).to_contain_text("6 items added on 1 date.")
    expect(page.locator(".fc-timegrid-event").first).to_be_visible()
    expect(page.locator(".fc-timegrid-event", has_text="Show")).to_have_count(1)

    # Act: an early build on Sunday calls the stage crew 5 h 30 after the load-out ends (00:30)
    page.goto(reverse("scheduling:item_new", args=[production.pk]))
    page.get_by_label(label(tr("en", "kind"))).select_option("build")
    page.get_by_label(label(tr("en", "title"))).fill("Early build")
    page.get_by_label(label(tr("en", "starts"))).fill("2027-03-21T06:00")
    page.get_by_label(label(tr("en", "ends"))).fill("2027-03-21T09:00")
    page.get_by_role("group", name=tr("en", "departments called")).get_by_label(tr("en", "Stage")).check()
    page.get_by_role("button", name=tr("en", "Add to the schedule")).click()

    # Assert: the message after saving names the conflict, and the conflicts page lists it
    expect(page.locator(".msg-warning")).to_contain_text("Tom Stage")
    page.goto(reverse("scheduling:conflicts", args=[production.pk]))
    expect(page.locator("article.conflict")).to_have_count(1)
    expect(page.locator("article.conflict h3")).to_contain_text(tr("en", "Rest too short"))
    expect(page.locator("article.conflict")).to_contain_text("5:30 h of rest")

    # Act: fix it by dragging the build to 10:00 on the week view of the calendar
    page.goto(reverse("scheduling:calendar", args=[production.pk]) + "?date=2027-03-21")
    expect(page.locator(".fc-timegrid-event", has_text="Early build")).to_be_visible()
    drag_in_week_view(page, "Early build", "2027-03-21", "06:00:00", "10:00:00")
    expect(page.locator("[data-calendar]")).to_have_attribute("data-last-move", "saved")

    # Assert: the build now starts at 10:00 local and there is no open conflict
    build = ScheduleItem.objects.get(title="Early build")
    assert (build.starts_at, build.version) == (dt.datetime(2027, 3, 21, 9, 0, tzinfo=UTC), 2)
    page.goto(reverse("scheduling:conflicts", args=[production.pk]))
    expect(page.get_by_text(tr("en", "No open conflicts."))).to_be_visible()

    # Act: subscribe to the production's feed and fetch it as a calendar application would
    page.goto(reverse("scheduling:feed", args=[production.pk]))
    page.get_by_role("button", name=tr("en", "Make my private address")).click()
    address = page.locator("[data-feed-url=https]").input_value()
    assert page.locator("[data-feed-url=webcal]").input_value().startswith("webcal://")
    response = page.request.get(address)

    # Assert: a valid calendar with every item, the build at its new time
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.body())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(calendar.walk("VEVENT")) == 22
    assert events["Early build"]["DTSTART"].dt == dt.datetime(2027, 3, 21, 9, 0, tzinfo=UTC)
    assert events["Early build"]["SEQUENCE"] == 2
    assert problems.items == []
