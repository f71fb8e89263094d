"""Schedule data and call sheets for the call-sheet tests (built here, not with the scheduling services)."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from typing import Any

import factory

from regie.callsheets.models import CallSheet, Recipient, SheetVersion
from regie.callsheets.queries import hash_link_token
from regie.callsheets.services import LINK_LIFETIME, build_snapshot, link_token
from tests.factories.scheduling import PlaceFactory, ScheduleItemFactory

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


class SheetPlaceFactory(PlaceFactory):
    """A place with everything a call sheet shows: coordinates, parking, access, hospital."""

    street = "Kouter 29"
    latitude = Decimal("51.050000")
    longitude = Decimal("3.720000")
    parking = "Parking Kouter, level -2"
    access = "Stage door in the Schouwburgstraat, code 1234"
    nearest_hospital = "UZ Gent, C. Heymanslaan 10"
    emergency_numbers = "112"


class SheetItemFactory(ScheduleItemFactory):
    """A four-hour rehearsal from 10:00 Brussels time on Tuesday 2 March 2027, the call sheets' day."""

    title = factory.Sequence(lambda n: f"Item {n}")
    starts_at = factory.LazyFunction(lambda: brussels(datetime.date(2027, 3, 2), 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=4))


class CallSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallSheet

    production = factory.SubFactory("tests.factories.ProductionFactory")
    date = datetime.date(2027, 3, 2)
    title = "Repetitie"


def publish_snapshot(sheet: CallSheet, number: int = 1) -> SheetVersion:
    """A published version of `sheet` as it stands, without sending anything."""
    sheet.issued = number
    sheet.save(update_fields=["issued"])
    return SheetVersion.objects.create(sheet=sheet, number=number, snapshot=build_snapshot(sheet))


def recipient_with_token(version: SheetVersion, **fields: Any) -> tuple[Recipient, str]:
    """A recipient of `version` and the token of their personal link."""
    recipient = Recipient(
        version=version,
        name=fields.pop("name", "Camille Dubois"),
        email=fields.pop("email", "camille@example.be"),
        language=fields.pop("language", "fr"),
        link_key=fields.pop("link_key", f"key-{version.pk}-{Recipient.objects.count()}"),
        expires_at=fields.pop(
            "expires_at", datetime.datetime.combine(version.sheet.date, datetime.time(23, 59), BRUSSELS) + LINK_LIFETIME
        ),
        **fields,
    )
    token = link_token(recipient)
    recipient.token_hash = hash_link_token(token)
    recipient.save()
    return recipient, token


def published_sheet(production: Any) -> dict[str, Any]:
    """A sheet of `production` published as version 1 with one recipient: for the URL walker."""
    sheet = CallSheetFactory(production=production)
    version = publish_snapshot(sheet)
    recipient, token = recipient_with_token(version)
    return {"sheet": sheet, "version": version, "recipient": recipient, "token": token}
