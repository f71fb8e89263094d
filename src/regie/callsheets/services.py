"""Use cases of call sheets: draw up from the schedule, edit, publish a version, confirm, resend."""

from __future__ import annotations

import datetime
import secrets
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from regie.callsheets.models import (
    CallSheet,
    Recipient,
    RunningOrderRow,
    SheetCall,
    SheetKind,
    SheetLocation,
    SheetVersion,
)
from regie.callsheets.queries import calls_of_items, hash_link_token, items_of_day, latest_version
from regie.callsheets.snapshots import changes_between, local_time, sun_times
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused
from regie.people.models import Engagement, EngagementStatus
from regie.productions.models import Production
from regie.scheduling.models import NON_WORKING_KINDS, ItemKind, ScheduleItem
from regie.scripts.models import Board, StripKind

LINK_SALT = "regie.callsheets.recipient-link"
# A personal link works until this long after the sheet's day: people look back at a call sheet
# for their timesheets, but a link should not stay open for ever.
LINK_LIFETIME = datetime.timedelta(days=30)


# --- drawing up from the schedule -----------------------------------------------------------


def _day_number(production: Production, day: datetime.date, screen: bool) -> tuple[int | None, int | None]:
    """Day x of y: among the shooting days (screen) or the working days (stage) of the schedule."""
    tz = zoneinfo.ZoneInfo(production.timezone)
    items = production.schedule_items.exclude(status="cancelled").exclude(kind__in=NON_WORKING_KINDS)
    if screen:
        items = items.filter(kind=ItemKind.SHOOTING_DAY)
    days = sorted({start.astimezone(tz).date() for start in items.values_list("starts_at", flat=True)})
    if day not in days:
        return None, len(days) or None
    return days.index(day) + 1, len(days)


def _scene_rows(production: Production, day_number: int | None) -> list[RunningOrderRow]:
    """The scenes of strip day `day_number` on the production's latest board, where there is one.

    A stripboard orders scenes into days split by "end of day" strips, without dates: shooting
    day N of the schedule is taken to be day N of the board.
    """
    board = Board.objects.filter(production=production).order_by("-created", "-pk").first()
    if board is None or day_number is None:
        return []
    rows, current = [], 1
    for strip in board.strips.select_related("scene").order_by("position", "pk"):
        if strip.kind == StripKind.DAY_BREAK:
            current += 1
            if current > day_number:
                break
        elif strip.kind == StripKind.SCENE and current == day_number and strip.scene is not None:
            scene = strip.scene
            rows.append(
                RunningOrderRow(
                    scene=scene,
                    what=f"{scene.number}. {scene.heading}",
                    who="",
                    duration_minutes=None,
                )
            )
    return rows


