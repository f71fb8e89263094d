from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regie.core.access import scoped_view
from regie.productions.queries import get_production_for_user


def production_view(permission: str) -> Callable[..., Any]:
    """`pk` → a production the user may see (else 404), then `permission` (else 403)."""
    return scoped_view("production", "pk", get_production_for_user, permission)
