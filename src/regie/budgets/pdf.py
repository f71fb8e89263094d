"""PDF documents rendered from templates with WeasyPrint, in the language of the request.

Nothing is fetched while rendering (no base URL, a fetcher that refuses): the style sheet is read
from this package, and a document never makes a request of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

STYLESHEET = Path(__file__).with_name("pdf.css")


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"PDF documents fetch nothing ({url})")


def pdf_document(request: HttpRequest, template: str, context: dict[str, Any]) -> Any:
    """The laid-out document (WeasyPrint's `Document`): its pages hold the text as it is printed."""
    # WeasyPrint pulls in Pango through cffi: imported here, not at start-up.
    from weasyprint import CSS, HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_no_fetch).render(stylesheets=[CSS(filename=str(STYLESHEET))])


def printed_text(document: Any) -> str:
    """Every piece of text laid out on the pages, in order (for checks of what a reader sees)."""
    texts: list[str] = []

    def walk(box: Any) -> None:
        if getattr(box, "text", None):
            texts.append(box.text)
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts)


def pdf_bytes(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    return pdf_document(request, template, context).write_pdf()  # type: ignore[no-any-return]


def render_pdf(request: HttpRequest, template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(pdf_bytes(request, template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
