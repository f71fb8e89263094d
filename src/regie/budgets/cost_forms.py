"""Validation of purchase orders, invoices and expenses, receipts and estimates to complete."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from babel.numbers import list_currencies
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from regie.budgets.cost_models import Cost, CostKind, OrderStatus, PaymentStatus, PurchaseOrder
from regie.budgets.models import BudgetVersion
from regie.budgets.queries import Sheet
from regie.core.uploads import sniff_scan
from regie.people.queries import contacts_for_organisation
from regie.productions.models import Production

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
MAX_AMOUNT = Decimal(10) ** 12
SPLIT_ROWS = 4


def line_choices(sheet: Sheet) -> list[tuple[str, str]]:
    """The version's lines as choices, by their stable key, labelled with the account code."""
    return [
        (str(line.key), f"{sheet.accounts_by_id[line.account_id].code} · {line.description}") for line in sheet.lines
    ]


def receipt_type(upload: UploadedFile) -> str:
    """The content type of a receipt, read from its first bytes; raises ValidationError for anything else."""
    if upload.size is not None and upload.size > MAX_RECEIPT_BYTES:
        raise forms.ValidationError(_("The receipt is larger than 10 MB. Scan it at a lower resolution."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    found = sniff_scan(head)
    if found:
        content_type, extension = found
        upload.name = f"receipt.{extension}"
        return content_type
    raise forms.ValidationError(_("The receipt must be a PDF, JPEG or PNG file."))


def cost_currency(code: str, reference: BudgetVersion | None, budget_currency: str) -> str:
    """The currency of an order or invoice: "" for the budget's own, else a code the version has a rate for."""
    code = (code or "").strip().upper()
    if code and code not in set(list_currencies()):
        raise forms.ValidationError(_("“%(code)s” is not a currency code."), params={"code": code})
    if not code or code == budget_currency:
        return ""
    if code not in (reference.rates() if reference else {}):
        raise forms.ValidationError(
            _("The budget has no exchange rate for %(code)s. Add one in the version's settings first."),
            params={"code": code},
        )
    return code


class _SupplierMixin:
    cleaned_data: dict[str, Any]

    def _clean_supplier(self, data: dict[str, Any]) -> None:
        if not data.get("supplier") and not (data.get("supplier_name") or "").strip():
            self.add_error("supplier_name", _("Choose a supplier from the address book or type its name."))  # type: ignore[attr-defined]


class PurchaseOrderForm(_SupplierMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    line = forms.ChoiceField(label=_("budget line"))

    class Meta:
        model = PurchaseOrder
        fields = ["supplier", "supplier_name", "date", "description", "amount", "currency", "vat_percent"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(
        self, *args: Any, production: Production, sheet: Sheet, reference: BudgetVersion | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reference = reference
        self.budget_currency = reference.currency if reference else production.currency
        self.fields["supplier"].queryset = contacts_for_organisation(production.organisation)  # type: ignore[attr-defined]
        self.fields["supplier_name"].help_text = _("Or a supplier who is not in the address book.")
        self.fields["line"].choices = line_choices(sheet)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["line"].initial = str(self.instance.line_key)
        self.order_fields(["line", *self.Meta.fields])

    def clean_currency(self) -> str:
        return cost_currency(self.cleaned_data.get("currency", ""), self.reference, self.budget_currency)

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        if amount is not None and amount > MAX_AMOUNT:
            raise forms.ValidationError(_("This amount is too large."))
        return amount

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_supplier(data)
        if data.get("line"):
            self.instance.line_key = uuid.UUID(data["line"])
        return data


class OrderStatusForm(forms.Form):
    status = forms.ChoiceField(choices=OrderStatus.choices)


class CostForm(_SupplierMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Cost
        fields = [
            "kind",
            "number",
            "supplier",
            "supplier_name",
            "order",
            "description",
            "invoice_date",
            "due_date",
            "currency",
            "vat_amount",
            "receipt",
        ]
        widgets = {
            "invoice_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "receipt": forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        }

    def __init__(
        self, *args: Any, production: Production, sheet: Sheet, reference: BudgetVersion | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reference = reference
        self.budget_currency = reference.currency if reference else production.currency
        self.fields["supplier"].queryset = contacts_for_organisation(production.organisation)  # type: ignore[attr-defined]
        self.fields["supplier_name"].help_text = _("Or a supplier who is not in the address book.")
        self.fields["order"].queryset = PurchaseOrder.objects.filter(  # type: ignore[attr-defined]
            budget__production=production, status=OrderStatus.ISSUED
        ).order_by("-number")
        self.fields["invoice_date"].label = _("date of the invoice or expense")
        self.fields["number"].help_text = _("Required for a supplier invoice.")
        self.splits = [
            SplitForm(*args, prefix=f"split-{i}", lines=line_choices(sheet), **_initial_split(self.instance, i))
            for i in range(SPLIT_ROWS)
        ]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_currency(self) -> str:
        return cost_currency(self.cleaned_data.get("currency", ""), self.reference, self.budget_currency)

    def clean_receipt(self) -> Any:
        upload = self.cleaned_data.get("receipt")
        if isinstance(upload, UploadedFile):
            self.instance.receipt_type = receipt_type(upload)
        return upload

    def clean_vat_amount(self) -> Decimal:
        amount = self.cleaned_data["vat_amount"]
        if amount is not None and amount > MAX_AMOUNT:
            raise forms.ValidationError(_("This amount is too large."))
        return amount

    def is_valid(self) -> bool:
        # Every split row is checked too, so that all errors show at once.
        splits_valid = all([split.is_valid() for split in self.splits])  # noqa: C419 (a list: every row is checked)
        valid = super().is_valid()
        if valid and splits_valid and not self.allocations():
            self.add_error(None, _("Code the cost to at least one budget line, with its amount excluding VAT."))
            return False
        return valid and splits_valid

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_supplier(data)
        if data.get("kind") == CostKind.INVOICE and not (data.get("number") or "").strip():
            self.add_error("number", _("A supplier invoice needs its number."))
        order = data.get("order")
        if order is not None and (order.currency or "") != (data.get("currency") or ""):
            self.add_error(
                "currency",
                _("The invoice must be in the currency of %(order)s (%(currency)s).")
                % {"order": order, "currency": order.currency or self.budget_currency},
            )
        return data

    def allocations(self) -> list[tuple[uuid.UUID, Decimal]]:
        found = [split.allocation() for split in self.splits]
        return [item for item in found if item is not None]


def _initial_split(cost: Cost, index: int) -> dict[str, Any]:
    if cost.pk is None:
        return {}
    parts = list(cost.allocations.all())
    if index >= len(parts):
        return {}
    return {"initial": {"line": str(parts[index].line_key), "amount": parts[index].amount}}


class SplitForm(forms.Form):
    line = forms.ChoiceField(label=_("budget line"), required=False)
    amount = forms.DecimalField(
        label=_("amount excl. VAT"), required=False, max_digits=16, decimal_places=2, min_value=Decimal(0)
    )

    def __init__(self, *args: Any, lines: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [("", "—"), *lines]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        line, amount = data.get("line"), data.get("amount")
        if line and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount for this line."))
        if amount and not line:
            self.add_error("line", _("Choose the budget line of this amount."))
        if amount is not None and amount > MAX_AMOUNT:
            self.add_error("amount", _("This amount is too large."))
        return data

    def allocation(self) -> tuple[uuid.UUID, Decimal] | None:
        data = getattr(self, "cleaned_data", {})
        if data.get("line") and data.get("amount") is not None:
            return uuid.UUID(data["line"]), data["amount"]
        return None


class PaymentForm(forms.Form):
    payment_status = forms.ChoiceField(label=_("payment"), choices=PaymentStatus.choices)
    paid_on = forms.DateField(
        label=_("paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("payment_status") == PaymentStatus.PAID and not data.get("paid_on"):
            self.add_error("paid_on", _("Give the date it was paid."))
        return data


class EstimateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    amount = forms.DecimalField(
        label=_("estimate to complete"),
        required=False,
        max_digits=16,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_("Empty to go back to what is left of the budget."),
    )
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def clean_amount(self) -> Decimal | None:
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount > MAX_AMOUNT:
            raise forms.ValidationError(_("This amount is too large."))
        return amount
