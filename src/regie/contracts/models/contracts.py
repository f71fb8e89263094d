"""Contract templates, contracts, the documents sent and how they were accepted."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.people.models import Contact, Engagement, FeeUnit
from regie.productions.models import Production

LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LANGUAGE_CODES = ("nl", "fr", "en")


class ContractKind(models.TextChoices):
    EMPLOYMENT_FIXED_TERM = "employment_fixed_term", _("Employment contract, fixed term")
    EMPLOYMENT_PER_PERFORMANCE = "employment_per_performance", _("Employment contract, per performance")
    FREELANCE = "freelance", _("Freelance / service agreement")
    VOLUNTEER = "volunteer", _("Volunteer agreement")
    ARTIST = "artist", _("Artist contract (kunstwerkattest or amateur arts allowance)")
    COPRODUCTION = "coproduction", _("Co-production agreement")
    PRESENTING = "presenting", _("Presenting / venue contract")
    LOCATION = "location", _("Location agreement")
    EQUIPMENT_RENTAL = "equipment_rental", _("Equipment rental")
    RIGHTS_CESSION = "rights_cession", _("Cession of intellectual property rights")
    PORTRAIT_RELEASE = "portrait_release", _("Portrait-rights release")


EMPLOYMENT_KINDS = frozenset({ContractKind.EMPLOYMENT_FIXED_TERM, ContractKind.EMPLOYMENT_PER_PERFORMANCE})


class ContractTemplate(models.Model):
    """A contract model in one language: clauses (some optional) with merge fields, or a Word file.

    Shipped templates (`organisation` empty) are loaded from `contracts/shipped/` by a data
    migration; organisations add their own. `clauses` is a list of
    {"key", "title", "body", "optional", "default_on"}.
    """

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="contract_templates"
    )
    code = models.CharField(max_length=60, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40, choices=ContractKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    name = models.CharField(_("name"), max_length=200)
    clauses = models.JSONField(default=list, blank=True)
    docx = models.BinaryField(null=True, blank=True, editable=False)
    docx_name = models.CharField(max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contract template")
        verbose_name_plural = _("contract templates")
        ordering = ["kind", "language", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "language"],
                condition=models.Q(organisation__isnull=True),
                name="unique_shipped_template",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language.upper()})"

    @property
    def is_word(self) -> bool:
        return bool(self.docx_name)

    def audit_organisation(self) -> Organisation | None:
        return self.organisation


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    # Translators: a contract whose terms are being discussed (NL in onderhandeling, FR en négociation)
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class OurRole(models.TextChoices):
    """Our side of a presenting contract; the settlement of a door deal follows it."""

    PRESENTER = "presenter", _("We present the performance (venue or organiser)")
    PRESENTED = "presented", _("We are presented (our company performs)")


# The statuses in which a contract commits money against the budget.
COMMITTING = frozenset({ContractStatus.SENT, ContractStatus.NEGOTIATING, ContractStatus.SIGNED})
EDITABLE = frozenset({ContractStatus.DRAFT, ContractStatus.SENT, ContractStatus.NEGOTIATING})


class Contract(models.Model):
    """An agreement of the production with a person (through an engagement) or a supplier.

    `revision` counts the versions sent: editing a sent contract makes the next revision, and the
    documents of the earlier ones stay, their links then saying they were replaced.
    """

    audit_exclude = frozenset({"production", "version", "created_by", "number", "revision"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="contracts")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=40, choices=ContractKind.choices)
    template = models.ForeignKey(
        ContractTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="contracts"
    )
    language = models.CharField(_("language of the contract"), max_length=2, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    counterparty = models.ForeignKey(
        Contact, verbose_name=_("other party"), on_delete=models.PROTECT, related_name="contracts"
    )
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    subject = models.TextField(
        _("subject"), blank=True, help_text=_("What the other party does or provides: the function, the work.")
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    work_dates = models.JSONField(_("working or performance days"), default=list, blank=True)
    schedule = models.TextField(_("schedule"), blank=True)
    venue = models.CharField(_("place or venue"), max_length=200, blank=True)
    fee = models.DecimalField(
        _("fee or rate"), max_digits=12, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    fee_unit = models.CharField(_("unit"), max_length=20, choices=FeeUnit.choices, default=FeeUnit.FLAT)
    total_amount = models.DecimalField(
        _("total amount"), max_digits=14, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    guarantee = models.DecimalField(
        _("guaranteed fee"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    door_percentage = models.DecimalField(
        _("share of the door (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    our_role = models.CharField(
        _("our side of the deal"),
        max_length=10,
        choices=OurRole.choices,
        blank=True,
        help_text=_("Presenting contracts: whether we present the show or are presented. Settlements follow it."),
    )
    travel_allowance = models.DecimalField(
        _("travel costs per day"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Amateur arts allowance: the proven travel costs paid per day, on top of the allowance."),
    )
    akv_days_elsewhere = models.PositiveSmallIntegerField(
        _("allowance days with other principals this year"),
        default=0,
        help_text=_(
            "Amateur arts allowance: the days the artist declares with other principals this calendar year. "
            "The 30 days a year count for all principals together."
        ),
    )
    rights_media = models.CharField(_("media"), max_length=300, blank=True)
    rights_territory = models.CharField(_("territory"), max_length=200, blank=True)
    rights_duration = models.CharField(_("duration of the rights"), max_length=200, blank=True)
    clauses = models.JSONField(_("clauses"), default=list, blank=True)
    dimona_reference = models.CharField(
        _("Dimona reference"), max_length=40, blank=True, help_text=_("The number of the employment declaration.")
    )
    status = models.CharField(_("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    signed_at = models.DateTimeField(_("signed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-number"]
        indexes = [models.Index(fields=["production", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="unique_contract_number"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="contract_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.counterparty.name}"

    @property
    def reference(self) -> str:
        return f"C{self.number:04d}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def dates(self) -> list[datetime.date]:
        return sorted(datetime.date.fromisoformat(d) for d in self.work_dates)

    @property
    def company_and_presenter(self) -> tuple[str, str]:
        """Presenting contracts: the names of the company that performs and of the presenter
        (we are the company unless the contract records that we present)."""
        ours, theirs = self.production.organisation.name, self.counterparty.name
        return (theirs, ours) if self.our_role == OurRole.PRESENTER else (ours, theirs)

    def first_working_day(self) -> datetime.date | None:
        dates = self.dates()
        return dates[0] if dates else self.start_date

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class DocumentSource(models.TextChoices):
    GENERATED = "generated", _("Generated by Regie")
    SCAN = "scan", _("Signed copy uploaded")


class ContractDocument(models.Model):
    """The exact bytes of one revision of a contract as sent (or as signed on paper and scanned).

    Kept in the database, never on a public path: they are shown only through scoped views and
    the acceptance link. `sha256` is of these bytes, so an acceptance proves what was accepted.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    revision = models.PositiveIntegerField()
    source = models.CharField(max_length=12, choices=DocumentSource.choices, default=DocumentSource.GENERATED)
    language = models.CharField(max_length=2, choices=LANGUAGES)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    terms = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")
        ordering = ["-revision", "-pk"]

    def __str__(self) -> str:
        return self.filename

    def audit_organisation(self) -> Organisation:
        return self.contract.production.organisation

    def audit_production(self) -> Production:
        return self.contract.production


