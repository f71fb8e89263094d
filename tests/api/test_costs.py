"""Actual costs recorded through the API land in the cost report, with the pages' checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from regie.accounts.roles import Role
from regie.budgets.cost_models import Cost
from tests.factories import ContactFactory, ProductionFactory, budget_with_one_of_each, member_of

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


@pytest.fixture
def production():
    return ProductionFactory()


@pytest.fixture
def budget(production):
    return budget_with_one_of_each(production)


def invoice(line_key, **changes):
    return {
        "kind": "invoice",
        "number": "F-2027-017",
        "supplier_name": "Lichtfabriek bv",
        "invoice_date": "2027-02-03",
        "vat_amount": "21.00",
        "allocations": [{"line": str(line_key), "amount": "100.00"}],
        **changes,
    }


def test_budget_lines_give_the_keys_costs_are_coded_to(api_as, production, budget):
    accountant = member_of(production, Role.ACCOUNTANT)

    lines = api_as(accountant).get(f"{V1}/productions/{production.pk}/budget/lines").json()

    assert [(line["key"], line["account"]) for line in lines] == [(str(budget["line"].key), "10.01")]


def test_an_invoice_recorded_through_the_api_is_an_actual_cost(api_as, production, budget):
    client = api_as(member_of(production, Role.ACCOUNTANT))

    created = client.post(
        f"{V1}/productions/{production.pk}/costs", invoice(budget["line"].key), content_type="application/json"
    )
    report = client.get(f"{V1}/productions/{production.pk}/cost-report").json()

    assert created.status_code == 201, created.content
    assert (created.json()["amount"], created.json()["supplier"]) == ("100.00", "Lichtfabriek bv")
    assert Decimal(report["total"]["actual"]) == Decimal("100.00")
    listed = client.get(f"{V1}/productions/{production.pk}/costs?number=F-2027-017").json()["items"]
    assert [c["id"] for c in listed] == [created.json()["id"]]


def test_the_same_invoice_twice_is_refused(api_as, production, budget):
    client = api_as(member_of(production, Role.ACCOUNTANT))
    url = f"{V1}/productions/{production.pk}/costs"
    client.post(url, invoice(budget["line"].key), content_type="application/json")

    again = client.post(
        url, invoice(budget["line"].key, supplier_name=" lichtfabriek BV "), content_type="application/json"
    )

    assert again.status_code == 400 and "recorded already" in again.json()["detail"]
    assert Cost.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"allocations": [{"line": "00000000-0000-0000-0000-000000000000", "amount": "5"}]}, "not lines of the budget"),
        ({"currency": "GBP"}, "no exchange rate for GBP"),
        ({"currency": "XYZ"}, "is not a currency code"),
        ({"number": ""}, "needs its number"),
        ({"supplier_name": ""}, "type its name"),
        ({"allocations": []}, "at least one budget line"),
        ({"allocations": [{"line": "KEY", "amount": "-1"}]}, "cannot be negative"),
        ({"kind": "bribe"}, "bribe"),
    ],
    ids=["foreign-line", "no-rate", "bad-currency", "no-number", "no-supplier", "no-lines", "negative", "kind"],
)
def test_bad_costs_are_refused_with_a_message_and_nothing_recorded(api_as, production, budget, changes, expected):
    body = invoice(budget["line"].key, **changes)
    for allocation in body["allocations"]:
        if allocation["line"] == "KEY":
            allocation["line"] = str(budget["line"].key)

    response = api_as(member_of(production, Role.ACCOUNTANT)).post(
        f"{V1}/productions/{production.pk}/costs", body, content_type="application/json"
    )

    assert response.status_code == 400 and expected in response.json()["detail"]
    assert not Cost.objects.exists()


def test_a_supplier_of_another_organisation_is_refused(api_as, production, budget):
    stranger = ContactFactory()

    response = api_as(member_of(production, Role.ACCOUNTANT)).post(
        f"{V1}/productions/{production.pk}/costs",
        invoice(budget["line"].key, supplier=stranger.pk, supplier_name=""),
        content_type="application/json",
    )

    assert response.status_code == 400 and str(stranger.pk) in response.json()["detail"]


def test_crew_cannot_record_costs(api_as, production, budget):
    response = api_as(member_of(production, Role.CREW)).post(
        f"{V1}/productions/{production.pk}/costs", invoice(budget["line"].key), content_type="application/json"
    )

    assert response.status_code == 403 and not Cost.objects.exists()
