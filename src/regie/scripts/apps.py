from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScriptsConfig(AppConfig):
    name = "regie.scripts"
    label = "scripts"
    verbose_name = _("Scripts and breakdown")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "scripts.script.imported": _("Script imported"),
                "scripts.element.added": _("Breakdown element added"),
                "scripts.element.removed": _("Breakdown element removed"),
                "scripts.element.changed": _("Breakdown element changed"),
                "scripts.board.created": _("Stripboard created"),
                "scripts.board.changed": _("Stripboard changed"),
                "scripts.board.reordered": _("Stripboard reordered"),
                "scripts.board.days_scheduled": _("Shooting days updated from the stripboard"),
                "scripts.board.dates_set": _("Dates of the stripboard set"),
                "scripts.board.optimisation_started": _("Optimiser started on the stripboard"),
                "scripts.board.optimised": _("Stripboard made by the optimiser"),
                "scripts.board.imported": _("Stripboard imported"),
            }
        )
