"""Use cases of call sheets: draw up from the schedule, edit, publish a version, confirm, resend."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from regie.callsheets.comparison import Difference, digest, source_of
from regie.callsheets.drawing import draw_days, names_of, scene_rows, schedule_differences
from regie.callsheets.models import (
    CallSheet,
    Recipient,
    RunningOrderRow,
    SheetCall,
    SheetKind,
    SheetLocation,
    SheetVersion,
)
from regie.callsheets.queries import hash_link_token, latest_version
from regie.callsheets.snapshots import changes_between, local_time, sun_times
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import EditConflict
from regie.core.feedback import Refused
from regie.people.models import Engagement, EngagementStatus
from regie.productions.models import Production

LINK_SALT = "regie.callsheets.recipient-link"
# A personal link works until this long after the sheet's day: people look back at a call sheet
# for their timesheets, but a link should not stay open for ever.
LINK_LIFETIME = datetime.timedelta(days=30)


# --- drawing up from the schedule -----------------------------------------------------------


@transaction.atomic
def generate_call_sheet(
    production: Production, day: datetime.date, *, by: Any, kind: str = "", empty: bool = False
) -> CallSheet:
    """Draw up the sheet of `day` from the schedule: places, calls, running order, general call.

    Refused when the day has no schedule items, unless `empty` asks for a blank sheet to fill by
    hand (a recce or a meeting day that is not on the schedule). One sheet per day. The sheet
    keeps what it was drawn from (`source`), to tell later what changed in the schedule since.
    """
    if production.call_sheets.filter(date=day).exists():
        raise Refused(_("There is already a sheet for this day; open it to edit it."))
    drawn = draw_days(production, [day], numbered=True)[day]
    if not drawn.items and not empty:
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
        general_call=drawn.general_call,
        title=drawn.title or production.title,
        day_number=drawn.day_number,
        day_count=drawn.day_count,
    )
    scenes = scene_rows(production, sheet.day_number) if screen else []
    sheet.source = source_of(drawn, names_of(drawn), rows=not scenes)
    sheet.save()
    for location in drawn.locations:
        location.sheet = sheet
    for call in drawn.sheet_calls:
        call.sheet = sheet
    SheetLocation.objects.bulk_create(drawn.locations)
    SheetCall.objects.bulk_create(drawn.sheet_calls)
    rows = scenes or drawn.rows
    for position, row in enumerate(rows):
        row.sheet, row.position = sheet, position
    RunningOrderRow.objects.bulk_create(rows)
    log_action(sheet, "callsheets.sheet.generated", user=by, data={"date": day.isoformat(), "items": len(drawn.items)})
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


class ScheduleChanged(Exception):
    """Not published: the schedule changed since the sheet was drawn up and the sheet differs
    from it. Publishing anyway needs the `digest` of exactly these differences."""

    def __init__(self, differences: list[Difference]) -> None:
        super().__init__("The schedule changed since the sheet was drawn up.")
        self.differences = differences
        self.digest = digest(differences)


def publish_call_sheet(
    sheet: CallSheet, *, version: int, by: Any, others: Iterable[Engagement] = (), confirmed: str = ""
) -> tuple[SheetVersion, list[str]]:
    """Issue the next numbered version of the sheet and queue its mail to every recipient.

    The number is assigned under a row lock on the sheet, and `version` (what the publisher
    looked at) must still be current: publishing over someone else's unseen edit is refused.
    A sheet that differs from a schedule changed since it was drawn up is not published
    (`ScheduleChanged`) unless `confirmed` is the digest of those very differences: the
    publisher saw them and chose to publish anyway; a further change to the schedule asks again.
    Returns the version and the names of people left out for want of an e-mail address.
    """
    from regie.callsheets.tasks import send_call_sheet_version

    with transaction.atomic():
        current = CallSheet.objects.select_for_update().select_related("production").get(pk=sheet.pk)
        if current.version != version:
            raise EditConflict()
        differences = schedule_differences(current)
        if differences and digest(differences) != confirmed:
            raise ScheduleChanged(differences)
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
            data={
                "number": issued.number,
                "recipients": len(people) - len(without_email),
                # Published knowing that the sheet differs from the schedule: on the record.
                "schedule_differences": [d.as_dict() for d in differences],
            },
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
