from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
