from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.accounts.roles import OrganisationRole, Role
from regie.core.concurrency import EditConflict
from regie.scheduling.models import ScheduleItem
from tests.factories import (
    CallFactory,
    DayTemplateFactory,
    OrganisationMembershipFactory,
    PlaceFactory,
    ProductionFactory,
    ScheduleItemFactory,
    SpaceFactory,
    TemplateEntryFactory,
    UserFactory,
    member_of,
)

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def url(name: str, production, *args) -> str:
    return reverse(f"scheduling:{name}", args=[production.pk, *args])


def item_post(**overrides) -> dict:
    data = {
        "kind": "rehearsal",
        "title": "Doorloop",
        "starts_at": "2027-03-15T10:00",
        "ends_at": "2027-03-15T12:00",
        "status": "confirmed",
        "version": "1",
    }
    data.update(overrides)
    return data


def test_new_item_is_saved_in_the_productions_time_zone(client, production, manager):
    client.force_login(manager)

    response = client.post(url("item_new", production), item_post())

    item = ScheduleItem.objects.get()
    assert response.status_code == 302
    assert (item.starts_at, item.ends_at) == (
        dt.datetime(2027, 3, 15, 9, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 15, 11, 0, tzinfo=UTC),
    )


def test_new_item_ending_before_it_starts_is_refused_with_a_message(client, production, manager):
    client.force_login(manager)

    response = client.post(url("item_new", production), item_post(ends_at="2027-03-15T09:00"))

    assert response.status_code == 400
    assert (
        _("The item ends before it starts (or at the same moment): the end must come after the start.")
        in (response.context["form"].errors["ends_at"])
    )
    assert ScheduleItem.objects.count() == 0


def test_new_item_in_the_spring_gap_is_refused(client, production, manager):
    client.force_login(manager)

    response = client.post(
        url("item_new", production), item_post(starts_at="2027-03-28T02:30", ends_at="2027-03-28T04:00")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["starts_at"] == [
        "02:30 does not exist on 28 March 2027 in Europe/Brussels: the clocks go forward an hour that night. "
        "Choose a time after the change."
    ]
    assert ScheduleItem.objects.count() == 0


def test_new_item_across_the_autumn_change_lasts_the_elapsed_time(client, production, manager):
    client.force_login(manager)

    client.post(url("item_new", production), item_post(starts_at="2027-10-31T01:00", ends_at="2027-10-31T04:00"))

    item = ScheduleItem.objects.get()
    assert item.ends_at - item.starts_at == dt.timedelta(hours=4)


def test_new_item_with_a_space_of_another_organisation_is_refused(client, production, manager):
    foreign = SpaceFactory()
    client.force_login(manager)

    response = client.post(url("item_new", production), item_post(spaces=[foreign.pk]))

    assert response.status_code == 400
    assert ScheduleItem.objects.count() == 0


def test_item_of_another_production_is_404(client, production, manager):
    other = ScheduleItemFactory(production=ProductionFactory())
    client.force_login(manager)

    assert client.get(url("item", production, other.pk)).status_code == 404
    assert client.post(url("item_move", production, other.pk), {}).status_code == 404


def test_two_people_editing_one_item_second_gets_409_with_input_kept(client, production, manager):
    item = ScheduleItemFactory(production=production, title="Doorloop")
    other = member_of(production, Role.PRODUCTION_ASSISTANT, name="Ilse Peeters")
    client.force_login(other)
    client.post(url("item", production, item.pk), item_post(title="Doorloop met licht", version="1"))
    client.force_login(manager)

    response = client.post(url("item", production, item.pk), item_post(title="Italiaanse", version="1"))

    item.refresh_from_db()
    assert response.status_code == 409
    assert str(EditConflict.message) in [str(m) for m in response.context["messages"]]
    assert response.context["form"]["title"].value() == "Italiaanse"
    assert response.context["form"]["version"].value() == "2"
    assert response.context["other_change"]["entry"].user == other
    assert [(row["old"], row["new"]) for row in response.context["other_change"]["rows"]] == [
        ("Doorloop", "Doorloop met licht")
    ]
    assert item.title == "Doorloop met licht"


def test_move_endpoint_moves_and_answers_the_new_version(client, production, manager):
    item = ScheduleItemFactory(production=production)
    client.force_login(manager)

    response = client.post(
        url("item_move", production, item.pk),
        {"version": "1", "start": "2027-03-16T14:00", "end": "2027-03-16T16:30"},
        HTTP_ACCEPT="application/json",
    )

    item.refresh_from_db()
    assert (response.status_code, response.json()["version"]) == (200, 2)
    assert (item.starts_at, item.ends_at) == (
        dt.datetime(2027, 3, 16, 13, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 16, 15, 30, tzinfo=UTC),
    )


def test_move_endpoint_with_a_stale_version_answers_409_and_changes_nothing(client, production, manager):
    item = ScheduleItemFactory(production=production, version=4)
    client.force_login(manager)

    response = client.post(
        url("item_move", production, item.pk), {"version": "3", "start": "2027-03-16T14:00", "end": "2027-03-16T16:00"}
    )

    item.refresh_from_db()
    assert response.status_code == 409
    assert response.json()["event"]["extendedProps"]["version"] == 4
    assert "Your move was undone." in response.json()["error"]
    assert item.starts_at == dt.datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def test_move_endpoint_refuses_an_end_before_the_start(client, production, manager):
    item = ScheduleItemFactory(production=production)
    client.force_login(manager)

    response = client.post(
        url("item_move", production, item.pk), {"version": "1", "start": "2027-03-16T14:00", "end": "2027-03-16T13:00"}
    )

    item.refresh_from_db()
    assert (response.status_code, response.json()["error"]) == (400, _("An item must end after it starts."))
    assert item.version == 1


def test_move_endpoint_reports_the_conflicts_caused(client, production, manager, engagement):
    CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)
    moving = ScheduleItemFactory(production=production, starts_at=dt.datetime(2027, 3, 15, 14, tzinfo=UTC))
    CallFactory(item=moving, engagement=engagement)
    client.force_login(manager)

    response = client.post(
        url("item_move", production, moving.pk),
        {"version": "1", "start": "2027-03-15T10:30", "end": "2027-03-15T11:30"},
    )

    assert [c["who"] for c in response.json()["conflicts"]] == [engagement.contact.name]


