"""Whatever the bytes, the parser answers with a Screenplay or a ScreenplayError, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from regie.screenplay import Screenplay, ScreenplayError, parse_bytes

FOUNTAIN_BITS = st.sampled_from(
    [
        "INT. HOUSE - DAY",
        "EXT",
        ".",
        "!",
        "@",
        "^",
        "~",
        ">",
        "<",
        "#",
        "#1A#",
        "=",
        "===",
        "[[",
        "]]",
        "/*",
        "*/",
        "*",
        "_",
        "(",
        ")",
        "ANNA",
        "CUT TO:",
        "Title:",
        "\t",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "é",
        "\ufeff",
        "\ue000",
    ]
)
FDX_BITS = st.sampled_from(
    [
        "<FinalDraft>",
        "</FinalDraft>",
        "<Content>",
        "</Content>",
        '<Paragraph Type="Scene Heading" Number="1">',
        '<Paragraph Type="Character">',
        '<Paragraph Type="Dialogue">',
        "</Paragraph>",
        "<Text>",
        "</Text>",
        "<DualDialogue>",
        "</DualDialogue>",
        "<TagData>",
        "</TagData>",
        "INT. HOUSE - DAY",
        "ANNA",
        "&amp;",
        "&",
        "<",
    ]
)


def check(data: bytes, filename: str) -> None:
    try:
        result = parse_bytes(data, filename)
    except ScreenplayError as error:
        assert error.message
    else:
        assert isinstance(result, Screenplay)
        assert all(scene.eighths >= 1 for scene in result.scenes)
        result.to_dict(elements=True)


@settings(max_examples=150, deadline=None)
@given(st.lists(FOUNTAIN_BITS, max_size=40).map("".join))
def test_robustness_fountain_like_text_never_crashes(text):
    check(text.encode("utf-8"), "fuzz.fountain")


@settings(max_examples=150, deadline=None)
@given(st.lists(FDX_BITS, max_size=40).map("".join))
def test_robustness_fdx_like_xml_never_crashes(text):
    check(text.encode("utf-8"), "fuzz.fdx")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_robustness_random_bytes_never_crash(data):
    check(data, "fuzz.fountain")
