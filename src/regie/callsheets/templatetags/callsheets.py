"""Labels for snapshots: a snapshot stores codes, the reader's language turns them into words."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from regie.callsheets.comparison import Difference
from regie.callsheets.models import SheetKind
from regie.callsheets.snapshots import FIELD_LABELS
from regie.people.models import DEPARTMENT_LABELS, FUNCTION_LABELS
from regie.scheduling.models import ItemKind

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


# --- how the sheet differs from the schedule ------------------------------------------------

# Field names as they read inside a sentence ("Jan Peeters: call time 08:30 in the schedule, …").
DIFFERENCE_FIELDS: dict[str, Any] = {
    "general_call": pgettext_lazy("callsheet", "general call"),
    "call": pgettext_lazy("schedule", "call time"),
    "wrap": gettext_lazy("wrap"),
    "pickup": gettext_lazy("pick-up time"),
    "pickup_place": gettext_lazy("pick-up place"),
    "time": gettext_lazy("time"),
    "minutes": gettext_lazy("minutes"),
    "what": pgettext_lazy("runsheet", "cue / what"),
    "who": gettext_lazy("who"),
    "name": gettext_lazy("name"),
    "address": gettext_lazy("address"),
    "parking": gettext_lazy("parking"),
    "access": gettext_lazy("access"),
    "nearest_hospital": gettext_lazy("nearest hospital"),
    "emergency_numbers": gettext_lazy("emergency numbers"),
    "latitude": gettext_lazy("latitude"),
    "longitude": gettext_lazy("longitude"),
    "timezone": gettext_lazy("time zone"),
}


def _subject(difference: Difference) -> str:
    if difference.subject:
        return difference.subject
    if difference.section == "rows":
        return str(dict(ItemKind.choices).get(difference.code, difference.code))
    return department_label(difference.code)


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else Truncator(str(value)).chars(60)


def _added(difference: Difference, values: dict[str, str]) -> str:
    if difference.section == "rows":
        if difference.schedule is None:
            return _("%(name)s newly on the schedule") % values
        return _("%(name)s newly on the schedule at %(schedule)s") % values
    if difference.section == "calls":
        return _("%(name)s newly called (%(schedule)s)") % values
    return _("New location in the schedule: %(name)s") % values


def _removed(difference: Difference, values: dict[str, str]) -> str:
    if difference.op == "cancelled":
        return _("%(name)s cancelled") % values
    if difference.op == "absent":
        return _("%(name)s was taken off the sheet, and has changed in the schedule since") % values
    if difference.section == "rows":
        return _("%(name)s is no longer on the schedule of this day") % values
    if difference.section == "calls":
        return _("%(name)s is no longer called in the schedule") % values
    return _("%(name)s is no longer a location of this day in the schedule") % values


@register.filter
def describe_difference(difference: Difference) -> str:
    """One difference between the sheet and the schedule as a sentence in the reader's language."""
    values = {
        "name": _subject(difference),
        "field": str(DIFFERENCE_FIELDS.get(difference.field, difference.field)),
        "schedule": _shown(difference.schedule),
        "sheet": _shown(difference.sheet),
    }
    if difference.op == "added":
        return _added(difference, values)
    if difference.op != "changed":
        return _removed(difference, values)
    if difference.section == "header":
        return _("%(field)s: %(schedule)s in the schedule, %(sheet)s on the sheet") % {
            **values,
            "field": capfirst(values["field"]),
        }
    if difference.section == "rows" and difference.field == "time" and not difference.kept:
        return _("%(name)s moved from %(sheet)s to %(schedule)s") % values
    if difference.section == "rows" and difference.field == "what":
        return _("%(sheet)s is now called %(schedule)s in the schedule") % values
    return _("%(name)s: %(field)s %(schedule)s in the schedule, %(sheet)s on the sheet") % values


@register.filter
def describe_kept(difference: Difference) -> str:
    """Why "Update from the schedule" leaves this difference as it is."""
    if difference.op == "absent":
        return _("You took it off the sheet: updating leaves it off.")
    if difference.op != "changed":
        return _("You changed it on the sheet: updating keeps it on the sheet.")
    if difference.was is None:
        return _("You changed it on the sheet: updating keeps the sheet's value.")
    return _("You changed it on the sheet (the schedule said %(was)s): updating keeps the sheet's value.") % {
        "was": _shown(difference.was)
    }
