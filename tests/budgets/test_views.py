"""Budget pages: drawing up, editing in place, globals rippling, locking, versions and comparing.

Who gets 403 and 404 on which page is walked for every URL in tests/core/test_url_walker.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.budgets.models import BudgetVersion, Global, Line, Status
from regie.core.models import AuditEntry
from tests.factories import (
    AccountFactory,
    BudgetFactory,
    BudgetVersionFactory,
    LineFactory,
    ProductionFactory,
    budget_with_one_of_each,
    member_of,
)

pytestmark = pytest.mark.django_db
D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def production():
    return ProductionFactory(title="De Storm", currency="EUR")


@pytest.fixture
def manager(production):
    return member_of(production, Role.PRODUCTION_MANAGER)


@pytest.fixture
def theatre(production, manager):
    return services.create_budget(production, CHARTS["theatre"], name="First estimate", by=manager)


def url(name: str, version: BudgetVersion, **kwargs) -> str:
    return reverse(f"budgets:{name}", kwargs={"pk": version.budget.production_id, "version_pk": version.pk, **kwargs})


def line_data(line: Line, prefix: str, **changes) -> dict:
    data = {
        "description": line.description,
        "quantity": line.quantity,
        "unit": line.unit,
        "multiplier": line.multiplier,
        "rate": str(line.rate),
        "currency": line.currency,
        "fringes": [f.pk for f in line.fringes.all()] if line.pk else [],
        "phase": line.phase,
        "person": "",
        "supplier": line.supplier,
        "notes": line.notes,
        "version": line.version,
    }
    data.update(changes)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Drawing up


def test_create_budget_from_theatre_chart_leads_to_globals(client, production, manager):
    # Arrange
    client.force_login(manager)

    # Act
    response = client.post(
        reverse("budgets:create", kwargs={"pk": production.pk}), {"chart": "theatre", "name": "Eerste raming"}
    )

    # Assert
    version = BudgetVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("globals", version)
    assert (version.number, version.name, version.currency) == (1, "Eerste raming", "EUR")


def test_create_budget_in_dutch_names_accounts_in_dutch(client, production, manager):
    # Arrange
    manager.language = "nl"
    manager.save()
    client.force_login(manager)

    # Act
    client.post(reverse("budgets:create", kwargs={"pk": production.pk}), {"chart": "theatre", "name": "v1"})

    # Assert
    assert BudgetVersion.objects.get().categories.first().name == "Artistiek team"


def test_create_budget_unknown_chart_refused_and_nothing_saved(client, production, manager):
    # Arrange
    client.force_login(manager)

    # Act
    response = client.post(reverse("budgets:create", kwargs={"pk": production.pk}), {"chart": "nope", "name": "v1"})

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors["chart"] == [
        "Select a valid choice. nope is not one of the available choices."
    ]
    assert BudgetVersion.objects.count() == 0


def test_topsheet_shows_categories_bottom_items_and_total(client, theatre, manager):
    # Arrange
    client.force_login(manager)

    # Act
    response = client.get(url("topsheet", theatre))

    # Assert
    html = response.content.decode()
    sheet = response.context["sheet"]
    assert response.status_code == 200
    assert "Artistic team" in html and "Overhead and production fee (8 %)" in html
    assert sheet.result.total == theatre.total
    assert f"€{sheet.result.total:,.2f}" in html


def test_dashboard_shows_budget_total_to_manager_not_to_crew(client, production, theatre, manager):
    # Arrange
    crew = member_of(production, Role.CREW)
    dashboard = reverse("productions:dashboard", kwargs={"pk": production.pk})

    # Act
    client.force_login(manager)
    seen = client.get(dashboard).content.decode()
    client.force_login(crew)
    hidden = client.get(dashboard).content.decode()

    # Assert
    assert f"€{theatre.total:,.2f}" in seen and "v1 First estimate" in seen
    assert "v1 First estimate" not in hidden and "budget/" not in hidden


# Lines, edited in place


def test_line_edit_htmx_answers_row_and_totals_out_of_band(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")
    before = theatre.total

    # Act
    response = client.post(
        url("line_edit", theatre, line_pk=line.pk), line_data(line, f"line{line.pk}", rate="7000"), **HTMX
    )

    # Assert
    html = response.content.decode()
    theatre.refresh_from_db()
    line.refresh_from_db()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="line-{line.pk}" class="line">')
    assert '<div id="budget-totals" class="budget-totals" aria-live="polite" hx-swap-oob="true">' in html
    assert (line.rate, line.version) == (D("7000"), 2)
    # 1,000 more direct costs: + 100 contingency (10 %), + 88 overhead (8 % of 1,100), + 15 insurance (1.5 %)
    assert theatre.total - before == D("1203.00")
    assert f"€{theatre.total:,.2f}" in html


def test_line_edit_logs_old_and_new_values(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")

    # Act
    client.post(url("line_edit", theatre, line_pk=line.pk), line_data(line, f"line{line.pk}", quantity="2"))

    # Assert
    entry = AuditEntry.objects.get(action="budgets.line.changed")
    assert (entry.user, entry.changes) == (manager, {"quantity": {"old": "1", "new": "2"}})


def test_line_edit_second_save_from_same_version_conflicts_and_keeps_first(production, theatre, manager):
    # Arrange
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")
    first, second = Client(), Client()
    first.force_login(manager)
    second.force_login(member_of(production, Role.PRODUCER))
    edit = url("line_edit", theatre, line_pk=line.pk)
    prefix = f"line{line.pk}"
    first_form = first.get(edit).context["form"]
    second_form = second.get(edit).context["form"]

    # Act
    first.post(edit, line_data(line, prefix, rate="6500", version=first_form["version"].value()))
    response = second.post(edit, line_data(line, prefix, rate="5500", version=second_form["version"].value()))

    # Assert
    line.refresh_from_db()
    html = response.content.decode()
    assert (first_form["version"].value(), second_form["version"].value()) == (1, 1)
    assert response.status_code == 409
    assert "Someone else saved this in the meantime." in html
    assert (line.rate, line.version) == (D("6500"), 2)
    assert response.context["form"][("version")].value() == "2"
    assert response.context["form"]["rate"].value() == "5500"


def test_line_edit_htmx_conflict_shown_in_the_row(production, theatre, manager):
    # Arrange
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")
    client = Client()
    client.force_login(manager)
    edit = url("line_edit", theatre, line_pk=line.pk)
    line.rate = D("6500")
    services.save_line(line, fringes=[], expected_version=1, by=manager)  # someone else saved

    # Act
    response = client.post(edit, line_data(line, f"line{line.pk}", rate="1", version=1), **HTMX)

    # Assert
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="line-{line.pk}" class="line editing">')
    assert "Someone else saved this in the meantime." in html
    assert Line.objects.get(pk=line.pk).rate == D("6500")


def test_line_add_htmx_appends_row_and_resets_form(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    account = theatre.accounts.get(code="40.03")
    blank = Line(budget_version=theatre, account=account, description="Props from the store", quantity="CAST_SIZE * 2")
    blank.rate, blank.unit, blank.phase = D("15.5"), "piece", "pre_production"

    # Act
    response = client.post(url("line_add", theatre, account_pk=account.pk), line_data(blank, "new"), **HTMX)

    # Assert
    line = Line.objects.get(account=account)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="line-{line.pk}" class="line">')
    assert '<form id="line-add"' in html and 'hx-swap-oob="true"' in html
    assert (line.quantity, line.rate, line.position) == ("CAST_SIZE * 2", D("15.5"), 0)
    assert "€155.00" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quantity": "CREW * 2"}, "quantity", "There is no global called CREW in this budget."),
        ({"quantity": "2 +* 3"}, "quantity", "“2 +* 3” is not a formula Regie can read (at character 4)."),
        ({"quantity": "PERFORMANCES - 30"}, None, "A quantity or multiplier cannot be negative (it comes to -10)."),
        ({"currency": "USD"}, "currency", "There is no exchange rate for USD; add it in the version's settings first."),
        ({"currency": "XYZ"}, "currency", "“XYZ” is not a currency code."),
        ({"rate": "1e15"}, "rate", "Ensure that there are no more than 12 digits before the decimal point."),
    ],
)
def test_line_add_bad_input_refused_with_message_and_nothing_saved(client, theatre, manager, changes, field, message):
    # Arrange
    client.force_login(manager)
    account = theatre.accounts.get(code="40.03")
    blank = Line(budget_version=theatre, account=account, description="Props", rate=D("10"))
    audit_count = AuditEntry.objects.count()

    # Act
    response = client.post(url("line_add", theatre, account_pk=account.pk), line_data(blank, "new", **changes), **HTMX)

    # Assert
    form = response.context["add_form"]
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#line-add"
    assert form.errors[field or "__all__"] == [message]
    assert (account.lines.count(), AuditEntry.objects.count()) == (0, audit_count)


def test_line_delete_htmx_removes_line_and_answers_totals(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")

    # Act
    response = client.post(url("line_delete", theatre, line_pk=line.pk), **HTMX)

    # Assert
    theatre.refresh_from_db()
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="budget-totals"')
    assert Line.objects.filter(pk=line.pk).exists() is False
    assert AuditEntry.objects.filter(action="budgets.line.removed").count() == 1


# Globals and fringes


def test_global_change_ripples_through_every_line_using_it(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    item = Global.objects.get(budget_version=theatre, name="PERFORMANCES")
    per_show = Line.objects.get(budget_version=theatre, description="Performers, per performance")

    # Act
    response = client.post(
        url("global_edit", theatre, global_pk=item.pk),
        {"name": "PERFORMANCES", "expression": "30", "description": item.description},
    )

    # Assert
    sheet = client.get(url("topsheet", theatre)).context["sheet"]
    assert response.status_code == 302
    assert sheet.result.globals["TOUR_DAYS"] == D("34")
    # 30 performances x 5 performers x 220, plus 29.16 % and 11.0916 % fringes
    assert sheet.result.lines[per_show.pk].subtotal == D("33000.00")
    assert sheet.result.lines[per_show.pk].fringes == {
        f.pk: amount
        for f, amount in zip(per_show.fringes.order_by("position"), [D("9622.80"), D("3660.23")], strict=True)
    }


@pytest.mark.parametrize(
    ("name", "expression", "message"),
    [
        ("PERFORMANCES", "PERFORMANCES + 1", "The global PERFORMANCES refers to itself: PERFORMANCES → PERFORMANCES."),
        (
            "PERFORMANCES",
            "TOUR_DAYS",
            "The global PERFORMANCES refers to itself: PERFORMANCES → TOUR_DAYS → PERFORMANCES.",
        ),
        ("PERFORMANCES", "SHOWS + 1", "There is no global called SHOWS in this budget."),
        ("PERFORMANCES", "-10", "A quantity or multiplier cannot be negative (it comes to -10)."),
    ],
)
def test_global_edit_bad_formula_refused_and_nothing_saved(client, theatre, manager, name, expression, message):
    # Arrange
    client.force_login(manager)
    item = Global.objects.get(budget_version=theatre, name="PERFORMANCES")

    # Act
    response = client.post(url("global_edit", theatre, global_pk=item.pk), {"name": name, "expression": expression})

    # Assert
    item.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"expression": [message]}
    assert item.expression == "20"


def test_global_add_duplicate_name_refused(client, theatre, manager):
    # Arrange
    client.force_login(manager)

    # Act
    response = client.post(url("global_add", theatre), {"name": "cast_size", "expression": "3"})

    # Assert
    assert response.context["form"].errors == {"name": ["This budget has a global called CAST_SIZE already."]}
    assert theatre.globals.count() == 5


def test_fringe_edit_changes_every_line_it_applies_to(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    fringe = theatre.fringes.get(default="employer_ss")
    before = client.get(url("fringes", theatre)).context["sheet"].result.fringes[fringe.pk]

    # Act
    client.post(
        url("fringe_edit", theatre, fringe_pk=fringe.pk), {"name": fringe.name, "basis": "percent", "value": "0"}
    )

    # Assert
    after = client.get(url("fringes", theatre)).context["sheet"].result.fringes[fringe.pk]
    assert before > D(0)
    assert after == D("0.00")


# Settings, locking, versions


def test_settings_exchange_rate_lets_foreign_currency_lines_in(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    data = {
        "name": "First estimate",
        "contingency_percent": "10",
        "overhead_percent": "8",
        "insurance_percent": "1.5",
        "vat_percent": "21",
        "vat_recoverable": "on",
        "rates": "usd 0.9\nGBP=1.15",
        "version": theatre.version,
    }

    # Act
    response = client.post(url("settings", theatre), data)

    # Assert
    theatre.refresh_from_db()
    assert response.status_code == 302
    assert theatre.exchange_rates == {"USD": "0.9", "GBP": "1.15"}


@pytest.mark.parametrize(
    ("rates", "message"),
    [
        ("USD", "Line 1: write a currency code and its rate, for example “USD 0.92”."),
        ("\nABC 1", "Line 2: write a currency code and its rate, for example “USD 0.92”."),
        ("USD -1", "Line 1: the rate of USD must be above zero and below a million."),
        ("USD nan", "Line 1: write a currency code and its rate, for example “USD 0.92”."),
    ],
)
def test_settings_bad_rates_refused_and_nothing_saved(client, theatre, manager, rates, message):
    # Arrange
    client.force_login(manager)
    data = {"name": "x", "contingency_percent": "10", "overhead_percent": "8", "insurance_percent": "1.5"}
    data.update({"vat_percent": "21", "rates": rates, "version": theatre.version})

    # Act
    response = client.post(url("settings", theatre), data)

    # Assert
    theatre.refresh_from_db()
    assert response.context["form"].errors == {"rates": [message]}
    assert (theatre.name, theatre.exchange_rates) == ("First estimate", {})


def test_settings_removing_a_rate_in_use_refused(client, theatre, manager):
    # Arrange
    theatre.exchange_rates = {"USD": "0.9"}
    theatre.save()
    LineFactory(account=theatre.accounts.get(code="40.03"), currency="USD")
    client.force_login(manager)
    data = {"name": "x", "contingency_percent": "10", "overhead_percent": "8", "insurance_percent": "1.5"}
    data.update({"vat_percent": "21", "rates": "", "version": theatre.version})

    # Act
    response = client.post(url("settings", theatre), data)

    # Assert
    assert response.context["form"].errors == {
        "__all__": ["There is no exchange rate for USD; add it in the version's settings first."]
    }


def test_lock_then_new_version_then_compare_highlights_differences(client, production, theatre, manager):
    # Arrange
    producer = member_of(production, Role.PRODUCER)
    client.force_login(producer)

    # Act: lock v1, make v2, change a line in v2
    client.post(url("lock", theatre))
    response = client.post(url("copy", theatre))
    second = BudgetVersion.objects.get(number=2)
    line = Line.objects.get(budget_version=second, description="Scenographer, fee")
    client.post(url("line_edit", second, line_pk=line.pk), line_data(line, f"line{line.pk}", rate="7000"))
    compare = client.get(reverse("budgets:compare", kwargs={"pk": production.pk}), {"v": [theatre.pk, second.pk]})

    # Assert
    theatre.refresh_from_db()
    assert (theatre.status, second.status, response["Location"]) == (
        Status.LOCKED,
        Status.ESTIMATE,
        url("topsheet", second),
    )
    rows = {(row.level, row.code): row for row in compare.context["table"].rows}
    assert rows[("account", "10.02")].amounts == [D("6000.00"), D("7000.00")]
    assert rows[("account", "10.02")].differences == [None, D("1000.00")]
    assert rows[("account", "10.01")].changed is False
    assert rows[("total", "total")].differences[1] == D("1203.00")
    assert '<td class="num diff diff-up">+€1,000.00</td>' in compare.content.decode()


def test_locked_version_line_edit_refused_with_message_and_unchanged(client, production, theatre, manager):
    # Arrange
    services.lock_version(theatre, by=manager)
    client.force_login(manager)
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")

    # Act
    response = client.post(
        url("line_edit", theatre, line_pk=line.pk), line_data(line, f"line{line.pk}", rate="1"), follow=True
    )

    # Assert
    line.refresh_from_db()
    assert page_messages(response) == [
        "Version v1 First estimate is locked and cannot change. Make a new version to go on."
    ]
    assert line.rate == D("6000")
    assert response.context["can_change"] is False
    assert "Edit</a>" not in response.content.decode()


def test_compare_one_version_refused_with_message(client, production, theatre, manager):
    # Arrange
    client.force_login(manager)

    # Act
    response = client.get(reverse("budgets:compare", kwargs={"pk": production.pk}), {"v": [theatre.pk]})

    # Assert
    assert response.context["form"].errors == {"v": ["Choose at least two versions."]}
    assert response.context["table"] is None


def test_compare_version_of_other_production_refused(client, production, theatre, manager):
    # Arrange
    other = budget_with_one_of_each(ProductionFactory(organisation=production.organisation))["version"]
    client.force_login(manager)

    # Act
    response = client.get(reverse("budgets:compare", kwargs={"pk": production.pk}), {"v": [theatre.pk, other.pk]})

    # Assert
    assert response.context["table"] is None
    assert "v" in response.context["form"].errors


def test_account_of_other_production_not_found(client, production, theatre, manager):
    # Arrange
    other = budget_with_one_of_each(ProductionFactory(organisation=production.organisation))
    client.force_login(manager)

    # Act
    response = client.get(url("account", theatre, account_pk=other["account"].pk))
    line = client.post(url("line_edit", theatre, line_pk=other["line"].pk), {})

    # Assert
    assert (response.status_code, line.status_code) == (404, 404)


# Pages stay flat as data grows


def test_versions_page_query_count_flat_over_1_and_3_versions(client, production, manager, assert_flat_queries):
    # Arrange
    budget = BudgetFactory(production=production)
    BudgetVersionFactory(budget=budget, number=1)
    client.force_login(manager)

    # Act and assert
    assert_flat_queries(
        reverse("budgets:home", kwargs={"pk": production.pk}),
        lambda: [BudgetVersionFactory(budget=budget, number=n, created_by=manager) for n in (2, 3)],
    )


def test_account_page_query_count_flat_over_1_and_3_lines(client, production, manager, assert_flat_queries):
    # Arrange
    objects = budget_with_one_of_each(production)
    client.force_login(manager)

    # Act and assert
    assert_flat_queries(
        url("account", objects["version"], account_pk=objects["account"].pk),
        lambda: [LineFactory(account=objects["account"], person=production.memberships.first()) for _ in range(2)],
    )


def test_topsheet_query_count_flat_over_1_and_3_accounts(client, production, manager, assert_flat_queries):
    # Arrange
    objects = budget_with_one_of_each(production)
    client.force_login(manager)

    # Act and assert
    assert_flat_queries(
        url("topsheet", objects["version"]),
        lambda: [LineFactory(account=AccountFactory(category=objects["account"].category)) for _ in range(2)],
    )


def test_global_delete_in_use_refused_with_message_and_kept(client, theatre, manager):
    # Arrange
    client.force_login(manager)
    item = Global.objects.get(budget_version=theatre, name="CAST_SIZE")

    # Act
    response = client.post(url("global_delete", theatre, global_pk=item.pk), follow=True)

    # Assert
    assert page_messages(response) == ["There is no global called CAST_SIZE in this budget."]
    assert Global.objects.filter(pk=item.pk).exists() is True
    assert AuditEntry.objects.filter(action="budgets.global.removed").count() == 0


def test_line_edit_in_dutch_explains_unknown_global_in_dutch(client, theatre, manager):
    # Arrange
    manager.language = "nl"
    manager.save()
    client.force_login(manager)
    line = Line.objects.get(budget_version=theatre, description="Scenographer, fee")

    # Act
    response = client.post(url("line_edit", theatre, line_pk=line.pk), line_data(line, f"line{line.pk}", quantity="X"))

    # Assert
    assert response.context["form"].errors == {"quantity": ["Deze begroting heeft geen globale waarde X."]}


def test_topsheet_post_production_phase_shows_only_its_lines(client, production, manager):
    # Arrange
    version = services.create_budget(production, CHARTS["documentary"], name="v1", by=manager)
    editor = Line.objects.get(budget_version=version, phase="post_production")
    client.force_login(manager)

    # Act
    response = client.get(url("topsheet", version), {"phase": "post_production"})

    # Assert
    by_phase = response.context["by_phase"]
    sheet = response.context["sheet"]
    assert by_phase.direct == sheet.result.lines[editor.pk].total == sheet.result.phases["post_production"]
    assert by_phase.accounts[editor.account_id] == sheet.result.lines[editor.pk].total
    assert "Only the lines of the phase “Post-production”" in response.content.decode()


def test_topsheet_unknown_phase_shows_whole_budget(client, theatre, manager):
    # Arrange
    client.force_login(manager)

    # Act
    response = client.get(url("topsheet", theatre), {"phase": "nonsense"})

    # Assert
    assert response.status_code == 200
    assert "by_phase" not in response.context
