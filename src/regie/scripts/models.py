"""Scripts imported into a production, their scenes and the breakdown of those scenes."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Organisation
from regie.people.models import Engagement
from regie.productions.models import Production
from regie.screenplay import format_eighths


class Category(models.TextChoices):
    """Breakdown categories, in the order of a breakdown sheet."""

    # Translators: the actors with a part in a scene (NL cast, FR distribution/comédiens)
    CAST = "cast", pgettext_lazy("breakdown", "Cast")
    # Translators: figuration (NL figuranten, FR figurants)
    BACKGROUND = "background", pgettext_lazy("breakdown", "Background/extras")
    STUNTS = "stunts", pgettext_lazy("breakdown", "Stunts")
    VEHICLES = "vehicles", pgettext_lazy("breakdown", "Vehicles")
    # Translators: objects handled in a scene (NL rekwisieten, FR accessoires)
    PROPS = "props", pgettext_lazy("breakdown", "Props")
    SPECIAL_EFFECTS = "special_effects", pgettext_lazy("breakdown", "Special effects")
    COSTUMES = "costumes", pgettext_lazy("breakdown", "Costumes")
    MAKEUP_HAIR = "makeup_hair", pgettext_lazy("breakdown", "Makeup/hair")
    ANIMALS = "animals", pgettext_lazy("breakdown", "Animals")
    # Translators: furnishing of a set (NL set dressing/aankleding, FR décoration/ensemblier)
    SET_DRESSING = "set_dressing", pgettext_lazy("breakdown", "Set dressing")
    SPECIAL_EQUIPMENT = "special_equipment", pgettext_lazy("breakdown", "Special equipment")
    SOUND = "sound", pgettext_lazy("breakdown", "Sound")
    MUSIC = "music", pgettext_lazy("breakdown", "Music")
    NOTES = "notes", pgettext_lazy("breakdown", "Notes")


# Times of day shot at night (or as night), in the languages scripts come in.
NIGHT_WORDS = ("NIGHT", "NUIT", "NACHT", "EVENING", "DUSK", "SOIR", "AVOND")


class ScriptImport(models.Model):
    """One script file read into a production, with what it changed in the scenes."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="script_imports")
    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created = models.DateTimeField(_("imported at"), auto_now_add=True)
    summary = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("script import")
        verbose_name_plural = _("script imports")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class Scene(models.Model):
    """A scene of the production's script.

    `key` stays the same across imports of revised scripts, so that the breakdown and schedule
    hold on to the scene; `number` is the script's own number when `numbered`, else its position.
    Scenes that vanish from a revised script are marked `removed`, never deleted.
    """

    audit_exclude = frozenset({"production", "key", "order"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scenes")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    number = models.CharField(_("scene number"), max_length=20)
    numbered = models.BooleanField(_("numbered in the script"), default=False)
    heading = models.CharField(_("scene heading"), max_length=300)
    # Translators: INT./EXT. of a scene heading (NL BIN/BUI, FR INT/EXT)
    int_ext = models.CharField(pgettext_lazy("scene", "I/E"), max_length=20, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    time_of_day = models.CharField(_("time of day"), max_length=50, blank=True)
    eighths = models.PositiveIntegerField(_("length in eighths of a page"), default=0)
    synopsis = models.TextField(_("synopsis"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    removed = models.BooleanField(_("removed from the script"), default=False)
    elements: models.ManyToManyField[BreakdownElement, SceneElement] = models.ManyToManyField(
        "BreakdownElement", through="SceneElement", related_name="scenes", verbose_name=_("elements")
    )

    class Meta:
        verbose_name = _("scene")
        verbose_name_plural = _("scenes")
        ordering = ["removed", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["production", "key"], name="unique_scene_key")]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"

    @property
    def length(self) -> str:
        return format_eighths(self.eighths)

    @property
    def is_exterior(self) -> bool:
        return self.int_ext.upper().startswith("EXT")

    @property
    def is_night(self) -> bool:
        time = self.time_of_day.upper()
        return any(word in time for word in NIGHT_WORDS)

    @property
    def location_key(self) -> str:
        """What makes two scenes one set: INT/EXT and location, in capitals."""
        return f"{self.int_ext.upper()} {' '.join(self.location.upper().split())}".strip()

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class BreakdownElement(models.Model):
    """Something a scene needs, shared across the production's scenes; cast may link to an engagement."""

    audit_exclude = frozenset({"production"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="breakdown_elements")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(_("name"), max_length=200)
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("played by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="breakdown_elements",
    )

    class Meta:
        verbose_name = _("breakdown element")
        verbose_name_plural = _("breakdown elements")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "category", "name"], name="unique_breakdown_element")
        ]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class SceneElement(models.Model):
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="scene_elements")
    element = models.ForeignKey(BreakdownElement, on_delete=models.CASCADE, related_name="scene_elements")

    class Meta:
        verbose_name = _("element of a scene")
        verbose_name_plural = _("elements of scenes")
        constraints = [models.UniqueConstraint(fields=["scene", "element"], name="unique_scene_element")]

    def __str__(self) -> str:
        return f"{self.scene}: {self.element}"


def weekend() -> list[int]:
    """Saturday and Sunday, as Python weekdays (Monday is 0)."""
    return [5, 6]


def default_call_time() -> datetime.time:
    return datetime.time(7, 0)


def default_wrap_time() -> datetime.time:
    return datetime.time(18, 0)


class Board(models.Model):
    """A stripboard: one ordering of the scenes into shooting days. A production may keep several.

    At most one board of a production `drives_schedule`: its days become shooting days (and travel
    days) in the production's schedule, dated from `start_date` skipping the weekdays in
    `days_off` (Python weekdays, Monday 0) and the dates in `dates_off` (ISO dates).
    """

    audit_exclude = frozenset({"production", "version"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="boards")
    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drives_schedule = models.BooleanField(_("makes the shooting days of the schedule"), default=False)
    start_date = models.DateField(_("first shooting day"), null=True, blank=True)
    days_off = models.JSONField(_("weekdays off"), default=weekend, blank=True)
    dates_off = models.JSONField(_("dates off"), default=list, blank=True)
    # Translators: the time the crew and cast are called on a shooting day (NL oproep, FR convocation)
    call_time = models.TimeField(pgettext_lazy("schedule", "call time"), default=default_call_time)
    wrap_time = models.TimeField(_("wrap"), default=default_wrap_time)

    class Meta:
        verbose_name = _("stripboard")
        verbose_name_plural = _("stripboards")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production


class StripKind(models.TextChoices):
    SCENE = "scene", _("Scene")
    # Translators: a strip on a stripboard that ends a shooting day (NL dageinde, FR fin de journée)
    DAY_BREAK = "day_break", _("End of day")
    # Translators: a strip with a free text on a stripboard (NL banner, FR bandeau)
    BANNER = "banner", _("Banner")
    # Translators: a day on which the unit moves to another location, without shooting
    TRAVEL = "travel", _("Travel day")


class Strip(models.Model):
    """A strip on a board: a scene, the end of a shooting day, or a banner with a text."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="strips")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=StripKind.choices, default=StripKind.SCENE)
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, null=True, blank=True, related_name="strips")
    text = models.CharField(_("text"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("strip")
        verbose_name_plural = _("strips")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="scene", scene__isnull=False) | ~models.Q(kind="scene"),
                name="scene_strip_has_scene",
            )
        ]

    def __str__(self) -> str:
        return str(self.scene) if self.scene_id else self.text or self.get_kind_display()

    @property
    def colour(self) -> str:
        """A CSS class from INT/EXT and DAY/NIGHT: strip-int-day, strip-ext-night, strip-other."""
        if self.scene is None:
            return f"strip-{self.kind.replace('_', '-')}"
        int_ext = self.scene.int_ext.upper()
        side = "ext" if int_ext.startswith("EXT") else "int" if int_ext.startswith(("INT", "I/E")) else "other"
        return f"strip-{side}-{'night' if self.scene.is_night else 'day'}"


class ShootingDay(models.Model):
    """A day of the board that drives the schedule, and the schedule item standing for it.

    `number` counts the board's days (shooting and travel) from 1. The schedule item belongs to the
    scheduling app; deleting it there deletes this row, and the next change of the board makes it again.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="shooting_days")
    number = models.PositiveIntegerField(_("day"))
    date = models.DateField(_("date"))
    travel = models.BooleanField(_("travel day"), default=False)
    item = models.OneToOneField(
        "scheduling.ScheduleItem",
        on_delete=models.CASCADE,
        related_name="shooting_day",
        verbose_name=_("schedule item"),
    )

    class Meta:
        verbose_name = _("shooting day")
        verbose_name_plural = _("shooting days")
        ordering = ["board", "number"]
        constraints = [models.UniqueConstraint(fields=["board", "number"], name="unique_shooting_day_number")]

    def __str__(self) -> str:
        return f"{self.board}: {self.number}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class OptimisationRun(models.Model):
    """One run of the schedule optimiser on a board, in the background; its proposal is applied as a new board.

    `board_version` is the version of the board the run read: the proposal is for that board.
    `options` holds what the person asked (time limit, keep days, location blocks...), `result`
    the proposed order of scene ids, the days, and the costs before and after.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="optimisations")
    board_version = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    options = models.JSONField(default=dict)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    applied_board = models.ForeignKey(Board, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("optimiser run")
        verbose_name_plural = _("optimiser runs")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.board}: {self.get_status_display()}"

    def audit_organisation(self) -> Organisation:
        return self.board.production.organisation

    def audit_production(self) -> Production:
        return self.board.production
