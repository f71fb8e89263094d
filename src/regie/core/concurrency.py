"""Optimistic locking: a form carries the version it was read at; saving checks it under a row lock.

Two people editing the same object never silently overwrite each other: the second save gets
`EditConflict`, and the view shows their input again with a clear message.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.audit import diff, log_action, snapshot


class EditConflict(Exception):
    message = _(
        "Someone else saved this in the meantime. Your changes were not saved; they are still in "
        "the form below. Check the current values and save again."
    )


def lock_and_check_version(model: type[models.Model], pk: int, expected_version: int) -> models.Model:
    """Return the row locked for update, or raise EditConflict when its version moved on."""
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.version != expected_version:  # type: ignore[attr-defined]
        raise EditConflict()
    return current


def save_versioned(obj: Any, *, version: int, action: str, by: Any) -> Any:
    """Save an edited object unless someone else saved it since `version` was read.

    Logs the changed fields under `action`; an edit that changes nothing writes nothing.
    """
    with transaction.atomic():
        current = lock_and_check_version(type(obj), obj.pk, version)
        changes = diff(snapshot(current), snapshot(obj))
        if changes:
            obj.version = current.version + 1  # type: ignore[attr-defined]
            obj.save()
            log_action(obj, action, user=by, changes=changes)
    return obj


def set_archived(obj: Any, *, archived: bool, action: str, by: Any) -> None:
    """Archive or restore an object with an `archived_at` and a `version`, under a row lock."""
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if (current.archived_at is not None) == archived:
            return
        current.archived_at = timezone.now() if archived else None
        current.version += 1
        current.save(update_fields=["archived_at", "version", "updated"])
        log_action(current, action, user=by)
