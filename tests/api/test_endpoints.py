"""The JSON API answers as the person behind the token: scoped like the pages, in their language,
changes through the same services with the item's version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from regie.accounts.roles import OrganisationRole, Role
from regie.budgets.queries import sheet_for_version
from regie.scheduling.models import Call, ScheduleItem
from tests.factories import (
    ContactFactory,
    ContractFactory,
    EngagementFactory,
    OrganisationMembershipFactory,
    PaymentFactory,
    ProductionFactory,
    UserFactory,
    budget_with_one_of_each,
    member_of,
)
from tests.factories.scheduling import CallFactory, ScheduleItemFactory

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
UTC = dt.UTC


@pytest.fixture
def production():
    return ProductionFactory(timezone="Europe/Brussels")


@pytest.fixture
def manager(production):
    return member_of(production, Role.PRODUCTION_MANAGER)


def test_without_a_token_the_api_answers_401_with_how_to_authenticate(client):
    response = client.get(f"{V1}/productions")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_wrong_token_is_refused(client):
    response = client.get(f"{V1}/me", headers={"Authorization": "Bearer regie_not-a-token"})

    assert response.status_code == 401


def test_me_names_the_person_and_their_organisations(api_as, production, manager):
    body = api_as(manager, read_only=True).get(f"{V1}/me").json()

    assert (body["email"], [(o["slug"], o["role"]) for o in body["organisations"]]) == (
        manager.email,
        [(production.organisation.slug, "guest")],
    )


def test_productions_lists_only_those_the_person_may_see(api_as, production, manager):
    ProductionFactory(title="Someone else's")  # another organisation
    ProductionFactory(organisation=production.organisation, title="Not a member")

    body = api_as(manager).get(f"{V1}/productions").json()

    assert [p["title"] for p in body["items"]] == [production.title]
    assert body["count"] == 1


def test_another_organisations_production_is_not_found(api_as, manager):
    other = ProductionFactory()

    response = api_as(manager).get(f"{V1}/productions/{other.pk}")

    assert response.status_code == 404


def test_production_detail_lists_roles_and_permissions(api_as, production):
    accountant = member_of(production, Role.ACCOUNTANT)

    body = api_as(accountant).get(f"{V1}/productions/{production.pk}").json()

    assert body["roles"] == ["accountant"]
    assert "budgets.view_budget" in body["permissions"] and "scheduling.change_schedule" not in body["permissions"]


def test_forbidden_answers_in_the_persons_language(api_as, production):
    crew = member_of(production, Role.CREW, language="fr")

    response = api_as(crew).get(f"{V1}/productions/{production.pk}/budget")

    assert response.status_code == 403
    assert response.json()["detail"] == "Votre rôle sur cette production ne le permet pas."
    assert response["Content-Language"] == "fr"


def test_accept_language_wins_over_the_persons_language(api_as, production):
    crew = member_of(production, Role.CREW, language="fr")

    response = api_as(crew, language="nl").get(f"{V1}/productions/{production.pk}/budget")

    assert response.json()["detail"] == "Je rol op deze productie laat dit niet toe."


def test_the_persons_language_does_not_outlive_the_request(api_as, production):
    crew = member_of(production, Role.CREW, language="fr")
    client = api_as(crew)

    with translation.override("en"):
        client.get(f"{V1}/productions/{production.pk}/budget")
        assert translation.get_language() == "en"


def test_crew_shows_fees_and_private_phones_only_to_those_who_manage_the_crew(api_as, production, manager):
    EngagementFactory(
        production=production, fee=Decimal("350.00"), contact__mobile="+32470123456", contact__phone_private=True
    )
    crew = member_of(production, Role.CREW)

    as_manager = api_as(manager).get(f"{V1}/productions/{production.pk}/crew").json()["items"][0]
    as_crew = api_as(crew).get(f"{V1}/productions/{production.pk}/crew").json()["items"][0]

    assert (as_manager["fee"], as_manager["person"]["mobile"]) == ("350.00", "+32470123456")
    assert "fee" not in as_crew
    assert (as_crew["person"]["mobile"], as_crew["person"]["phone_hidden"]) == ("", True)


def test_crew_list_costs_the_same_queries_for_more_people(client, api_as, production, manager, assert_flat_queries):
    from regie.api import tokens

    EngagementFactory(production=production)
    _t, secret = tokens.create_token(manager, name="t", read_only=True, days=None)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"

    assert_flat_queries(
        f"{V1}/productions/{production.pk}/crew",
        lambda: [EngagementFactory(production=production) for _ in range(2)],
    )


def test_address_book_for_the_office_only(api_as, production):
    staff = UserFactory()
    OrganisationMembershipFactory(organisation=production.organisation, user=staff, role=OrganisationRole.STAFF)
    guest = member_of(production, Role.CREW)
    ContactFactory(organisation=production.organisation, name="Lotte Claes", phone_private=True, mobile="+32470000000")
    url = f"{V1}/organisations/{production.organisation.slug}/contacts?q=lotte"

    found = api_as(staff).get(url).json()["items"]

    assert [(c["name"], c["mobile"], c["phone_private"]) for c in found] == [("Lotte Claes", "+32470000000", True)]
    assert api_as(guest).get(url).status_code == 403
    assert api_as(UserFactory()).get(url).status_code == 404


def test_schedule_window_lists_items_with_their_calls(api_as, production, manager):
    engagement = EngagementFactory(production=production)
    item = ScheduleItemFactory(production=production)
    CallFactory(item=item, engagement=engagement)
    ScheduleItemFactory(production=production, starts_at=dt.datetime(2027, 6, 1, 9, tzinfo=UTC))

    body = (
        api_as(manager)
        .get(f"{V1}/productions/{production.pk}/schedule?start=2027-03-15T00:00:00Z&end=2027-03-16T00:00:00Z")
        .json()
    )

    assert [i["id"] for i in body["items"]] == [item.pk]
    assert body["items"][0]["calls"][0]["engagement"] == engagement.pk
    assert body["items"][0]["starts_at"].startswith("2027-03-15T09:00:00")


def test_schedule_window_of_more_than_400_days_is_refused(api_as, production, manager):
    response = api_as(manager).get(
        f"{V1}/productions/{production.pk}/schedule?start=2027-01-01T00:00:00Z&end=2028-03-01T00:00:00Z"
    )

    assert response.status_code == 400 and "400 days" in response.json()["detail"]


def test_add_item_takes_a_time_without_offset_as_the_productions_wall_clock(api_as, production, manager):
    engagement = EngagementFactory(production=production)

    response = api_as(manager).post(
        f"{V1}/productions/{production.pk}/schedule",
        {
            "kind": "rehearsal",
            "title": "Doorloop",
            "starts_at": "2027-03-16T10:00:00",
            "ends_at": "2027-03-16T13:00:00",
            "people": [engagement.pk],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    item = ScheduleItem.objects.get(title="Doorloop")
    assert item.starts_at == dt.datetime(2027, 3, 16, 9, 0, tzinfo=UTC)  # 10:00 in Brussels, winter time
    assert list(item.calls.values_list("engagement_id", flat=True)) == [engagement.pk]
    assert response.json()["version"] == 1 and response.json()["conflicts"] == []


def test_add_item_reports_its_double_booking(api_as, production, manager):
    engagement = EngagementFactory(production=production)
    CallFactory(item=ScheduleItemFactory(production=production), engagement=engagement)

    response = api_as(manager).post(
        f"{V1}/productions/{production.pk}/schedule",
        {
            "kind": "rehearsal",
            "starts_at": "2027-03-15T09:30:00Z",
            "ends_at": "2027-03-15T10:30:00Z",
            "people": [engagement.pk],
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    [conflict] = response.json()["conflicts"]
    assert (conflict["kind"], conflict["who"]) == ("person_double_booked", engagement.contact.name)


def test_add_item_with_another_productions_engagement_is_refused_naming_it(api_as, production, manager):
    stranger = EngagementFactory()  # another organisation's production

    response = api_as(manager).post(
        f"{V1}/productions/{production.pk}/schedule",
        {
            "kind": "rehearsal",
            "starts_at": "2027-03-16T10:00:00Z",
            "ends_at": "2027-03-16T11:00:00Z",
            "people": [stranger.pk],
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    assert str(stranger.pk) in response.json()["detail"]
    assert not ScheduleItem.objects.exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"kind": "rehearsal", "starts_at": "2027-03-28T02:30:00", "ends_at": "2027-03-28T04:00:00"}, "does not exist"),
        ({"kind": "rehearsal", "starts_at": "2027-03-16T12:00:00Z", "ends_at": "2027-03-16T11:00:00Z"}, "end after"),
        ({"kind": "picnic", "starts_at": "2027-03-16T10:00:00Z", "ends_at": "2027-03-16T11:00:00Z"}, "picnic"),
    ],
    ids=["spring-gap", "ends-before-start", "unknown-kind"],
)
def test_add_item_refuses_bad_times_and_kinds_with_a_message(api_as, production, manager, body, expected):
    response = api_as(manager).post(f"{V1}/productions/{production.pk}/schedule", body, content_type="application/json")

    assert response.status_code == 400 and expected in response.json()["detail"]
    assert not ScheduleItem.objects.exists()


def test_malformed_input_answers_422(api_as, production, manager):
    response = api_as(manager).post(
        f"{V1}/productions/{production.pk}/schedule",
        {"kind": "rehearsal", "starts_at": "tomorrow"},
        content_type="application/json",
    )

    assert response.status_code == 422


def test_a_read_only_token_cannot_change_the_schedule(api_as, production, manager):
    response = api_as(manager, read_only=True).post(
        f"{V1}/productions/{production.pk}/schedule",
        {"kind": "rehearsal", "starts_at": "2027-03-16T10:00:00Z", "ends_at": "2027-03-16T11:00:00Z"},
        content_type="application/json",
    )

    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert not ScheduleItem.objects.exists()


def test_crew_cannot_change_the_schedule(api_as, production):
    crew = member_of(production, Role.CREW)

    response = api_as(crew).post(
        f"{V1}/productions/{production.pk}/schedule",
        {"kind": "rehearsal", "starts_at": "2027-03-16T10:00:00Z", "ends_at": "2027-03-16T11:00:00Z"},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_moving_an_item_moves_its_calls_and_a_stale_version_is_refused(api_as, production, manager):
    item = ScheduleItemFactory(production=production)
    call = CallFactory(item=item, department="sound", call_at=item.starts_at - dt.timedelta(hours=1))
    client = api_as(manager)
    url = f"{V1}/productions/{production.pk}/schedule/{item.pk}"
    later = {"starts_at": "2027-03-15T11:00:00Z", "ends_at": "2027-03-15T13:00:00Z"}

    moved = client.patch(url, {"version": 1, **later}, content_type="application/json")
    stale = client.patch(url, {"version": 1, "title": "Too late"}, content_type="application/json")

    assert moved.status_code == 200 and moved.json()["version"] == 2
    assert Call.objects.get(pk=call.pk).call_at == dt.datetime(2027, 3, 15, 10, tzinfo=UTC)
    assert stale.status_code == 409 and "version" in stale.json()["detail"]
    assert ScheduleItem.objects.get(pk=item.pk).title == item.title


def test_changing_an_item_title_and_spaces_keeps_a_version(api_as, production, manager):
    from tests.factories.scheduling import SpaceFactory

    item = ScheduleItemFactory(production=production)
    space = SpaceFactory(organisation=production.organisation)
    foreign_space = SpaceFactory()
    client = api_as(manager)
    url = f"{V1}/productions/{production.pk}/schedule/{item.pk}"

    changed = client.patch(
        url, {"version": 1, "title": "Generale", "spaces": [space.pk]}, content_type="application/json"
    )
    forged = client.patch(url, {"version": 2, "spaces": [foreign_space.pk]}, content_type="application/json")

    assert changed.status_code == 200
    assert (changed.json()["title"], [s["id"] for s in changed.json()["spaces"]]) == ("Generale", [space.pk])
    assert forged.status_code == 400 and list(ScheduleItem.objects.get(pk=item.pk).spaces.all()) == [space]


def test_delete_item_needs_the_current_version(api_as, production, manager):
    item = ScheduleItemFactory(production=production)
    client = api_as(manager)
    url = f"{V1}/productions/{production.pk}/schedule/{item.pk}"

    stale = client.delete(f"{url}?version=7")
    deleted = client.delete(f"{url}?version=1")

    assert (stale.status_code, deleted.status_code) == (409, 204)
    assert not ScheduleItem.objects.exists()


def test_another_productions_item_is_not_found(api_as, production, manager):
    item = ScheduleItemFactory(production=ProductionFactory(organisation=production.organisation))
    member_of(item.production, Role.CREW)

    response = api_as(manager).patch(
        f"{V1}/productions/{production.pk}/schedule/{item.pk}",
        {"version": 1, "title": "x"},
        content_type="application/json",
    )

    assert response.status_code == 404


def test_conflicts_list_a_double_booking_with_its_cause(api_as, production, manager):
    engagement = EngagementFactory(production=production)
    first = ScheduleItemFactory(production=production)
    second = ScheduleItemFactory(production=production, starts_at=first.starts_at + dt.timedelta(hours=1))
    for item in (first, second):
        CallFactory(item=item, engagement=engagement)

    rows = api_as(manager).get(f"{V1}/productions/{production.pk}/conflicts").json()

    assert [(r["kind"], sorted(r["items"])) for r in rows] == [("person_double_booked", sorted([first.pk, second.pk]))]
    assert engagement.contact.name in rows[0]["who"] + rows[0]["cause"]


def test_budget_top_sheet_is_the_engines_and_follows_a_change(api_as, production, manager):
    budget = budget_with_one_of_each(production)
    client = api_as(manager)
    url = f"{V1}/productions/{production.pk}/budget"

    before = client.get(url).json()
    budget["global"].expression = "3"
    budget["global"].save()
    after = client.get(url).json()

    expected = sheet_for_version(budget["version"]).result
    assert Decimal(after["total"]) == expected.total and Decimal(before["total"]) < Decimal(after["total"])
    assert [(c["code"], Decimal(c["total"])) for c in after["categories"]] == [
        ("10", expected.categories[budget["account"].category_id])
    ]


def test_budget_of_a_production_without_one_says_so(api_as, production, manager):
    response = api_as(manager).get(f"{V1}/productions/{production.pk}/budget")

    assert response.status_code == 400 and "no budget" in response.json()["detail"]


def test_cost_report_counts_a_contract_as_committed(api_as, production, manager):
    from regie.contracts.models import ContractLine

    budget = budget_with_one_of_each(production)
    contract = ContractFactory(production=production, status="signed", total_amount=Decimal("120.00"))
    ContractLine.objects.create(
        contract=contract, line_key=budget["line"].key, amount=Decimal("120.00"), currency="EUR"
    )

    body = api_as(manager).get(f"{V1}/productions/{production.pk}/cost-report").json()

    assert Decimal(body["total"]["committed"]) == Decimal("120.00")
    assert [(a["code"], Decimal(a["committed"])) for a in body["accounts"]] == [("10.01", Decimal("120.00"))]


def test_contracts_and_payments_for_the_accountant(api_as, production):
    accountant = member_of(production, Role.ACCOUNTANT)
    payment = PaymentFactory(contract=ContractFactory(production=production), label="Voorschot")
    crew = member_of(production, Role.CREW)

    contracts = api_as(accountant).get(f"{V1}/productions/{production.pk}/contracts").json()["items"]
    payments = api_as(accountant).get(f"{V1}/productions/{production.pk}/payments").json()["items"]

    assert [c["reference"] for c in contracts] == [payment.contract.reference]
    assert [(p["label"], p["amount"]) for p in payments] == [("Voorschot", "1000.00")]
    assert api_as(crew).get(f"{V1}/productions/{production.pk}/payments").status_code == 403


def test_openapi_description_covers_every_operation_with_its_security(client):
    schema = client.get(f"{V1}/openapi.json").json()

    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert schema["info"]["version"] == "1" and len(operations) >= 14
    assert all(op.get("security") for op in operations)
    assert {"/api/v1/productions/{production_id}/schedule", "/api/v1/productions/{production_id}/cost-report"} <= set(
        schema["paths"]
    )


def test_api_docs_use_our_own_static_files(client):
    page = client.get(f"{V1}/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()


def test_lists_are_paged_with_limit_and_offset(api_as, production, manager):
    people = [EngagementFactory(production=production, contact__name=f"Persoon {n}") for n in range(3)]

    body = api_as(manager).get(f"{V1}/productions/{production.pk}/crew?limit=2&offset=1").json()

    assert body["count"] == 3
    assert [e["person"]["name"] for e in body["items"]] == sorted(p.contact.name for p in people)[1:]


def test_payments_waiting_for_a_condition_come_after_the_dated_ones(api_as, production, manager):
    contract = ContractFactory(production=production)
    PaymentFactory(contract=contract, label="Saldo", condition="on_delivery", due_date=None)
    PaymentFactory(contract=contract, label="Voorschot", due_date=dt.date(2027, 2, 1))

    items = api_as(manager).get(f"{V1}/productions/{production.pk}/payments").json()["items"]

    assert [p["label"] for p in items] == ["Voorschot", "Saldo"]


def test_an_organisation_that_requires_two_factor_refuses_the_api_until_it_is_on(api_as, production, manager):
    from tests.factories.two_factor import switch_on_two_factor

    production.organisation.require_two_factor = True
    production.organisation.save()
    client = api_as(manager)

    refused = client.get(f"{V1}/productions/{production.pk}")
    listed = client.get(f"{V1}/productions").json()["count"]
    switch_on_two_factor(manager)
    allowed = client.get(f"{V1}/productions/{production.pk}")

    assert refused.status_code == 403 and "two-factor" in refused.json()["detail"]
    assert (listed, allowed.status_code, client.get(f"{V1}/productions").json()["count"]) == (0, 200, 1)


def test_too_many_requests_are_slowed_down_with_retry_after(api_as, production, manager, settings):
    settings.REGIE_API_RATE = "2/min"
    client = api_as(manager)

    statuses = [client.get(f"{V1}/me").status_code for _ in range(3)]
    response = client.get(f"{V1}/me")

    assert statuses == [200, 200, 429]
    assert int(response["Retry-After"]) > 0 and "Too many requests" in response.json()["detail"]


def test_engage_someone_checked_like_the_crew_form(api_as, production, manager):
    contact = ContactFactory(organisation=production.organisation, name="Jan Peeters")
    client = api_as(manager)
    url = f"{V1}/productions/{production.pk}/crew"

    created = client.post(
        url,
        {
            "contact": contact.pk,
            "function": "gaffer",
            "engagement_type": "freelance",
            "start_date": "2027-02-01",
            "end_date": "2027-02-20",
            "fee": "320",
        },
        content_type="application/json",
    )
    refused = client.post(
        url,
        {
            "contact": contact.pk,
            "engagement_type": "freelance",
            "start_date": "2027-02-20",
            "end_date": "2027-02-01",
            "fee": "-5",
        },
        content_type="application/json",
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["person"]["name"], body["department"], body["fee"], body["currency"]) == (
        "Jan Peeters",
        "lighting",
        "320.00",
        production.currency,
    )
    assert refused.status_code == 400 and set(refused.json()["errors"]) == {"function", "end_date", "fee"}
    assert production.engagements.count() == 1


def test_engaging_a_contact_of_another_organisation_is_refused(api_as, production, manager):
    stranger = ContactFactory()

    response = api_as(manager).post(
        f"{V1}/productions/{production.pk}/crew",
        {"contact": stranger.pk, "function": "gaffer", "engagement_type": "freelance"},
        content_type="application/json",
    )

    assert response.status_code == 400 and "contact" in response.json()["errors"]
    assert not production.engagements.exists()


def test_change_an_engagement_with_its_version(api_as, production, manager):
    engagement = EngagementFactory(production=production, fee=Decimal("300"))
    client = api_as(manager)
    url = f"{V1}/productions/{production.pk}/crew/{engagement.pk}"

    changed = client.patch(url, {"version": 1, "status": "confirmed", "fee": "350"}, content_type="application/json")
    stale = client.patch(url, {"version": 1, "fee": "1"}, content_type="application/json")

    engagement.refresh_from_db()
    assert changed.status_code == 200, changed.content
    assert (engagement.status, engagement.fee, engagement.function) == ("confirmed", Decimal("350.00"), "gaffer")
    assert stale.status_code == 409


def test_crew_members_cannot_engage_people(api_as, production):
    contact = ContactFactory(organisation=production.organisation)

    response = api_as(member_of(production, Role.CREW)).post(
        f"{V1}/productions/{production.pk}/crew",
        {"contact": contact.pk, "function": "gaffer", "engagement_type": "freelance"},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_the_signed_in_session_reads_the_api_and_changes_need_the_csrf_token(production, manager):
    from django.test import Client
    from django.urls import reverse

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    body = {"kind": "rehearsal", "starts_at": "2027-03-16T10:00:00Z", "ends_at": "2027-03-16T11:00:00Z"}

    read = browser.get(f"{V1}/productions/{production.pk}")
    forged = browser.post(f"{V1}/productions/{production.pk}/schedule", body, content_type="application/json")

    browser.get(reverse("accounts:profile"))  # a page with a form sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    sent = browser.post(
        f"{V1}/productions/{production.pk}/schedule",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert read.status_code == 200 and read.json()["title"] == production.title
    assert forged.status_code == 403
    assert sent.status_code == 201 and ScheduleItem.objects.count() == 1
