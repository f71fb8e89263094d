"""Refusals and how a view reports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest


class Refused(Exception):
    """A request the rules refuse; its message is shown to the person as it is."""


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service call; report its refusal or `success` as a message. True when it went through."""
    try:
        action()
    except Refused as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


def save_on_form(request: HttpRequest, form: Any, save: Callable[[Any, int], Any]) -> int | None:
    """On a POST, save the form's instance through `save(instance, expected_version)`.

    None when it went through; otherwise the status to answer the page with: 200 when nothing was
    posted, 400 when the form or the rules refuse, 409 when someone saved first (the person's input
    stays in the form, which now carries the current version, so that saving it again goes
    through). Errors are put on the form.
    """
    from regie.core.concurrency import EditConflict

    if request.method != "POST":
        return 200
    if not form.is_valid():
        return 400
    try:
        save(form.save(commit=False), form.cleaned_data.get("version") or 0)
    except EditConflict as conflict:
        from regie.core.audit import last_change

        form.add_error(None, conflict.message)
        instance = form.instance
        form.other_change = last_change(instance)  # what the other person saved, for the page to show
        data = form.data.copy()
        data[form.add_prefix("version")] = str(
            type(instance)._default_manager.values_list("version", flat=True).get(pk=instance.pk)
        )
        form.data = data
        return 409
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return 400
    return None
