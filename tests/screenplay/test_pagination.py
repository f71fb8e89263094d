from __future__ import annotations

import pytest

from regie.screenplay import Element, Kind, format_eighths
from regie.screenplay.pagination import count_lines, eighths, wrapped_lines


@pytest.mark.parametrize(("eighths_", "expected"), [(1, "1/8"), (4, "4/8"), (8, "1"), (11, "1 3/8"), (16, "2")])
def test_format_eighths_writes_pages_and_eighths(eighths_, expected):
    assert format_eighths(eighths_) == expected


@pytest.mark.parametrize(("lines", "expected"), [(0, 1), (4, 1), (10, 1), (11, 2), (55, 8), (62, 9), (110, 16)])
def test_eighths_round_lines_over_55_a_page(lines, expected):
    assert eighths(lines) == expected


def test_wrapped_lines_wrap_words_and_count_empty_lines():
    assert wrapped_lines("word " * 30, 60) == 3
    assert wrapped_lines("one\n\nthree", 60) == 3


def test_count_lines_counts_blank_lines_before_elements_but_not_inside_speeches():
    scene = [
        Element(Kind.SCENE_HEADING, "INT. ROOM - DAY"),  # 1 + two blanks
        Element(Kind.ACTION, "x" * 10 + " " + "y" * 55),  # 2 lines + blank
        Element(Kind.CHARACTER, "ANNA"),  # 1 + blank
        Element(Kind.PARENTHETICAL, "(softly)"),  # 1
        Element(Kind.DIALOGUE, "word " * 10),  # 50 characters at 35: 2
        Element(Kind.NOTE, "not printed"),  # 0
        Element(Kind.TRANSITION, "CUT TO:"),  # 1 + blank
    ]

    assert count_lines(scene) == 13


def test_count_lines_prints_dual_dialogue_side_by_side():
    left = [Element(Kind.CHARACTER, "ANNA"), Element(Kind.DIALOGUE, "Yes.")]  # 3 lines
    right = [Element(Kind.CHARACTER, "BOB", dual=True), Element(Kind.DIALOGUE, "word " * 20, dual=True)]  # 5

    assert count_lines(left + right) == 5
    assert count_lines([right[0], Element(Kind.DIALOGUE, "No.", dual=True)]) == 3
