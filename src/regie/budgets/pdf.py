"""PDF documents rendered from templates with WeasyPrint, in the language of the request."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_bytes(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    # WeasyPrint pulls in Pango through cffi: imported here, not at start-up.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()  # type: ignore[no-any-return]


def render_pdf(request: HttpRequest, template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(pdf_bytes(request, template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
