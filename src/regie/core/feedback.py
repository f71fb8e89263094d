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
