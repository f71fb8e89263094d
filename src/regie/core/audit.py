"""Recording and describing changes.

`snapshot(instance)` captures a model's editable fields as JSON-safe values; `diff(before,
after)` lists the changed ones; `log_action` writes the entry. Services call these inside
their transaction so that a change and its history entry commit together.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.models import AuditEntry

# Human labels for the actions we log, registered by each app in its AppConfig.ready();
# unknown actions are shown as their code.
ACTION_LABELS: dict[str, Any] = {}


def register_action_labels(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete, editable fields of `instance` (foreign keys as their id).

    Fields a model lists in `audit_exclude` (bookkeeping such as its parent or its position in
    a list) are left out: the history shows what a person changed, not how it is stored.
    """
    result: dict[str, Any] = {}
    excluded: frozenset[str] = getattr(instance, "audit_exclude", frozenset())
    for field in instance._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in excluded:
            continue
        if fields is not None and field.name not in fields:
            continue
        result[field.name] = json_safe(getattr(instance, field.attname))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: {"old": before.get(name), "new": value} for name, value in after.items() if before.get(name) != value}


def log_action(
    obj: models.Model,
    action: str,
    *,
    user: Any = None,
    changes: dict[str, dict[str, Any]] | None = None,
    data: dict[str, Any] | None = None,
    organisation: Any = None,
    production: Any = None,
) -> AuditEntry:
    """Write one history entry. Organisation and production default to the object's own."""
    if production is None:
        production = getattr(obj, "audit_production", lambda: None)()
    if organisation is None:
        organisation = getattr(obj, "audit_organisation", lambda: None)()
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEntry.objects.create(
        user=user,
        organisation=organisation,
        production=production,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        action=action,
        changes=json_safe(changes or {}),
        data=json_safe(data or {}),
    )


def last_change(obj: models.Model) -> dict[str, Any] | None:
    """The last history entry of `obj` with its rows (field, before, after), to show someone whose
    edit conflicted what the other person changed; None when it has no history."""
    from django.contrib.contenttypes.models import ContentType

    entry = (
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("user", "content_type")
        .order_by("-created", "-pk")
        .first()
    )
    return None if entry is None else {"entry": entry, "rows": describe_changes(entry)}


def describe_changes(entry: AuditEntry) -> list[dict[str, Any]]:
    """Rows of (field label, old, new) for display, using the model's field labels and choices."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in entry.changes.items():
        label: Any = name
        old, new = change.get("old"), change.get("new")
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a field removed since; show its code
                field = None
            if field is not None:
                label = getattr(field, "verbose_name", name)
                choices = dict(getattr(field, "flatchoices", None) or [])
                if choices:
                    old, new = choices.get(old, old), choices.get(new, new)
        rows.append({"field": label, "old": _display(old), "new": _display(new)})
    return rows


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
