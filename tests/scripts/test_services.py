"""Importing scripts: scenes, cast and tags, re-import keeping the breakdown, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from regie.accounts.roles import Role
from regie.core.models import AuditEntry
from regie.screenplay import MAX_BYTES
from regie.scripts import services
from regie.scripts.models import BreakdownElement, Category, Scene, SceneElement, ScriptImport
from tests.factories import EngagementFactory, ProductionFactory, member_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "screenplay" / "fixtures"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "scripts"

FIRST = b"""Title: De laatste tram

INT. TRAM DEPOT - NIGHT

Noelle counts the tickets.

NOELLE
Nog een rit.

EXT. GRAND-PLACE - DAY

Rain.

FRANCOIS
Wacht!

INT. KITCHEN - DAY

Empty.
"""

REVISED = b"""Title: De laatste tram

INT. TRAM DEPOT - NIGHT

Noelle counts the tickets.

NOELLE
Nog een rit.

INT. HALLWAY - NIGHT

Footsteps.

MAMIE
Wie is daar?

EXT. GRAND-PLACE - DAY

Rain. Rain. Rain. The rain goes on and on over the whole square, the cobbles shine.
The trams stop. People run. The rain goes on and on over the whole square.
The trams stop. People run. The rain goes on and on over the whole square.
The trams stop. People run. The rain goes on and on over the whole square.
The trams stop. People run. The rain goes on and on over the whole square.

