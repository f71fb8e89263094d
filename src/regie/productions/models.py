from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Organisation
from regie.accounts.roles import Role
from regie.scheduling.models import RuleSetCode


class Kind(models.TextChoices):
    THEATRE = "theatre", _("Theatre")
    DANCE = "dance", _("Dance")
    MUSIC_THEATRE = "music_theatre", _("Music theatre")
    OPERA = "opera", _("Opera")
    CONCERT = "concert", _("Concert")
    FESTIVAL = "festival", _("Festival")
    EVENT = "event", _("Event")
    FEATURE_FILM = "feature_film", _("Feature film")
    SHORT_FILM = "short_film", _("Short film")
    DOCUMENTARY = "documentary", _("Documentary")
    SERIES = "series", _("Series")
    TV_PROGRAMME = "tv_programme", _("TV programme")
    COMMERCIAL = "commercial", _("Commercial")
    CORPORATE_VIDEO = "corporate_video", _("Corporate video")


SCREEN_KINDS = frozenset(
    {
        Kind.FEATURE_FILM,
        Kind.SHORT_FILM,
        Kind.DOCUMENTARY,
        Kind.SERIES,
        Kind.TV_PROGRAMME,
        Kind.COMMERCIAL,
        Kind.CORPORATE_VIDEO,
    }
)


class Phase(models.TextChoices):
    DEVELOPMENT = "development", _("Development")
    PRE_PRODUCTION = "pre_production", _("Pre-production")
    # Translators: the phase of a production (shooting or rehearsing/performing), NL productie, FR production
    PRODUCTION = "production", pgettext_lazy("phase", "Production")
    POST_PRODUCTION = "post_production", _("Post-production")
    TOURING = "touring", _("Touring")
    CLOSED = "closed", _("Closed")


WORKING_LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
]


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Production(models.Model):
    audit_exclude = frozenset({"organisation", "version", "created_by", "duplicated_from"})

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="productions")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices, default=Phase.DEVELOPMENT)
    client = models.CharField(
        _("client or commissioner"),
        max_length=200,
        blank=True,
        help_text=_("The broadcaster, venue, festival, agency or company the production is made for."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_timezone]
    )
    working_time_rules = models.CharField(
        _("working-time rules"),
        max_length=40,
        choices=RuleSetCode.choices,
        blank=True,
        help_text=_(
            "The joint committee whose limits the schedule is checked against. "
            "Blank: PSC 303.01 for screen productions, PC 304 for the others."
        ),
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    concept = models.TextField(
        _("concept"), blank=True, help_text=_("The idea of the production as you explain it to the team.")
    )
    description = models.TextField(
        _("public description"), blank=True, help_text=_("The text for the client, the press and the audience.")
    )
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    duplicated_from = models.ForeignKey(
        "self", verbose_name=_("duplicated from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: bumped on every save through the services.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("production")
        verbose_name_plural = _("productions")
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["organisation", "archived_at", "phase"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="production_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def audit_organisation(self) -> Organisation:
        return self.organisation

    def audit_production(self) -> Production:
        return self

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_screen(self) -> bool:
        return self.kind in SCREEN_KINDS

    @property
    def rule_set_code(self) -> str:
        """The working-time rule set that applies to the production's schedule."""
        if self.working_time_rules:
            return self.working_time_rules
        return RuleSetCode.PSC30301_FILM if self.is_screen else RuleSetCode.PC304_ARTISTIC_TECHNICAL

    def today(self) -> datetime.date:
        """Today's date where the production is, not where the server is."""
        return timezone.now().astimezone(zoneinfo.ZoneInfo(self.timezone)).date()

    def countdown(self) -> tuple[str, int] | None:
        """("to_start", n), ("to_end", n) or ("ended", n) days, from the production's today."""
        today = self.today()
        if self.start_date and today < self.start_date:
            return "to_start", (self.start_date - today).days
        if self.end_date and today <= self.end_date:
            return "to_end", (self.end_date - today).days
        if self.end_date:
            return "ended", (today - self.end_date).days
        return None

    def working_language_labels(self) -> list[str]:
        labels = dict(WORKING_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.working_languages]


class ProductionMembership(models.Model):
    audit_exclude = frozenset({"production", "user"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="production_memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    job_title = models.CharField(
        _("function"), max_length=120, blank=True, help_text=_("For example: stage manager, gaffer, 1st AD.")
    )
    department = models.CharField(_("department"), max_length=80, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team")
        constraints = [models.UniqueConstraint(fields=["production", "user"], name="unique_production_member")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class KeyContact(models.Model):
    """A person outside the team the production deals with: client, venue, press, funder.

    The shared address book (a later issue) will let these point at its entries.
    """

    audit_exclude = frozenset({"production", "position"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="key_contacts")
    label = models.CharField(
        _("role for the production"), max_length=100, help_text=_("For example: client, venue, press.")
    )
    name = models.CharField(_("name"), max_length=150)
    company = models.CharField(_("company or organisation"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("key contact")
        verbose_name_plural = _("key contacts")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.label})"

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production
