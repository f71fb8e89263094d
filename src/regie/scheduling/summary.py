"""What other pages show of the schedule: the open conflict count (cached) and the next items."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from regie.people.models import Engagement, Unavailability
from regie.productions.models import Production
from regie.scheduling.detection import open_conflict_count
from regie.scheduling.models import ConflictAcceptance, ItemStatus, ScheduleItem

CACHE_SECONDS = 600


def schedule_stamp(production: Production) -> str:
    """Changes whenever something a conflict depends on changes in the organisation: items (and
    calls, which raise their item's version), engagements, unavailable periods, acceptances."""
    organisation = production.organisation_id
    items = ScheduleItem.objects.filter(production__organisation_id=organisation).aggregate(
        n=Count("pk"), last=Max("updated"), versions=Sum("version")
    )
    engagements = Engagement.objects.filter(production__organisation_id=organisation).aggregate(
        n=Count("pk"), versions=Sum("version")
    )
    unavailable = Unavailability.objects.filter(contact__organisation_id=organisation).aggregate(
        n=Count("pk"), last=Max("created")
    )
    accepted = ConflictAcceptance.objects.filter(production=production).aggregate(
        n=Count("pk"), last=Max("accepted_at")
    )
    text = repr((items, engagements, unavailable, accepted))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def open_conflict_count_cached(production: Production) -> int:
    """`detection.open_conflict_count`, recomputed only when the schedule stamp moves."""
    key = f"scheduling:conflicts:{production.pk}:{schedule_stamp(production)}"
    count = cache.get(key)
    if count is None:
        count = open_conflict_count(production)
        cache.set(key, count, CACHE_SECONDS)
    return int(count)


def upcoming_items(production: Production, *, limit: int = 5) -> list[Any]:
    from django.utils import timezone

    return list(
        ScheduleItem.objects.filter(production=production, ends_at__gte=timezone.now())
        .exclude(status=ItemStatus.CANCELLED)
        .select_related("place", "production")
        .order_by("starts_at", "pk")[:limit]
    )
