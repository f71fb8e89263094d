"""Optimistic locking: a form carries the version it was read at; saving checks it under a row lock.

Two people editing the same object never silently overwrite each other: the second save gets
`EditConflict`, and the view shows their input again with a clear message.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
