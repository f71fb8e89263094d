from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Organisation
from regie.productions.models import Production, ProductionMembership

PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
GLOBAL_NAME = RegexValidator(
    r"^[A-Z][A-Z0-9_]*$",
    _("Use capital letters, digits and underscores, starting with a letter, for example SHOOT_DAYS."),
)


class Status(models.TextChoices):
    # Translators: a budget version that is still being drawn up (NL raming, FR devis/estimation)
    ESTIMATE = "estimate", pgettext_lazy("budget status", "Estimate")
    APPROVED = "approved", pgettext_lazy("budget status", "Approved")
    LOCKED = "locked", pgettext_lazy("budget status", "Locked")


class Unit(models.TextChoices):
    HOUR = "hour", _("hour")
    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    FLAT = "flat", _("flat")
    PERFORMANCE = "performance", _("performance")
    KM = "km", _("km")
    PIECE = "piece", _("piece")
    PERSON = "person", _("person")
    NIGHT = "night", _("night")


class LinePhase(models.TextChoices):
    PRE_PRODUCTION = "pre_production", _("Pre-production")
    # Translators: the phase of a production (shooting or rehearsing/performing), NL productie, FR production
    PRODUCTION = "production", pgettext_lazy("phase", "Production")
    POST_PRODUCTION = "post_production", _("Post-production")


class FringeBasis(models.TextChoices):
    PERCENT = "percent", _("percentage of the line")
    PER_UNIT = "per_unit", _("amount per unit")
    PER_LINE = "per_line", _("amount per line")


class DefaultFringe(models.TextChoices):
    """The Belgian fringes Regie knows; their rates are dated settings (FringeDefault)."""

    EMPLOYER_SS = "employer_ss", _("Employer social security (employees)")
    ARTIST_SS = "artist_ss", _("Employer social security (artists and blue-collar, on 108 %)")
    HOLIDAY_PAY = "holiday_pay", _("Holiday pay contribution (artists and blue-collar)")
    PC304_RISK = "pc304_risk", _("PC 304 risk-group contribution")
    AKV_SOLIDARITY = "akv_solidarity", _("Amateur arts allowance solidarity contribution")


class FringeDefault(models.Model):
    """A dated rate of a Belgian fringe: the value that holds from `valid_from` until the next one."""

    code = models.CharField(_("fringe"), max_length=30, choices=DefaultFringe.choices)
    basis = models.CharField(_("basis"), max_length=10, choices=FringeBasis.choices, default=FringeBasis.PERCENT)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    valid_from = models.DateField(_("valid from"))
    source_url = models.URLField(_("source"), max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("fringe rate")
        verbose_name_plural = _("fringe rates")
        ordering = ["code", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="unique_fringe_default_date")]

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.value} ({self.valid_from})"


class Budget(models.Model):
    """The one budget of a production; its content lives in numbered versions."""

    production = models.OneToOneField(Production, on_delete=models.CASCADE, related_name="budget")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return str(self.production)

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class BudgetVersion(models.Model):
    audit_exclude = frozenset({"budget", "number", "version", "created_by", "copied_from", "locked_at"})

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="versions")
    # Assigned under a row lock on the budget (services.next_number): v1, v2…
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ESTIMATE)
    currency = models.CharField(_("currency"), max_length=3)
    exchange_rates = models.JSONField(
        _("exchange rates"),
        default=dict,
        blank=True,
        help_text=_("Units of the budget's currency for one unit of each other currency."),
    )
    contingency_percent = models.DecimalField(
        _("contingency (%)"), max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT_VALIDATORS
    )
    overhead_percent = models.DecimalField(
        _("overhead / production fee (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT_VALIDATORS,
    )
    insurance_percent = models.DecimalField(
        _("insurance (%)"), max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT_VALIDATORS
    )
    vat_percent = models.DecimalField(
        _("VAT (%)"), max_digits=5, decimal_places=2, default=Decimal(21), validators=PERCENT_VALIDATORS
    )
    vat_recoverable = models.BooleanField(
        _("VAT is recoverable"),
        default=True,
        help_text=_("Recoverable VAT is no cost to the production and is not added to the total."),
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("locked on"), null=True, blank=True)
    # The grand total as last computed by the services (for lists and the dashboard); the sheet
    # itself is always computed afresh.
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=2, default=Decimal(0), editable=False)
    # Optimistic locking for the version's settings, and the budget-wide change counter.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        ordering = ["budget", "-number"]
        constraints = [models.UniqueConstraint(fields=["budget", "number"], name="unique_budget_version_number")]

    def __str__(self) -> str:
        label = f"v{self.number}"
        return f"{label} {self.name}" if self.name else label

    @property
    def is_locked(self) -> bool:
        return self.status == Status.LOCKED

    def rates(self) -> dict[str, Decimal]:
        return {code: Decimal(str(rate)) for code, rate in self.exchange_rates.items()}

    def audit_organisation(self) -> Organisation:
        return self.budget.production.organisation

    def audit_production(self) -> Production:
        return self.budget.production


class _InVersion(models.Model):
    """A row that belongs to one budget version: its history goes to the version's production."""

    audit_exclude = frozenset({"budget_version", "position", "version", "category", "account"})

    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def audit_organisation(self) -> Organisation:
        return self.budget_version.budget.production.organisation

    def audit_production(self) -> Production:
        return self.budget_version.budget.production


