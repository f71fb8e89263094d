from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionsConfig(AppConfig):
    name = "regie.productions"
    label = "productions"
    verbose_name = _("Productions")
