"""Changes to budgets. Every change is checked against the engine inside its transaction, so a
budget is never left half-saved or impossible to compute, and every change is in the history."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.budgets import compute
from regie.budgets.charts import translated
from regie.budgets.explain import explain
from regie.budgets.models import (
    Account,
    Budget,
    BudgetTemplate,
    BudgetVersion,
    Category,
    DefaultFringe,
    FinancingSource,
    Fringe,
    Global,
    Line,
    Status,
)
from regie.budgets.queries import fringe_default_on, sheet_for_version
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import lock_and_check_version
from regie.core.feedback import Refused
from regie.core.formatting import round_money
from regie.productions.models import Production


class BudgetRefused(Refused):
    """A change to a budget that the rules refuse."""


# Versions


def create_budget(production: Production, structure: dict[str, Any], *, name: str, by: User) -> BudgetVersion:
    """The production's budget with its first version, built from a chart or a saved template."""
    with transaction.atomic():
        Production.objects.select_for_update().get(pk=production.pk)
        if Budget.objects.filter(production=production).exists():
            raise BudgetRefused(_("This production has a budget already."))
        budget = Budget.objects.create(production=production)
        version = BudgetVersion.objects.create(
            budget=budget,
            number=1,
            name=name,
            currency=production.currency,
            created_by=by,
            **_settings_from(structure),
        )
        _build(version, translated(structure), on=production.today())
        _ensure_computable(version)
        log_action(version, "budgets.version.created", user=by, data={"number": 1, "name": name})
    return version


