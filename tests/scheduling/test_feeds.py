from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from regie.accounts.roles import Role
from regie.productions.models import ProductionMembership
from regie.scheduling import services
from tests.factories import CallFactory, PlaceFactory, ScheduleItemFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def soon(days: int = 2, hour: int = 9) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def fetch(client, token: str):
    return client.get(reverse("scheduling:ics", args=[token]))


def events(response) -> list:
    calendar = Calendar.from_ical(response.content)
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == ("2.0", "-//Regie//Schedule//EN")
    return list(calendar.walk("VEVENT"))


def test_production_feed_is_valid_icalendar_with_stable_uids(client, production, manager):
    place = PlaceFactory(organisation=production.organisation, name="Vooruit", street="Sint-Pietersnieuwstraat 23")
    item = ScheduleItemFactory(production=production, title="Première", place=place, starts_at=soon())
    token = services.make_feed(manager, production)

    first = fetch(client, token)
    services.move_item(item, starts_at=soon(3), ends_at=soon(3, 11), version=1, by=manager)
    second = fetch(client, token)

    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    before, after = events(first)[0], events(second)[0]
    assert str(before["UID"]) == str(after["UID"]) == f"item-{item.pk}@testserver"
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (1, 2)
    assert after["DTSTART"].dt == soon(3)
    assert after["DTSTART"].dt.tzinfo is not None and after["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    assert str(after["SUMMARY"]) == "Première"
    assert str(after["STATUS"]) == "CONFIRMED"
    assert str(after["LOCATION"]) == "Vooruit — Sint-Pietersnieuwstraat 23, 9000 Gent"
    assert "DTSTAMP" in after and "LAST-MODIFIED" in after


def test_cancelled_item_stays_in_the_feed_as_cancelled(client, production, manager):
    item = ScheduleItemFactory(production=production, starts_at=soon())
    token = services.make_feed(manager, production)

    services.cancel_item(item, version=1, by=manager)

    event = events(fetch(client, token))[0]
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CANCELLED", 2)


def test_personal_feed_has_the_persons_own_call_times(client, production, engagement):
    user = UserFactory(name="Lotte")
    engagement.contact.user = user
    engagement.contact.save()
    item = ScheduleItemFactory(production=production, title="Opbouw", starts_at=soon())
    CallFactory(item=item, engagement=engagement, call_at=soon(hour=8))
    ScheduleItemFactory(production=production, title="Zonder mij", starts_at=soon())
    token = services.make_feed(user, None)

    found = events(fetch(client, token))

    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in found] == [(f"{production.title}: Opbouw", soon(hour=8))]
    assert str(found[0]["UID"]) == f"item-{item.pk}-c{engagement.contact_id}@testserver"


def test_revoked_and_forged_tokens_get_404(client, production, manager):
    old = services.make_feed(manager, production)
    services.make_feed(manager, production)

    assert fetch(client, old).status_code == 404
    assert fetch(client, "forged-token").status_code == 404


def test_production_feed_stops_when_the_owner_leaves_the_production(client, production, manager):
    token = services.make_feed(manager, production)

    ProductionMembership.objects.filter(user=manager, production=production).delete()

    assert fetch(client, token).status_code == 404


def test_feed_page_shows_the_new_address_once(client, production):
    crew = member_of(production, Role.CREW)
    client.force_login(crew)
    page = reverse("scheduling:feed", args=[production.pk])

    client.post(page, {"action": "make"})
    shown = client.get(page)
    again = client.get(page)

    assert shown.context["urls"]["webcal"].startswith("webcal://testserver/calendar/")
    assert again.context["urls"] is None
    token = shown.context["urls"]["https"].rsplit("/", 1)[1].removesuffix(".ics")
    assert fetch(client, token).status_code == 200


def test_feed_page_revokes(client, production, crew):
    client.force_login(crew)
    token = services.make_feed(crew, production)

    client.post(reverse("scheduling:feed", args=[production.pk]), {"action": "revoke"})

    assert fetch(client, token).status_code == 404
