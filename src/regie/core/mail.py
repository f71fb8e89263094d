"""Mail as people expect it: the plain text Regie writes, and the same words as simple HTML (a
paragraph per block, a link on a line of its own as a button), so every mail looks the same in
programs that show HTML. The text part stays the one of record."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

URL_LINE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Block:
    kind: str  # "text", "link" or "signature"
    lines: tuple[str, ...]


def blocks_of(text: str) -> list[Block]:
    """The text's paragraphs (blank lines apart); a paragraph that is one address is a link, and
    what follows the "-- " line is the signature."""
    body, _sep, signature = text.partition("\n-- \n")
    blocks = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        lines = tuple(line.rstrip() for line in paragraph.splitlines() if line.strip())
        if not lines:
            continue
        kind = "link" if len(lines) == 1 and URL_LINE.match(lines[0]) else "text"
        blocks.append(Block(kind, lines))
    if signature.strip():
        blocks.append(Block("signature", tuple(line for line in signature.strip().splitlines() if line.strip())))
    return blocks


def html_of(text: str) -> str:
    """The HTML part of a mail whose text is `text`, in the active language (escaped by the template)."""
    return render_to_string(
        "core/email/message.html", {"blocks": blocks_of(text), "language": translation.get_language() or "en"}
    )


def send(subject: str, body: str, to: list[str], *, language: str | None = None) -> None:
    """Send `body` with its HTML twin in `language` (default: the active one); raises what the
    mail backend raises (OSError, SMTPException)."""
    with translation.override(language or translation.get_language()):
        html = html_of(body)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.attach_alternative(html, "text/html")
    message.send()
