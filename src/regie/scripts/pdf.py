"""Printable documents of the scripts app (stripboard, breakdown sheets, day out of days) with WeasyPrint.

The HTML comes from a template, the styles from the static file `regie/scripts-print.css` (no
inline styles, as on the pages). WeasyPrint is imported when a PDF is made, not at start-up.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

STYLESHEET = "regie/scripts-print.css"


def pdf_response(request: HttpRequest, template: str, context: dict[str, Any], file_name: str) -> HttpResponse:
    """The template rendered as a PDF download, in the language of the request."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context, request=request)
    path = finders.find(STYLESHEET)
    stylesheets = [CSS(filename=str(path))] if path else []
    document = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(stylesheets=stylesheets)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
