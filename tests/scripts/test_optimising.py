"""'Optimise this board': the background run, its proposal, and applying it as a new board."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.feedback import Refused
from regie.people.models import Unavailability
from regie.scripts import optimising, services
from regie.scripts.models import Board, BreakdownElement, OptimisationRun, RunStatus, SceneElement, StripKind
from tests.factories import EngagementFactory, ProductionFactory, SceneFactory, member_of

pytestmark = pytest.mark.django_db

ONE_PAGE_DAYS = optimising.Options(time_limit=2, location_blocks=False, day_eighths=8)


def run_now(board, manager, options, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = optimising.start_optimisation(board, options, by=manager)
    run.refresh_from_db()
    return run


def scene_numbers(board):
    return [
        strip.scene.number if strip.kind == StripKind.SCENE else "|"
        for strip in board.strips.select_related("scene").order_by("position")
    ]


def test_optimisation_run_proposes_fewer_hold_days(cast_board, immediate_tasks, django_capture_on_commit_callbacks):
    # Arrange
    board, manager, _scenes = cast_board

    # Act
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)

    # Assert
    assert run.status == RunStatus.DONE
    assert (run.result["before"], run.result["after"]) == (
        {"waiting": 32, "holding": 4, "days": 6},
        {"waiting": 0, "holding": 0, "days": 6},
    )
    assert run.result["optimal"] is True


def test_apply_optimisation_makes_a_new_board_and_keeps_the_old(
    cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange
    board, manager, _scenes = cast_board
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)

    # Act
    new, changed = optimising.apply_optimisation(run, "Plan B", by=manager)

    # Assert
    numbers = scene_numbers(new)
    assert changed is False
    assert (new.name, new.based_on) == ("Plan B", board)
    assert numbers.count("|") == 6
    assert abs(numbers.index("1") - numbers.index("6")) == 2  # next days: "1", "|", "6" or the other way round
    assert scene_numbers(board) == ["1", "2", "3", "4", "5", "6"]


def test_apply_optimisation_twice_is_refused(cast_board, immediate_tasks, django_capture_on_commit_callbacks):
    # Arrange
    board, manager, _scenes = cast_board
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)
    optimising.apply_optimisation(run, "Plan B", by=manager)

    # Act and assert
    with pytest.raises(Refused, match="already applied"):
        optimising.apply_optimisation(run, "Plan C", by=manager)
    assert Board.objects.filter(production=board.production).count() == 2


def test_apply_optimisation_after_the_board_was_reordered_applies_as_a_new_board(
    cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange
    board, manager, _scenes = cast_board
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)
    ids = list(board.strips.values_list("pk", flat=True))
    services.reorder_board(board, list(reversed(ids)), expected_version=board.version, by=manager)

    # Act
    new, changed = optimising.apply_optimisation(run, "Plan B", by=manager)

    # Assert
    assert changed is True
    assert scene_numbers(board) == ["6", "5", "4", "3", "2", "1"]
    assert new.strips.filter(kind=StripKind.SCENE).count() == 6


def test_apply_optimisation_after_the_scenes_changed_is_refused(
    cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange
    board, manager, scenes = cast_board
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)
    scenes[2].removed = True
    scenes[2].save()

    # Act and assert
    with pytest.raises(Refused, match="scenes of the board changed while the optimiser ran"):
        optimising.apply_optimisation(run, "Plan B", by=manager)
    assert Board.objects.filter(production=board.production).count() == 1


def test_start_optimisation_board_without_cast_is_refused():
    # Arrange
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    SceneFactory(production=production)
    board = services.create_board(production, "Plan A", by=manager)

    # Act and assert
    with pytest.raises(Refused, match="No scene on this board has cast"):
        optimising.start_optimisation(board, ONE_PAGE_DAYS, by=manager)
    assert OptimisationRun.objects.count() == 0


def test_start_optimisation_scene_longer_than_a_day_is_refused(cast_board):
    # Arrange
    board, manager, scenes = cast_board
    scenes[0].eighths = 50
    scenes[0].save()

    # Act and assert
    with pytest.raises(Refused, match=r"Scene 1 is longer than a shooting day of 5\.0 pages"):
        optimising.start_optimisation(board, optimising.Options(time_limit=2), by=manager)
    assert OptimisationRun.objects.count() == 0


def test_optimisation_keep_days_keeps_the_days_whole(cast_board, immediate_tasks, django_capture_on_commit_callbacks):
    # Arrange: days [1 2] [3 4] [5 6]
    board, manager, _scenes = cast_board
    ids = list(board.strips.values_list("pk", flat=True))
    for _ in range(3):
        services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=board.version, by=manager)
        board.refresh_from_db()
    breaks = list(board.strips.filter(kind=StripKind.DAY_BREAK).values_list("pk", flat=True))
    order = ids[:2] + breaks[:1] + ids[2:4] + breaks[1:2] + ids[4:] + breaks[2:]
    board = services.reorder_board(board, order, expected_version=board.version, by=manager)
    options = optimising.Options(time_limit=2, keep_days=True, location_blocks=False, day_eighths=16)

    # Act
    run = run_now(board, manager, options, django_capture_on_commit_callbacks)

    # Assert
    days = run.result["days"]
    numbers = {pk: str(n) for n, pk in enumerate(run.result["scenes"], start=1)}
    assert sorted(sorted(numbers[pk] for pk in day) for day in days) == [["1", "2"], ["3", "4"], ["5", "6"]]
    assert run.result["after"]["holding"] == 0


def test_optimise_view_starts_a_run_and_shows_the_costs(
    client, cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange
    board, manager, _scenes = cast_board
    client.force_login(manager)
    url = reverse("scripts:optimise", kwargs={"pk": board.production_id, "board_pk": board.pk})
    data = {"time_limit": 2, "pages_per_day": "1", "max_locations_per_day": 0}

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    page = client.get(response["Location"])

    # Assert
    run = OptimisationRun.objects.get()
    assert response.status_code == 302
    assert run.status == RunStatus.DONE
    assert "Apply as a new board" in page.content.decode()
    assert run.result["after"]["holding"] == 0


def test_optimise_view_board_without_cast_shows_why(client):
    # Arrange
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    SceneFactory(production=production)
    board = services.create_board(production, "Plan A", by=manager)
    client.force_login(manager)
    url = reverse("scripts:optimise", kwargs={"pk": production.pk, "board_pk": board.pk})

    # Act
    response = client.post(url, {"time_limit": 2, "pages_per_day": "5", "max_locations_per_day": 2})

    # Assert
    assert response.status_code == 400
    assert "No scene on this board has cast" in response.content.decode()
    assert OptimisationRun.objects.count() == 0


def test_optimisation_detail_while_running_polls(client, cast_board):
    # Arrange
    board, manager, _scenes = cast_board
    run = OptimisationRun.objects.create(board=board, board_version=board.version, options={"time_limit": 5})
    client.force_login(manager)
    url = reverse("scripts:optimisation", kwargs={"pk": board.production_id, "board_pk": board.pk, "run_pk": run.pk})

    # Act
    response = client.get(url, headers={"HX-Request": "true"})

    # Assert
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "<progress" in body


def test_run_whose_board_lost_its_cast_before_it_started_fails_in_the_askers_language(cast_board):
    # Arrange: the run is queued (the worker has not taken it), then the cast leaves the breakdown
    board, manager, _scenes = cast_board
    manager.language = "fr"
    manager.save()
    run = optimising.start_optimisation(board, ONE_PAGE_DAYS, by=manager)
    SceneElement.objects.filter(scene__production=board.production).delete()

    # Act
    optimising.perform_optimisation(run.pk)

    # Assert
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("Aucune séquence de ce plan n'a de comédiens")
    assert run.result == {}


MONDAY = datetime.date(2026, 12, 7)


def anna_away(board, start, end):
    """ANNA played by an engaged contact who is unavailable from start to end; the board dated from MONDAY."""
    board.start_date = MONDAY
    board.save()
    engagement = EngagementFactory(production=board.production, function="actor", department="cast")
    BreakdownElement.objects.filter(production=board.production, name="ANNA").update(engagement=engagement)
    Unavailability.objects.create(contact=engagement.contact, start_date=start, end_date=end, reason="Other shoot")


def anna_days(run, scenes):
    anna = {scenes[0].pk, scenes[5].pk}
    return [index for index, day in enumerate(run.result["days"]) if anna & set(day)]


def test_optimisation_run_moves_scenes_off_an_actors_unavailable_dates(
    cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange: wherever ANNA plays without constraints, she is away on those dates
    board, manager, scenes = cast_board
    board.start_date = MONDAY
    board.save()
    free = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)
    first = datetime.date.fromisoformat(free.result["dates"][anna_days(free, scenes)[0]])
    away = [
        d for d in free.result["dates"] if first.isoformat() <= d <= (first + datetime.timedelta(days=1)).isoformat()
    ]
    anna_away(board, first, first + datetime.timedelta(days=1))

    # Act
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)

    # Assert
    assert run.status == RunStatus.DONE
    assert free.result["unavailable"] == []
    assert run.result["unavailable"] == [{"actor": "ANNA", "dates": away}]
    assert not {run.result["dates"][i] for i in anna_days(run, scenes)} & set(away)
    assert anna_days(run, scenes) != anna_days(free, scenes)
    assert run.result["dates"][:2] == ["2026-12-07", "2026-12-08"]


def test_optimisation_run_actor_never_available_fails_with_the_scenes_named(
    cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange
    board, manager, _scenes = cast_board
    anna_away(board, MONDAY, MONDAY + datetime.timedelta(days=365))

    # Act
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)

    # Assert
    assert run.status == RunStatus.FAILED
    assert run.error in {
        f"Scenes {numbers} cannot be shot in the 66 shooting days until 2027-03-08: "
        "ANNA cannot work on enough of them. Check their unavailable periods."
        for numbers in ("1, 6", "6, 1")
    }


def test_apply_optimisation_keeps_the_start_date(cast_board, immediate_tasks, django_capture_on_commit_callbacks):
    # Arrange
    board, manager, _scenes = cast_board
    board.start_date = MONDAY
    board.save()
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)

    # Act
    new, _changed = optimising.apply_optimisation(run, "Plan B", by=manager)

    # Assert
    assert new.start_date == MONDAY


def test_optimisation_detail_lists_the_unavailable_dates_honoured(
    client, cast_board, immediate_tasks, django_capture_on_commit_callbacks
):
    # Arrange: ANNA is away on the first two shooting days
    board, manager, _scenes = cast_board
    anna_away(board, MONDAY, MONDAY + datetime.timedelta(days=1))
    run = run_now(board, manager, ONE_PAGE_DAYS, django_capture_on_commit_callbacks)
    client.force_login(manager)
    url = reverse("scripts:optimisation", kwargs={"pk": board.production_id, "board_pk": board.pk, "run_pk": run.pk})

    # Act
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    # Assert
    text = page.content.decode()
    assert page.status_code == 200
    assert "<li>ANNA: Mon 7 Dec, Tue 8 Dec</li>" in text
