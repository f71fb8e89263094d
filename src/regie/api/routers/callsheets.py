"""The call sheets and run sheets of a production, and whether the schedule changed under them."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
import datetime
import zoneinfo
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from regie.api.routers.common import Rows, label, production_for
from regie.callsheets.drawing import differences_of_sheets
from regie.callsheets.models import CallSheet, SheetKind
from regie.callsheets.queries import sheets_for_production

router = Router(tags=["call sheets"])


class SheetOut(Schema):
    id: int
    date: datetime.date
    kind: str
    kind_label: str
    title: str
    published_versions: int
    schedule_changes: int | None


def sheet_out(sheet: CallSheet) -> dict[str, Any]:
    return {
        "id": sheet.pk,
        "date": sheet.date,
        "kind": sheet.kind,
        "kind_label": label(SheetKind.choices, sheet.kind),
        "title": sheet.title,
        "published_versions": sheet.issued,
        "schedule_changes": getattr(sheet, "schedule_changes", None),
    }


@router.get("/productions/{production_id}/callsheets", response=list[SheetOut], summary="Call sheets")
@paginate(LimitOffsetPagination)
def call_sheets(request: HttpRequest, production_id: int) -> Rows:
    """Newest day first. Crew and cast see the published sheets; those who manage the sheets see
    them all, and for the sheets of today and later `schedule_changes` counts how the schedule
    changed since the sheet was drawn up (0: in step; null: not compared — a past day, a sheet
    drawn up before sheets kept their source, or not yours to manage). Update or publish on the
    sheet's page."""
    production = production_for(request, production_id, "callsheets.view_callsheet")
    manager = request.user.has_perm("callsheets.manage_callsheet", production)
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(production.timezone))

    def compare(sheets: list[CallSheet]) -> None:
        changed = differences_of_sheets(production, [s for s in sheets if s.date >= today])
        for sheet in sheets:
            if sheet.pk in changed:
                sheet.schedule_changes = len(changed[sheet.pk])  # type: ignore[attr-defined]

    return Rows(sheets_for_production(production, published_only=not manager), sheet_out, compare if manager else None)
