from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from regie.productions.queries import get_production_for_user


def production_view(permission: str) -> Callable[..., Any]:
    """Resolve `pk` to a production the user may see (else 404), then check `permission` (else 403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            production = get_production_for_user(request.user, pk)
            if not request.user.has_perm(permission, production):
                raise PermissionDenied
            return view(request, production, *args, **kwargs)

        wrapped = login_required(wrapper)
        wrapped.regie_access = "production"  # type: ignore[attr-defined]
        wrapped.regie_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator
