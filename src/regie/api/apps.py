from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "regie.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "api.token.created": _("API token created"),
                "api.token.revoked": _("API token revoked"),
            }
        )
