"""The pure rule that matches the scenes of a revised script to those already imported."""

from __future__ import annotations

from regie.scripts.matching import Existing, Incoming, match_scenes


def test_match_scenes_by_number_when_numbered():
    # Arrange
    existing = [Existing("a", "1", True, "INT. A - DAY", 1), Existing("b", "2", True, "INT. B - DAY", 2)]
    incoming = [Incoming("2", True, "INT. B - NIGHT"), Incoming("1", True, "INT. A - DAY")]

    # Act
    result = match_scenes(existing, incoming)

    # Assert
    assert result == ["b", "a"]


def test_match_scenes_by_heading_in_order_when_unnumbered():
    # Arrange
    existing = [
        Existing("a", "1", False, "INT. KITCHEN - DAY", 1),
        Existing("b", "2", False, "EXT. STREET - NIGHT", 2),
        Existing("c", "3", False, "INT. KITCHEN - DAY", 3),
    ]
    incoming = [
        Incoming("1", False, "INT. NEW ROOM - DAY"),
        Incoming("2", False, "int.  kitchen - day"),
        Incoming("3", False, "INT. KITCHEN - DAY"),
    ]

    # Act
    result = match_scenes(existing, incoming)

    # Assert
    assert result == [None, "a", "c"]


def test_match_scenes_unnumbered_new_script_against_numbered_old_falls_back_to_heading():
    # Arrange
    existing = [Existing("a", "5", True, "INT. A - DAY", 1)]
    incoming = [Incoming("1", False, "INT. A - DAY"), Incoming("2", False, "INT. A - DAY")]

    # Act
    result = match_scenes(existing, incoming)

    # Assert
    assert result == ["a", None]
