from __future__ import annotations

from typing import Any

from django import template

from regie.productions.models import Production
from regie.scheduling.summary import open_conflict_count_cached, upcoming_items

register = template.Library()


@register.simple_tag(takes_context=True)
def schedule_summary(context: Any, production: Production) -> dict[str, Any] | None:
    """The dashboard's schedule box: the next items and, for planners, the open conflicts."""
    user = context["request"].user
    if not user.has_perm("scheduling.view_schedule", production):
        return None
    can_change = user.has_perm("scheduling.change_schedule", production)
    return {
        "upcoming": upcoming_items(production),
        "conflicts": open_conflict_count_cached(production) if can_change else None,
    }
