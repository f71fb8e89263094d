from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionsConfig(AppConfig):
    name = "regie.productions"
    label = "productions"
    verbose_name = _("Productions")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "productions.production.created": _("Production created"),
                "productions.production.changed": _("Production changed"),
                "productions.production.archived": _("Production archived"),
                "productions.production.unarchived": _("Production restored from the archive"),
                "productions.production.duplicated": _("Production duplicated"),
                "productions.member.added": _("Team member added"),
                "productions.member.changed": _("Team member changed"),
                "productions.member.removed": _("Team member removed"),
                "productions.contact.added": _("Key contact added"),
                "productions.contact.changed": _("Key contact changed"),
                "productions.contact.removed": _("Key contact removed"),
            }
        )
