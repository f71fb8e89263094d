"""Payments owed under contracts, batches of SEPA transfers, invoices and door-deal settlements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.contracts.models.contracts import Contract
from regie.people.models import Contact
from regie.productions.models import Production

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class PaymentKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    INSTALMENT = "instalment", _("Instalment")
    BALANCE = "balance", _("Balance")
    FEE = "fee", _("Fee")
    SETTLEMENT = "settlement", _("Settlement")


class PaymentCondition(models.TextChoices):
    FIXED_DATE = "fixed_date", _("On a fixed date")
    ON_SIGNATURE = "on_signature", _("After signature")
    ON_DELIVERY = "on_delivery", _("After delivery")
    ON_PERFORMANCE = "on_performance", _("After the performance")


class PaymentStatus(models.TextChoices):
    # Translators: a payment waiting for its condition (signature, delivery, performance)
    SCHEDULED = "scheduled", _("Scheduled")
    DUE = "due", _("Due")
    APPROVED = "approved", _("Approved")
    IN_BATCH = "in_batch", _("In a payment file")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_PAYMENT = frozenset({PaymentStatus.DUE, PaymentStatus.APPROVED, PaymentStatus.IN_BATCH})


class Payment(models.Model):
    """One payment of a contract's schedule. It gets its due date when its condition is met."""

    audit_exclude = frozenset({"production", "contract", "batch", "version"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="payments")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="payments")
    payee = models.ForeignKey(Contact, verbose_name=_("payee"), on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentKind.choices, default=PaymentKind.DEPOSIT)
    label = models.CharField(_("description"), max_length=140)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    condition = models.CharField(
        _("falls due"), max_length=20, choices=PaymentCondition.choices, default=PaymentCondition.ON_SIGNATURE
    )
    days_after = models.PositiveIntegerField(
        _("days after the condition"), default=0, help_text=_("The payment term once the condition is met.")
    )
    due_date = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.SCHEDULED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    batch = models.ForeignKey(
        "contracts.PaymentBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["production", "status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.label} — {self.payee.name}"

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class PaymentBatch(models.Model):
    """A SEPA credit transfer file (pain.001.001.03) of approved payments, as it was downloaded."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="payment_batches")
    number = models.PositiveIntegerField()
    message_id = models.CharField(max_length=35, unique=True)
    execution_date = models.DateField(_("execution date"))
    debtor_name = models.CharField(_("account holder"), max_length=70)
    debtor_iban = models.CharField(_("IBAN to pay from"), max_length=34)
    debtor_bic = models.CharField(_("BIC"), max_length=11, blank=True)
    total = models.DecimalField(max_digits=16, decimal_places=2)
    xml = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment file")
        verbose_name_plural = _("payment files")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["production", "number"], name="unique_batch_number")]

    def __str__(self) -> str:
        return self.message_id

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class InvoiceDirection(models.TextChoices):
    INCOMING = "incoming", _("Received (supplier invoice)")
    OUTGOING = "outgoing", _("Sent (our invoice)")


class InvoiceKind(models.TextChoices):
    FEE = "fee", _("Fee")
    COPRODUCTION_SHARE = "coproduction_share", _("Co-production share")
    SETTLEMENT = "settlement", _("Settlement")
    RENTAL = "rental", _("Rental")
    OTHER = "other", _("Other")


class InvoiceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Invoice(models.Model):
    """An invoice received or sent, with VAT; outgoing ones are numbered per production under a lock."""

    audit_exclude = frozenset({"production", "version"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invoices")
    direction = models.CharField(_("direction"), max_length=10, choices=InvoiceDirection.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=InvoiceKind.choices, default=InvoiceKind.FEE)
    number = models.CharField(_("invoice number"), max_length=40)
    contact = models.ForeignKey(
        Contact, verbose_name=_("customer or supplier"), on_delete=models.PROTECT, related_name="invoices"
    )
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), null=True, blank=True, on_delete=models.SET_NULL, related_name="invoices"
    )
    issue_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due on"))
    description = models.CharField(_("description"), max_length=200)
    net_amount = models.DecimalField(_("amount excluding VAT"), max_digits=14, decimal_places=2)
    vat_rate = models.DecimalField(
        _("VAT (%)"), max_digits=5, decimal_places=2, default=Decimal(21), validators=PERCENT
    )
    vat_amount = models.DecimalField(_("VAT"), max_digits=14, decimal_places=2, editable=False)
    total = models.DecimalField(_("total including VAT"), max_digits=14, decimal_places=2, editable=False)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(_("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issue_date", "-pk"]

    def __str__(self) -> str:
        return self.number

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class Settlement(models.Model):
    """The box office of one performance under a door deal and the split it gives (see settlement.py)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="settlements")
    performance_date = models.DateField(_("performance date"))
    tickets_sold = models.PositiveIntegerField(_("tickets sold"), default=0)
    gross_receipts = models.DecimalField(
        _("gross box office (VAT included)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    ticket_vat_rate = models.DecimalField(
        _("VAT on tickets (%)"), max_digits=5, decimal_places=2, default=Decimal(6), validators=PERCENT
    )
    deductible_costs = models.DecimalField(
        _("agreed costs deducted"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    guarantee = models.DecimalField(_("guaranteed fee"), max_digits=14, decimal_places=2, default=Decimal(0))
    percentage = models.DecimalField(_("share of the net door (%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    net_receipts = models.DecimalField(max_digits=14, decimal_places=2, editable=False)
    split_base = models.DecimalField(max_digits=14, decimal_places=2, editable=False)
    percentage_amount = models.DecimalField(max_digits=14, decimal_places=2, editable=False)
    artist_amount = models.DecimalField(max_digits=14, decimal_places=2, editable=False)
    venue_amount = models.DecimalField(max_digits=14, decimal_places=2, editable=False)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="settlement", editable=False
    )
    invoice = models.OneToOneField(
        Invoice, null=True, blank=True, on_delete=models.SET_NULL, related_name="settlement", editable=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-performance_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.performance_date}"

    def audit_organisation(self) -> Organisation:
        return self.contract.production.organisation

    def audit_production(self) -> Production:
        return self.contract.production