def test_crew_may_see_but_not_move(client, production, crew):
    item = ScheduleItemFactory(production=production)
    client.force_login(crew)

    events = client.get(url("events", production), {"start": "2027-03-15T00:00:00Z", "end": "2027-03-22T00:00:00Z"})
    moved = client.post(url("item_move", production, item.pk), {"version": "1"})

    assert [(e["title"], e["editable"], e["start"]) for e in events.json()] == [
        (item.title, False, "2027-03-15T10:00:00")
    ]
    assert moved.status_code == 403


def test_events_filter_by_kind_and_department(client, production, manager, engagement):
    rehearsal = ScheduleItemFactory(production=production, title="R")
    fitting = ScheduleItemFactory(production=production, title="F", kind="fitting")
    CallFactory(item=fitting, department="costume")
    CallFactory(item=rehearsal, engagement=engagement)
    client.force_login(manager)
    week = {"start": "2027-03-15T00:00:00Z", "end": "2027-03-22T00:00:00Z"}

    kinds = client.get(url("events", production), {**week, "kind": "fitting"}).json()
    departments = client.get(url("events", production), {**week, "department": "stage"}).json()
    person = client.get(url("events", production), {**week, "person": engagement.pk}).json()

    assert ([e["title"] for e in kinds], [e["title"] for e in departments], [e["title"] for e in person]) == (
        ["F"],
        ["R"],
        ["R"],
    )


def test_calendar_page_sets_the_nonce_for_fullcalendar_styles(client, production, crew):
    client.force_login(crew)

    response = client.get(url("calendar", production))

    nonce = response.wsgi_request.csp_nonce
    assert f'<meta name="csp-nonce" content="{nonce}">' in response.content.decode()
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert 'data-editable="false"' in response.content.decode()


