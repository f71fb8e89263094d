"""PDF documents of the people app (crew list, contact sheet, a person's data export), by WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

STYLESHEET = "people/pdf/print.css"


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The template rendered to PDF in the active language, with the print stylesheet (kept out of the
    HTML: templates carry no <style>). WeasyPrint is imported here, not at start-up: it takes a
    moment to load and most requests never print."""
    from weasyprint import CSS, HTML

    html = render_to_string(template_name, context)
    stylesheet = CSS(string=render_to_string(STYLESHEET))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])  # type: ignore[no-any-return]


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.pdf"'
    return response
