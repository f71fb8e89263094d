from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from regie.accounts.models import Organisation
    from regie.productions.models import Production


class RuleSetCode(models.TextChoices):
    """The working-time regimes Regie knows; their limits are dated settings (WorkingTimeRule)."""

    PC304_ARTISTIC_TECHNICAL = "pc304_artistic_technical", _("PC 304 performing arts, artistic and technical staff")
    PSC30301_FILM = "psc30301_film", _("PSC 303.01 feature-film production")
    GENERAL_LAW = "general_law", _("General labour law")


class RuleParameter(models.TextChoices):
    """One limit of a rule set; the conflict engine reads them into a RuleSet."""

    MAX_DAY_HOURS = "max_day_hours", _("Maximum hours on a working day")
    MAX_DAY_HOURS_PEAK = "max_day_hours_peak", _("Maximum hours on a dress rehearsal or performance day")
    MIN_REST_HOURS = "min_rest_hours", _("Minimum rest between two working days, in hours")
    MAX_CONSECUTIVE_DAYS = "max_consecutive_days", _("Maximum consecutive working days")
    MAX_WEEK_HOURS = "max_week_hours", _("Maximum hours in a week")
    MAX_WEEK_HOURS_PEAK = (
        "max_week_hours_peak",
        _("Maximum hours in a week with dress rehearsals, performances or touring"),
    )


class WorkingTimeRule(models.Model):
    """A dated working-time limit: the value holds from `valid_from` until a later row replaces it."""

    rule_set = models.CharField(_("rule set"), max_length=40, choices=RuleSetCode.choices)
    parameter = models.CharField(_("parameter"), max_length=40, choices=RuleParameter.choices)
    value = models.DecimalField(_("value"), max_digits=6, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    source_url = models.URLField(_("source"), max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("working-time rule")
        verbose_name_plural = _("working-time rules")
        ordering = ["rule_set", "parameter", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "parameter", "valid_from"], name="unique_working_time_rule_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_set_display()}: {self.get_parameter_display()} {self.value} ({self.valid_from})"


# ---------------------------------------------------------------------------------------------
# The schedule: places and spaces, items, calls, day templates, accepted conflicts.
# ---------------------------------------------------------------------------------------------


class ItemKind(models.TextChoices):
    """What a schedule item is. The values "dress_rehearsal", "performance" and "travel" are the
    ones the conflict engine treats as peak days or weeks (conflicts.PEAK_DAY_KINDS)."""

    REHEARSAL = "rehearsal", _("Rehearsal")
    BUILD = "build", pgettext_lazy("schedule", "Build")
    LOAD_IN = "load_in", pgettext_lazy("schedule", "Load-in")
    TECHNICAL_REHEARSAL = "technical_rehearsal", _("Technical rehearsal")
    DRESS_REHEARSAL = "dress_rehearsal", _("Dress rehearsal")
    PERFORMANCE = "performance", _("Performance")
    LOAD_OUT = "load_out", pgettext_lazy("schedule", "Load-out")
    SHOOTING_DAY = "shooting_day", _("Shooting day")
    TRAVEL = "travel", _("Travel")
    MEETING = "meeting", _("Meeting")
    FITTING = "fitting", _("Fitting")
    AUDITION = "audition", _("Audition")
    PRESS = "press", _("Press moment")
    POST_PRODUCTION = "post_production", _("Post-production session")
    DAY_OFF = "day_off", _("Day off")
    OTHER = "other", _("Other")


# A day off is on the schedule but is not work: it books nobody and nothing.
NON_WORKING_KINDS = frozenset({ItemKind.DAY_OFF.value})


class ItemStatus(models.TextChoices):
    TENTATIVE = "tentative", _("Tentative")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class Place(models.Model):
    """A venue or a shooting location of an organisation, with what a call sheet needs to get people there.

    Latitude and longitude feed sunrise and sunset on call sheets; the time zone is the place's own
    (a tour abroad), defaulting to the production's when blank.
    """

    audit_exclude = frozenset({"organisation"})

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("name"), max_length=200)
    contact = models.ForeignKey(
        "people.Contact",
        verbose_name=_("contact in the address book"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    parking = models.TextField(_("parking"), blank=True)
    access = models.TextField(_("access"), blank=True, help_text=_("Entrance, stage door, loading dock, codes."))
    nearest_hospital = models.TextField(_("nearest hospital"), blank=True)
    emergency_numbers = models.CharField(_("emergency numbers"), max_length=200, blank=True, default="112")
    notes = models.TextField(_("notes"), blank=True)
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part)


class SpaceKind(models.TextChoices):
    REHEARSAL_ROOM = "rehearsal_room", _("Rehearsal room")
    STAGE = "stage", _("Stage")
    STUDIO = "studio", _("Studio")
    OFFICE = "office", _("Office or meeting room")
    VEHICLE = "vehicle", _("Vehicle")
    EQUIPMENT = "equipment", _("Key equipment")
    OTHER = "other", _("Other")


class Space(models.Model):
    """A bookable resource of the organisation: a room or stage (inside a place), a vehicle, key equipment.

    Booked by schedule items across all the organisation's productions: two overlapping items that
    book the same space are a conflict.
    """

    audit_exclude = frozenset({"organisation"})

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="spaces")
    place = models.ForeignKey(
        Place, verbose_name=_("place"), null=True, blank=True, on_delete=models.SET_NULL, related_name="spaces"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind.choices, default=SpaceKind.REHEARSAL_ROOM)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)

    class Meta:
        verbose_name = _("space or resource")
        verbose_name_plural = _("spaces and resources")
        ordering = ["place__name", "name"]

    def __str__(self) -> str:
        return f"{self.place.name} — {self.name}" if self.place is not None else self.name

    def audit_organisation(self) -> Organisation:
        return self.organisation


