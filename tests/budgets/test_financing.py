"""The financing plan: its totals over plain data, its services and its pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.financing import Source, financing
from regie.budgets.models import FinancingSource, Status
from regie.core.concurrency import EditConflict
from regie.core.models import AuditEntry
from tests.factories import (
    BudgetFactory,
    BudgetVersionFactory,
    ContactFactory,
    FinancingSourceFactory,
    ProductionFactory,
    member_of,
)

D = Decimal
EUR = {"USD": D("0.9")}


# Totals (no database)


def test_financing_refused_sources_count_for_nothing():
    # Arrange
    sources = [
        Source(kind="subsidy", status="refused", requested=D(5000), secured=D(5000)),
        Source(kind="subsidy", status="granted", requested=D(3000), secured=D(2500)),
    ]

    # Act
    result = financing(sources, budget_total=D(10000), currency="EUR", rates=EUR)

    # Assert
    assert (result.requested, result.secured, result.gap) == (D(3000), D(2500), D(7500))


def test_financing_requested_and_planned_are_not_secured():
    sources = [
        Source(kind="presale", status="planned", requested=D(1000), secured=D(1000)),
        Source(kind="presale", status="requested", requested=D(2000), secured=D(0)),
        Source(kind="box_office", status="received", requested=D(0), secured=D(400)),
    ]

    result = financing(sources, budget_total=D(1000), currency="EUR", rates=EUR)

    assert (result.requested, result.secured, result.gap) == (D(3000), D(400), D(600))


def test_financing_in_kind_counted_in_secured_and_on_its_own():
    sources = [
        Source(kind="sponsorship_in_kind", status="granted", requested=D(800), secured=D(750)),
        Source(kind="sponsorship_cash", status="received", requested=D(500), secured=D(500)),
    ]

    result = financing(sources, budget_total=D(1000), currency="EUR", rates=EUR)

    assert (result.secured, result.secured_in_kind, result.secured_cash) == (D(1250), D(750), D(500))
    assert (result.gap, result.surplus) == (D(-250), D(250))


def test_financing_converts_with_the_version_rates_to_the_cent():
    sources = [
        Source(kind="coproduction", status="granted", requested=D("1000.05"), secured=D("1000.05"), currency="USD")
    ]

    result = financing(sources, budget_total=D(2000), currency="EUR", rates=EUR)

    assert (result.secured, result.by_kind) == (D("900.05"), {"coproduction": D("900.05")})


def test_financing_without_rate_leaves_the_source_out_and_names_its_currency():
    sources = [Source(kind="coproduction", status="granted", requested=D(100), secured=D(100), currency="GBP")]

    result = financing(sources, budget_total=D(2000), currency="EUR", rates=EUR)

    assert (result.secured, result.missing_rates) == (D(0), {"GBP"})


amounts = st.decimals(min_value=0, max_value=10**9, places=2)
statuses = st.sampled_from(["planned", "requested", "granted", "refused", "received"])
kinds = st.sampled_from(["subsidy", "sponsorship_in_kind", "sponsorship_cash", "tax_shelter"])


@given(st.lists(st.builds(Source, kind=kinds, status=statuses, requested=amounts, secured=amounts)), amounts)
def test_financing_totals_add_up_for_any_sources(sources, total):
    result = financing(sources, budget_total=total, currency="EUR", rates=EUR)

    counted = [s for s in sources if s.status in ("granted", "received")]
    assert result.secured == sum((s.secured for s in counted), D(0))
    assert result.secured == sum(result.by_kind.values(), D(0))
    assert result.secured_cash + result.secured_in_kind == result.secured
    assert result.gap + result.secured == total
    assert result.surplus == max(result.secured - total, D(0))


# Services


@pytest.mark.django_db
def test_save_financing_source_logs_added_and_changed():
    # Arrange
    budget = BudgetFactory()
    user = member_of(budget.production, Role.PRODUCTION_MANAGER)
    source = FinancingSource(budget=budget, kind="subsidy", funder="VAF", amount_requested=D(50000))

    # Act
    services.save_financing_source(source, expected_version=None, by=user)
    source.status = "granted"
    source.amount_secured = D(40000)
    services.save_financing_source(source, expected_version=1, by=user)

    # Assert
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert entries == ["budgets.financing.added", "budgets.financing.changed"]
    assert AuditEntry.objects.order_by("pk").last().changes == {
        "status": {"old": "planned", "new": "granted"},
        "amount_secured": {"old": "0.00", "new": "40000.00"},
    }
    assert FinancingSource.objects.get().version == 2


@pytest.mark.django_db
def test_save_financing_source_from_stale_version_raises_and_changes_nothing():
    source = FinancingSourceFactory(funder="Fédération Wallonie-Bruxelles", amount_requested=1000)
    user = member_of(source.budget.production, Role.PRODUCTION_MANAGER)
    source.version = 2
    FinancingSource.objects.filter(pk=source.pk).update(version=2)
    source.amount_requested = D(9999)

    with pytest.raises(EditConflict):
        services.save_financing_source(source, expected_version=1, by=user)

    assert FinancingSource.objects.get().amount_requested == D(1000)


@pytest.mark.django_db
def test_delete_financing_source_logs_what_it_was():
    source = FinancingSourceFactory(funder="Tax Shelter investor")
    user = member_of(source.budget.production, Role.PRODUCTION_MANAGER)

    services.delete_financing_source(source, by=user)

    assert FinancingSource.objects.count() == 0
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.data["funder"]) == ("budgets.financing.removed", "Tax Shelter investor")


# Pages


@pytest.fixture
def production():
    return ProductionFactory(title="De Storm", currency="EUR")


@pytest.fixture
def version(production):
    return BudgetVersionFactory(
        budget=BudgetFactory(production=production), number=1, total=D(10000), exchange_rates={"USD": "0.9"}
    )


def financing_url(production, *args) -> str:
    name = {0: "financing", 1: "financing_edit"}[len(args)]
    return reverse(f"budgets:{name}", args=[production.pk, *args])


def source_data(**changes) -> dict:
    data = {
        "kind": "subsidy",
        "funder": "Vlaams Audiovisueel Fonds",
        "contact": "",
        "status": "granted",
        "amount_requested": "5000",
        "amount_secured": "4000",
        "currency": "",
        "conditions": "Final report with the accounts",
        "reporting_deadline": "2027-03-31",
        "version": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_financing_page_shows_gap_against_approved_version(client, production, version):
    # Arrange
    BudgetVersionFactory(budget=version.budget, number=2, total=D(99999))  # a newer estimate, not approved
    version.status = Status.APPROVED
    version.save()
    FinancingSourceFactory(budget=version.budget, status="granted", amount_secured=D(2500))
    FinancingSourceFactory(budget=version.budget, kind="sponsorship_in_kind", status="received", amount_secured=D(500))
    FinancingSourceFactory(budget=version.budget, status="refused", amount_secured=D(7000))
    client.force_login(member_of(production, Role.ACCOUNTANT))

    # Act
    response = client.get(financing_url(production))

    # Assert
    summary = response.context["financing"]
    assert (summary.budget_total, summary.secured, summary.secured_in_kind, summary.gap) == (
        D(10000),
        D(3000),
        D(500),
        D(7000),
    )
    assert response.context["can_change"] is False
    assert response.context["secured_by_kind"] == [("Subsidy", D(2500)), ("Sponsorship in kind", D(500))]


@pytest.mark.django_db
def test_financing_add_by_manager_saves_and_logs(client, production, version):
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(reverse("budgets:financing_add", args=[production.pk]), source_data())

    assert response.status_code == 302
    source = FinancingSource.objects.get()
    assert (source.funder, source.amount_secured, source.reporting_deadline) == (
        "Vlaams Audiovisueel Fonds",
        D(4000),
        datetime.date(2027, 3, 31),
    )
    assert AuditEntry.objects.get().action == "budgets.financing.added"


@pytest.mark.django_db
def test_financing_add_takes_the_contact_name_when_no_funder(client, production, version):
    contact = ContactFactory(organisation=production.organisation, name="Casa Kafka Pictures")
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    client.post(
        reverse("budgets:financing_add", args=[production.pk]),
        source_data(kind="tax_shelter", funder="", contact=str(contact.pk)),
    )

    assert FinancingSource.objects.values_list("funder", "contact_id").get() == ("Casa Kafka Pictures", contact.pk)


@pytest.mark.django_db
def test_financing_add_refuses_another_organisations_contact(client, production, version):
    stranger = ContactFactory(name="Elders")
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(
        reverse("budgets:financing_add", args=[production.pk]), source_data(contact=str(stranger.pk))
    )

    assert (response.status_code, FinancingSource.objects.count()) == (200, 0)
    assert list(response.context["form"].errors) == ["contact"]


@pytest.mark.django_db
def test_financing_add_refuses_currency_without_rate_in_dutch(client, production, version):
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(
        reverse("budgets:financing_add", args=[production.pk]),
        source_data(currency="gbp"),
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    assert (response.status_code, FinancingSource.objects.count()) == (200, 0)
    assert response.context["form"].errors["currency"] == [
        "De begroting heeft geen wisselkoers voor GBP. Voeg er eerst een toe in de instellingen van de versie."
    ]


@pytest.mark.django_db
def test_financing_add_in_a_currency_with_rate_counts_converted(client, production, version):
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    client.post(reverse("budgets:financing_add", args=[production.pk]), source_data(currency="usd"))
    response = client.get(financing_url(production))

    assert FinancingSource.objects.get().currency == "USD"
    assert response.context["financing"].secured == D(3600)


@pytest.mark.django_db
def test_financing_edit_from_stale_form_is_refused_with_409(client, production, version):
    source = FinancingSourceFactory(budget=version.budget, amount_secured=D(100))
    FinancingSource.objects.filter(pk=source.pk).update(version=3)
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(financing_url(production, source.pk), source_data(version="1", amount_secured="999"))

    assert response.status_code == 409
    assert FinancingSource.objects.get().amount_secured == D(100)
    assert response.context["form"].data["version"] == "3"


@pytest.mark.django_db
def test_financing_edit_for_three_personas(client, production, version):
    source = FinancingSourceFactory(budget=version.budget)
    other = ProductionFactory(organisation=production.organisation)
    outsider = member_of(other, Role.PRODUCTION_MANAGER)
    statuses = []

    for user in (member_of(production, Role.PRODUCTION_MANAGER), member_of(production, Role.ACCOUNTANT), outsider):
        client.force_login(user)
        statuses.append(client.get(financing_url(production, source.pk)).status_code)

    assert statuses == [200, 403, 404]


@pytest.mark.django_db
def test_financing_source_of_another_production_is_404(client, production, version):
    elsewhere = FinancingSourceFactory()
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(reverse("budgets:financing_delete", args=[production.pk, elsewhere.pk]))

    assert (response.status_code, FinancingSource.objects.count()) == (404, 1)


@pytest.mark.django_db
def test_financing_delete_removes_the_source(client, production, version):
    source = FinancingSourceFactory(budget=version.budget)
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(reverse("budgets:financing_delete", args=[production.pk, source.pk]))

    assert (response.status_code, FinancingSource.objects.count()) == (302, 0)


@pytest.mark.django_db
def test_financing_page_query_count_flat_over_1_and_3_sources(client, production, version, assert_flat_queries):
    contact = ContactFactory(organisation=production.organisation)
    FinancingSourceFactory(budget=version.budget, contact=contact)
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    assert_flat_queries(
        financing_url(production),
        lambda: FinancingSourceFactory.create_batch(
            2, budget=version.budget, contact=ContactFactory(organisation=production.organisation)
        ),
    )


@pytest.mark.django_db
def test_topsheet_and_dashboard_show_the_financing_gap(client, production, version):
    FinancingSourceFactory(budget=version.budget, status="granted", amount_secured=D(4000))
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    topsheet = client.get(reverse("budgets:topsheet", args=[production.pk, version.pk]))
    dashboard = client.get(reverse("productions:dashboard", args=[production.pk]))

    assert topsheet.context["financing"].secured == D(4000)
    assert "Financing gap" in dashboard.content.decode()


@pytest.mark.django_db
def test_financing_add_without_budget_asks_for_one_and_saves_nothing(client, production):
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER))

    response = client.post(reverse("budgets:financing_add", args=[production.pk]), source_data())

    assert (response.status_code, response.context["no_budget"], FinancingSource.objects.count()) == (200, True, 0)
