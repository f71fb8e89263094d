"""The Dutch interface addresses its user informally ("je", "jouw"), never as "u" or "uw".

Shipped contract templates (contracts/shipped/*.nl.txt) are legal documents between two parties and keep
their own formal style; they are not in the catalogue and not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import regie

CATALOGUE = Path(regie.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# The formal pronouns as whole words, in any case: u, uw, uzelf (U, Uw, UW...).
FORMAL = re.compile(r"\b(?:u|uw|uzelf)\b", re.IGNORECASE)
INFORMAL = re.compile(r"\b(?:je|jij|jou|jouw)\b", re.IGNORECASE)
# "u" is also the Flemish abbreviation of "uur" right after a number: "tot 18u", "%(limit)s u".
HOURS = re.compile(r"(?:\d|%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|\{\w*\})\s?u\b")


def formal_words(text: str) -> list[str]:
    """The formal pronouns in a Dutch text, not counting the hour abbreviation."""
    return FORMAL.findall(HOURS.sub("", text))


def _translations() -> Iterator[tuple[str, str]]:
    """(msgid, msgstr) for every msgstr of the Dutch catalogue, each plural form on its own."""
    with CATALOGUE.open("rb") as po:
        catalog = read_po(po)
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            yield msgid, text


@pytest.mark.parametrize(
    "text",
    [
        "U hebt geen API-sleutels.",
        "Dit contract is al aanvaard. Dank u.",
        "de naam van uw organisatie",
        "Uw modellen",
        "UW ROL LAAT DIT NIET TOE",
        "Kies of u het contract aanvaardt (u, of de andere partij).",
        "Zorg zelf voor uzelf.",
    ],
)
def test_formal_words_finds_the_formal_pronouns(text):
    assert formal_words(text) != []


@pytest.mark.parametrize(
    "text",
    [
        "%(measured)s u rust tussen twee werkdagen; het minimum is %(limit)s u (%(rules)s).",
        "Sleutel bij de conciërge tot 18u; technicus vanaf 9 u.",
        "Je hebt nog een uur; de uitkoop wordt uitbetaald.",
        "Jouw stripboard blijft zoals het is tot je kiest.",
    ],
)
def test_formal_words_ignores_hours_and_words_containing_u(text):
    assert formal_words(text) == []


def test_dutch_catalogue_addresses_the_user_as_je():
    translations = list(_translations())
    formal = {msgid: text for msgid, text in translations if formal_words(text)}

    assert formal == {}
    assert any(INFORMAL.search(text) for _, text in translations)
