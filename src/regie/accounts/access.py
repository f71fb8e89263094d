from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regie.accounts.queries import get_organisation_for_user
from regie.core.access import scoped_view


def organisation_view(permission: str) -> Callable[..., Any]:
    """`slug` → an organisation the user belongs to (else 404), then `permission` (else 403)."""
    return scoped_view("organisation", "slug", get_organisation_for_user, permission)
