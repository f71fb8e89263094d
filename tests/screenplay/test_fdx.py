from __future__ import annotations

import codecs
from pathlib import Path

from regie.screenplay import Kind, Tag, parse_bytes, parse_file

FIXTURE = Path(__file__).parent / "fixtures" / "last-tram.fdx"


def test_fdx_fixture_gives_numbered_scenes():
    screenplay = parse_file(FIXTURE)

    assert [(s.number, s.int_ext, s.location, s.time_of_day, s.eighths) for s in screenplay.scenes] == [
        ("1", "INT", "TRAM DEPOT", "NIGHT", 2),
        ("2", "EXT", "GRAND-PLACE", "CONTINUOUS", 1),
        ("2A", "INT", "CUISINE DE MAMIE", "DAY", 1),
    ]
    assert screenplay.format == "fdx"


def test_fdx_scene_properties_and_summary_are_kept():
    screenplay = parse_file(FIXTURE)

    assert screenplay.scenes[0].properties == {"length": "1 2/8", "page": "1", "title": "The depot"}
    assert screenplay.scenes[0].synopses == ["Noëlle counts the tickets."]


def test_fdx_breakdown_tags_belong_to_their_scene():
    screenplay = parse_file(FIXTURE)

    assert screenplay.scenes[0].tags == [
        Tag("Props", "REVOLVER"),
        Tag("Wardrobe", "YELLOW COAT"),
        Tag("Cast Members", "NOËLLE"),
    ]
    assert screenplay.scenes[1].tags == []


def test_fdx_tagged_text_is_joined_into_one_paragraph():
    screenplay = parse_file(FIXTURE)

    assert screenplay.elements[3].text == "NOËLLE counts the tickets and hides a revolver in her yellow coat."


def test_fdx_characters_dual_dialogue_and_mentions():
    screenplay = parse_file(FIXTURE)

    assert [s.characters for s in screenplay.scenes] == [["NOËLLE", "FRANÇOIS"], ["MCCOY"], []]
    assert [s.mentioned for s in screenplay.scenes] == [[], ["NOËLLE", "FRANÇOIS"], []]
    assert [e.dual for e in screenplay.elements if e.kind is Kind.CHARACTER] == [False, False, True, False]


def test_fdx_script_notes_title_page_and_shots():
    screenplay = parse_file(FIXTURE)

    assert screenplay.scenes[1].notes == ["Check the depot permit with the city."]
    assert screenplay.title_page == {"Title": "DE LAATSTE TRAM", "Text": "Written by\nAnaïs Verbeke"}
    assert [e.kind for e in screenplay.scenes[2].elements] == [Kind.SCENE_HEADING, Kind.SHOT]


def test_fdx_and_fountain_fixtures_agree_on_scenes():
    fdx = parse_file(FIXTURE)
    fountain = parse_file(FIXTURE.with_suffix(".fountain"))

    assert [s.heading for s in fdx.scenes] == [s.heading for s in fountain.scenes]
    assert fdx.characters == fountain.characters


def test_fdx_with_bom_and_crlf_gives_the_same_result():
    data = codecs.BOM_UTF8 + FIXTURE.read_bytes().replace(b"\n", b"\r\n")

    assert parse_bytes(data, "tram.fdx").to_dict() == parse_file(FIXTURE).to_dict()


def test_fdx_is_recognised_by_content_whatever_its_name():
    assert parse_bytes(FIXTURE.read_bytes(), "download.bin").format == "fdx"


def test_fdx_scenes_without_number_take_their_position():
    data = (
        b'<FinalDraft Version="1"><Content>'
        b'<Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>'
        b'<Paragraph Type="Scene Heading" Number="5"><Text>EXT. B - NIGHT</Text></Paragraph>'
        b'<Paragraph Type="Scene Heading"><Text>EXT. C - DUSK</Text></Paragraph>'
        b"</Content></FinalDraft>"
    )

    assert [s.number for s in parse_bytes(data, "x.fdx").scenes] == ["1", "5", "3"]
