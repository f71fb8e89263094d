from __future__ import annotations

import datetime

import factory

from regie.scheduling.models import Call, DayTemplate, ItemKind, Place, ScheduleItem, Space, TemplateEntry
from tests.factories import OrganisationFactory, ProductionFactory

UTC = datetime.UTC
__all__ = [
    "CallFactory",
    "DayTemplateFactory",
    "PlaceFactory",
    "ScheduleItemFactory",
    "SpaceFactory",
    "TemplateEntryFactory",
    "schedule_with_one_of_each",
]


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Schouwburg {n}")
    street = "Kouter 1"
    postcode = "9000"
    city = "Gent"


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Repetitiezaal {n}")


class ScheduleItemFactory(factory.django.DjangoModelFactory):
    """A confirmed two-hour rehearsal on Monday 15 March 2027, 09:00 to 11:00 UTC (10:00 to 12:00 in Brussels)."""

    class Meta:
        model = ScheduleItem

    production = factory.SubFactory(ProductionFactory)
    kind = ItemKind.REHEARSAL
    title = factory.Sequence(lambda n: f"Repetitie {n}")
    starts_at = datetime.datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    item = factory.SubFactory(ScheduleItemFactory)
    engagement = None
    department = ""


class DayTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayTemplate

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Speeldag {n}")


class TemplateEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateEntry

    template = factory.SubFactory(DayTemplateFactory)
    kind = ItemKind.PERFORMANCE
    title = "Show"
    start_time = datetime.time(20, 0)
    duration = datetime.timedelta(hours=2)
    departments = factory.LazyFunction(lambda: ["stage"])


def schedule_with_one_of_each(production) -> dict:
    """An item of `production` with a person call, a space, a place, and a template with an entry."""
    organisation = production.organisation
    from tests.factories import EngagementFactory

    place = PlaceFactory(organisation=organisation)
    space = SpaceFactory(organisation=organisation, place=place)
    item = ScheduleItemFactory(production=production, place=place)
    item.spaces.add(space)
    engagement = EngagementFactory(production=production)
    call = CallFactory(item=item, engagement=engagement)
    template = DayTemplateFactory(organisation=organisation)
    entry = TemplateEntryFactory(template=template)
    return {"place": place, "space": space, "item": item, "call": call, "template": template, "entry": entry}
