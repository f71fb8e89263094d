"""Markers every view carries, so that the URL walker test knows how each one must answer.

`regie_access` is "public" (anyone), "user" (any signed-in user), "organisation" or
"production" (scoped: outsiders get 404; members without `regie_permission` get 403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required

V = TypeVar("V", bound=Callable[..., Any])


def public_view(view: V) -> V:
    view.regie_access = "public"  # type: ignore[attr-defined]
    return view


def user_view(view: V) -> V:
    wrapped = login_required(view)
    wrapped.regie_access = "user"  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]
