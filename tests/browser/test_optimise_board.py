"""A first AD's afternoon: import a script, break it down, optimise the board, date the days, print it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts.roles import Role
from regie.scheduling.models import ItemKind, ScheduleItem
from regie.scripts.models import Board, Scene
from tests.browser.conftest import PageProblems, label, sign_in_with_cookie, tr
from tests.factories import ProductionFactory, member_of
from tests.scripts.conftest import IMMEDIATE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"

# ANNA plays in the first and the last scene: in script order she waits three days.
SCRIPT = b"""Title: Het depot

INT. TRAM DEPOT - NIGHT

Anna counts the tickets.

ANNA
Nog een rit.

EXT. GRAND-PLACE - DAY

Rain.

BRAM
Wacht!

INT. KITCHEN - DAY

BRAM
Koffie?

EXT. PARK - DAY

BRAM
Niemand.

INT. TRAM DEPOT - NIGHT

ANNA
Laatste rit.
"""


def test_import_break_down_optimise_apply_date_and_print(
    page: Page, live_url: str, problems: PageProblems, settings, tmp_path
):
    # Arrange
    settings.TASKS = IMMEDIATE  # the optimiser runs in the request's process instead of a worker
    production = ProductionFactory(title="Het depot")
    manager = member_of(production, Role.PRODUCTION_MANAGER, language=LANGUAGE)
    sign_in_with_cookie(page.context, manager, live_url)
    problems.watch(page)
    script = tmp_path / "depot.fountain"
    script.write_bytes(SCRIPT)

    # Act: import the script
    page.goto(reverse("scripts:import", kwargs={"pk": production.pk}))
    page.get_by_label(label(tr(LANGUAGE, "script file"))).set_input_files(str(script))
    page.get_by_role("button", name=tr(LANGUAGE, "Import")).click()
    expect(page.get_by_text(tr(LANGUAGE, "The script was imported."))).to_be_visible()

    # Act: break scene 1 down (a prop; the cast came from the script)
    page.get_by_role("link", name="1", exact=True).first.click()
    page.get_by_label(label(tr(LANGUAGE, "category"))).select_option(label=tr(LANGUAGE, "Props", "breakdown"))
    page.get_by_label(label(tr(LANGUAGE, "name"))).fill("Tram ticket")
    page.get_by_role("button", name=tr(LANGUAGE, "Add")).click()
    expect(page.get_by_text("Tram ticket")).to_be_visible()

    # Act: make a board and optimise it, one scene a day
    page.goto(reverse("scripts:boards", kwargs={"pk": production.pk}))
    page.get_by_label(label(tr(LANGUAGE, "name of the stripboard"))).fill("Plan A")
    page.get_by_role("button", name=tr(LANGUAGE, "Make a stripboard")).click()
    page.get_by_role("link", name=tr(LANGUAGE, "Optimise this board")).click()
    longest = max(Scene.objects.filter(production=production).values_list("eighths", flat=True))
    page.get_by_label(label(tr(LANGUAGE, "time limit in seconds"))).fill("2")
    page.get_by_label(label(tr(LANGUAGE, "pages per shooting day"))).fill(str(longest / 8))
    page.get_by_label(label(tr(LANGUAGE, "keep each location together"))).uncheck()
    page.get_by_role("button", name=tr(LANGUAGE, "Optimise")).click()

    # Assert: the costs before and after
    costs = page.locator(".optimisation-costs")
    expect(costs.get_by_role("row").filter(has_text=tr(LANGUAGE, "Cast hold days"))).to_contain_text("3")
    expect(costs.get_by_role("row").filter(has_text=tr(LANGUAGE, "Cast hold days")).locator("td").last).to_have_text(
        "0"
    )

    # Act: apply it as a new board
    page.get_by_label(label(tr(LANGUAGE, "name of the new stripboard"))).fill("Plan B")
    page.get_by_role("button", name=tr(LANGUAGE, "Apply as a new board")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan B")
    plan_b = Board.objects.get(name="Plan B")

    # Act: a travel day at the end, then date the days (from Friday 5 March 2027, weekends off)
    page.get_by_label(label(tr(LANGUAGE, "strip"))).select_option(label=tr(LANGUAGE, "Travel day"))
    page.get_by_role("button", name=tr(LANGUAGE, "Add"), exact=True).click()
    expect(page.locator("li.strip-travel")).to_have_count(1)
    page.get_by_role("link", name=tr(LANGUAGE, "Shooting days")).first.click()
    page.get_by_label(label(tr(LANGUAGE, "put this board's days in the schedule"))).check()
    page.get_by_label(label(tr(LANGUAGE, "first shooting day"))).fill("2027-03-05")
    page.get_by_role("button", name=tr(LANGUAGE, "Save")).click()

    # Assert: six days in the schedule, the weekend skipped
    expect(page.get_by_text(tr(LANGUAGE, "The dates of the stripboard were saved."))).to_be_visible()
    items = ScheduleItem.objects.filter(production=production).order_by("starts_at")
    assert [item.kind for item in items] == [ItemKind.SHOOTING_DAY] * 5 + [ItemKind.TRAVEL]
    assert items[1].starts_at.date() == datetime.date(2027, 3, 8)
    expect(page.locator(".shooting-days li")).to_have_count(6)

    # Act and assert: the day out of days
    page.goto(reverse("scripts:dood", kwargs={"pk": production.pk, "board_pk": plan_b.pk}))
    anna = page.get_by_role("row").filter(has_text="ANNA")
    expect(anna.locator("td").nth(0)).to_have_text("SW")
    expect(anna.locator("td").nth(1)).to_have_text("WF")

    # Act and assert: the printable stripboard
    page.goto(reverse("scripts:board", kwargs={"pk": production.pk, "board_pk": plan_b.pk}))
    with page.expect_download() as download:
        page.get_by_role("link", name=tr(LANGUAGE, "Print (PDF)")).click()
    assert download.value.path().read_bytes()[:4] == b"%PDF"
    assert problems.items == []
