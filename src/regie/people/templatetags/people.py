"""What the people app adds to other apps' pages (the production dashboard)."""

from __future__ import annotations

from typing import Any

from django import template

from regie.people.queries import engagement_counts, expiring_documents

register = template.Library()


@register.simple_tag(takes_context=True)
def crew_overview(context: dict[str, Any], production: Any) -> dict[str, Any]:
    """Engagement counts for those who see the crew list; document expiries for those who manage it."""
    user = context["user"]
    return {
        "counts": engagement_counts(production) if user.has_perm("people.view_crew", production) else [],
        "expiring": expiring_documents(production) if user.has_perm("people.manage_crew", production) else [],
    }
