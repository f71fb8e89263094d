"""Final Draft FDX into elements, a title page and breakdown tags.

Parsed with defusedxml only: a DTD, an entity declaration or an external reference is refused
before anything expands (no billion laughs, no file or network access).

What is read: `<Content>/<Paragraph Type=...>` (with `<DualDialogue>` inside a paragraph; an
Action paragraph with `Alignment="Center"` is centered text, as Fountain's `>text<`),
the scene heading's `Number`, its `<SceneProperties>` (Length, Page, Title and the `<Summary>`),
`<ScriptNote>`s, the `<TitlePage>` text and the breakdown tags. Final Draft stores tags as
`<TagData>`: `<TagCategories>/<TagCategory Id Name>`, `<TagDefinitions>/<TagDefinition Id
CatId Label>` and `<Tags>/<Tag Number>/<DefId>`; a tagged word in the script is a
`<Text TagNumber="n">`.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from regie.screenplay.errors import ScreenplayError
from regie.screenplay.model import Element, Kind, Tag

_KINDS = {
    "scene heading": Kind.SCENE_HEADING,
    "action": Kind.ACTION,
    "general": Kind.ACTION,
    "character": Kind.CHARACTER,
    "dialogue": Kind.DIALOGUE,
    "parenthetical": Kind.PARENTHETICAL,
    "transition": Kind.TRANSITION,
    "shot": Kind.SHOT,
    "lyrics": Kind.LYRICS,
    "new act": Kind.SECTION,
    "end of act": Kind.SECTION,
    "outline 1": Kind.SECTION,
    "outline 2": Kind.SECTION,
    "outline 3": Kind.SECTION,
    "outline 4": Kind.SECTION,
    "outline body": Kind.SYNOPSIS,
}


def load_xml(data: bytes) -> XmlElement:
    """The root element of untrusted XML, or ScreenplayError."""
    try:
        root: Any = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ScreenplayError("xml_unsafe") from error
    except ParseError as error:
        raise ScreenplayError("xml_invalid", detail=str(error)) from error
    return root  # type: ignore[no-any-return]


def _text(paragraph: XmlElement) -> str:
    return "".join(text.text or "" for text in paragraph.findall("Text")).strip()


def _notes(paragraph: XmlElement) -> list[Element]:
    notes = []
    for note in paragraph.findall("ScriptNote"):
        text = " ".join(_text(inner) for inner in note.iter("Paragraph") if _text(inner))
        if text:
            notes.append(Element(Kind.NOTE, text))
    return notes


class _Reader:
    def __init__(self, root: XmlElement) -> None:
        self.tags = _tags(root)
        self.elements: list[Element] = []

    def read(self, content: XmlElement) -> None:
        for paragraph in content.findall("Paragraph"):
            dual = paragraph.find("DualDialogue")
            if dual is not None:
                self._dual(dual)
            else:
                self._paragraph(paragraph)

    def _dual(self, block: XmlElement) -> None:
        """The first speaker prints on the left, the others on the right (marked `dual`)."""
        speakers = 0
        for paragraph in block.findall("Paragraph"):
            if (paragraph.get("Type") or "").lower() == "character":
                speakers += 1
            self._paragraph(paragraph, dual=speakers > 1)

    def _paragraph(self, paragraph: XmlElement, dual: bool = False) -> None:
        kind = _KINDS.get((paragraph.get("Type") or "action").strip().lower(), Kind.ACTION)
        if kind is Kind.ACTION and paragraph.get("Alignment") == "Center":
            kind = Kind.CENTERED
        element = Element(kind, _text(paragraph), dual=dual)
        for text in paragraph.findall("Text"):
            element.tags.extend(self.tags.get(text.get("TagNumber") or "", []))
        if kind is Kind.SCENE_HEADING:
            element.scene_number = (paragraph.get("Number") or "").strip()
            element.properties = _scene_properties(paragraph)
        if element.text or kind is Kind.SCENE_HEADING:
            self.elements.append(element)
        self.elements.extend(_notes(paragraph))
        if summary := element.properties.get("summary"):
            self.elements.append(Element(Kind.SYNOPSIS, summary))


def _scene_properties(paragraph: XmlElement) -> dict[str, str]:
    found = paragraph.find("SceneProperties")
    if found is None:
        return {}
    properties = {key.lower(): value for key, value in found.attrib.items() if value}
    summary = found.find("Summary")
    if summary is not None:
        text = "\n".join(_text(inner) for inner in summary.iter("Paragraph") if _text(inner))
        if text:
            properties["summary"] = text
    return properties


def _tags(root: XmlElement) -> dict[str, list[Tag]]:
    """TagNumber -> the tags it stands for."""
    data = root.find("TagData")
    if data is None:
        return {}
    categories = {item.get("Id"): item.get("Name") or "" for item in data.iter("TagCategory")}
    definitions = {
        item.get("Id"): Tag(categories.get(item.get("CatId"), ""), item.get("Label") or "")
        for item in data.iter("TagDefinition")
    }
    tags: dict[str, list[Tag]] = {}
    for tag in data.iter("Tag"):
        found = [definitions[ref.text] for ref in tag.iter("DefId") if ref.text in definitions]
        if tag.get("Number") and found:
            tags[tag.get("Number") or ""] = found
    return tags


def _title_page(root: XmlElement) -> dict[str, str]:
    """FDX title pages are free text: the first line is the title, the rest is kept as written."""
    page = root.find("TitlePage")
    if page is None:
        return {}
    lines = [_text(paragraph) for paragraph in page.iter("Paragraph")]
    lines = [line for line in lines if line]
    if not lines:
        return {}
    title = {"Title": lines[0]}
    if lines[1:]:
        title["Text"] = "\n".join(lines[1:])
    return title


def parse_fdx(data: bytes) -> tuple[dict[str, str], list[Element]]:
    """Title page and elements of a Final Draft file."""
    root = load_xml(data)
    if root.tag != "FinalDraft":
        raise ScreenplayError("unsupported", kind=f"an XML document <{root.tag}>, not a Final Draft script")
    reader = _Reader(root)
    content = root.find("Content")
    if content is not None:
        reader.read(content)
    return _title_page(root), reader.elements
