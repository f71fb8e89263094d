"""The screenplay parser's refusals in the person's language, looked up by the error's code."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.screenplay import ScreenplayError

MESSAGES: dict[str, Any] = {
    "empty": gettext_lazy("The file is empty."),
    "too_large": gettext_lazy(
        "The file is %(size_mb)s MB; Regie reads screenplays up to %(limit_mb)s MB. Check that it is the right file."
    ),
    "not_text": gettext_lazy(
        "The file is not text: Regie reads Fountain (.fountain) and Final Draft (.fdx) screenplays."
    ),
    "unsupported": gettext_lazy(
        "The file is %(kind)s, which Regie cannot read: export the screenplay as Fountain (.fountain) "
        "or Final Draft (.fdx)."
    ),
    "web_page": gettext_lazy("The file is a web page (HTML), not a screenplay."),
    "not_a_screenplay": gettext_lazy("The file is not a screenplay: it has no scene headings and no dialogue."),
    "xml_invalid": gettext_lazy("The Final Draft file is damaged or cut short: its XML is not well formed."),
    "xml_unsafe": gettext_lazy(
        "The XML file declares a document type or entities, which a Final Draft file never does; "
        "it was refused for safety."
    ),
}

# The kinds of file the parser names in its "unsupported" refusal.
KINDS: dict[str, Any] = {
    "a ZIP archive (such as Fade In, Celtx or Word)": gettext_lazy("a ZIP archive (such as Fade In, Celtx or Word)"),
    "a PDF document": gettext_lazy("a PDF document"),
    "an RTF document": gettext_lazy("an RTF document"),
    "an old Microsoft Office document": gettext_lazy("an old Microsoft Office document"),
}


def screenplay_message(error: ScreenplayError) -> str:
    """The refusal in the active language; the parser's English text for a code we do not know."""
    template = MESSAGES.get(error.code)
    if template is None:
        return error.message
    params = dict(error.params)
    if "kind" in params:
        params["kind"] = str(KINDS.get(params["kind"], _("a file of another kind")))
    return str(template) % params