class AcceptanceLink(models.Model):
    """A link mailed to the other party. Only the SHA-256 of its token is stored."""

    document = models.ForeignKey(ContractDocument, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    expires_at = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance link")
        verbose_name_plural = _("acceptance links")

    def __str__(self) -> str:
        return self.email

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class AcceptanceMethod(models.TextChoices):
    LINK = "link", _("Accepted through the link")
    SCAN = "scan", _("Signed on paper, copy uploaded")


class Acceptance(models.Model):
    """Proof of agreement: who typed which name, when, from where, and the hash of the document."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="acceptances")
    document = models.ForeignKey(ContractDocument, on_delete=models.PROTECT, related_name="acceptances")
    method = models.CharField(max_length=10, choices=AcceptanceMethod.choices)
    name = models.CharField(_("name"), max_length=200)
    accepted_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["-accepted_at"]

    def __str__(self) -> str:
        return f"{self.name} {self.accepted_at:%Y-%m-%d %H:%M}"


class NoteKind(models.TextChoices):
    NOTE = "note", _("Note")
    COUNTER_PROPOSAL = "counter_proposal", _("Counter-proposal")


class ContractNote(models.Model):
    """The negotiation thread: notes of the team and counter-proposals of the other party."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=NoteKind.choices, default=NoteKind.NOTE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    revision = models.PositiveIntegerField(default=1)
    text = models.TextField(_("text"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contract note")
        verbose_name_plural = _("contract notes")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ContractLine(models.Model):
    """The part of a contract's amount committed against one budget line (by the line's key)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="budget_lines")
    line_key = models.UUIDField()
    label = models.CharField(max_length=250)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        verbose_name = _("budget line of a contract")
        verbose_name_plural = _("budget lines of contracts")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "line_key"], name="unique_contract_line")]

    def __str__(self) -> str:
        return self.label


class AllowanceCode(models.TextChoices):
    AKV_DAILY_AMOUNT = "akv_daily_amount", _("Amateur arts allowance: maximum per day and principal")
    AKV_DAYS_PER_YEAR = "akv_days_per_year", _("Amateur arts allowance: maximum days per calendar year")
    AKV_CONSECUTIVE_DAYS = "akv_consecutive_days", _("Amateur arts allowance: maximum consecutive days per principal")
    AKV_YEARLY_AMOUNT = "akv_yearly_amount", _("Amateur arts allowance: maximum per calendar year")
    AKV_TRAVEL_DAILY = "akv_travel_daily", _("Amateur arts allowance: travel costs per day")
    AKV_SOLIDARITY_THRESHOLD = (
        "akv_solidarity_threshold",
        _("Amateur arts allowance: yearly total of a principal above which the solidarity contribution is due"),
    )
    AKV_SOLIDARITY_RATE = "akv_solidarity_rate", _("Amateur arts allowance: solidarity contribution (%)")
    AKV_REPORT_DAYS = (
        "akv_report_days",
        _("Amateur arts allowance: daily allowances a year above which the principal reports to the Commission"),
    )
    FOREIGN_ARTIST_WITHHOLDING = "foreign_artist_withholding", _("Withholding tax on non-resident artists (%)")


class AllowanceSetting(models.Model):
    """A dated legal figure: the value that holds from `valid_from` until the next one.

    An empty value means "no limit" from that date on (the yearly cap of the KVR fell with the AKV).
    """

    code = models.CharField(_("setting"), max_length=40, choices=AllowanceCode.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    source_url = models.URLField(_("source"), max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("dated legal figure")
        verbose_name_plural = _("dated legal figures")
        ordering = ["code", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="unique_allowance_setting_date")]

    def __str__(self) -> str:
        return f"{self.code} {self.value} ({self.valid_from})"
