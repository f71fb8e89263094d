"""Call sheets (screen) and run sheets / draaiboeken (stage and events).

A sheet is drawn up from one day of a production's schedule and then edited on its own rows:
the schedule stays the schedule, the sheet is what is told to people. Publishing freezes the
sheet into a numbered `SheetVersion` (a JSON snapshot of exactly what was sent), and each
recipient of that version gets a personal link whose token is stored only as a hash.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from regie.accounts.models import Organisation
    from regie.productions.models import Production


class SheetKind(models.TextChoices):
    # Translators: the daily sheet of a shoot (NL callsheet / dagplanning, FR feuille de service)
    CALL_SHEET = "call_sheet", pgettext_lazy("callsheet", "Call sheet")
    # Translators: the minute-by-minute sheet of a stage or event day (NL draaiboek, FR conduite)
    RUN_SHEET = "run_sheet", pgettext_lazy("callsheet", "Run sheet")


class CallSheet(models.Model):
    """The sheet of one production day. `version` is the optimistic lock of the editable sheet;
    `issued` counts the published versions (assigned under a row lock on this row).

    `source` is what the schedule said when the sheet was drawn up or last updated from it (see
    comparison.py): the sheet is compared with the schedule against it, so that a change made in the
    schedule since is told apart from a change the manager made on the sheet. A sheet drawn up
    before it was kept has none and is not compared.
    """

    audit_exclude = frozenset({"production", "version", "issued", "source"})

    production = models.ForeignKey("productions.Production", on_delete=models.CASCADE, related_name="call_sheets")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=SheetKind.choices, default=SheetKind.CALL_SHEET)
    title = models.CharField(_("title"), max_length=200, blank=True)
    day_number = models.PositiveIntegerField(_("day"), null=True, blank=True)
    day_count = models.PositiveIntegerField(_("of days"), null=True, blank=True)
    # Translators: the time the whole crew is called on a call sheet (NL algemene call, FR convocation générale)
    general_call = models.TimeField(pgettext_lazy("callsheet", "general call"), null=True, blank=True)
    weather = models.CharField(_("weather"), max_length=300, blank=True)
    catering = models.TextField(pgettext_lazy("callsheet", "catering"), blank=True)
    safety = models.TextField(_("safety notes"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    department_notes = models.JSONField(_("notes per department"), default=dict, blank=True)
    source = models.JSONField(null=True, blank=True, editable=False)
    issued = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("callsheet", "call sheet")
        verbose_name_plural = pgettext_lazy("callsheet", "call sheets")
        ordering = ["-date", "pk"]
        constraints = [models.UniqueConstraint(fields=["production", "date"], name="unique_call_sheet_per_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.production.timezone)

    def at(self, time: datetime.time) -> datetime.datetime:
        """The aware moment of a wall-clock `time` on the sheet's day in the production's time zone.

        zoneinfo resolves the hour that does not exist when clocks go forward (02:30 on the last
        Sunday of March in Brussels) by the offset before the change (fold=0), which lands on
        03:30 CEST once normalised through UTC; the hour that repeats in October gets its first
        occurrence.
        """
        local = datetime.datetime.combine(self.date, time, tzinfo=self.tz)
        return local.astimezone(datetime.UTC).astimezone(self.tz)


class SheetLocation(models.Model):
    """A place of the day as it is printed on the sheet: copied from the schedule's place, then edited."""

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="locations")
    place = models.ForeignKey("scheduling.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    parking = models.TextField(_("parking"), blank=True)
    access = models.TextField(_("access"), blank=True)
    nearest_hospital = models.TextField(_("nearest hospital"), blank=True)
    emergency_numbers = models.CharField(_("emergency numbers"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class SheetCall(models.Model):
    """A call on the sheet: one engaged person or a whole department, with times of the sheet's day."""

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="calls")
    engagement = models.ForeignKey(
        "people.Engagement", null=True, blank=True, on_delete=models.CASCADE, related_name="sheet_calls"
    )
    department = models.CharField(_("department"), max_length=20, blank=True)
    call_at = models.DateTimeField(pgettext_lazy("schedule", "call time"), null=True, blank=True)
    wrap_at = models.DateTimeField(_("wrap"), null=True, blank=True)
    pickup_at = models.DateTimeField(_("pick-up time"), null=True, blank=True)
    pickup_place = models.CharField(_("pick-up place"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("schedule", "call")
        verbose_name_plural = pgettext_lazy("schedule", "calls")
        ordering = ["call_at", "department", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(engagement__isnull=False) & models.Q(department=""))
                | (models.Q(engagement__isnull=True) & ~models.Q(department="")),
                name="sheet_call_person_xor_department",
            ),
        ]

    def __str__(self) -> str:
        return str(self.engagement) if self.engagement_id else self.department


class RunningOrderRow(models.Model):
    """A line of the day's running order: a scene of a shoot, or a cue of a stage or event day.

    `from_item` is the id of the schedule item the line was drawn from (blank for a line written
    by hand). A plain number, not a foreign key: when the item is deleted the sheet must still
    know which line it was, to say so and take the line off.
    """

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="rows")
    from_item = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    scene = models.ForeignKey("scripts.Scene", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Translators: what happens on a line of a run sheet (NL cue / wat, FR top / quoi)
    what = models.CharField(pgettext_lazy("runsheet", "cue / what"), max_length=300)
    who = models.CharField(_("who"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("running order line")
        verbose_name_plural = _("running order")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.what


class SheetVersion(models.Model):
    """A published version: the immutable JSON snapshot of what was sent (see snapshots.py)."""

    sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    changes = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["sheet", "number"], name="unique_sheet_version_number")]

    def __str__(self) -> str:
        return f"{self.sheet} v{self.number}"


class Recipient(models.Model):
    """Someone a version is sent to, with what happened to their mail and their personal link.

    `sees_private` is decided when the version is published (a manager on the production sees
    every phone number); the personal page shows the snapshot filtered by it.
    """

    version = models.ForeignKey(SheetVersion, on_delete=models.CASCADE, related_name="recipients")
    engagement = models.ForeignKey(
        "people.Engagement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    sees_private = models.BooleanField(default=False)
    # The link's token is an HMAC of `link_key` under SECRET_KEY, recomputed when the mail is
    # (re)sent; only its SHA-256 is looked up, so the database alone cannot produce a link.
    link_key = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    send_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["version", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_pending(self) -> bool:
        return self.queued_at is not None and self.sent_at is None and self.failed_at is None