class ScheduleItem(models.Model):
    """One entry of a production's schedule. Times are aware and stored in UTC; shown in the
    production's time zone (or the place's, when it has its own). `version` is the optimistic lock."""

    audit_exclude = frozenset({"production", "version"})

    production = models.ForeignKey("productions.Production", on_delete=models.CASCADE, related_name="schedule_items")
    kind = models.CharField(_("kind"), max_length=30, choices=ItemKind.choices, default=ItemKind.REHEARSAL)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    place = models.ForeignKey(
        Place, verbose_name=_("place"), null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    spaces = models.ManyToManyField(Space, verbose_name=_("spaces and resources"), blank=True, related_name="items")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.CONFIRMED)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["production", "starts_at"]), models.Index(fields=["starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="item_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production

    @property
    def tz(self) -> ZoneInfo:
        """The production's time zone, in which the item is planned and shown."""
        return ZoneInfo(self.production.timezone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.tz)

    @property
    def is_cancelled(self) -> bool:
        return self.status == ItemStatus.CANCELLED


class Call(models.Model):
    """Who is called for an item: one engaged person, or a whole department, with their own times.

    `call_at`/`wrap_at` default to the item's start and end when blank. A department call calls
    every engagement of that department on the production. A pick-up is set where transport is
    arranged.
    """

    audit_exclude = frozenset({"item"})

    item = models.ForeignKey(ScheduleItem, on_delete=models.CASCADE, related_name="calls")
    engagement = models.ForeignKey(
        "people.Engagement",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calls",
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
        ordering = ["call_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(engagement__isnull=False) & models.Q(department=""))
                | (models.Q(engagement__isnull=True) & ~models.Q(department="")),
                name="call_person_xor_department",
            ),
            models.UniqueConstraint(
                fields=["item", "engagement"], condition=models.Q(engagement__isnull=False), name="unique_person_call"
            ),
            models.UniqueConstraint(
                fields=["item", "department"], condition=~models.Q(department=""), name="unique_department_call"
            ),
        ]

    def __str__(self) -> str:
        return str(self.engagement) if self.engagement_id else self.department_label

    @property
    def department_label(self) -> str:
        from regie.people.functions import Department

        return str(dict(Department.choices).get(self.department, self.department))

    def audit_organisation(self) -> Organisation:
        return self.item.production.organisation

    def audit_production(self) -> Production:
        return self.item.production


class DayTemplate(models.Model):
    """A default day (a performance day: load-in, sound check, dinner, doors, show, load-out) that
    can be laid onto many dates at once. Owned by the organisation so every production can use it."""

    audit_exclude = frozenset({"organisation"})

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="day_templates")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("day template")
        verbose_name_plural = _("day templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self) -> Organisation:
        return self.organisation


class TemplateEntry(models.Model):
    """One item of a day template, by local wall-clock time. An entry may run past midnight
    (`duration` is what counts); laid onto a date it becomes aware datetimes in the production's
    time zone, so a template used across a DST change keeps its local times."""

    template = models.ForeignKey(DayTemplate, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=30, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    start_time = models.TimeField(_("starts at"))
    duration = models.DurationField(_("duration"))
    departments = models.JSONField(_("departments called"), default=list, blank=True)

    class Meta:
        verbose_name = _("template entry")
        verbose_name_plural = _("template entries")
        ordering = ["start_time", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())


class ConflictAcceptance(models.Model):
    """A conflict the production manager has accepted, with the reason. `fingerprint` identifies the
    conflict (kind, resource, items, day) so the acceptance holds while that conflict is unchanged and
    lapses when the schedule changes it."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="conflict_acceptances"
    )
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="conflict_acceptances"
    )
    fingerprint = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=40)
    summary = models.CharField(_("conflict"), max_length=300)
    reason = models.TextField(_("reason"))
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(_("accepted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("accepted conflict")
        verbose_name_plural = _("accepted conflicts")
        ordering = ["-accepted_at"]
        constraints = [models.UniqueConstraint(fields=["production", "fingerprint"], name="unique_conflict_acceptance")]

    def __str__(self) -> str:
        return self.summary


class CalendarFeed(models.Model):
    """A secret iCalendar address: a person's own calls across all productions (`production` blank),
    or one production's schedule as a member sees it.

    Only the SHA-256 of the token is stored; the address is shown once, when it is made. Making a
    new one replaces the hash, which revokes the old address. A production feed answers only while
    its owner may still see that production's schedule.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    production = models.ForeignKey(
        "productions.Production", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("made on"), auto_now=True)
    last_used = models.DateTimeField(_("last read"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(production__isnull=True), name="one_personal_feed_per_user"
            ),
            models.UniqueConstraint(
                fields=["user", "production"],
                condition=models.Q(production__isnull=False),
                name="one_production_feed_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.production or _('my calls')}"