FRANCOIS
Wacht!
"""


@pytest.fixture
def manager():
    production = ProductionFactory()
    return production, member_of(production, Role.PRODUCTION_MANAGER)


def scene_rows(production):
    return list(
        Scene.objects.filter(production=production).values_list(
            "number", "heading", "int_ext", "time_of_day", "removed"
        )
    )


def cast_of(scene):
    return sorted(scene.elements.filter(category=Category.CAST).values_list("name", flat=True))


def test_import_script_creates_scenes_and_cast(manager):
    # Arrange
    production, user = manager

    # Act
    record = services.import_script(production, FIRST, "tram.fountain", by=user)

    # Assert
    assert scene_rows(production) == [
        ("1", "INT. TRAM DEPOT - NIGHT", "INT", "NIGHT", False),
        ("2", "EXT. GRAND-PLACE - DAY", "EXT", "DAY", False),
        ("3", "INT. KITCHEN - DAY", "INT", "DAY", False),
    ]
    depot = Scene.objects.get(production=production, number="1")
    assert cast_of(depot) == ["NOELLE"]
    assert (record.format, record.file_name, record.uploaded_by) == ("fountain", "tram.fountain", user)
    assert record.summary["first"] is True
    entry = AuditEntry.objects.get(action="scripts.script.imported")
    assert (entry.production, entry.user) == (production, user)


def test_import_fdx_turns_tags_into_elements_by_category(manager):
    # Arrange
    production, user = manager
    data = (FIXTURES / "last-tram.fdx").read_bytes()

    # Act
    services.import_script(production, data, "last-tram.fdx", by=user)

    # Assert
    depot = Scene.objects.get(production=production, number="1")
    elements = sorted(depot.elements.values_list("category", "name"))
    assert elements == [
        (Category.CAST, "FRANÇOIS"),
        (Category.CAST, "NOËLLE"),
        (Category.COSTUMES, "YELLOW COAT"),
        (Category.PROPS, "REVOLVER"),
    ]
    assert depot.synopsis == "Noëlle counts the tickets."
    assert list(Scene.objects.filter(production=production).values_list("number", "numbered")) == [
        ("1", True),
        ("2", True),
        ("2A", True),
    ]


def test_reimport_keeps_breakdown_adds_new_scenes_marks_vanished_removed(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    depot = Scene.objects.get(production=production, heading="INT. TRAM DEPOT - NIGHT")
    kitchen = Scene.objects.get(production=production, heading="INT. KITCHEN - DAY")
    services.add_element(depot, Category.PROPS, "Ticket punch", by=user)
    key = depot.key

    # Act
    record = services.import_script(production, REVISED, "tram-v2.fountain", by=user)

    # Assert
    depot.refresh_from_db()
    kitchen.refresh_from_db()
    assert depot.key == key
    assert sorted(depot.elements.values_list("name", flat=True)) == ["NOELLE", "Ticket punch"]
    assert kitchen.removed is True
    assert scene_rows(production) == [
        ("1", "INT. TRAM DEPOT - NIGHT", "INT", "NIGHT", False),
        ("2", "INT. HALLWAY - NIGHT", "INT", "NIGHT", False),
        ("3", "EXT. GRAND-PLACE - DAY", "EXT", "DAY", False),
        ("3", "INT. KITCHEN - DAY", "INT", "DAY", True),
    ]
    summary = record.summary
    assert summary["added"] == [{"number": "2", "heading": "INT. HALLWAY - NIGHT"}]
    assert summary["removed"] == [{"number": "3", "heading": "INT. KITCHEN - DAY"}]
    assert [(c["old_number"], c["number"], c["heading"]) for c in summary["changed"]] == [
        ("2", "3", "EXT. GRAND-PLACE - DAY")
    ]
    assert summary["changed"][0]["eighths"] > summary["changed"][0]["old_eighths"]
    assert (summary["unchanged"], summary["scenes"], summary["first"]) == (1, 3, False)


def test_reimport_same_script_twice_changes_nothing(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    before = (scene_rows(production), BreakdownElement.objects.count(), SceneElement.objects.count())

    # Act
    record = services.import_script(production, FIRST, "tram.fountain", by=user)

    # Assert
    assert (scene_rows(production), BreakdownElement.objects.count(), SceneElement.objects.count()) == before
    assert (record.summary["added"], record.summary["removed"], record.summary["changed"]) == ([], [], [])
    assert record.summary["unchanged"] == 3


def test_reimport_restores_a_scene_that_comes_back(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "v1.fountain", by=user)
    services.import_script(production, REVISED, "v2.fountain", by=user)

    # Act
    record = services.import_script(production, FIRST, "v3.fountain", by=user)

    # Assert
    assert record.summary["restored"] == [{"number": "3", "heading": "INT. KITCHEN - DAY"}]
    assert Scene.objects.filter(production=production, removed=False).count() == 3


def test_elements_are_shared_across_scenes(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    first, second = Scene.objects.filter(production=production)[:2]

    # Act
    one = services.add_element(first, Category.VEHICLES, "Tram  7", by=user)
    two = services.add_element(second, Category.VEHICLES, "Tram 7", by=user)

    # Assert
    assert one == two
    assert sorted(one.scenes.values_list("number", flat=True)) == ["1", "2"]


def test_remove_element_takes_it_off_one_scene_only(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    first, second = Scene.objects.filter(production=production)[:2]
    element = services.add_element(first, Category.PROPS, "Ticket", by=user)
    services.add_element(second, Category.PROPS, "Ticket", by=user)

    # Act
    services.remove_element(first, element, by=user)

    # Assert
    assert list(element.scenes.values_list("number", flat=True)) == ["2"]
    assert AuditEntry.objects.filter(action="scripts.element.removed").count() == 1


def test_link_engagement_to_cast_element(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    element = BreakdownElement.objects.get(production=production, name="NOELLE")
    engagement = EngagementFactory(production=production)

    # Act
    services.link_engagement(element, engagement, by=user)

    # Assert
    element.refresh_from_db()
    assert element.engagement == engagement


def test_link_engagement_of_another_production_is_refused(manager):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    element = BreakdownElement.objects.get(production=production, name="NOELLE")
    other = EngagementFactory()

    # Act / Assert
    with pytest.raises(services.ScriptRefused, match="not engaged on this production"):
        services.link_engagement(element, other, by=user)
    element.refresh_from_db()
    assert element.engagement is None


BAD = [
    (b"", "Het bestand is leeg."),
    (b"%PDF-1.4 something", "Het bestand is een pdf-document"),
    (b"<html><body>hi</body></html>", "Het bestand is een webpagina (HTML), geen scenario."),
    (b"Just some words\n\nand more words.\n", "Het bestand is geen scenario"),
    (
        b'<?xml version="1.0"?>\n<FinalDraft DocumentType="Script"><Content><Paragraph Type="Scene Heading"><Text>INT',
        "Het Final Draft-bestand is beschadigd",
    ),
    (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n'
        b"<FinalDraft><Content>&lol2;</Content></FinalDraft>",
        "Het XML-bestand declareert",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_import_bad_input_refused_in_dutch_and_nothing_changed(manager, data, message):
    # Arrange
    production, user = manager
    services.import_script(production, FIRST, "tram.fountain", by=user)
    before = (scene_rows(production), BreakdownElement.objects.count(), ScriptImport.objects.count())

    # Act
    with translation.override("nl"), pytest.raises(services.ScriptRefused) as refusal:
        services.import_script(production, data, "bad.fdx" if data.startswith(b"<?xml") else "bad.txt", by=user)

    # Assert
    assert str(refusal.value).startswith(message)
    assert (scene_rows(production), BreakdownElement.objects.count(), ScriptImport.objects.count()) == before


def test_import_enormous_file_refused_without_parsing(manager):
    # Arrange
    production, user = manager
    data = b"INT. A - DAY\n\n" + b"x" * MAX_BYTES

    # Act
    with pytest.raises(services.ScriptRefused) as refusal:
        services.import_script(production, data, "huge.fountain", by=user)

    # Assert
    assert (
        str(refusal.value)
        == "The file is 20.0 MB; Regie reads screenplays up to 20.0 MB. Check that it is the right file."
    )
    assert Scene.objects.count() == 0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the screenplay corpus is not there")
def test_import_every_corpus_file_imports_or_is_refused_cleanly(manager):
    # Arrange
    production, user = manager
    files = sorted(path for path in CORPUS.rglob("*") if path.is_file() and path.suffix in {".fountain", ".fdx"})

    # Act
    outcomes = []
    for path in files:
        try:
            services.import_script(production, path.read_bytes(), path.name, by=user)
            outcomes.append("imported")
        except services.ScriptRefused:
            outcomes.append("refused")

    # Assert
    assert len(files) > 0
    assert outcomes.count("imported") > len(files) // 2
