from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "regie.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduling")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "scheduling.item.created": _("Schedule item added"),
                "scheduling.item.changed": _("Schedule item changed"),
                "scheduling.item.moved": _("Schedule item moved"),
                "scheduling.item.cancelled": _("Schedule item cancelled"),
                "scheduling.item.deleted": _("Schedule item deleted"),
                "scheduling.call.changed": _("Call times changed"),
                "scheduling.template.applied": _("Day template applied"),
                "scheduling.template.created": _("Day template made"),
                "scheduling.template.changed": _("Day template changed"),
                "scheduling.template.deleted": _("Day template deleted"),
                "scheduling.place.created": _("Place added"),
                "scheduling.place.changed": _("Place changed"),
                "scheduling.place.archived": _("Place archived"),
                "scheduling.place.restored": _("Place restored"),
                "scheduling.space.created": _("Space added"),
                "scheduling.space.changed": _("Space changed"),
                "scheduling.space.archived": _("Space archived"),
                "scheduling.space.restored": _("Space restored"),
                "scheduling.conflict.accepted": _("Schedule conflict accepted"),
                "scheduling.feed.made": _("Calendar feed address made"),
                "scheduling.feed.revoked": _("Calendar feed address revoked"),
            }
        )