class Category(_InVersion):
    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Account(_InVersion):
    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="accounts")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="accounts")
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        # Translators: a budget account (NL post/rekening, FR poste/compte)
        verbose_name = pgettext_lazy("budget", "account")
        verbose_name_plural = pgettext_lazy("budget", "accounts")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Global(_InVersion):
    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="globals")
    name = models.CharField(_("name"), max_length=40, validators=[GLOBAL_NAME])
    expression = models.CharField(
        _("value"), max_length=200, help_text=_("A number or a formula with other globals, for example WEEKS * 5.")
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        # Translators: a named value used in budget quantities (SHOOT_DAYS…), as in budgeting software
        verbose_name = pgettext_lazy("budget", "global")
        verbose_name_plural = pgettext_lazy("budget", "globals")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["budget_version", "name"], name="unique_global_name")]

    def __str__(self) -> str:
        return self.name


class Fringe(_InVersion):
    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="fringes")
    name = models.CharField(_("name"), max_length=120)
    basis = models.CharField(_("basis"), max_length=10, choices=FringeBasis.choices, default=FringeBasis.PERCENT)
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10) ** 7)],
    )
    default = models.CharField(_("Belgian default"), max_length=30, choices=DefaultFringe.choices, blank=True)

    class Meta:
        # Translators: a cost added on top of a wage line (NL sociale lasten, FR charges sociales)
        verbose_name = pgettext_lazy("budget", "fringe")
        verbose_name_plural = pgettext_lazy("budget", "fringes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Line(_InVersion):
    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=200)
    quantity = models.CharField(
        _("quantity"), max_length=200, default="1", help_text=_("A number or a formula with globals.")
    )
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices, default=Unit.FLAT)
    multiplier = models.CharField(pgettext_lazy("budget", "multiplier"), max_length=200, default="1")
    rate = models.DecimalField(_("rate"), max_digits=16, decimal_places=4, default=Decimal(0))
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("Empty for the budget's own currency.")
    )
    fringes = models.ManyToManyField(Fringe, verbose_name=pgettext_lazy("budget", "fringes"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=LinePhase.choices, default=LinePhase.PRODUCTION)
    notes = models.TextField(_("notes"), blank=True)
    person = models.ForeignKey(
        ProductionMembership,
        verbose_name=_("person engaged"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    supplier = models.CharField(_("supplier"), max_length=150, blank=True)
    # Stable across the versions of a budget (a copy keeps it): purchase orders, contracts and
    # costs are coded to the line's key, so they follow the line from v1 to the final cost report.
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    # Optimistic locking: two people editing the same line never overwrite each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description


class BudgetTemplate(models.Model):
    """A chart of accounts an organisation made from one of its budgets, to start the next ones."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="budget_templates")
    name = models.CharField(_("name"), max_length=150)
    structure = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budget template")
        verbose_name_plural = _("budget templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self) -> Organisation:
        return self.organisation


# Income and financing


class FinancingKind(models.TextChoices):
    SUBSIDY = "subsidy", _("Subsidy")
    COPRODUCTION = "coproduction", _("Co-production share")
    SPONSORSHIP_CASH = "sponsorship_cash", _("Sponsorship in cash")
    SPONSORSHIP_IN_KIND = "sponsorship_in_kind", _("Sponsorship in kind")
    PRESALE = "presale", _("Pre-sale")
    BOX_OFFICE = "box_office", _("Box office")
    FEES = "fees", _("Fees")
    # Translators: the Belgian tax incentive for audiovisual and performing arts works
    TAX_SHELTER = "tax_shelter", _("Tax Shelter")
    OWN_FUNDS = "own_funds", _("Own funds")
    OTHER = "other", _("Other")


class FinancingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    RECEIVED = "received", _("Received")


class FinancingSource(models.Model):
    """One source of income of a production's budget: a subsidy, a share, a sponsor, ticket sales…

    Granted and received sources are secured; refused ones count for nothing (see financing.py)."""

    audit_exclude = frozenset({"budget", "version"})

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="financing_sources")
    kind = models.CharField(_("kind"), max_length=20, choices=FinancingKind.choices, default=FinancingKind.SUBSIDY)
    funder = models.CharField(_("funder"), max_length=200)
    contact = models.ForeignKey(
        "people.Contact",
        verbose_name=_("contact in the address book"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="financing_sources",
    )
    amount_requested = models.DecimalField(
        _("amount requested"), max_digits=16, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    amount_secured = models.DecimalField(
        _("amount granted or secured"),
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("Empty for the budget's own currency.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FinancingStatus.choices, default=FinancingStatus.PLANNED
    )
    conditions = models.TextField(_("conditions"), blank=True)
    reporting_deadline = models.DateField(_("reporting deadline"), null=True, blank=True)
    # Optimistic locking: two people editing the same source never overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("financing source")
        verbose_name_plural = _("financing sources")
        ordering = ["kind", "funder", "pk"]

    def __str__(self) -> str:
        return self.funder

    def audit_organisation(self) -> Organisation:
        return self.budget.production.organisation

    def audit_production(self) -> Production:
        return self.budget.production


# Cost control lives in its own module; importing it here registers its models with the app.
from regie.budgets.cost_models import (  # noqa: E402
    Cost,
    CostAllocation,
    CostKind,
    EstimateToComplete,
    OrderStatus,
    PaymentStatus,
    PurchaseOrder,
)

__all__ = [
    "Cost",
    "CostAllocation",
    "CostKind",
    "EstimateToComplete",
    "OrderStatus",
    "PaymentStatus",
    "PurchaseOrder",
]