def copy_version(source: BudgetVersion, *, by: User) -> BudgetVersion:
    """A new estimate, numbered under a row lock on the budget, with everything of `source`."""
    with transaction.atomic():
        budget = Budget.objects.select_for_update().get(pk=source.budget_id)
        number = (budget.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        structure = structure_of(source)
        version = BudgetVersion.objects.create(
            budget=budget,
            number=number,
            name=source.name,
            currency=source.currency,
            exchange_rates=source.exchange_rates,
            copied_from=source,
            created_by=by,
            **_settings_from(structure),
        )
        _build(version, structure, on=budget.production.today())
        _ensure_computable(version)
        log_action(version, "budgets.version.created", user=by, data={"number": number, "from": f"v{source.number}"})
    return version


def update_version_settings(version: BudgetVersion, *, expected_version: int, by: User) -> BudgetVersion:
    """Save name, rates and bottom-line percentages unless someone saved them since `expected_version`."""
    with transaction.atomic():
        current: BudgetVersion = lock_and_check_version(BudgetVersion, version.pk, expected_version)  # type: ignore[assignment]
        _ensure_open(current)
        changes = diff(snapshot(current), snapshot(version))
        if changes:
            version.status = current.status
            version.version = current.version + 1
            version.save()
            _ensure_computable(version)
            log_action(version, "budgets.version.changed", user=by, changes=changes)
    return version


def approve_version(version: BudgetVersion, *, by: User) -> None:
    with transaction.atomic():
        current = BudgetVersion.objects.select_for_update().get(pk=version.pk)
        _ensure_open(current)
        if current.status != Status.APPROVED:
            current.status = Status.APPROVED
            current.version += 1
            current.save(update_fields=["status", "version"])
            log_action(current, "budgets.version.approved", user=by)


def lock_version(version: BudgetVersion, *, by: User) -> None:
    """Freeze the version: no line, global, fringe or setting of it can change afterwards."""
    with transaction.atomic():
        current = BudgetVersion.objects.select_for_update().get(pk=version.pk)
        if current.status == Status.LOCKED:
            return
        sheet = sheet_for_version(current)
        if sheet.error is not None:
            raise BudgetRefused(explain(sheet.error))
        current.status = Status.LOCKED
        current.locked_at = timezone.now()
        current.version += 1
        current.save(update_fields=["status", "locked_at", "version"])
        assert sheet.result is not None
        log_action(current, "budgets.version.locked", user=by, data={"total": sheet.result.total})


# Lines, globals and fringes


def save_line(line: Line, *, fringes: list[Fringe], expected_version: int | None, by: User) -> Line:
    """Add or change a line; a change from a stale `expected_version` raises EditConflict."""
    with transaction.atomic():
        version = _lock_open_version(line.budget_version_id)
        if line.pk is None:
            line.position = Line.objects.filter(account_id=line.account_id).count()
            line.save()
            line.fringes.set(fringes)
            _ensure_computable(version)
            log_action(line, "budgets.line.added", user=by, changes=diff({}, _line_snapshot(line, fringes)))
            return line
        current: Line = lock_and_check_version(Line, line.pk, expected_version or 0)  # type: ignore[assignment]
        changes = diff(_line_snapshot(current, list(current.fringes.all())), _line_snapshot(line, fringes))
        if changes:
            line.version = current.version + 1
            line.save()
            line.fringes.set(fringes)
            _ensure_computable(version)
            log_action(line, "budgets.line.changed", user=by, changes=changes)
    return line


def delete_line(line: Line, *, by: User) -> None:
    with transaction.atomic():
        version = _lock_open_version(line.budget_version_id)
        log_action(line, "budgets.line.removed", user=by, data=_line_snapshot(line, list(line.fringes.all())))
        line.delete()
        _ensure_computable(version)


def save_global(item: Global, *, by: User) -> Global:
    """A new or changed global; every line that uses it follows (the engine recomputes them)."""
    return _save_row(item, "budgets.global", by=by)


def delete_global(item: Global, *, by: User) -> None:
    _delete_row(item, "budgets.global", by=by)


def save_fringe(item: Fringe, *, by: User) -> Fringe:
    return _save_row(item, "budgets.fringe", by=by)


def delete_fringe(item: Fringe, *, by: User) -> None:
    _delete_row(item, "budgets.fringe", by=by)


def _save_row(item: Global | Fringe, action: str, *, by: User) -> Any:
    with transaction.atomic():
        version = _lock_open_version(item.budget_version_id)
        if item.pk is None:
            item.position = type(item).objects.filter(budget_version=version).count()
            item.save()
            _ensure_computable(version)
            log_action(item, f"{action}.added", user=by, changes=diff({}, snapshot(item)))
            return item
        current = type(item).objects.select_for_update().get(pk=item.pk)
        changes = diff(snapshot(current), snapshot(item))
        if changes:
            item.save()
            _ensure_computable(version)
            log_action(item, f"{action}.changed", user=by, changes=changes)
    return item


def _delete_row(item: Global | Fringe, action: str, *, by: User) -> None:
    with transaction.atomic():
        version = _lock_open_version(item.budget_version_id)
        log_action(item, f"{action}.removed", user=by, data=snapshot(item))
        item.delete()
        _ensure_computable(version)


# Financing


def save_financing_source(source: FinancingSource, *, expected_version: int | None, by: User) -> FinancingSource:
    """Add or change a source of financing; a change from a stale `expected_version` raises EditConflict."""
    # Amounts as stored (to the cent), so that 500 and 500.00 are no change in the history.
    source.amount_requested = round_money(Decimal(source.amount_requested))
    source.amount_secured = round_money(Decimal(source.amount_secured))
    with transaction.atomic():
        if source.pk is None:
            Budget.objects.select_for_update().get(pk=source.budget_id)
            source.save()
            log_action(source, "budgets.financing.added", user=by, changes=diff({}, snapshot(source)))
            return source
        current = lock_and_check_version(FinancingSource, source.pk, expected_version or 0)
        changes = diff(snapshot(current), snapshot(source))
        if changes:
            source.version = current.version + 1  # type: ignore[attr-defined]
            source.save()
            log_action(source, "budgets.financing.changed", user=by, changes=changes)
    return source


def delete_financing_source(source: FinancingSource, *, by: User) -> None:
    with transaction.atomic():
        current = FinancingSource.objects.select_for_update().filter(pk=source.pk).first()
        if current is None:
            return
        log_action(current, "budgets.financing.removed", user=by, data=snapshot(current))
        current.delete()


# Templates


def structure_of(version: BudgetVersion) -> dict[str, Any]:
    """The version as plain data: the shape of a chart, with fringe values and every line."""
    sheet = sheet_for_version(version)
    fringe_keys = {f.pk: str(index) for index, f in enumerate(sheet.fringes)}
    return {
        "globals": [{"name": g.name, "expression": g.expression, "description": g.description} for g in sheet.globals],
        "fringes": [
            {"key": fringe_keys[f.pk], "name": f.name, "basis": f.basis, "value": str(f.value), "default": f.default}
            for f in sheet.fringes
        ],
        "categories": [
            {
                "code": c.code,
                "name": c.name,
                "accounts": [
                    {
                        "code": a.code,
                        "name": a.name,
                        "lines": [
                            {
                                "description": line.description,
                                "quantity": line.quantity,
                                "unit": line.unit,
                                "multiplier": line.multiplier,
                                "rate": str(line.rate),
                                "currency": line.currency,
                                "phase": line.phase,
                                "fringes": [fringe_keys[pk] for pk in sheet.line_fringes.get(line.pk, [])],
                                "notes": line.notes,
                                "supplier": line.supplier,
                                "person": line.person_id,
                                "key": str(line.key),
                            }
                            for line in sheet.lines_by_account.get(a.pk, [])
                        ],
                    }
                    for a in sheet.accounts_by_category.get(c.pk, [])
                ],
            }
            for c in sheet.categories
        ],
        "contingency_percent": str(version.contingency_percent),
        "overhead_percent": str(version.overhead_percent),
        "insurance_percent": str(version.insurance_percent),
        "vat_percent": str(version.vat_percent),
        "vat_recoverable": version.vat_recoverable,
    }


def save_as_template(version: BudgetVersion, *, name: str, by: User) -> BudgetTemplate:
    """The version's chart of accounts, globals, fringes and lines, for the organisation's next budgets.

    Links to people of this production are left out: they mean nothing on another production.
    """
    structure = structure_of(version)
    for category in structure["categories"]:
        for account in category["accounts"]:
            for line in account["lines"]:
                line["person"] = None
                line.pop("key", None)
    organisation = version.budget.production.organisation
    with transaction.atomic():
        template = BudgetTemplate.objects.create(
            organisation=organisation, name=name, structure=structure, created_by=by
        )
        log_action(
            template,
            "budgets.template.created",
            user=by,
            production=version.budget.production,
            data={"name": name, "from": f"v{version.number}"},
        )
    return template


# Helpers


def _settings_from(structure: dict[str, Any]) -> dict[str, Any]:
    return {
        "contingency_percent": Decimal(str(structure.get("contingency_percent", "0"))),
        "overhead_percent": Decimal(str(structure.get("overhead_percent", "0"))),
        "insurance_percent": Decimal(str(structure.get("insurance_percent", "0"))),
        "vat_percent": Decimal(str(structure.get("vat_percent", "21"))),
        "vat_recoverable": bool(structure.get("vat_recoverable", True)),
    }


def _build(version: BudgetVersion, structure: dict[str, Any], *, on: datetime.date) -> None:
    """Write the rows of `structure` into an empty version with a few bulk inserts."""
    Global.objects.bulk_create(
        Global(
            budget_version=version,
            position=i,
            name=g["name"],
            expression=g["expression"],
            description=g.get("description", ""),
        )
        for i, g in enumerate(structure.get("globals", []))
    )
    fringes: dict[str, Fringe] = {}
    for i, spec in enumerate(structure.get("fringes", [])):
        fringes[spec.get("key", spec.get("default", str(i)))] = _fringe_from(version, i, spec, on)
    Fringe.objects.bulk_create(fringes.values())
    categories, accounts, lines, links = [], [], [], []
    for c_index, c_spec in enumerate(structure.get("categories", [])):
        category = Category(budget_version=version, position=c_index, code=c_spec["code"], name=c_spec["name"])
        categories.append(category)
        for a_index, a_spec in enumerate(c_spec.get("accounts", [])):
            account = Account(
                budget_version=version, category=category, position=a_index, code=a_spec["code"], name=a_spec["name"]
            )
            accounts.append(account)
            for l_index, l_spec in enumerate(a_spec.get("lines", [])):
                line = _line_from(version, account, l_index, l_spec)
                lines.append(line)
                links += [(line, fringes[key]) for key in l_spec.get("fringes", []) if key in fringes]
    Category.objects.bulk_create(categories)
    for account in accounts:
        account.category_id = account.category.pk
    Account.objects.bulk_create(accounts)
    for line in lines:
        line.account_id = line.account.pk
    Line.objects.bulk_create(lines)
    Line.fringes.through.objects.bulk_create(
        Line.fringes.through(line_id=line.pk, fringe_id=fringe.pk) for line, fringe in links
    )


def _fringe_from(version: BudgetVersion, position: int, spec: dict[str, Any], on: datetime.date) -> Fringe:
    code = spec.get("default", "")
    if "value" in spec:
        basis, value = spec.get("basis", compute.FringeBasis.PERCENT), Decimal(spec["value"])
    else:
        setting = fringe_default_on(code, on)
        basis = setting.basis if setting else compute.FringeBasis.PERCENT
        value = setting.value if setting else Decimal(0)
    name = spec.get("name") or str(DefaultFringe(code).label)
    return Fringe(budget_version=version, position=position, name=name, basis=basis, value=value, default=code)


def _line_from(version: BudgetVersion, account: Account, position: int, spec: dict[str, Any]) -> Line:
    person = spec.get("person")
    if person is not None and not version.budget.production.memberships.filter(pk=person).exists():
        person = None
    return Line(
        budget_version=version,
        account=account,
        position=position,
        description=spec["description"],
        quantity=spec.get("quantity", "1"),
        unit=spec.get("unit", "flat"),
        multiplier=spec.get("multiplier", "1"),
        rate=Decimal(str(spec.get("rate", "0"))),
        currency=spec.get("currency", ""),
        phase=spec.get("phase", "production"),
        notes=spec.get("notes", ""),
        supplier=spec.get("supplier", ""),
        person_id=person,
        # The same key in every version of the budget: costs and commitments are coded to it.
        **({"key": uuid.UUID(spec["key"])} if spec.get("key") else {}),
    )


def _line_snapshot(line: Line, fringes: list[Fringe]) -> dict[str, Any]:
    return {**snapshot(line), "fringes": sorted(f.name for f in fringes)}


def _lock_open_version(version_id: int) -> BudgetVersion:
    """The version row locked for the change, refused when it is locked (read-only)."""
    version = BudgetVersion.objects.select_for_update().select_related("budget__production").get(pk=version_id)
    _ensure_open(version)
    return version


def _ensure_open(version: BudgetVersion) -> None:
    if version.status == Status.LOCKED:
        raise BudgetRefused(
            _("Version %(version)s is locked and cannot change. Make a new version to go on.") % {"version": version}
        )


def _ensure_computable(version: BudgetVersion) -> None:
    """Refuse (and so roll back) a change after which the budget no longer computes."""
    sheet = sheet_for_version(version)
    if sheet.error is not None:
        raise BudgetRefused(explain(sheet.error))
    assert sheet.result is not None
    BudgetVersion.objects.filter(pk=version.pk).update(total=sheet.result.total)
    version.total = sheet.result.total


# Import


def import_version(production: Production, structure: dict[str, Any], *, by: User) -> BudgetVersion:
    """A new version from an imported workbook (the budget too, when the production has none), all or nothing.

    Lines with the account code and description of a line of the latest version keep that line's key,
    so orders and invoices coded to it follow the imported version."""
    with transaction.atomic():
        Production.objects.select_for_update().get(pk=production.pk)
        budget, _created = Budget.objects.get_or_create(production=production)
        budget = Budget.objects.select_for_update().get(pk=budget.pk)
        latest = budget.versions.order_by("-number").first()
        _keep_keys(structure, latest)
        number = (latest.number if latest else 0) + 1
        version = BudgetVersion.objects.create(
            budget=budget,
            number=number,
            name=_("Imported"),
            currency=structure["currency"],
            exchange_rates=structure.get("rates", {}),
            created_by=by,
            **_settings_from(structure),
        )
        _build(version, structure, on=production.today())
        _ensure_computable(version)
        lines = sum(len(a["lines"]) for c in structure["categories"] for a in c["accounts"])
        log_action(version, "budgets.version.imported", user=by, data={"number": number, "lines": lines})
    return version


def _keep_keys(structure: dict[str, Any], latest: BudgetVersion | None) -> None:
    if latest is None:
        return
    keys: dict[tuple[str, str], str] = {}
    accounts = dict(Account.objects.filter(budget_version=latest).values_list("pk", "code"))
    for account_id, description, line_key in Line.objects.filter(budget_version=latest).values_list(
        "account_id", "description", "key"
    ):
        keys.setdefault((accounts[account_id], description), str(line_key))
    for category in structure["categories"]:
        for account in category["accounts"]:
            for line in account["lines"]:
                kept = keys.pop((account["code"], line["description"]), "")
                if kept:
                    line["key"] = kept
