from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "regie.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from regie.core.audit import register_action_labels

        register_action_labels(
            {
                "accounts.organisation.created": _("Organisation created"),
                "accounts.organisation.changed": _("Organisation changed"),
                "accounts.user.changed": _("Profile changed"),
                "accounts.member.added": _("Member added"),
                "accounts.member.changed": _("Member changed"),
                "accounts.member.removed": _("Member removed"),
                "accounts.invitation.sent": _("Invitation sent"),
                "accounts.invitation.resent": _("Invitation sent again"),
                "accounts.invitation.revoked": _("Invitation revoked"),
                "accounts.invitation.accepted": _("Invitation accepted"),
            }
        )
