from __future__ import annotations

import pytest

from regie.screenplay.headings import Heading, parse_heading, split_scene_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INT. HOUSE - DAY", Heading("INT", "HOUSE", "DAY")),
        ("EXT. HOUSE - NIGHT", Heading("EXT", "HOUSE", "NIGHT")),
        ("INT HOUSE DAY", Heading("INT", "HOUSE", "DAY")),
        ("INT/EXT. CAR - DUSK", Heading("INT/EXT", "CAR", "DUSK")),
        ("INT./EXT. CAR - DAWN", Heading("INT/EXT", "CAR", "DAWN")),
        ("I/E. CAR - MOMENTS LATER", Heading("INT/EXT", "CAR", "LATER")),
        ("EST. CITY SKYLINE - NIGHT", Heading("EST", "CITY SKYLINE", "NIGHT")),
        ("INT - HOUSE - DAY", Heading("INT", "HOUSE", "DAY")),
        ("INT. HOUSE - KITCHEN - CONTINUOUS", Heading("INT", "HOUSE - KITCHEN", "CONTINUOUS")),
        ("INT. HOUSE - DAY (1979)", Heading("INT", "HOUSE", "DAY")),
        ("EXT. STUDIO APARTMENT - NEXT DAY", Heading("EXT", "STUDIO APARTMENT", "DAY")),
        ("int. attic \u2013 night", Heading("INT", "attic", "NIGHT")),
        ("INT. CUISINE - JOUR", Heading("INT", "CUISINE", "DAY")),
        ("EXT. GRAND-PLACE \u2014 NUIT", Heading("EXT", "GRAND-PLACE", "NIGHT")),
        ("INT. JOUR - CUISINE", Heading("INT", "CUISINE", "DAY")),
        ("EXT. PLAGE - CRÉPUSCULE", Heading("EXT", "PLAGE", "DUSK")),
        ("INT. BUREAU - PLUS TARD", Heading("INT", "BUREAU", "LATER")),
        ("BINNEN. KEUKEN - DAG", Heading("INT", "KEUKEN", "DAY")),
        ("BUITEN. KERKHOF - NACHT", Heading("EXT", "KERKHOF", "NIGHT")),
        ("BI/BU. AUTO - AVOND", Heading("INT/EXT", "AUTO", "EVENING")),
        ("INT. SPACESHIP", Heading("INT", "SPACESHIP", "")),
        ("KITCHEN", Heading("", "KITCHEN", "")),
        ("SNIPER SCOPE POV", Heading("", "SNIPER SCOPE POV", "")),
    ],
)
def test_parse_heading_splits_int_ext_location_and_time(text, expected):
    assert parse_heading(text) == expected


def test_parse_heading_keeps_an_unknown_time_in_the_location():
    assert parse_heading("EXT. FIELD - HIGH NOON") == Heading("EXT", "FIELD - HIGH NOON", "")


def test_split_scene_number_takes_the_trailing_hashes():
    assert split_scene_number("INT. HOUSE - DAY - FLASHBACK (1944) #110A#") == (
        "INT. HOUSE - DAY - FLASHBACK (1944)",
        "110A",
    )
    assert split_scene_number("INT. HOUSE - DAY") == ("INT. HOUSE - DAY", "")
