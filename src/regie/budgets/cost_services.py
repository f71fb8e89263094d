"""Changes to purchase orders, invoices, expenses and estimates to complete.

Each runs in one transaction with the audit entry; numbers are assigned and duplicates refused
under a row lock on the budget, so two people saving at once cannot both get PO 7 or both record
the same invoice.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from regie.accounts.models import User
from regie.budgets.cost_models import (
    Cost,
    CostAllocation,
    EstimateToComplete,
    OrderStatus,
    PaymentStatus,
    PurchaseOrder,
)
from regie.budgets.models import Budget
from regie.core.audit import diff, log_action, snapshot
from regie.core.concurrency import EditConflict, lock_and_check_version
from regie.core.feedback import Refused
from regie.core.formatting import round_money

ZERO = Decimal(0)

# Which status an order may move to from which (closing and cancelling are final).
ORDER_MOVES = {
    OrderStatus.DRAFT: {OrderStatus.ISSUED, OrderStatus.CANCELLED},
    OrderStatus.ISSUED: {OrderStatus.CLOSED, OrderStatus.CANCELLED},
    OrderStatus.CLOSED: set(),
    OrderStatus.CANCELLED: set(),
}


class CostRefused(Refused):
    """A change to orders, invoices or estimates that the rules refuse."""


# Purchase orders


def save_order(order: PurchaseOrder, *, expected_version: int | None, by: User) -> PurchaseOrder:
    """Add an order (numbered under a row lock on the budget) or change one read at `expected_version`."""
    order.amount = round_money(Decimal(order.amount))
    with transaction.atomic():
        if order.pk is None:
            budget = Budget.objects.select_for_update().get(pk=order.budget_id)
            order.number = (PurchaseOrder.objects.filter(budget=budget).aggregate(n=Max("number"))["n"] or 0) + 1
            order.created_by = by
            order.save()
            log_action(order, "budgets.order.added", user=by, changes=diff({}, snapshot(order)))
            return order
        current: PurchaseOrder = lock_and_check_version(PurchaseOrder, order.pk, expected_version or 0)  # type: ignore[assignment]
        if current.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED):
            raise CostRefused(_("%(order)s is closed or cancelled and can no longer change.") % {"order": current})
        order.status = current.status
        changes = diff(snapshot(current), snapshot(order))
        if changes:
            order.version = current.version + 1
            order.save()
            log_action(order, "budgets.order.changed", user=by, changes=changes)
    return order


def set_order_status(order: PurchaseOrder, status: str, *, by: User) -> PurchaseOrder:
    """Issue, close or cancel an order; a closed or cancelled order no longer commits anything."""
    with transaction.atomic():
        current = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
        if status == current.status:
            return current
        if status not in ORDER_MOVES[OrderStatus(current.status)]:
            raise CostRefused(
                _("%(order)s is %(status)s and cannot become %(new)s.")
                % {"order": current, "status": current.get_status_display(), "new": OrderStatus(status).label}
            )
        old = current.status
        current.status = status
        current.version += 1
        current.save(update_fields=["status", "version"])
        log_action(current, "budgets.order.status", user=by, changes={"status": {"old": old, "new": status}})
    return current


# Invoices and expenses


def supplier_key(cost: Cost) -> str:
    """One key per supplier: the address-book entry, else the name as typed without case or spaces around."""
    if cost.supplier_id:
        return f"c{cost.supplier_id}"
    return "n" + " ".join(cost.supplier_name.lower().split())


def save_cost(
    cost: Cost, *, allocations: list[tuple[uuid.UUID, Decimal]], expected_version: int | None, by: User
) -> Cost:
    """Record or change an invoice or expense with its split over budget lines.

    Refuses a second invoice with the same number from the same supplier (checked under a row lock
    on the budget, so two people recording it at once cannot both succeed)."""
    if not allocations:
        raise CostRefused(_("Code the cost to at least one budget line."))
    parts = [(key, round_money(Decimal(amount))) for key, amount in allocations]
    if any(amount < ZERO for _key, amount in parts):
        raise CostRefused(_("An amount coded to a budget line cannot be negative."))
    cost.amount = sum((amount for _key, amount in parts), ZERO)
    cost.vat_amount = round_money(Decimal(cost.vat_amount))
    cost.supplier_key = supplier_key(cost)
    cost.number = cost.number.strip()
    with transaction.atomic():
        Budget.objects.select_for_update().get(pk=cost.budget_id)
        _refuse_duplicate(cost)
        if cost.pk is None:
            cost.created_by = by
            cost.save()
            before: dict[str, Any] = {}
            action = "budgets.cost.added"
        else:
            current: Cost = lock_and_check_version(Cost, cost.pk, expected_version or 0)  # type: ignore[assignment]
            before = {**snapshot(current), "lines": _split_of(current)}
            cost.version = current.version + 1
            cost.save()
            current.allocations.all().delete()
            _forget_replaced_receipt(current, cost)
            action = "budgets.cost.changed"
        CostAllocation.objects.bulk_create(
            CostAllocation(cost=cost, line_key=key, amount=amount, position=i) for i, (key, amount) in enumerate(parts)
        )
        changes = diff(before, {**snapshot(cost), "lines": _split_of(cost)})
        if changes:
            log_action(cost, action, user=by, changes=changes)
    return cost


def _forget_replaced_receipt(before: Cost, after: Cost) -> None:
    """A receipt replaced (or cleared) by the change is deleted from storage once the change is committed."""
    old = before.receipt.name or ""
    if old and old != (after.receipt.name or ""):
        storage = before.receipt.storage
        transaction.on_commit(lambda: storage.delete(old))


def _split_of(cost: Cost) -> list[str]:
    return [f"{a.line_key}: {a.amount}" for a in cost.allocations.all()]


def _refuse_duplicate(cost: Cost) -> None:
    if not cost.number:
        return
    others = Cost.objects.filter(budget_id=cost.budget_id, supplier_key=cost.supplier_key, number=cost.number)
    if cost.pk is not None:
        others = others.exclude(pk=cost.pk)
    if others.exists():
        raise CostRefused(
            _("Invoice %(number)s of %(supplier)s is recorded already. Check that it is not the same invoice twice.")
            % {"number": cost.number, "supplier": cost.supplier_label}
        )


def set_payment(cost: Cost, status: str, *, paid_on: datetime.date | None, by: User) -> Cost:
    """Approve an invoice for payment or mark it paid (on `paid_on`); back to unpaid clears the date."""
    if status == PaymentStatus.PAID and paid_on is None:
        raise CostRefused(_("Give the date it was paid."))
    with transaction.atomic():
        current = Cost.objects.select_for_update().get(pk=cost.pk)
        new_date = paid_on if status == PaymentStatus.PAID else None
        changes = diff(
            {"payment_status": current.payment_status, "paid_on": current.paid_on},
            {"payment_status": status, "paid_on": new_date},
        )
        if changes:
            current.payment_status, current.paid_on = status, new_date
            current.version += 1
            current.save(update_fields=["payment_status", "paid_on", "version"])
            log_action(current, "budgets.cost.payment", user=by, changes=changes)
    return current


def delete_cost(cost: Cost, *, by: User) -> None:
    with transaction.atomic():
        current = Cost.objects.select_for_update().filter(pk=cost.pk).first()
        if current is None:
            return
        if current.payment_status == PaymentStatus.PAID:
            raise CostRefused(_("A paid invoice cannot be deleted."))
        log_action(current, "budgets.cost.removed", user=by, data={**snapshot(current), "lines": _split_of(current)})
        receipt, name = current.receipt, current.receipt.name or ""
        current.delete()
        if name:
            transaction.on_commit(lambda: receipt.storage.delete(name))


# Estimates to complete


def set_estimate(
    budget: Budget,
    line_key: uuid.UUID,
    *,
    amount: Decimal | None,
    note: str,
    expected_version: int,
    by: User,
) -> EstimateToComplete | None:
    """Set a line's ETC by hand (or, with `amount` None, go back to the default).

    `expected_version` is the version the person read (0 when there was no estimate yet): someone
    else's save in between raises EditConflict instead of being overwritten."""
    with transaction.atomic():
        Budget.objects.select_for_update().get(pk=budget.pk)
        current = EstimateToComplete.objects.filter(budget=budget, line_key=line_key).first()
        if (current.version if current else 0) != expected_version:
            raise EditConflict()
        before = {"amount": current.amount, "note": current.note} if current else {}
        if amount is None:
            if current is not None:
                log_action(current, "budgets.estimate.cleared", user=by, data={**before, "line": str(line_key)})
                current.delete()
            return None
        item = current or EstimateToComplete(budget=budget, line_key=line_key, version=0)
        item.amount, item.note = round_money(amount), note
        item.version += 1
        item.updated_by = by
        item.save()
        changes = diff(before, {"amount": item.amount, "note": item.note})
        log_action(item, "budgets.estimate.set", user=by, changes=changes, data={"line": str(line_key)})
    return item