def _item_rows(sheet: CallSheet, items: list[ScheduleItem], calls: list[Any]) -> list[RunningOrderRow]:
    """One line per schedule item for a stage or event day, with who is called for it."""
    called: dict[int, list[str]] = {}
    for call in calls:
        label = call.engagement.contact.name if call.engagement_id else _department_label(call.department)
        called.setdefault(call.item_id, []).append(label)
    rows = []
    for item in items:
        local_start = item.starts_at.astimezone(sheet.tz)
        starts = local_start.time() if local_start.date() == sheet.date else None
        minutes = int((item.ends_at - item.starts_at).total_seconds() // 60)
        rows.append(
            RunningOrderRow(
                starts_at=starts,
                duration_minutes=minutes,
                what=(item.title or str(item.get_kind_display()))[:300],
                who=", ".join(called.get(item.pk, []))[:200],
            )
        )
    return rows


def _department_label(code: str) -> str:
    from regie.people.models import DEPARTMENT_LABELS

    return str(DEPARTMENT_LABELS.get(code, code))


def _merge_calls(sheet: CallSheet, calls: list[Any]) -> list[SheetCall]:
    """One sheet call per person and per department: the earliest call, the latest wrap, the first pick-up."""
    merged: dict[tuple[str, Any], SheetCall] = {}
    for call in calls:
        if call.engagement_id and call.engagement.status == EngagementStatus.CANCELLED:
            continue
        key = ("e", call.engagement_id) if call.engagement_id else ("d", call.department)
        call_at, wrap_at = call.call_at or call.item.starts_at, call.wrap_at or call.item.ends_at
        row = merged.get(key)
        if row is None:
            merged[key] = SheetCall(
                sheet=sheet,
                engagement_id=call.engagement_id,
                department=call.department,
                call_at=call_at,
                wrap_at=wrap_at,
                pickup_at=call.pickup_at,
                pickup_place=call.pickup_place,
                note=call.note,
            )
            continue
        row.call_at = min(row.call_at, call_at)  # type: ignore[type-var]
        row.wrap_at = max(row.wrap_at, wrap_at)  # type: ignore[type-var]
        if row.pickup_at is None and call.pickup_at is not None:
            row.pickup_at, row.pickup_place = call.pickup_at, call.pickup_place
    return list(merged.values())


def _locations(sheet: CallSheet, items: list[ScheduleItem]) -> list[SheetLocation]:
    seen: dict[int, SheetLocation] = {}
    for item in items:
        place = item.place
        if place is None or place.pk in seen:
            continue
        seen[place.pk] = SheetLocation(
            sheet=sheet,
            place=place,
            name=place.name,
            address=place.address,
            parking=place.parking,
            access=place.access,
            nearest_hospital=place.nearest_hospital,
            emergency_numbers=place.emergency_numbers,
            latitude=place.latitude,
            longitude=place.longitude,
            timezone=place.timezone,
            position=len(seen),
        )
    return list(seen.values())


@transaction.atomic
def generate_call_sheet(
    production: Production, day: datetime.date, *, by: Any, kind: str = "", empty: bool = False
) -> CallSheet:
    """Draw up the sheet of `day` from the schedule: places, calls, running order, general call.

    Refused when the day has no schedule items, unless `empty` asks for a blank sheet to fill by
    hand (a recce or a meeting day that is not on the schedule). One sheet per day.
    """
    if production.call_sheets.filter(date=day).exists():
        raise Refused(_("There is already a sheet for this day; open it to edit it."))
    items = list(items_of_day(production, day))
    if not items and not empty:
        raise Refused(
            _(
                "There is nothing on the schedule on %(date)s, so there is nothing to draw the sheet up from. "
                "Plan the day first, or start an empty sheet and fill it in by hand."
            )
            % {"date": day.strftime("%d/%m/%Y")}
        )
    screen = production.is_screen
    sheet = CallSheet(
        production=production,
        date=day,
        kind=kind or (SheetKind.CALL_SHEET if screen else SheetKind.RUN_SHEET),
    )
    # By when each is wanted (a call without its own time is at the item's start); in Python
    # because databases sort a NULL call time differently.
    calls = sorted(calls_of_items(items), key=lambda c: (c.call_at or c.item.starts_at, c.pk))
    sheet_calls = _merge_calls(sheet, calls)
    first = min([c.call_at for c in sheet_calls if c.call_at] + [i.starts_at for i in items], default=None)
    sheet.general_call = first.astimezone(sheet.tz).time() if first else None
    sheet.title = items[0].title if items and items[0].title else production.title
    sheet.day_number, sheet.day_count = _day_number(production, day, screen)
    sheet.save()
    SheetLocation.objects.bulk_create(_locations(sheet, items))
    SheetCall.objects.bulk_create(sheet_calls)
    scene_rows = _scene_rows(production, sheet.day_number) if screen else []
    rows = scene_rows or _item_rows(sheet, items, calls)
    for position, row in enumerate(rows):
        row.sheet, row.position = sheet, position
    RunningOrderRow.objects.bulk_create(rows)
    log_action(sheet, "callsheets.sheet.generated", user=by, data={"date": day.isoformat(), "items": len(items)})
    return sheet


# --- editing --------------------------------------------------------------------------------


def save_call_sheet(
    sheet: CallSheet,
    *,
    version: int,
    by: Any,
    save: Iterable[models.Model] = (),
    delete: Iterable[models.Model] = (),
) -> CallSheet:
    """Save the edited sheet and its changed rows (calls, locations, running order) together,
    unless someone else saved or published it since `version` was read."""
    with transaction.atomic():
        current = CallSheet.objects.select_for_update().get(pk=sheet.pk)
        if current.version != version:
            raise EditConflict()
        changes = diff(snapshot(current), snapshot(sheet))
        saved, deleted = list(save), list(delete)
        sheet.version = current.version + 1
        sheet.issued = current.issued
        sheet.save()
        for obj in saved:
            obj.sheet = sheet  # type: ignore[attr-defined]
            obj.save()
        for obj in deleted:
            obj.delete()
        log_action(
            sheet,
            "callsheets.sheet.changed",
            user=by,
            changes=changes,
            data={"rows": len(saved), "removed": len(deleted)},
        )
    return sheet


# --- publishing -----------------------------------------------------------------------------


def _phone(engagement: Engagement) -> str:
    contact = engagement.contact
    return contact.mobile_display or contact.phone_display


def build_snapshot(sheet: CallSheet) -> dict[str, Any]:
    """The sheet as sent: language-neutral codes, local "HH:MM" times, no fees, no personal data."""
    tz = sheet.tz
    calls = []
    for call in sheet.calls.select_related("engagement__contact").order_by("call_at", "department", "pk"):
        engagement = call.engagement
        calls.append(
            {
                "key": f"e{engagement.pk}" if engagement else f"d-{call.department}",
                "name": engagement.contact.name if engagement else "",
                "department": engagement.department if engagement else call.department,
                "function": (engagement.custom_function or engagement.function) if engagement else "",
                "phone": _phone(engagement) if engagement else "",
                "phone_private": bool(engagement and engagement.contact.phone_private),
                "call": local_time(call.call_at, tz),
                "wrap": local_time(call.wrap_at, tz),
                "pickup": local_time(call.pickup_at, tz),
                "pickup_place": call.pickup_place,
                "note": call.note,
            }
        )
    locations = []
    for location in sheet.locations.all():
        sunrise, sunset = sun_times(
            location.latitude, location.longitude, sheet.date, location.timezone or sheet.production.timezone
        )
        locations.append(
            {
                "name": location.name,
                "address": location.address,
                "parking": location.parking,
                "access": location.access,
                "nearest_hospital": location.nearest_hospital,
                "emergency_numbers": location.emergency_numbers,
                "sunrise": sunrise,
                "sunset": sunset,
            }
        )
    return {
        "production": sheet.production.title,
        "kind": sheet.kind,
        "date": sheet.date.isoformat(),
        "timezone": sheet.production.timezone,
        "title": sheet.title,
        "day_number": sheet.day_number,
        "day_count": sheet.day_count,
        "general_call": sheet.general_call.strftime("%H:%M") if sheet.general_call else None,
        "weather": sheet.weather,
        "catering": sheet.catering,
        "safety": sheet.safety,
        "notes": sheet.notes,
        "department_notes": {k: v for k, v in sorted(sheet.department_notes.items()) if v},
        "locations": locations,
        "calls": calls,
        "rows": [
            {
                "time": row.starts_at.strftime("%H:%M") if row.starts_at else None,
                "minutes": row.duration_minutes,
                "what": row.what,
                "who": row.who,
            }
            for row in sheet.rows.all()
        ],
        "contacts": [
            {"label": c.label, "name": c.name, "company": c.company, "phone": c.phone, "email": c.email}
            for c in sheet.production.key_contacts.all()
        ],
    }


def called_engagements(sheet: CallSheet) -> list[Engagement]:
    """The people called on the sheet: by name, or as members of a department that is called."""
    departments = set(sheet.calls.filter(engagement__isnull=True).values_list("department", flat=True))
    return list(
        Engagement.objects.filter(production=sheet.production)
        .filter(Q(sheet_calls__sheet=sheet) | Q(department__in=departments))
        .exclude(status=EngagementStatus.CANCELLED)
        .select_related("contact__user")
        .distinct()
        .order_by("contact__name", "pk")
    )


def recipient_language(engagement: Engagement, production: Production) -> str:
    """The recipient's own language: their account's, else the first they speak that Regie
    speaks, else the production's first working language, else the site's."""
    codes = [code for code, _label in settings.LANGUAGES]
    contact = engagement.contact
    if contact.user is not None and contact.user.language in codes:
        return str(contact.user.language)
    for code in [*contact.languages, *production.working_languages]:
        if code in codes:
            return str(code)
    return str(settings.LANGUAGE_CODE)


def link_token(recipient: Recipient) -> str:
    return salted_hmac(LINK_SALT, recipient.link_key, algorithm="sha256").hexdigest()


def _new_recipient(version: SheetVersion, engagement: Engagement, now: datetime.datetime) -> Recipient:
    production = version.sheet.production
    user = engagement.contact.user
    recipient = Recipient(
        version=version,
        engagement=engagement,
        name=engagement.contact.name,
        email=engagement.contact.email,
        language=recipient_language(engagement, production),
        sees_private=bool(user is not None and user.has_perm("people.manage_crew", production)),
        link_key=secrets.token_urlsafe(32),
        expires_at=version.sheet.at(datetime.time(23, 59)) + LINK_LIFETIME,
        queued_at=now,
    )
    recipient.token_hash = hash_link_token(link_token(recipient))
    return recipient


def publish_call_sheet(
    sheet: CallSheet, *, version: int, by: Any, others: Iterable[Engagement] = ()
) -> tuple[SheetVersion, list[str]]:
    """Issue the next numbered version of the sheet and queue its mail to every recipient.

    The number is assigned under a row lock on the sheet, and `version` (what the publisher
    looked at) must still be current: publishing over someone else's unseen edit is refused.
    Returns the version and the names of people left out for want of an e-mail address.
    """
    from regie.callsheets.tasks import send_call_sheet_version

    with transaction.atomic():
        current = CallSheet.objects.select_for_update().select_related("production").get(pk=sheet.pk)
        if current.version != version:
            raise EditConflict()
        previous = latest_version(current)
        data = build_snapshot(current)
        current.issued += 1
        current.version += 1
        current.save(update_fields=["issued", "version", "updated"])
        issued = SheetVersion.objects.create(
            sheet=current,
            number=current.issued,
            snapshot=data,
            changes=changes_between(previous.snapshot if previous else None, data),
            published_by=by,
        )
        people = {e.pk: e for e in called_engagements(current)}
        for other in others:
            people.setdefault(other.pk, other)
        now = timezone.now()
        without_email = sorted(e.contact.name for e in people.values() if not e.contact.email)
        Recipient.objects.bulk_create(
            [_new_recipient(issued, e, now) for e in people.values() if e.contact.email], batch_size=500
        )
        log_action(
            current,
            "callsheets.sheet.published",
            user=by,
            data={"number": issued.number, "recipients": len(people) - len(without_email)},
        )
        transaction.on_commit(lambda: send_call_sheet_version.enqueue(issued.pk))
    sheet.refresh_from_db()
    return issued, without_email


def resend_to_unconfirmed(version: SheetVersion, *, by: Any) -> int:
    """Queue the mail again for everyone who has not confirmed (failed ones included: the address
    may have been corrected since). Only the latest version can be sent again."""
    from regie.callsheets.tasks import send_call_sheet_version

    with transaction.atomic():
        sheet = CallSheet.objects.select_for_update().get(pk=version.sheet_id)
        if sheet.issued != version.number:
            raise Refused(_("Only the latest version can be sent again."))
        count = version.recipients.filter(confirmed_at__isnull=True).update(
            queued_at=timezone.now(), sent_at=None, failed_at=None, error=""
        )
        if count:
            log_action(sheet, "callsheets.sheet.resent", user=by, data={"number": version.number, "recipients": count})
            transaction.on_commit(lambda: send_call_sheet_version.enqueue(version.pk))
    return count


# --- the recipient's side -------------------------------------------------------------------


def record_opened(recipient: Recipient) -> None:
    """The first view of the personal page counts as opened; later views change nothing."""
    if recipient.opened_at is None:
        now = timezone.now()
        Recipient.objects.filter(pk=recipient.pk, opened_at__isnull=True).update(opened_at=now)
        recipient.opened_at = now


def confirm_receipt(recipient: Recipient) -> None:
    now = timezone.now()
    Recipient.objects.filter(pk=recipient.pk, opened_at__isnull=True).update(opened_at=now)
    Recipient.objects.filter(pk=recipient.pk, confirmed_at__isnull=True).update(confirmed_at=now)
    recipient.refresh_from_db(fields=["opened_at", "confirmed_at"])
