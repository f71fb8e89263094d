"""Budget services: creating from charts, versions, locking, templates, and the engine's guard."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from regie.accounts.roles import Role
from regie.budgets import services
from regie.budgets.charts import CHARTS
from regie.budgets.models import BudgetTemplate, BudgetVersion, FringeDefault, Global, Line, Status
from regie.budgets.queries import fringe_default_on, sheet_for_version
from regie.core.audit import action_label
from regie.core.models import AuditEntry
from tests.factories import ProductionFactory, member_of

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def manager():
    production = ProductionFactory(currency="EUR")
    return production, member_of(production, Role.PRODUCTION_MANAGER)


def theatre_budget(production, user) -> BudgetVersion:
    return services.create_budget(production, CHARTS["theatre"], name="First estimate", by=user)


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_create_budget_from_every_chart_totals_equal_sums_of_lines(manager, chart):
    # Arrange
    production, user = manager

    # Act
    version = services.create_budget(production, CHARTS[chart], name="v1", by=user)

    # Assert
    sheet = sheet_for_version(version)
    result = sheet.result
    assert sheet.error is None and result is not None
    assert len(sheet.lines) > 0
    for account in sheet.accounts:
        lines = sheet.lines_by_account.get(account.pk, [])
        assert result.accounts[account.pk] == sum((result.lines[line.pk].total for line in lines), D(0))
    for category in sheet.categories:
        accounts = sheet.accounts_by_category[category.pk]
        assert result.categories[category.pk] == sum((result.accounts[a.pk] for a in accounts), D(0))
    assert result.direct == sum((line.total for line in result.lines.values()), D(0))
    assert result.total == result.direct + result.contingency + result.overhead + result.insurance + result.vat
    version.refresh_from_db()
    assert (version.number, version.status, version.total) == (1, Status.ESTIMATE, result.total)


def test_create_theatre_budget_takes_fringe_rates_from_dated_settings(manager):
    # Arrange
    production, user = manager

    # Act
    version = theatre_budget(production, user)

    # Assert
    fringes = {f.default: (f.basis, f.value) for f in version.fringes.all()}
    assert fringes == {
        "employer_ss": ("percent", D("27.0000")),
        "artist_ss": ("percent", D("29.1600")),
        "holiday_pay": ("percent", D("11.0916")),
        "pc304_risk": ("percent", D("0.1000")),
    }
    line = Line.objects.get(budget_version=version, description="Performers, per performance")
    assert sorted(f.default for f in line.fringes.all()) == ["artist_ss", "holiday_pay"]


def test_create_budget_logs_the_version(manager):
    # Arrange
    production, user = manager

    # Act
    version = theatre_budget(production, user)

    # Assert
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user, entry.production, entry.data) == (
        "budgets.version.created",
        user,
        production,
        {"number": 1, "name": "First estimate"},
    )
    assert str(version) == "v1 First estimate"


def test_create_budget_twice_refused_and_nothing_added(manager):
    # Arrange
    production, user = manager
    theatre_budget(production, user)

    # Act
    with pytest.raises(services.BudgetRefused) as refusal:
        theatre_budget(production, user)

    # Assert
    assert str(refusal.value) == "This production has a budget already."
    assert BudgetVersion.objects.count() == 1


def test_fringe_default_on_picks_the_rate_in_force(manager):
    # Arrange
    FringeDefault.objects.create(
        code="employer_ss", value=D("25.0000"), valid_from=datetime.date(2030, 1, 1), source_url="https://example.be"
    )

    # Act
    before = fringe_default_on("employer_ss", datetime.date(2029, 12, 31))
    after = fringe_default_on("employer_ss", datetime.date(2030, 1, 1))
    too_early = fringe_default_on("employer_ss", datetime.date(2000, 1, 1))

    # Assert
    assert (before.value, after.value, too_early) == (D("27.0000"), D("25.0000"), None)


def test_copy_version_numbers_in_sequence_and_copies_everything(manager):
    # Arrange
    production, user = manager
    first = theatre_budget(production, user)

    # Act
    second = services.copy_version(first, by=user)
    third = services.copy_version(first, by=user)

    # Assert
    assert (second.number, third.number, second.copied_from, second.status) == (2, 3, first, Status.ESTIMATE)
    assert services.structure_of(second) == services.structure_of(first)
    assert sheet_for_version(second).result.total == sheet_for_version(first).result.total == second.total


def test_copy_version_keeps_line_keys_and_new_budget_gets_fresh_ones(manager):
    # Arrange
    production, user = manager
    first = theatre_budget(production, user)
    other = ProductionFactory(organisation=production.organisation)

    # Act
    second = services.copy_version(first, by=user)
    template = services.save_as_template(first, name="Ours", by=user)
    fresh = services.create_budget(other, template.structure, name="v1", by=user)

    # Assert
    def keys(version):
        return list(
            Line.objects.filter(budget_version=version)
            .order_by("account__code", "position")
            .values_list("key", flat=True)
        )

    assert keys(second) == keys(first)
    assert len(set(keys(first))) == len(keys(first))
    assert set(keys(fresh)).isdisjoint(keys(first))


def test_locked_version_refuses_every_change_and_keeps_its_rows(manager):
    # Arrange
    production, user = manager
    version = theatre_budget(production, user)
    services.lock_version(version, by=user)
    line = Line.objects.filter(budget_version=version).first()
    item = Global.objects.get(budget_version=version, name="PERFORMANCES")
    line.rate, item.expression = D("1"), "99"

    # Act and assert
    with pytest.raises(services.BudgetRefused):
        services.save_line(line, fringes=[], expected_version=line.version, by=user)
    with pytest.raises(services.BudgetRefused):
        services.save_global(item, by=user)
    with pytest.raises(services.BudgetRefused):
        services.delete_line(line, by=user)
    version.refresh_from_db()
    with pytest.raises(services.BudgetRefused):
        services.update_version_settings(version, expected_version=version.version, by=user)

    # Assert
    line.refresh_from_db()
    item.refresh_from_db()
    assert (line.rate != D("1"), item.expression, Line.objects.filter(pk=line.pk).exists()) == (True, "20", True)
    assert version.status == Status.LOCKED


def test_save_global_circular_refused_by_service_and_nothing_saved(manager):
    # Arrange
    production, user = manager
    version = theatre_budget(production, user)
    item = Global.objects.get(budget_version=version, name="PERFORMANCES")
    item.expression = "TOUR_DAYS - 4"

    # Act
    with pytest.raises(services.BudgetRefused) as refusal:
        services.save_global(item, by=user)

    # Assert
    item.refresh_from_db()
    assert str(refusal.value) == ("The global PERFORMANCES refers to itself: PERFORMANCES → TOUR_DAYS → PERFORMANCES.")
    assert item.expression == "20"


def test_save_as_template_then_new_budget_from_it_has_same_totals(manager):
    # Arrange
    production, user = manager
    version = theatre_budget(production, user)
    other = ProductionFactory(organisation=production.organisation)

    # Act
    template = services.save_as_template(version, name="Our touring show", by=user)
    copy = services.create_budget(other, template.structure, name="v1", by=user)

    # Assert
    assert BudgetTemplate.objects.get().organisation == production.organisation
    assert sheet_for_version(copy).result.total == sheet_for_version(version).result.total
    assert [c.name for c in copy.categories.all()] == [c.name for c in version.categories.all()]


def test_budget_actions_have_labels_in_the_history():
    # Act and assert
    assert action_label("budgets.line.changed") == "Budget line changed"
