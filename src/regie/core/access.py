"""Markers every view carries, so that the URL walker test knows how each one must answer.

`regie_access` is "public" (anyone), "user" (any signed-in user), "organisation" or
"production" (scoped: outsiders get 404; members without `regie_permission` get 403).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

V = TypeVar("V", bound=Callable[..., Any])

# Checks every scoped page runs on its organisation or production before the permission check;
# one that answers (a redirect) stops the view. Apps register theirs in AppConfig.ready().
SCOPE_CHECKS: list[Callable[[HttpRequest, Any], HttpResponse | None]] = []


def register_scope_check(check: Callable[[HttpRequest, Any], HttpResponse | None]) -> None:
    if check not in SCOPE_CHECKS:
        SCOPE_CHECKS.append(check)


def public_view(view: V) -> V:
    view.regie_access = "public"  # type: ignore[attr-defined]
    return view


def user_view(view: V) -> V:
    wrapped = login_required(view)
    wrapped.regie_access = "user"  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def scoped_view(scope: str, url_kwarg: str, fetch: Callable[[Any, Any], Any], permission: str) -> Callable[..., Any]:
    """Resolve the URL's `url_kwarg` with `fetch(user, value)` (which 404s for outsiders), run the
    registered scope checks, check `permission` on the object (403), and call the view with the
    object in its place."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = fetch(request.user, kwargs.pop(url_kwarg))
            for check in SCOPE_CHECKS:
                answer = check(request, obj)
                if answer is not None:
                    return answer
            if not request.user.has_perm(permission, obj):
                raise PermissionDenied
            return view(request, obj, *args, **kwargs)

        wrapped = login_required(wrapper)
        wrapped.regie_access = scope  # type: ignore[attr-defined]
        wrapped.regie_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator
