from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsheetsConfig(AppConfig):
    name = "regie.callsheets"
    label = "callsheets"
    verbose_name = _("Call sheets and run sheets")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "callsheets.sheet.generated": _("Call sheet drawn up from the schedule"),
                "callsheets.sheet.changed": _("Call sheet changed"),
                "callsheets.sheet.updated_from_schedule": _("Call sheet updated from the schedule"),
                "callsheets.sheet.published": _("Call sheet published"),
                "callsheets.sheet.resent": _("Call sheet sent again to those who did not confirm"),
            }
        )
