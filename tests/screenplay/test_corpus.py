"""The parser over the shared corpus of real screenplays (../shared/corpora/scripts/, see its SOURCES.md).

Every file either parses or gets a ScreenplayError; none may crash. What is refused, and why:
- other-formats/: Open Screenplay Format XML (.osf) and Fade In (.fadein, a ZIP of OSF) are not
  Fountain or FDX; they get the "unsupported" message that asks for a Fountain or FDX export;
- fragments of the Fountain and screenplain syntax test suites that hold neither a scene heading
  nor dialogue (only notes, sections, transitions, a title page…) get "not_a_screenplay".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regie.screenplay import ScreenplayError, parse_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "scripts"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the screenplay corpus is not at {CORPUS}")

NO_SCENE_NOR_DIALOGUE = [
    "fdx/afterwriting/note.fdx",
    "fdx/screenplain/extended-characters.fdx",
    "fdx/screenplain/forced-action.fdx",
    "fountain/afterwriting/fdx-pair-note.fountain",
    "fountain/nyousefi-Fountain/Boneyard.fountain",
    "fountain/nyousefi-Fountain/CenteredText.fountain",
    "fountain/nyousefi-Fountain/MultilineAction.fountain",
    "fountain/nyousefi-Fountain/Notes.fountain",
    "fountain/nyousefi-Fountain/PageBreaks.fountain",
    "fountain/nyousefi-Fountain/SectionHeaders.fountain",
    "fountain/nyousefi-Fountain/Synopses.fountain",
    "fountain/nyousefi-Fountain/Transitions.fountain",
    "fountain/screenplain/extended-characters.fountain",
    "fountain/screenplain/forced-action.fountain",
    "fountain/screenplain/forced-transition.fountain",
    "fountain/screenplain/notes.fountain",
    "fountain/screenplain/title-page.fountain",
]

# (Fountain file, FDX file, scenes in both). scripttool's testplay FDX files are named apart from
# their Fountain source: testplay-01b.fdx is testplay-01.fountain, testplay-01a.fdx is testplay-02.fountain
# (whose forced heading ".FADE IN:" is a Scene Heading paragraph in the FDX too).
PAIRS = [
    ("fountain-io-samples/Brick-and-Steel.fountain", "fountain-io-samples/Brick-and-Steel.fdx", 8),
    ("fountain-io-samples/The-Last-Birthday-Card.fountain", "fountain-io-samples/The-Last-Birthday-Card.fdx", 48),
    ("scripttool/sample-01.fountain", "scripttool/sample-01.fdx", 1),
    ("scripttool/sample-02.fountain", "scripttool/sample-02.fdx", 3),
    ("scripttool/sample-03.fountain", "scripttool/sample-03.fdx", 1),
    ("scripttool/sample-04.fountain", "scripttool/sample-04.fdx", 2),
    ("scripttool/sample-05.fountain", "scripttool/sample-05.fdx", 2),
    ("scripttool/sample-06.fountain", "scripttool/sample-06.fdx", 3),
    ("scripttool/testplay-01.fountain", "scripttool/testplay-01b.fdx", 2),
    ("scripttool/testplay-02.fountain", "scripttool/testplay-01a.fdx", 1),
    ("screenplain/simple.fountain", "screenplain/simple.fdx", 1),
    ("screenplain/indentation.fountain", "screenplain/indentation.fdx", 1),
    ("screenplain/dialogue.fountain", "screenplain/dialogue.fdx", 0),
    ("screenplain/dialogue-with-blank-line.fountain", "screenplain/dialogue-with-blank-line.fdx", 0),
    ("screenplain/dual-dialogue.fountain", "screenplain/dual-dialogue.fdx", 0),
    ("screenplain/parenthetical.fountain", "screenplain/parenthetical.fdx", 0),
    ("afterwriting/fdx-pair-header_note.fountain", "afterwriting/header_note.fdx", 1),
    ("afterwriting/fdx-pair-synopsis.fountain", "afterwriting/synopsis.fdx", 1),
]
# Both sides refused alike: neither has a scene heading nor dialogue.
REFUSED_PAIRS = [
    ("screenplain/extended-characters.fountain", "screenplain/extended-characters.fdx"),
    ("screenplain/forced-action.fountain", "screenplain/forced-action.fdx"),
    ("afterwriting/fdx-pair-note.fountain", "afterwriting/note.fdx"),
]


def outcome(path: Path) -> int | str:
    """The number of scenes, or the error code."""
    try:
        return len(parse_file(path).scenes)
    except ScreenplayError as error:
        return error.code


def test_corpus_every_file_parses_or_is_refused_with_a_reason():
    files = sorted(path for path in CORPUS.rglob("*") if path.is_file())

    refused = {str(path.relative_to(CORPUS)): outcome(path) for path in files}
    refused = {name: result for name, result in refused.items() if isinstance(result, str)}

    expected = dict.fromkeys(NO_SCENE_NOR_DIALOGUE, "not_a_screenplay")
    expected.update({str(p.relative_to(CORPUS)): "unsupported" for p in files if "other-formats" in p.parts})
    assert refused == expected


@pytest.mark.parametrize(("fountain", "fdx", "scenes"), PAIRS)
def test_corpus_pairs_have_the_same_scene_count(fountain, fdx, scenes):
    assert (outcome(CORPUS / "fountain" / fountain), outcome(CORPUS / "fdx" / fdx)) == (scenes, scenes)


@pytest.mark.parametrize(("fountain", "fdx"), REFUSED_PAIRS)
def test_corpus_pairs_without_scenes_are_refused_alike(fountain, fdx):
    assert outcome(CORPUS / "fountain" / fountain) == outcome(CORPUS / "fdx" / fdx) == "not_a_screenplay"


@pytest.mark.parametrize("name", ["Brick-and-Steel", "The-Last-Birthday-Card"])
def test_corpus_fountain_io_samples_agree_scene_by_scene(name):
    fountain = parse_file(CORPUS / "fountain" / "fountain-io-samples" / f"{name}.fountain")
    fdx = parse_file(CORPUS / "fdx" / "fountain-io-samples" / f"{name}.fdx")

    def rows(screenplay):
        return [(s.heading, s.int_ext, s.location, s.time_of_day, s.characters, s.mentioned) for s in screenplay.scenes]

    assert rows(fountain) == rows(fdx)
    assert fountain.characters == fdx.characters


def test_corpus_brick_and_steel_reads_as_expected():
    screenplay = parse_file(CORPUS / "fountain" / "fountain-io-samples" / "Brick-and-Steel.fountain")

    assert [(s.number, s.int_ext, s.location, s.time_of_day) for s in screenplay.scenes] == [
        ("1", "EXT", "BRICK'S PATIO", "DAY"),
        ("2", "INT", "TRAILER HOME", "DAY"),
        ("3", "EXT", "BRICK'S POOL", "DAY"),
        ("4", "", "SNIPER SCOPE POV", ""),
        ("5", "", "OPENING TITLES", ""),
        ("6", "EXT", "WOODEN SHACK", "DAY"),
        ("7", "INT", "GARAGE", "DAY"),
        ("8", "EXT", "PALATIAL MANSION", "DAY"),
    ]
    assert screenplay.title_page["Author"] == "Stu Maschwitz"


def test_corpus_bom_and_crlf_file_reads_its_scene():
    screenplay = parse_file(CORPUS / "fountain" / "screenplain" / "utf-8-bom.fountain")

    assert [s.heading for s in screenplay.scenes] == ["EXT. SOMEWHERE - DAY"]
    assert screenplay.characters == ["GUY", "GURL"]


def test_corpus_estimated_lengths_against_final_draft_stored_lengths():
    """Final Draft stores each scene's length in SceneProperties; our estimate differs on two scenes.

    sample-02 scene 1 (8 lines by our count, 2/8 in Final Draft) and sample-05 scene 2 (14 lines,
    3/8) come out 1/8 lower: 8 and 14 lines are 1.16 and 2.04 eighths, which we round to the
    nearest eighth where Final Draft seems to round up.
    """
    found = []
    for path in sorted((CORPUS / "fdx").rglob("*.fdx")):
        for scene in parse_file(path).scenes if outcome(path) != "not_a_screenplay" else []:
            if "length" in scene.properties:
                found.append((path.stem, scene.number, scene.length, scene.properties["length"]))

    assert [row for row in found if row[2] != row[3]] == [
        ("sample-02", "1", "1/8", "2/8"),
        ("sample-05", "2", "2/8", "3/8"),
    ]
    assert len(found) == 13
