from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from regie.accounts.queries import get_organisation_for_user


def organisation_view(permission: str) -> Callable[..., Any]:
    """Resolve `slug` to an organisation the user belongs to (else 404), then check `permission` (else 403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            organisation = get_organisation_for_user(request.user, slug)
            if not request.user.has_perm(permission, organisation):
                raise PermissionDenied
            return view(request, organisation, *args, **kwargs)

        wrapped = login_required(wrapper)
        wrapped.regie_access = "organisation"  # type: ignore[attr-defined]
        wrapped.regie_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator
