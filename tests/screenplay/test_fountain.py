from __future__ import annotations

import codecs
from pathlib import Path

from regie.screenplay import Kind, parse_bytes, parse_file

FIXTURE = Path(__file__).parent / "fixtures" / "last-tram.fountain"


def scene_rows(screenplay):
    return [(s.number, s.int_ext, s.location, s.time_of_day, s.eighths) for s in screenplay.scenes]


def test_fountain_fixture_gives_scenes_with_numbers_headings_and_lengths():
    screenplay = parse_file(FIXTURE)

    assert scene_rows(screenplay) == [
        ("1", "INT", "TRAM DEPOT", "NIGHT", 2),
        ("2", "EXT", "GRAND-PLACE", "CONTINUOUS", 2),
        ("2A", "INT", "CUISINE DE MAMIE", "DAY", 1),
    ]


def test_fountain_fixture_reads_every_element_kind():
    screenplay = parse_file(FIXTURE)

    assert [(e.kind, e.text) for e in screenplay.elements] == [
        (Kind.SECTION, "Act One"),
        (Kind.SYNOPSIS, "Noëlle misses the last tram home."),
        (Kind.SCENE_HEADING, "INT. TRAM DEPOT - NIGHT"),
        (Kind.SYNOPSIS, "Noëlle counts the tickets."),
        (Kind.ACTION, "NOËLLE (30s), a driver in a yellow coat, counts the tickets. FRANÇOIS watches her."),
        (Kind.CHARACTER, "NOËLLE"),
        (Kind.PARENTHETICAL, "(to herself)"),
        (Kind.DIALOGUE, "Nog één rit."),
        (Kind.CHARACTER, "FRANÇOIS (O.S.)"),
        (Kind.DIALOGUE, "Tu rentres à pied ?"),
        (Kind.NOTE, "Check the depot permit with the city."),
        (Kind.CHARACTER, "NOËLLE"),
        (Kind.DIALOGUE, "Ja."),
        (Kind.TRANSITION, "CUT TO:"),
        (Kind.SECTION, "Sequence Two"),
        (Kind.SCENE_HEADING, "EXT. GRAND-PLACE - CONTINUOUS"),
        (Kind.ACTION, "Rain on the cobbles. Noëlle runs past FRANÇOIS."),
        (Kind.CHARACTER, "McCOY"),
        (Kind.DIALOGUE, "Wait!"),
        (Kind.LYRICS, "Sous la pluie de Bruxelles"),
        (Kind.TRANSITION, "FADE OUT."),
        (Kind.PAGE_BREAK, ""),
        (Kind.SCENE_HEADING, "INT. JOUR - CUISINE DE MAMIE"),
        (Kind.ACTION, "INT. THIS LINE IS ACTION"),
        (Kind.CENTERED, "THE END"),
    ]


def test_fountain_title_page_keeps_keys_and_indented_values():
    screenplay = parse_file(FIXTURE)

    assert screenplay.title_page == {
        "Title": "De Laatste Tram",
        "Credit": "Written by",
        "Author": "Anaïs Verbeke",
        "Draft date": "25/11/2026",
        "Contact": "Regie Productions\nRue de la Régence 1, Bruxelles",
    }


def test_fountain_characters_drop_extensions_and_dual_mark():
    screenplay = parse_file(FIXTURE)

    assert screenplay.characters == ["NOËLLE", "FRANÇOIS", "MCCOY"]
    assert [s.characters for s in screenplay.scenes] == [["NOËLLE", "FRANÇOIS"], ["MCCOY"], []]
    assert [e.dual for e in screenplay.elements if e.kind is Kind.CHARACTER] == [False, False, True, False]


def test_fountain_mentioned_characters_are_named_in_action_but_silent():
    screenplay = parse_file(FIXTURE)

    assert [s.mentioned for s in screenplay.scenes] == [[], ["NOËLLE", "FRANÇOIS"], []]


def test_fountain_notes_and_synopses_belong_to_their_scene():
    screenplay = parse_file(FIXTURE)

    assert screenplay.scenes[0].notes == ["Check the depot permit with the city."]
    assert screenplay.scenes[0].synopses == ["Noëlle counts the tickets."]
    assert [e.level for e in screenplay.elements if e.kind is Kind.SECTION] == [1, 2]


def test_fountain_boneyard_hides_its_scene():
    screenplay = parse_file(FIXTURE)

    assert "INT. BAKERY - DAY" not in [s.heading for s in screenplay.scenes]
    assert "BAKER" not in screenplay.characters


def test_fountain_bom_and_crlf_give_the_same_result():
    text = FIXTURE.read_text(encoding="utf-8")
    data = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")

    assert parse_bytes(data, "tram.fountain").to_dict() == parse_file(FIXTURE).to_dict()


def test_fountain_windows_1252_is_decoded():
    text = FIXTURE.read_text(encoding="utf-8")

    assert parse_bytes(text.encode("cp1252"), "tram.txt").to_dict() == parse_file(FIXTURE).to_dict()


def test_fountain_utf16_with_bom_is_decoded():
    text = FIXTURE.read_text(encoding="utf-8")

    assert parse_bytes(text.encode("utf-16"), "tram.fountain").to_dict() == parse_file(FIXTURE).to_dict()


def test_fountain_without_title_page_starts_with_the_script():
    screenplay = parse_bytes(b"FADE IN:\n\nEXT. PARK - DAY\n\nBirds.\n", "park.fountain")

    assert screenplay.title_page == {}
    assert [(e.kind, e.text) for e in screenplay.elements[:2]] == [
        (Kind.ACTION, "FADE IN:"),
        (Kind.SCENE_HEADING, "EXT. PARK - DAY"),
    ]


def test_fountain_scene_numbers_take_every_spec_form():
    text = "\n\n".join(f"INT. HOUSE - DAY #{number}#" for number in ("1", "1A", "1a", "A1", "I-1-A", "1.", "110A"))

    screenplay = parse_bytes(text.encode(), "numbers.fountain")

    assert [s.number for s in screenplay.scenes] == ["1", "1A", "1a", "A1", "I-1-A", "1.", "110A"]


def test_fountain_unnumbered_scenes_take_their_position():
    text = "INT. A - DAY #7#\n\nGo.\n\nINT. B - DAY\n\nGo.\n\nINT. C - DAY #9B#\n\nGo.\n"

    screenplay = parse_bytes(text.encode(), "numbers.fountain")

    assert [s.number for s in screenplay.scenes] == ["7", "2", "9B"]


def test_fountain_heading_needs_blank_lines_around_it():
    text = "INT. HOUSE - DAY\nEXT. HOUSE - DAY\n\nINT. GARDEN - NIGHT\n\n... not a heading.\n\nint. attic - day\n"

    screenplay = parse_bytes(text.encode(), "headings.fountain")

    assert [s.heading for s in screenplay.scenes] == ["INT. GARDEN - NIGHT", "int. attic - day"]


def test_fountain_notes_span_lines_but_not_blank_lines():
    text = "INT. ROOM - DAY\n\nBefore [[a note\nover two lines]]after.\n\nNot [[a note\n\nbecause of the blank line]]\n"

    screenplay = parse_bytes(text.encode(), "notes.fountain")

    assert screenplay.scenes[0].notes == ["a note over two lines"]
    assert [e.text for e in screenplay.elements if e.kind is Kind.ACTION] == [
        "Before after.",
        "Not [[a note",
        "because of the blank line]]",
    ]


def test_fountain_character_rules_follow_the_spec():
    text = (
        "INT. ROOM - DAY\n\n"
        "23 (O.S.)\nA cue needs a letter.\n\n"
        "BOSS, 40 (or so), an ageless\nface.\n\n"
        "EVE (cont'd)\nHello.\n\n"
        "@McDUCK\nI'm vegan.\n\n"
        "ADAM\nOne line\n  \nstill Adam.\n"
    )

    screenplay = parse_bytes(text.encode(), "cues.fountain")

    assert screenplay.characters == ["EVE", "MCDUCK", "ADAM"]
    assert screenplay.elements[-1].text == "One line\n\nstill Adam."


def test_fountain_emphasis_marks_are_removed():
    text = "INT. ROOM - DAY\n\nShe is *very* **bold** and _under_, 2 \\* 3.\n"

    screenplay = parse_bytes(text.encode(), "emphasis.fountain")

    assert screenplay.elements[1].text == "She is very bold and under, 2 * 3."


def test_fountain_japanese_heading_with_ideographic_stop_is_a_scene():
    text = "Title\uff1a映画\n\nINT\u3002 病院-日\n\nジョンが入院。\n"

    screenplay = parse_bytes(text.encode(), "jp.fountain")

    assert screenplay.title_page == {"Title": "映画"}
    assert [(s.int_ext, s.location) for s in screenplay.scenes] == [("INT", "病院-日")]


def test_fountain_private_use_characters_cannot_fake_a_note():
    text = "INT. ROOM - DAY\n\nA \ue0009\ue001 B [[real]]\n"

    screenplay = parse_bytes(text.encode(), "private.fountain")

    assert [(e.kind, e.text) for e in screenplay.elements[1:]] == [(Kind.ACTION, "A 9 B"), (Kind.NOTE, "real")]


def test_fountain_note_before_the_title_page_is_kept():
    text = "[[Script note.\n- one\n]]\n\nTitle: Noord\nAuthor: An\n\nEXT. DIJK - DAG\n\nWind.\n"

    screenplay = parse_bytes(text.encode(), "noord.fountain")

    assert screenplay.title_page == {"Title": "Noord", "Author": "An"}
    assert (screenplay.elements[0].kind, screenplay.elements[0].text) == (Kind.NOTE, "Script note. - one")
    assert [(s.int_ext, s.location, s.time_of_day) for s in screenplay.scenes] == [("EXT", "DIJK", "DAY")]


def test_fountain_sung_lines_in_dialogue_stay_dialogue():
    text = "INT. BAR - NIGHT\n\nSINGER\n~These are the songs\n~That I sing.\n"

    screenplay = parse_bytes(text.encode(), "song.fountain")

    assert [(e.kind, e.text) for e in screenplay.elements[1:]] == [
        (Kind.CHARACTER, "SINGER"),
        (Kind.DIALOGUE, "These are the songs\nThat I sing."),
    ]