def test_list_page_shows_items_without_javascript(client, production, crew, assert_flat_queries, engagement):
    ScheduleItemFactory(production=production, title="Doorloop")
    client.force_login(crew)
    list_url = url("list", production) + "?start=2027-03-14"

    def add_two() -> None:
        for title in ("Filage", "Generale"):
            CallFactory(item=ScheduleItemFactory(production=production, title=title), engagement=engagement)

    assert_flat_queries(list_url, add_two)
    assert "Generale" in client.get(list_url).content.decode()


def test_apply_template_page_lays_a_performance_day(client, production, manager):
    template = DayTemplateFactory(organisation=production.organisation)
    TemplateEntryFactory(template=template)
    client.force_login(manager)

    response = client.post(
        url("apply_template", production),
        {
            "template": template.pk,
            "first_date": "2027-03-26",
            "last_date": "2027-03-29",
            "weekdays": [4, 5, 6],
            "status": "confirmed",
        },
    )

    assert response.status_code == 302
    assert [i.starts_at.date().isoformat() for i in ScheduleItem.objects.all()] == [
        "2027-03-26",
        "2027-03-27",
        "2027-03-28",
    ]


def test_apply_template_of_another_organisation_is_not_offered(client, production, manager):
    template = DayTemplateFactory()
    TemplateEntryFactory(template=template)
    client.force_login(manager)

    response = client.post(
        url("apply_template", production), {"template": template.pk, "first_date": "2027-03-26", "status": "confirmed"}
    )

    assert (response.status_code, ScheduleItem.objects.count()) == (400, 0)


def test_conflicts_page_lists_and_accepts(client, production, manager, engagement):
    CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)
    CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)
    client.force_login(manager)
    page = client.get(url("conflicts", production))
    row = page.context["open"][0]

    client.post(url("conflict_accept", production), {"fingerprint": row.fingerprint, "reason": "Korte overlap"})

    after = client.get(url("conflicts", production))
    assert (len(page.context["open"]), len(after.context["open"]), len(after.context["accepted"])) == (1, 0, 1)


def test_my_schedule_shows_calls_across_organisations(client, production, engagement):
    user = UserFactory()
    engagement.contact.user = user
    engagement.contact.save()
    elsewhere = ProductionFactory(title="Elders")
    from tests.factories import ContactFactory, EngagementFactory

    far = EngagementFactory(
        production=elsewhere, contact=ContactFactory(organisation=elsewhere.organisation, user=user)
    )
    soon = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(days=1)
    CallFactory(item=ScheduleItemFactory(production=production, title="Hier", starts_at=soon), engagement=engagement)
    CallFactory(item=ScheduleItemFactory(production=elsewhere, title="Daar", starts_at=soon), engagement=far)
    ScheduleItemFactory(production=production, title="Niet voor mij", starts_at=soon)
    client.force_login(user)

    response = client.get(reverse("scheduling:mine"))

    titles = sorted(i.title for _day, items in response.context["days"] for i in items)
    assert titles == ["Daar", "Hier"]


def test_place_of_another_organisation_is_404(client, production):
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=production.organisation, user=admin, role=OrganisationRole.ADMIN)
    foreign = PlaceFactory()
    client.force_login(admin)

    assert client.get(reverse("scheduling:place", args=[production.organisation.slug, foreign.pk])).status_code == 404


def test_template_entry_is_added_from_the_template_page(client, production):
    staff = UserFactory()
    OrganisationMembershipFactory(organisation=production.organisation, user=staff, role=OrganisationRole.STAFF)
    template = DayTemplateFactory(organisation=production.organisation)
    client.force_login(staff)

    client.post(
        reverse("scheduling:template", args=[production.organisation.slug, template.pk]),
        {
            "entry": "1",
            "kind": "performance",
            "title": "Show",
            "start_time": "20:00",
            "minutes": "90",
            "departments": ["stage"],
        },
    )

    entry = template.entries.get()
    assert (entry.start_time, entry.duration, entry.departments) == (
        dt.time(20, 0),
        dt.timedelta(minutes=90),
        ["stage"],
    )


