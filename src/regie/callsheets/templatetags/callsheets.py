"""Labels for snapshots: a snapshot stores codes, the reader's language turns them into words."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from regie.callsheets.models import SheetKind
from regie.callsheets.snapshots import FIELD_LABELS
from regie.people.models import DEPARTMENT_LABELS, FUNCTION_LABELS

register = template.Library()


@register.filter
def department_label(code: str) -> str:
    return str(DEPARTMENT_LABELS.get(code, code))


@register.filter
def function_label(code: str) -> str:
    """A function's label from its code; a custom function is stored as its own text."""
    return str(FUNCTION_LABELS.get(code, code))


@register.filter
def sheet_kind_label(code: str) -> str:
    return str(dict(SheetKind.choices).get(code, code))


@register.filter
def iso_date(value: str) -> str:
    """A snapshot's ISO date in the active language's long format (e.g. "mardi 30 mars 2027")."""
    day = datetime.date.fromisoformat(value)
    return f"{formats.date_format(day, 'l')} {formats.date_format(day, 'DATE_FORMAT')}"


def _value(value: Any) -> str:
    return "—" if value in (None, "") else str(value)


@register.filter
def describe_change(change: dict[str, Any]) -> str:
    section, op, subject = change["section"], change["op"], change["subject"]
    if section == "running_order":
        return _("The running order changed.")
    if section == "department_note":
        return _("Note for %(department)s changed.") % {"department": department_label(subject)}
    if section == "call":
        subject = department_label(subject)
    if op == "added":
        return (_("New call: %(name)s") if section == "call" else _("New location: %(name)s")) % {"name": subject}
    if op == "removed":
        return (_("No longer called: %(name)s") if section == "call" else _("Location dropped: %(name)s")) % {
            "name": subject
        }
    field = str(FIELD_LABELS.get(change["field"], change["field"]))
    if section == "call":
        subject = department_label(subject)
    values = {"field": field, "old": _value(change["old"]), "new": _value(change["new"]), "name": subject}
    if section == "header":
        return _("%(field)s: %(old)s → %(new)s") % values
    return _("%(name)s, %(field)s: %(old)s → %(new)s") % values
