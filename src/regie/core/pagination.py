"""Long lists (a festival's 800 people, an organisation's 2,000 members) come a page at a time."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest

PER_PAGE = 100


def search_people(queryset: QuerySet[Any], query: str, user_field: str = "user") -> QuerySet[Any]:
    """Filter memberships by the person's name or e-mail address (case-insensitive, every word)."""
    for word in query.split():
        queryset = queryset.filter(
            Q(**{f"{user_field}__name__icontains": word}) | Q(**{f"{user_field}__email__icontains": word})
        )
    return queryset


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PER_PAGE) -> Page:
    """The page asked for in `?page=`; a number out of range or not a number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