def test_dashboard_shows_the_conflict_badge_to_planners(client, production, manager, engagement):
    CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)
    CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)
    client.force_login(manager)

    response = client.get(reverse("productions:dashboard", args=[production.pk]))

    assert "1 conflict</a>" in response.content.decode()


def test_events_json_is_valid_json_for_an_empty_range(client, production, crew):
    client.force_login(crew)

    response = client.get(url("events", production), {"start": "garbage", "end": "2099-01-01"})

    assert (response.status_code, json.loads(response.content)) == (200, [])


def test_list_page_stops_at_a_day_boundary_when_a_page_is_full(client, production, crew, monkeypatch):
    from regie.scheduling.views import calendar as views

    monkeypatch.setattr(views, "LIST_MAX_ITEMS", 2)
    for day in (15, 15, 16, 17):
        ScheduleItemFactory(production=production, starts_at=dt.datetime(2027, 3, day, 9, tzinfo=UTC))
    client.force_login(crew)

    first = client.get(url("list", production) + "?start=2027-03-15")
    crowded = client.get(url("list", production) + "?start=2027-03-15&kind=rehearsal")

    assert [(day.isoformat(), len(items)) for day, items in first.context["days"]] == [("2027-03-15", 2)]
    assert "start=2027-03-16" in first.context["next"]
    assert [len(items) for _day, items in crowded.context["days"]] == [2]


def test_list_page_shows_a_crowded_day_whole(client, production, crew, monkeypatch):
    from regie.scheduling.views import calendar as views

    monkeypatch.setattr(views, "LIST_MAX_ITEMS", 2)
    for hour in (8, 9, 10, 11):
        ScheduleItemFactory(production=production, starts_at=dt.datetime(2027, 3, 15, hour, tzinfo=UTC))
    client.force_login(crew)

    response = client.get(url("list", production) + "?start=2027-03-15")

    assert [len(items) for _day, items in response.context["days"]] == [4]
    assert "start=2027-03-16" in response.context["next"]


def test_conflicts_page_queries_stay_flat(client, production, manager, assert_flat_queries):
    from tests.factories import EngagementFactory

    def clash() -> None:
        engagement = EngagementFactory(production=production)
        CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)
        CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)

    clash()
    client.force_login(manager)

    assert_flat_queries(url("conflicts", production), lambda: (clash(), clash()))


def test_space_and_call_of_another_organisation_are_404(client, production, manager, engagement):
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=production.organisation, user=admin, role=OrganisationRole.ADMIN)
    foreign_space = SpaceFactory()
    item = ScheduleItemFactory(production=production)
    foreign_call = CallFactory(item=ScheduleItemFactory(production=ProductionFactory()), department="stage")
    slug = production.organisation.slug

    client.force_login(admin)
    space = client.get(reverse("scheduling:space_calendar", args=[slug, foreign_space.pk]))
    client.force_login(manager)
    call = client.post(url("call_edit", production, item.pk, foreign_call.pk), {"version": "1"})

    assert (space.status_code, call.status_code) == (404, 404)


def test_my_schedule_of_a_member_not_engaged_is_the_whole_schedule(client, production):
    producer = member_of(production, Role.PRODUCER)
    soon = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(days=1)
    ScheduleItemFactory(production=production, title="Doorloop", starts_at=soon)
    client.force_login(producer)

    response = client.get(reverse("scheduling:mine"))
    events = client.get(
        reverse("scheduling:my_events"),
        {
            "start": (soon - dt.timedelta(days=1)).date().isoformat(),
            "end": (soon + dt.timedelta(days=2)).date().isoformat(),
        },
    )

    assert [i.title for _day, items in response.context["days"] for i in items] == ["Doorloop"]
    assert [e["title"] for e in events.json()] == [f"{production.title}: Doorloop"]


def test_calendar_filter_keeps_the_chosen_person(client, production, crew, engagement):
    client.force_login(crew)

    response = client.get(url("calendar", production), {"person": engagement.pk})

    html = response.content.decode()
    assert f'<option value="{engagement.pk}" selected>{engagement.contact.name}</option>' in html
    assert '<select id="id_person" name="person">' in html
    assert f"person={engagement.pk}" in response.context["events_url"]
