"""Printable stripboard, breakdown sheets and day out of days, in the user's language."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.scripts import services, shooting
from regie.scripts.models import StripKind
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def dated_board(cast_board):
    board, manager, scenes = cast_board
    services.add_strip(board, StripKind.DAY_BREAK, "", expected_version=board.version, by=manager)
    board.refresh_from_db()
    shooting.set_board_schedule(
        board,
        drives_schedule=False,
        start_date=datetime.date(2027, 3, 1),
        days_off=[5, 6],
        dates_off=[],
        call_time=datetime.time(7),
        wrap_time=datetime.time(18),
        by=manager,
    )
    board.refresh_from_db()
    return board, scenes


def test_stripboard_pdf_in_the_users_language_shows_days_and_dates(client, dated_board, tmp_path):
    # Arrange
    board, _scenes = dated_board
    client.force_login(member_of(board.production, Role.CREW, language="fr"))

    # Act
    response = client.get(reverse("scripts:board_pdf", kwargs={"pk": board.production_id, "board_pk": board.pk}))

    # Assert
    text = text_of(response.content, tmp_path)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Fin du jour 1" in text
    assert "lundi 1 mars 2027" in text
    assert "SET 6" in text


def test_breakdown_pdf_has_a_sheet_per_scene(client, dated_board, tmp_path):
    # Arrange
    board, scenes = dated_board
    client.force_login(member_of(board.production, Role.CREW, language="nl"))

    # Act
    response = client.get(reverse("scripts:breakdown_pdf", kwargs={"pk": board.production_id}))

    # Assert
    text = text_of(response.content, tmp_path)
    assert text.count("\f") == len(scenes)  # one page per scene
    assert "ANNA" in text and "BRAM" in text


def test_dood_pdf_has_a_row_per_cast_member(client, dated_board, tmp_path):
    # Arrange
    board, _scenes = dated_board
    client.force_login(member_of(board.production, Role.CREW))

    # Act
    response = client.get(reverse("scripts:dood_pdf", kwargs={"pk": board.production_id, "board_pk": board.pk}))

    # Assert
    lines = [line.split() for line in text_of(response.content, tmp_path).splitlines()]
    assert ["ANNA", "SWF", "1", "0", "0", "1"] in lines
    assert ["BRAM", "SWF", "1", "0", "0", "1"] in lines
