"""Engagements on a production: the crew and cast list, the organisation chart, engaging people."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from regie.accounts.roles import Role
from regie.core.models import AuditEntry
from regie.people.models import Engagement, EngagementStatus
from regie.people.queries import chart_rows, organisation_chart
from tests.factories import (
    ContactFactory,
    EngagementFactory,
    OrganisationFactory,
    ProductionFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def engagement_data(contact, **changes) -> dict:
    data = {
        "contact": contact.pk,
        "function": "gaffer",
        "custom_function": "",
        "department": "",
        "start_date": "2027-01-10",
        "end_date": "2027-02-10",
        "engagement_type": "freelance",
        "fee": "350.00",
        "fee_unit": "day",
        "currency": "EUR",
        "status": "confirmed",
    }
    data.update(changes)
    return data


def test_crew_list_groups_by_department_in_standard_order(client):
    # Arrange
    production = ProductionFactory()
    EngagementFactory(production=production, function="actor", department="cast", contact__name="Zoë")
    EngagementFactory(production=production, function="gaffer", department="lighting", contact__name="Bram")
    EngagementFactory(production=production, function="director", department="direction", contact__name="Ann")
    client.force_login(member_of(production, Role.CREW))

    # Act
    response = client.get(reverse("people:crew", kwargs={"pk": production.pk}))

    # Assert
    groups = [(g.department, [e.contact.name for e in g.engagements]) for g in response.context["groups"]]
    assert groups == [("direction", ["Ann"]), ("lighting", ["Bram"]), ("cast", ["Zoë"])]


def test_crew_list_queries_flat_in_number_of_engagements(client, assert_flat_queries):
    production = ProductionFactory()
    boss = EngagementFactory(production=production, is_department_head=True)
    client.force_login(member_of(production, Role.CREW))
    assert_flat_queries(
        reverse("people:crew", kwargs={"pk": production.pk}),
        lambda: EngagementFactory.create_batch(2, production=production, reports_to=boss),
    )


def test_org_chart_queries_flat_in_number_of_engagements(client, assert_flat_queries):
    production = ProductionFactory()
    boss = EngagementFactory(production=production)
    client.force_login(member_of(production, Role.CREW))
    assert_flat_queries(
        reverse("people:org_chart", kwargs={"pk": production.pk}),
        lambda: EngagementFactory.create_batch(2, production=production, reports_to=boss),
    )


def test_crew_list_viewer_refused(client):
    production = ProductionFactory()
    client.force_login(member_of(production, Role.VIEWER))
    assert client.get(reverse("people:crew", kwargs={"pk": production.pk})).status_code == 403


def test_engagement_add_fills_department_from_function_and_logs(client):
    # Arrange
    production = ProductionFactory()
    contact = ContactFactory(organisation=production.organisation)
    client.force_login(member_of(production, Role.PRODUCTION_ASSISTANT))

    # Act
    response = client.post(reverse("people:engagement_add", kwargs={"pk": production.pk}), engagement_data(contact))

    # Assert
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert (engagement.contact, engagement.department, engagement.status, str(engagement.fee)) == (
        contact,
        "lighting",
        EngagementStatus.CONFIRMED,
        "350.00",
    )
    assert list(AuditEntry.objects.values_list("action", "production")) == [("people.engagement.added", production.pk)]


def test_engagement_add_free_text_function_accepted(client):
    production = ProductionFactory()
    contact = ContactFactory(organisation=production.organisation)
    client.force_login(member_of(production, Role.PRODUCER))

    client.post(
        reverse("people:engagement_add", kwargs={"pk": production.pk}),
        engagement_data(contact, function="", custom_function="pyrotechnician", department="stage"),
    )

    assert Engagement.objects.get().function_label == "pyrotechnician"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"function": "", "custom_function": ""}, "function"),
        ({"end_date": "2027-01-01"}, "end_date"),
        ({"fee": "-1"}, "fee"),
        ({"status": "maybe"}, "status"),
        ({"start_date": "10/13/2027"}, "start_date"),
    ],
)
def test_engagement_add_bad_input_changes_nothing(client, changes, field):
    production = ProductionFactory()
    contact = ContactFactory(organisation=production.organisation)
    client.force_login(member_of(production, Role.PRODUCER))

    response = client.post(
        reverse("people:engagement_add", kwargs={"pk": production.pk}), engagement_data(contact, **changes)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert (Engagement.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_engagement_add_contact_of_another_organisation_refused(client):
    production = ProductionFactory()
    foreign = ContactFactory(organisation=OrganisationFactory())
    client.force_login(member_of(production, Role.PRODUCER))

    response = client.post(reverse("people:engagement_add", kwargs={"pk": production.pk}), engagement_data(foreign))

    assert list(response.context["form"].errors) == ["contact"]
    assert Engagement.objects.count() == 0


def test_engagement_edit_reporting_loop_refused(client):
    # Arrange
    production = ProductionFactory()
    head = EngagementFactory(production=production)
    member = EngagementFactory(production=production, reports_to=head)
    client.force_login(member_of(production, Role.PRODUCER))

    # Act
    response = client.post(
        reverse("people:engagement_edit", kwargs={"pk": production.pk, "engagement_pk": head.pk}),
        engagement_data(head.contact, reports_to=member.pk, version=1),
    )

    # Assert
    head.refresh_from_db()
    assert list(response.context["form"].errors) == ["reports_to"]
    assert head.reports_to_id is None


def test_engagement_edit_stale_version_conflicts(client):
    production = ProductionFactory()
    engagement = EngagementFactory(production=production, version=3, status=EngagementStatus.OPTION)
    client.force_login(member_of(production, Role.PRODUCER))

    response = client.post(
        reverse("people:engagement_edit", kwargs={"pk": production.pk, "engagement_pk": engagement.pk}),
        engagement_data(engagement.contact, status="cancelled", version=2),
    )

    engagement.refresh_from_db()
    assert (response.status_code, engagement.status) == (409, EngagementStatus.OPTION)


def test_engagement_edit_other_productions_engagement_not_found(client):
    production = ProductionFactory()
    other = EngagementFactory(production=ProductionFactory(organisation=production.organisation))
    client.force_login(member_of(production, Role.PRODUCER))

    url = reverse("people:engagement_edit", kwargs={"pk": production.pk, "engagement_pk": other.pk})

    assert client.get(url).status_code == 404


def test_engagement_remove_unlinks_reports_and_logs(client):
    production = ProductionFactory()
    head = EngagementFactory(production=production)
    member = EngagementFactory(production=production, reports_to=head)
    client.force_login(member_of(production, Role.PRODUCER))

    client.post(reverse("people:engagement_remove", kwargs={"pk": production.pk, "engagement_pk": head.pk}))

    member.refresh_from_db()
    assert (Engagement.objects.count(), member.reports_to_id) == (1, None)
    assert AuditEntry.objects.get().action == "people.engagement.removed"


def test_organisation_chart_nests_reporting_lines():
    # Arrange
    production = ProductionFactory()
    pm = EngagementFactory(production=production, contact__name="PM")
    gaffer = EngagementFactory(production=production, reports_to=pm, contact__name="Gaffer")
    spark = EngagementFactory(production=production, reports_to=gaffer, contact__name="Spark")
    loner = EngagementFactory(production=production, contact__name="Loner")

    # Act
    roots = organisation_chart([pm, gaffer, spark, loner])

    # Assert
    def shape(nodes):
        return [(n.engagement.contact.name, shape(n.children)) for n in nodes]

    assert shape(roots) == [("PM", [("Gaffer", [("Spark", [])])]), ("Loner", [])]


def test_organisation_chart_loop_shown_as_roots():
    production = ProductionFactory()
    a = EngagementFactory(production=production, contact__name="A")
    b = EngagementFactory(production=production, contact__name="B", reports_to=a)
    a.reports_to = b

    roots = organisation_chart([a, b])

    assert [n.engagement.contact.name for n in roots] == ["A", "B"]


def test_org_chart_page_renders_nested_names(client):
    production = ProductionFactory(start_date=datetime.date(2027, 1, 1))
    pm = EngagementFactory(production=production, contact__name="Pia Manager", function="production_manager")
    EngagementFactory(production=production, reports_to=pm, contact__name="Gert Gaffer")
    client.force_login(member_of(production, Role.CAST))

    response = client.get(reverse("people:org_chart", kwargs={"pk": production.pk}))

    content = response.content.decode()
    assert content.index("Pia Manager") < content.index("<ul>") < content.index("Gert Gaffer")


def test_crew_list_private_phone_hidden_from_crew_shown_to_managers(client):
    # Arrange
    production = ProductionFactory()
    EngagementFactory(production=production, contact__mobile="+32470123456", contact__phone_private=True)
    url = reverse("people:crew", kwargs={"pk": production.pk})
    csv_url = reverse("people:crew_csv", kwargs={"pk": production.pk})

    # Act
    client.force_login(member_of(production, Role.CREW))
    crew_page, crew_csv = client.get(url).content.decode(), client.get(csv_url).content.decode()
    client.force_login(member_of(production, Role.PRODUCTION_ASSISTANT))
    assistant_page = client.get(url).content.decode()

    # Assert
    assert ("+32 470 12 34 56" in crew_page, "+32 470 12 34 56" in crew_csv) == (False, False)
    assert "+32 470 12 34 56" in assistant_page


def test_chart_rows_close_each_nested_list_once():
    production = ProductionFactory()
    pm = EngagementFactory(production=production, contact__name="PM")
    gaffer = EngagementFactory(production=production, reports_to=pm, contact__name="Gaffer")
    spark = EngagementFactory(production=production, reports_to=gaffer, contact__name="Spark")
    loner = EngagementFactory(production=production, contact__name="Loner")

    rows = chart_rows(organisation_chart([pm, gaffer, spark, loner]))

    assert [(r.engagement.contact.name, r.has_reports, r.closes) for r in rows] == [
        ("PM", True, 0),
        ("Gaffer", True, 0),
        ("Spark", False, 2),
        ("Loner", False, 0),
    ]
