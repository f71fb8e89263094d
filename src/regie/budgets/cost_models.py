"""Cost control: purchase orders, supplier invoices and expenses, and estimates to complete.

They belong to the budget, not to one version: each is coded to a line's `key`, which every
version of the budget keeps, so a cost recorded against v1 still shows against the same line in v4.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Organisation
from regie.core.uploads import private_storage
from regie.productions.models import Production

NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


class OrderStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("purchase order", "Draft")
    ISSUED = "issued", pgettext_lazy("purchase order", "Issued")
    CLOSED = "closed", pgettext_lazy("purchase order", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("purchase order", "Cancelled")


class CostKind(models.TextChoices):
    INVOICE = "invoice", _("Supplier invoice")
    EXPENSE = "expense", _("Expense")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    APPROVED = "approved", _("Approved for payment")
    PAID = "paid", _("Paid")


class _OfBudget(models.Model):
    audit_exclude = frozenset({"budget", "version", "supplier_key", "created_by"})

    budget = models.ForeignKey("budgets.Budget", on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def audit_organisation(self) -> Organisation:
        return self.budget.production.organisation

    def audit_production(self) -> Production:
        return self.budget.production


class PurchaseOrder(_OfBudget):
    """Money promised to a supplier against one budget line; its open amount is committed until invoiced."""

    budget = models.ForeignKey("budgets.Budget", on_delete=models.CASCADE, related_name="purchase_orders")
    # Assigned under a row lock on the budget (services.save_order): PO 1, PO 2…
    number = models.PositiveIntegerField(_("number"))
    supplier = models.ForeignKey(
        "people.Contact",
        verbose_name=_("supplier from the address book"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supplier_name = models.CharField(_("supplier"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=200)
    line_key = models.UUIDField(_("budget line"), db_index=True)
    amount = models.DecimalField(_("amount excl. VAT"), max_digits=16, decimal_places=2, validators=NOT_NEGATIVE)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("Empty for the budget's own currency.")
    )
    vat_percent = models.DecimalField(
        _("VAT (%)"), max_digits=5, decimal_places=2, default=Decimal(21), validators=NOT_NEGATIVE
    )
    status = models.CharField(_("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Translators: a purchase order (NL bestelbon, FR bon de commande)
        verbose_name = _("purchase order")
        verbose_name_plural = _("purchase orders")
        ordering = ["budget", "-number"]
        constraints = [models.UniqueConstraint(fields=["budget", "number"], name="unique_purchase_order_number")]

    def __str__(self) -> str:
        return f"PO {self.number:04d}"

    @property
    def supplier_label(self) -> str:
        return self.supplier.name if self.supplier_id and self.supplier else self.supplier_name


def receipt_path(instance: Cost, filename: str) -> str:
    """A name that says nothing about the file: the budget and a random id (the extension from the content)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"receipts/{instance.budget_id}/{uuid.uuid4().hex}.{extension}"


class Cost(_OfBudget):
    """A supplier invoice or an expense: the actual cost, split over one or several budget lines."""

    budget = models.ForeignKey("budgets.Budget", on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(_("kind"), max_length=10, choices=CostKind.choices, default=CostKind.INVOICE)
    number = models.CharField(_("invoice number"), max_length=60, blank=True)
    supplier = models.ForeignKey(
        "people.Contact",
        verbose_name=_("supplier from the address book"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supplier_name = models.CharField(_("supplier"), max_length=200, blank=True)
    # "c<contact id>" or "n<name in lower case>": one invoice number per supplier (see the constraint).
    supplier_key = models.CharField(max_length=210, editable=False)
    order = models.ForeignKey(
        PurchaseOrder,
        verbose_name=_("purchase order"),
        null=True,
        blank=True,
        # RESTRICT, not PROTECT: an order with invoices cannot be deleted on its own, but deleting the
        # whole budget (or production) takes both along.
        on_delete=models.RESTRICT,
        related_name="costs",
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    invoice_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("Empty for the budget's own currency.")
    )
    amount = models.DecimalField(
        _("amount excl. VAT"), max_digits=16, decimal_places=2, default=Decimal(0), editable=False
    )
    vat_amount = models.DecimalField(
        _("VAT"), max_digits=16, decimal_places=2, default=Decimal(0), validators=NOT_NEGATIVE
    )
    receipt = models.FileField(
        _("receipt"), upload_to=receipt_path, storage=private_storage, blank=True, max_length=200
    )
    receipt_type = models.CharField(max_length=40, blank=True, editable=False)
    payment_status = models.CharField(
        _("payment"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invoice or expense")
        verbose_name_plural = _("invoices and expenses")
        ordering = ["budget", "-invoice_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "supplier_key", "number"],
                condition=~models.Q(number=""),
                name="unique_cost_number_per_supplier",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or self.get_kind_display()} {self.supplier_label}".strip()

    @property
    def supplier_label(self) -> str:
        return self.supplier.name if self.supplier_id and self.supplier else self.supplier_name

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount


class CostAllocation(models.Model):
    """The part of a cost coded to one budget line (an invoice split over lines has several)."""

    cost = models.ForeignKey(Cost, on_delete=models.CASCADE, related_name="allocations")
    line_key = models.UUIDField(_("budget line"), db_index=True)
    amount = models.DecimalField(_("amount excl. VAT"), max_digits=16, decimal_places=2, validators=NOT_NEGATIVE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("cost allocation")
        verbose_name_plural = _("cost allocations")
        ordering = ["cost", "position"]

    def __str__(self) -> str:
        return f"{self.line_key}: {self.amount}"


class EstimateToComplete(_OfBudget):
    """What is still to be spent on a line, set by hand in place of the default (budget - committed - actual)."""

    budget = models.ForeignKey("budgets.Budget", on_delete=models.CASCADE, related_name="estimates")
    line_key = models.UUIDField(_("budget line"))
    amount = models.DecimalField(_("estimate to complete"), max_digits=16, decimal_places=2, validators=NOT_NEGATIVE)
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("estimate to complete")
        verbose_name_plural = _("estimates to complete")
        constraints = [models.UniqueConstraint(fields=["budget", "line_key"], name="unique_estimate_per_line")]

    def __str__(self) -> str:
        return str(self.amount)
