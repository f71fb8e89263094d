"""Files that are not screenplays get one ScreenplayError with a clear message, never a crash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from regie.screenplay import MAX_BYTES, ScreenplayError, parse_bytes, parse_file

FDX = Path(__file__).parent / "fixtures" / "last-tram.fdx"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol9;</Text></Paragraph></Content></FinalDraft>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&secret;</Text></Paragraph></Content></FinalDraft>
"""


def error_of(data: bytes, filename: str) -> ScreenplayError:
    with pytest.raises(ScreenplayError) as caught:
        parse_bytes(data, filename)
    return caught.value


def test_bad_input_html_page_is_refused():
    error = error_of(b"<!DOCTYPE html>\n<html><body><h1>Script</h1></body></html>", "script.fountain")

    assert (error.code, str(error)) == ("web_page", "The file is a web page (HTML), not a screenplay.")


def test_bad_input_truncated_fdx_is_damaged():
    data = FDX.read_bytes()

    error = error_of(data[: len(data) // 2], "tram.fdx")

    assert error.code == "xml_invalid"
    assert str(error).startswith("The Final Draft file is damaged or cut short: its XML is not well formed (")


def test_bad_input_billion_laughs_is_refused_before_expanding():
    error = error_of(BILLION_LAUGHS, "bomb.fdx")

    assert error.code == "xml_unsafe"
    assert str(error) == (
        "The XML file declares a document type or entities, which a Final Draft file never does; "
        "it was refused for safety."
    )


def test_bad_input_external_entity_is_refused():
    assert error_of(EXTERNAL_ENTITY, "secret.xml").code == "xml_unsafe"


def test_bad_input_too_large_bytes_are_refused_unread():
    error = error_of(b"x" * (25 * 1024 * 1024), "huge.fountain")

    assert (error.code, str(error)) == (
        "too_large",
        "The file is 25.0 MB; Regie reads screenplays up to 20 MB. Check that it is the right file.",
    )


def test_bad_input_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.fountain"
    with path.open("wb") as stream:
        stream.truncate(25 * 1024 * 1024)  # sparse: nothing written

    with pytest.raises(ScreenplayError) as caught:
        parse_file(path)

    assert caught.value.code == "too_large"


def test_bad_input_limit_is_twenty_megabytes():
    assert MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t"])
def test_bad_input_empty_file_is_refused(data):
    error = error_of(data, "empty.fountain")

    assert (error.code, str(error)) == ("empty", "The file is empty.")


def test_bad_input_prose_is_not_a_screenplay():
    error = error_of(b"Dear Anna,\n\nThe budget is attached.\n\nRegards,\nBob\n", "letter.txt")

    assert (error.code, str(error)) == (
        "not_a_screenplay",
        "The file is not a screenplay: it has no scene headings and no dialogue.",
    )


def test_bad_input_fdx_without_scenes_or_dialogue_is_not_a_screenplay():
    data = b'<FinalDraft><Content><Paragraph Type="Action"><Text>Hi.</Text></Paragraph></Content></FinalDraft>'

    assert error_of(data, "short.fdx").code == "not_a_screenplay"


def test_bad_input_other_xml_names_its_root():
    error = error_of(b'<?xml version="1.0"?><document type="Open Screenplay Format document"/>', "film.osf")

    assert str(error) == (
        "The file is an XML document <document>, not a Final Draft script, which Regie cannot read: "
        "export the screenplay as Fountain (.fountain) or Final Draft (.fdx)."
    )


def test_bad_input_zip_archive_is_unsupported():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("document.xml", "<document/>")

    error = error_of(buffer.getvalue(), "film.fadein")

    assert (error.code, error.params) == ("unsupported", {"kind": "a ZIP archive (such as Fade In, Celtx or Word)"})


def test_bad_input_pdf_is_unsupported():
    assert error_of(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "film.pdf").params == {"kind": "a PDF document"}


def test_bad_input_binary_is_not_text():
    assert error_of(b"INT. HOUSE - DAY\x00\x01\x02\xff", "film.fountain").code == "not_text"


def test_bad_input_fdx_extension_on_plain_text_is_damaged_xml():
    assert error_of(b"INT. HOUSE - DAY\n\nHello.\n", "film.fdx").code == "xml_invalid"


def test_bad_input_missing_file_names_the_path(tmp_path):
    with pytest.raises(ScreenplayError) as caught:
        parse_file(tmp_path / "nowhere.fountain")

    assert str(caught.value) == f"There is no file at {tmp_path / 'nowhere.fountain'}."
