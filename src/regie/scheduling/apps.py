from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "regie.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduling")
