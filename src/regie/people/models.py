from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from regie.accounts.models import Organisation
from regie.people.crypto import EncryptedTextField
from regie.people.functions import Department, Function
from regie.people.validation import display_phone, name_key, normalise_email
from regie.productions.models import WORKING_LANGUAGES, Production
from regie.scheduling.models import RuleSetCode


class ContactKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")
    SUPPLIER = "supplier", _("Supplier")
    VENUE = "venue", _("Venue")
    AUTHORITY = "authority", _("Authority")
    PRESS = "press", _("Press")
    FUNDER = "funder", _("Funder")


class Contact(models.Model):
    """An entry in an organisation's address book: a person or an organisation (company, venue…).

    `email_key` and `name_key` are kept in step with the e-mail address and the name on every
    save, so that duplicate detection is an indexed equality, not a scan of the address book.
    """

    audit_exclude = frozenset({"organisation", "version", "email_key", "name_key", "archived_at"})

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices, default=ContactKind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(
        _("company or organisation"), max_length=200, blank=True, help_text=_("Where the person works, if anywhere.")
    )
    skills = models.JSONField(_("roles and skills"), default=list, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    language = models.CharField(
        _("language for mail and forms"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language Regie writes to this person in (blank: the production's first working language)."),
    )
    nationality = CountryField(_("nationality"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True, default="BE")
    email = models.EmailField(_("e-mail address"), blank=True)
    email_other = models.EmailField(_("other e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    mobile = models.CharField(_("mobile phone"), max_length=20, blank=True)
    phone_private = models.BooleanField(
        _("hide phone numbers from the crew and cast"),
        default=False,
        help_text=_("Only those who manage the engagements see them on crew lists and contact sheets."),
    )
    website = models.URLField(_("website"), blank=True)
    vat_number = models.CharField(_("company or VAT number"), max_length=20, blank=True)
    day_rate = models.DecimalField(_("day rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    hour_rate = models.DecimalField(_("hour rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    notes = models.TextField(_("notes"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    name_key = models.CharField(max_length=200, blank=True, editable=False)
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "archived_at", "name"]),
            models.Index(fields=["organisation", "email_key"]),
            models.Index(fields=["organisation", "name_key"]),
            models.Index(fields=["organisation", "mobile"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email_key = normalise_email(self.email)
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def is_person(self) -> bool:
        return self.kind == ContactKind.PERSON

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def language_labels(self) -> list[str]:
        labels = dict(WORKING_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages]

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone)

    @property
    def mobile_display(self) -> str:
        return display_phone(self.mobile)


FUNCTION_LABELS = dict(Function.choices)
DEPARTMENT_LABELS = dict(Department.choices)


class EngagementType(models.TextChoices):
    EMPLOYEE_FIXED_TERM = "employee_fixed_term", _("Employee, fixed term")
    EMPLOYEE_PER_PERFORMANCE = "employee_per_performance", _("Employee, per performance")
    INTERIM = "interim", _("Temporary worker through an agency")
    VOLUNTEER = "volunteer", _("Volunteer")
    FREELANCE = "freelance", _("Self-employed / freelance")
    KUNSTWERKATTEST = "kunstwerkattest", _("Artist with a kunstwerkattest")
    AKV = "akv", _("Amateur arts allowance (AKV)")
    POSTED = "posted", _("Foreign worker posted to Belgium")


class FeeUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    PERFORMANCE = "performance", _("per performance")
    FLAT = "flat", _("flat fee")


class EngagementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    OPTION = "option", _("Option")
    CONFIRMED = "confirmed", _("Confirmed")
    CONTRACTED = "contracted", _("Contracted")
    CANCELLED = "cancelled", _("Cancelled")


class Engagement(models.Model):
    """A contact working on a production: what as, in which department, under whom, on what terms.

    The contact is RESTRICTed, not PROTECTed: a person with engagements cannot be deleted on their
    own (merge them, or end the engagements first), but deleting the whole organisation, which
    takes the productions and so the engagements with it, still works.
    """

    audit_exclude = frozenset({"production", "version"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="engagements")
    contact = models.ForeignKey(
        Contact, verbose_name=_("person"), on_delete=models.RESTRICT, related_name="engagements"
    )
    function = models.CharField(_("function"), max_length=40, choices=Function.choices, blank=True)
    custom_function = models.CharField(
        _("other function"), max_length=120, blank=True, help_text=_("When the function is not in the list.")
    )
    department = models.CharField(_("department"), max_length=20, choices=Department.choices, blank=True)
    is_department_head = models.BooleanField(_("head of the department"), default=False)
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    engagement_type = models.CharField(
        _("type of engagement"), max_length=30, choices=EngagementType.choices, default=EngagementType.FREELANCE
    )
    fee = models.DecimalField(_("fee or rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_unit = models.CharField(_("unit"), max_length=20, choices=FeeUnit.choices, default=FeeUnit.DAY)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.PROPOSED
    )
    working_time_rules = models.CharField(
        _("working-time rules"),
        max_length=40,
        choices=RuleSetCode.choices,
        blank=True,
        help_text=_("Only when this person falls under other rules than the production (blank: the production's)."),
    )
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["department", "-is_department_head", "pk"]
        indexes = [models.Index(fields=["production", "department"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="engagement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} — {self.function_label}"

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production

    # Looked up in plain dicts: get_FOO_display() hashes every (lazy) choice label on each call,
    # which costs a translation per choice per row, and the chart of a festival has 800 rows.
    @property
    def rule_set_code(self) -> str:
        return self.working_time_rules or self.production.rule_set_code

    @property
    def function_label(self) -> str:
        return self.custom_function or str(FUNCTION_LABELS.get(self.function, self.function))

    @property
    def department_label(self) -> str:
        return str(DEPARTMENT_LABELS.get(self.department, self.department))


class IdDocumentKind(models.TextChoices):
    ID_CARD = "id_card", _("Identity card")
    PASSPORT = "passport", _("Passport")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")


class PersonalData(models.Model):
    """The sensitive details of a person, encrypted at rest and shown only to roles that need them.

    The audit log records which fields were read or changed, never their values. The expiry date
    of the identity document stays in clear: the dashboard warns about it by query.
    """

    SENSITIVE_FIELDS = (
        "national_number",
        "date_of_birth",
        "iban",
        "bic",
        "id_document_number",
        "emergency_contact",
        "dietary_notes",
        "medical_notes",
    )

    audit_exclude = frozenset({"contact", "version"})

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="personal_data")
    national_number = EncryptedTextField(_("national register number"), blank=True)
    # ISO date (YYYY-MM-DD), encrypted like the rest; the form reads and writes it as a date.
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)
    iban = EncryptedTextField(_("IBAN"), blank=True)
    bic = EncryptedTextField(_("BIC"), blank=True)
    id_document_kind = models.CharField(
        _("identity document"), max_length=20, choices=IdDocumentKind.choices, blank=True
    )
    id_document_number = EncryptedTextField(_("document number"), blank=True)
    id_document_expiry = models.DateField(_("document valid until"), null=True, blank=True)
    emergency_contact = EncryptedTextField(
        _("emergency contact"), blank=True, help_text=_("Name, relation and phone number.")
    )
    dietary_notes = EncryptedTextField(_("dietary requirements"), blank=True)
    medical_notes = EncryptedTextField(_("medical notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")

    def __str__(self) -> str:
        return str(self.contact)

    def audit_organisation(self) -> Organisation:
        return self.contact.organisation

    @property
    def birth_date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.date_of_birth) if self.date_of_birth else None

    def filled_fields(self) -> list[str]:
        return [name for name in self.SENSITIVE_FIELDS if getattr(self, name)]


class Unavailability(models.Model):
    """A period in which a contact cannot work (holiday, other engagement…), both dates included."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="unavailabilities")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unavailable period")
        verbose_name_plural = _("unavailable periods")
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["contact", "start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="unavailability_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.start_date} to {self.end_date}"

    def audit_organisation(self) -> Organisation:
        return self.contact.organisation


class DocumentKind(models.TextChoices):
    ID_CARD = "id_card", _("Identity card")
    PASSPORT = "passport", _("Passport")
    # Translators: the EU form proving social security cover for work in another member state
    A1 = "a1", _("A1 certificate")
    WORK_PERMIT = "work_permit", _("Work permit")
    VISA = "visa", _("Visa")
    INSURANCE = "insurance", _("Insurance certificate")
    # Translators: the Belgian artist's work certificate (NL kunstwerkattest, FR attestation du travail des arts)
    KUNSTWERKATTEST = "kunstwerkattest", _("Kunstwerkattest")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    OTHER = "other", _("Other document")


DOCUMENT_KIND_LABELS = dict(DocumentKind.choices)


class PersonalDocument(models.Model):
    """A document a person holds (passport, A1, work permit…), with an optional scan.

    The number is encrypted like the other personal data; the validity dates stay in clear so the
    dashboard can warn about expiries by query. The scan lives in the private storage under a
    random name (`file_name`), encrypted at rest, and is only served through a view that checks
    the permission and logs the read; `original_name` is kept for the download only.
    """

    audit_exclude = frozenset({"contact", "version", "file_name", "original_name", "content_type", "size"})

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=20, choices=DocumentKind.choices)
    number = EncryptedTextField(_("document number"), blank=True)
    issuing_country = CountryField(_("issuing country"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    file_name = models.CharField(max_length=100, blank=True, editable=False)
    original_name = models.CharField(_("file"), max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("personal document")
        verbose_name_plural = _("personal documents")
        ordering = ["kind", "valid_until", "pk"]
        indexes = [models.Index(fields=["contact", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="document_valid_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.kind_label}"

    def audit_organisation(self) -> Organisation:
        return self.contact.organisation

    @property
    def kind_label(self) -> str:
        return str(DOCUMENT_KIND_LABELS.get(self.kind, self.kind))

    @property
    def has_file(self) -> bool:
        return bool(self.file_name)


class OnboardingLink(models.Model):
    """A one-time link that lets an engaged person fill in their own details without an account.

    Only the SHA-256 of the token is stored (as for invitations). A person has at most one usable
    link: sending a new one revokes the others. The link stays usable after the person submitted,
    until it expires, so they can correct a mistake; `completed_at` records the first submission.
    """

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="onboarding_links")
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="onboarding_links")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("onboarding link")
        verbose_name_plural = _("onboarding links")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["production", "contact", "created"])]

    def __str__(self) -> str:
        return f"{self.contact} ({self.email})"

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """One of OnboardingStatus, for the crew list."""
        if self.revoked_at:
            return OnboardingStatus.REVOKED
        if self.completed_at:
            return OnboardingStatus.COMPLETED
        if self.is_expired:
            return OnboardingStatus.EXPIRED
        if self.opened_at:
            return OnboardingStatus.OPENED
        return OnboardingStatus.SENT

    @property
    def status_label(self) -> str:
        return str(dict(OnboardingStatus.choices)[self.status])


class OnboardingStatus(models.TextChoices):
    # Translators: state of the self-service onboarding link on the crew list
    SENT = "sent", _("link sent")
    # Translators: state of the self-service onboarding link on the crew list
    OPENED = "opened", _("link opened")
    # Translators: state of the self-service onboarding link on the crew list
    COMPLETED = "completed", _("details filled in")
    # Translators: state of the self-service onboarding link on the crew list
    EXPIRED = "expired", _("link expired")
    # Translators: state of the self-service onboarding link on the crew list
    REVOKED = "revoked", _("link revoked")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    CHECKING = "checking", _("checking the rows")
    WRITING = "writing", _("adding the contacts")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ContactImport(models.Model):
    """A confirmed import of a large file, done by the background worker with visible progress.

    The rows wait here (not in the session) until the worker checks them again (the address book
    may have changed since the preview) and adds them all in one transaction, or none. They are
    dropped once the import has finished.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contact_imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=200)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    mapping = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.filename

    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        # Checking is most of the work; writing the last tenth.
        return min(90, int(90 * self.checked / self.total)) if self.total else 0
