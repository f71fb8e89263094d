from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

FIXTURES = Path(__file__).parent / "fixtures"


def test_script_parse_json_prints_the_scenes():
    out = StringIO()

    call_command("script", "parse", str(FIXTURES / "last-tram.fountain"), "--json", stdout=out)

    data = json.loads(out.getvalue())
    assert [(s["number"], s["location"], s["length"]) for s in data["scenes"]] == [
        ("1", "TRAM DEPOT", "2/8"),
        ("2", "GRAND-PLACE", "2/8"),
        ("2A", "CUISINE DE MAMIE", "1/8"),
    ]
    assert (data["format"], data["scene_count"], data["length"]) == ("fountain", 3, "5/8")
    assert "elements" not in data["scenes"][0]


def test_script_parse_json_with_elements_lists_them():
    out = StringIO()

    call_command("script", "parse", str(FIXTURES / "last-tram.fdx"), "--json", "--elements", stdout=out)

    data = json.loads(out.getvalue())
    scene = data["scenes"][0]
    assert data["preamble"] == [{"kind": "action", "text": "FADE IN:"}]
    assert scene["elements"][0] == {"kind": "scene_heading", "text": "INT. TRAM DEPOT - NIGHT"}
    assert scene["tags"][0] == {"category": "Props", "label": "REVOLVER"}


def test_script_parse_table_shows_one_row_a_scene():
    out = StringIO()

    call_command("script", "parse", str(FIXTURES / "last-tram.fdx"), stdout=out)

    assert out.getvalue().splitlines() == [
        "#   I/E  LOCATION          TIME        PAGES  CHARACTERS",
        "1   INT  TRAM DEPOT        NIGHT       2/8    NOËLLE, FRANÇOIS",
        "2   EXT  GRAND-PLACE       CONTINUOUS  1/8    MCCOY",
        "2A  INT  CUISINE DE MAMIE  DAY         1/8",
        "",
        "DE LAATSTE TRAM: 3 scenes, 4/8 pages, 3 speaking characters (fdx).",
    ]


def test_script_parse_bad_file_raises_the_parser_message(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body>Not a script</body></html>")

    with pytest.raises(CommandError, match=r"^The file is a web page \(HTML\), not a screenplay\.$"):
        call_command("script", "parse", str(path))


def test_script_parse_bad_file_exits_non_zero_with_one_line(tmp_path, capsys):
    path = tmp_path / "empty.fdx"
    path.write_bytes(b"")

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["regie", "script", "parse", str(path)])

    assert exited.value.code == 1
    assert capsys.readouterr().err == "CommandError: The file is empty.\n"
