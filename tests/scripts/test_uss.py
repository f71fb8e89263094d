"""USS schedules: import into scenes, breakdown and boards; export; round trip; malformed files."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.accounts.roles import Role
from regie.scripts import transfer
from regie.scripts.models import Board, BreakdownElement, Scene, StripKind
from tests.factories import ProductionFactory, member_of

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "two_days.uss.json"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "schedules" / "uss"


@pytest.fixture
def manager():
    production = ProductionFactory()
    return member_of(production, Role.PRODUCTION_MANAGER), production


def strips_of(board):
    out = []
    for strip in board.strips.select_related("scene").order_by("position"):
        if strip.kind == StripKind.SCENE:
            out.append(strip.scene.number)
        elif strip.kind == StripKind.DAY_BREAK:
            out.append("|")
        else:
            out.append(f"[{strip.text}]")
    return out


def breakdown_of(production):
    return {
        scene.number: (
            scene.heading,
            scene.eighths,
            sorted((e.category, e.name) for e in scene.elements.all()),
        )
        for scene in Scene.objects.filter(production=production).prefetch_related("elements")
    }


def test_import_uss_makes_scenes_elements_and_a_board_with_days(manager):
    # Arrange
    user, production = manager

    # Act
    [board] = transfer.import_uss(production, FIXTURE.read_bytes(), by=user)

    # Assert
    assert strips_of(board) == ["[Week 1]", "1", "2", "|", "3", "|"]
    assert breakdown_of(production) == {
        "1": ("INT. TRAM DEPOT - NIGHT", 11, [("cast", "NOËLLE"), ("props", "Tram ticket")]),
        "2": ("EXT. GRAND-PLACE - DAY", 4, [("cast", "FRANÇOIS"), ("cast", "NOËLLE")]),
        "3": ("INT. KITCHEN - DAY", 16, [("animals", "Dog"), ("cast", "FRANÇOIS")]),
    }
    assert (board.name, board.start_date, board.days_off, board.dates_off) == (
        "First pass",
        datetime.date(2027, 3, 1),
        [5, 6],
        ["2027-03-03"],
    )


def test_export_then_import_gives_the_same_board(manager):
    # Arrange
    user, production = manager
    [board] = transfer.import_uss(production, FIXTURE.read_bytes(), by=user)
    other = ProductionFactory(organisation=production.organisation)

    # Act
    exported = json.dumps(transfer.export_board(board)).encode()
    [copy] = transfer.import_uss(other, exported, by=user)

    # Assert
    assert strips_of(copy) == strips_of(board)
    assert breakdown_of(other) == breakdown_of(production)
    assert (copy.start_date, copy.days_off, copy.dates_off) == (board.start_date, board.days_off, board.dates_off)


def test_export_board_without_days_and_a_travel_day_round_trips(manager):
    # Arrange: a board with no end of day, then one with a travel day
    user, production = manager
    [board] = transfer.import_uss(production, FIXTURE.read_bytes(), by=user)
    board.strips.filter(kind=StripKind.DAY_BREAK).delete()
    travel = board.strips.create(kind=StripKind.TRAVEL, text="To Liège", position=99)
    other = ProductionFactory(organisation=production.organisation)

    # Act
    [copy] = transfer.import_uss(other, json.dumps(transfer.export_board(board)).encode(), by=user)

    # Assert
    assert strips_of(board) == ["[Week 1]", "1", "2", "3", "[To Liège]"]
    assert strips_of(copy) == ["[Week 1]", "1", "2", "3", "[To Liège]"]
    assert copy.strips.get(text="To Liège").kind == travel.kind


def test_import_uss_twice_reuses_scenes_and_elements(manager):
    # Arrange
    user, production = manager
    transfer.import_uss(production, FIXTURE.read_bytes(), by=user)

    # Act
    transfer.import_uss(production, FIXTURE.read_bytes(), by=user)

    # Assert
    assert Scene.objects.filter(production=production).count() == 3
    assert BreakdownElement.objects.filter(production=production).count() == 4
    assert Board.objects.filter(production=production).count() == 2


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda d: d.replace(b'"universalScheduleStandard"', b'"schedule"'), "no universalScheduleStandard object"),
        (lambda d: d[:200], "The file is not JSON"),
        (
            lambda d: d.replace(b'"e-dog"]', b'"e-cat"]'),
            "breakdown 4 (scene 3) refers to element e-cat, which the file does not define.",
        ),
        (
            lambda d: d.replace(b'"type": "scene", "scene": "3"', b'"scene": "3"'),
            "breakdown 4 (scene 3) needs an id and a type (strip, banner or day).",
        ),
        (
            lambda d: d.replace(b'[["b-banner", "b-1", "b-2"], ["b-3"]]', b'[["b-1"], ["b-9"]]'),
            "Stripboard First pass lists breakdown b-9, which the file does not define.",
        ),
        (
            lambda d: d.replace(b'"category": "c-props"', b'"category": "c-nope"'),
            "Element 10 (Tram ticket) is in category c-nope, which the file does not define.",
        ),
        (lambda d: d.replace(b'"pages": 2,', b'"pages": "two",'), "pages must be a number"),
    ],
)
def test_import_uss_malformed_file_says_what_is_wrong_and_changes_nothing(manager, mutate, problem):
    # Arrange
    user, production = manager
    data = mutate(FIXTURE.read_bytes())

    # Act
    with pytest.raises(transfer.UssRefused) as refusal:
        transfer.import_uss(production, data, by=user)

    # Assert
    assert any(problem in line for line in refusal.value.problems), refusal.value.problems
    assert Scene.objects.filter(production=production).count() == 0
    assert Board.objects.filter(production=production).count() == 0


def test_import_uss_lists_every_faulty_item(manager):
    # Arrange
    user, production = manager
    data = FIXTURE.read_bytes().replace(b'"e-dog"]', b'"e-cat"]').replace(b'"category": "c-props"', b'"category": "x"')

    # Act
    with pytest.raises(transfer.UssRefused) as refusal:
        transfer.import_uss(production, data, by=user)

    # Assert
    assert refusal.value.problems == [
        "Element 10 (Tram ticket) is in category x, which the file does not define.",
        "breakdown 2 (scene 1) refers to element e-ticket, which the file does not define.",
        "breakdown 4 (scene 3) refers to element e-cat, which the file does not define.",
    ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the USS samples of ../shared/corpora/schedules/uss are not here")
@pytest.mark.parametrize(
    ("name", "boards", "scenes"),
    [
        ("small_sample_schedule.uss.json", ["Script Order", "First Pass"], 1),
        ("eisf-2021_schedule.uss.json", ["Script Order", "The name of this stripboard"], 1),
        ("full_sample_schedule.uss.json", ["Script Order", "First Pass", "Second Pass", "Rev. WHITE"], 172),
    ],
)
def test_import_uss_reads_the_shared_samples(manager, name, boards, scenes):
    # Arrange
    user, production = manager

    # Act
    imported = transfer.import_uss(production, (CORPUS / name).read_bytes(), by=user)

    # Assert
    assert [board.name for board in imported] == boards
    assert Scene.objects.filter(production=production).count() == scenes


def test_uss_import_view_shows_the_problems(client, manager):
    # Arrange
    user, production = manager
    client.force_login(user)
    upload = SimpleUploadedFile("bad.uss.json", FIXTURE.read_bytes().replace(b'"e-dog"]', b'"e-cat"]'))

    # Act
    response = client.post(reverse("scripts:uss_import", kwargs={"pk": production.pk}), {"file": upload})

    # Assert
    assert response.status_code == 400
    assert "refers to element e-cat, which the file does not define." in response.content.decode()
    assert Board.objects.filter(production=production).count() == 0


def test_uss_import_view_then_export_view(client, manager):
    # Arrange
    user, production = manager
    client.force_login(user)
    upload = SimpleUploadedFile("two.uss.json", FIXTURE.read_bytes())

    # Act
    response = client.post(reverse("scripts:uss_import", kwargs={"pk": production.pk}), {"file": upload})
    board = Board.objects.get(production=production)
    exported = client.get(reverse("scripts:board_uss", kwargs={"pk": production.pk, "board_pk": board.pk}))

    # Assert
    assert response.status_code == 302
    assert exported["Content-Disposition"] == 'attachment; filename="first-pass.uss.json"'
    document = json.loads(exported.content)["universalScheduleStandard"]
    assert [len(day) for day in document["stripboards"][0]["boards"][0]["breakdownArrays"]] == [3, 1]
